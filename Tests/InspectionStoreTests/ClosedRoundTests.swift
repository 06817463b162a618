import Foundation
import InspectionCore
import InspectionStore
import Testing

/// What a closed round counted stays as it was when later work changes the defects.
@Suite struct ClosedRoundTests {
    @Test func aRecordedFailureStaysWithTheContractorWhoHadTheDefectThen() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101", "LK-01", room: "主卫")  // 防水甲 by trade
        try world.passAllAndClose()
        try world.openRound()
        try world.recheck(code, passed: false)
        try world.passAllAndClose()
        try world.reassign(code, to: "防水乙")
        let board = try world.store.board(round: 2, today: world.today)
        let first = try #require(world.contractors["防水甲"]?.id), second = try #require(world.contractors["防水乙"]?.id)
        #expect(board.tables.byContractor[first]?.failedRechecks == 1)
        #expect(board.tables.byContractor[second]?.failedRechecks == 0)
        // The next round's re-check, not yet recorded, is the new contractor's.
        try world.openRound()
        try world.recheck(code, passed: false)
        let round3 = try world.store.board(round: 3, today: world.today)
        #expect(round3.tables.byContractor[second]?.failedRechecks == 1)
    }

    @Test func aClosedRoundsReportKeepsItsPendingRechecksWhenOneIsWaivedLater() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101", "LK-01", room: "主卫")
        try world.passAllAndClose()
        try world.openRound()
        for unit in try world.store.units() { try world.write { _ = try $0.passRemaining(unit: unit.code) } }
        try world.closeRound(partial: true)  // the re-check is left pending
        let before = try world.store.roundFacts(2).rechecks
        #expect(before == RecheckOutcomes(carried: 1, passed: 0, failed: 0, waived: 0, pending: 1))
        try world.waive(code)
        #expect(try world.store.roundFacts(2).rechecks == before)
    }

    @Test func theProjectIsReadyForDeliveryOnlyAfterThreeRounds() throws {
        let world = try World()
        for round in 1...3 {
            try world.openRound()
            try world.passAllAndClose()
            let board = try world.store.board(round: nil, today: world.today)
            // No defect anywhere; each unit counts once it has had three rounds.
            #expect(board.readiness.blockingUnits == [])
            #expect(board.readiness.ready == (round == 3 ? 2 : 0))
            #expect(board.readiness.meetsTarget == (round == 3))
            #expect(board.readiness.readyForDelivery(roundsClosed: round) == (round == 3))
        }
    }
}
