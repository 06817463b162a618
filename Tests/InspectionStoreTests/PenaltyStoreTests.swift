import Foundation
import InspectionCore
import InspectionStore
import Testing

@Suite struct PenaltyStoreTests {
    /// LK-01 in 1-1-0101's 主卫, found in round 1 and assigned by trade to 防水甲; it fails in
    /// round 2 after a claim, is handed to 防水乙, fails in rounds 3 (after a claim) and 4 (with
    /// none), is handed back to 防水甲 and passes in round 5.
    @Test func aReassignedDefectCountsOnlyTheFailuresOfEachContractor() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101", "LK-01", room: "主卫")
        try world.passAllAndClose()

        try world.openRound()
        try world.rectify(code)
        try world.recheck(code, passed: false)
        #expect(try world.penalties(round: nil) == [:])
        try world.passAllAndClose()

        try world.reassign(code, to: "防水乙")
        try world.openRound()
        try world.rectify(code)
        try world.recheck(code, passed: false)
        // Two failures in all, one with each contractor: neither is counted.
        #expect(try world.penalties(round: nil) == [:])
        #expect(try world.store.defect(code: code).summary.failedRechecks == 2)
        #expect(try world.store.defect(code: code).summary.flagRound == nil)
        try world.passAllAndClose()

        try world.openRound()
        try world.recheck(code, passed: false)
        #expect(try world.penalties(round: 4) == ["防水乙": 1])
        #expect(try world.penalties(round: 3) == [:])
        #expect(try world.store.penalties(round: 4) == [
            ContractorPenalties(contractor: "防水乙", count: 1, defects: [code], afterClaim: 1, withoutClaim: 1),
            ContractorPenalties(contractor: "门企", count: 0, defects: []),
            ContractorPenalties(contractor: "瓷砖分包", count: 0, defects: []),
            ContractorPenalties(contractor: "防水甲", count: 0, defects: []),
        ])
        let flagged = try world.store.defect(code: code)
        #expect(flagged.defect.flags == [PenaltyFlag(round: 4, contractor: world.contractors["防水乙"]?.id, afterClaim: 1, withoutClaim: 1)])
        #expect(flagged.summary.flagRound == 4)
        #expect(flagged.summary.failedRechecks == 3)
        try world.passAllAndClose()

        // Handing it back afterwards does not move the flag, and 防水甲 starts afresh.
        try world.reassign(code, to: "防水甲")
        try world.openRound()
        try world.rectify(code)
        try world.recheck(code, passed: true)
        #expect(try world.status(code) == .closed)
        #expect(try world.penalties(round: nil) == ["防水乙": 1])
        #expect(try world.penalties(round: 5) == [:])
        #expect(try world.store.defect(code: code).summary.flagRound == 4)
        #expect(try world.store.defect(code: code).summary.contractor == "防水甲")
    }

    @Test func thirdFailureDoesNotFlagAgain() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101")
        try world.passAllAndClose()
        for _ in 0..<3 {
            try world.openRound()
            try world.recheck(code, passed: false)
            try world.passAllAndClose()
        }
        #expect(try world.store.defect(code: code).summary.failedRechecks == 3)
        #expect(try world.store.defect(code: code).summary.flagRound == 3)
        #expect(try world.penalties(round: nil) == ["门企": 1])
        #expect(try world.penalties(round: 4) == [:])
    }

    @Test func penaltiesCountPerRoundAndCumulatively() throws {
        let world = try World()
        try world.openRound()
        let door = try world.addDefect("1-1-0101", "DW-01")
        let tile = try world.addDefect("1-1-0102", "HL-01", room: "厨房")
        let leak = try world.addDefect("1-1-0102", "LK-01", room: "公卫")
        let unassigned = try world.addDefect("1-1-0101", "HL-01", room: "厨房", contractor: .none)
        try world.passAllAndClose()
        try world.openRound()
        for code in [door, tile, leak, unassigned] { try world.recheck(code, passed: false) }
        try world.passAllAndClose()
        try world.openRound()
        try world.recheck(door, passed: false)
        try world.recheck(unassigned, passed: false)
        try world.recheck(tile, passed: true)
        try world.recheck(leak, passed: false)
        try world.passAllAndClose()
        try world.openRound()
        #expect(try world.penalties(round: 2) == [:])
        #expect(try world.penalties(round: 3) == ["门企": 1, "防水甲": 1, PenaltyRules.unassigned: 1])
        #expect(try world.penalties(round: nil) == ["门企": 1, "防水甲": 1, PenaltyRules.unassigned: 1])
        let board = try world.store.board(round: 3, today: world.today)
        #expect(board.tables.total.failedRechecks == 3)
        #expect(board.penaltiesInRound.filter { $0.count > 0 }.map(\.contractor).sorted()
            == [PenaltyRules.unassigned, "门企", "防水甲"].sorted())
    }

    @Test func changingTheThresholdRecountsFlags() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101", "LK-01", room: "主卫")
        try world.passAllAndClose()
        for _ in 0..<2 {
            try world.openRound()
            try world.recheck(code, passed: false)
            try world.passAllAndClose()
        }
        try world.reassign(code, to: "防水乙")
        try world.openRound()
        try world.rectify(code)
        try world.recheck(code, passed: false)
        #expect(try world.penalties(round: nil) == ["防水甲": 1])

        try world.write(as: "组长") { try $0.changeSettings(penaltyThreshold: 3, readinessTarget: nil, delivery: nil) }
        #expect(try world.penalties(round: nil) == [:])
        #expect(try world.store.defect(code: code).summary.flagRound == nil)

        try world.write(as: "组长") { try $0.changeSettings(penaltyThreshold: 1, readinessTarget: nil, delivery: nil) }
        #expect(try world.penalties(round: nil) == ["防水甲": 1, "防水乙": 1])
        #expect(try world.penalties(round: 2) == ["防水甲": 1])
        #expect(try world.penalties(round: 4) == ["防水乙": 1])
        #expect(try world.store.defect(code: code).defect.flags == [
            PenaltyFlag(round: 2, contractor: world.contractors["防水甲"]?.id, afterClaim: 0, withoutClaim: 2),
            PenaltyFlag(round: 4, contractor: world.contractors["防水乙"]?.id, afterClaim: 1, withoutClaim: 0),
        ])
        #expect(try world.store.project()?.settings.penaltyThreshold == 1)

        let before = try world.eventCount()
        #expect(throws: InspectionError.invalidValue("the penalty threshold is a number of failed re-checks from 1 to 10, not 11")) {
            try world.write(as: "组长") { try $0.changeSettings(penaltyThreshold: 11, readinessTarget: nil, delivery: nil) }
        }
        #expect(try world.eventCount() == before)
    }
}
