import Foundation
import InspectionCore
import InspectionStore
import Testing

@Suite struct RoundStoreTests {
    @Test func roundsOpenInOrderOnlyAfterThePreviousCloses() throws {
        let world = try World()
        #expect(try world.openRound().number == 1)
        let before = try world.eventCount()
        #expect(throws: InspectionError.roundAlreadyOpen(1)) { try world.openRound() }
        #expect(try world.eventCount() == before)
        try world.passAllAndClose()
        #expect(throws: InspectionError.wrongRoundNumber(requested: 3, next: 2)) {
            try world.write { try $0.openRound(date: Fixture.day("2025-09-01"), number: 3) }
        }
        #expect(try world.openRound().number == 2)
        #expect(try world.store.rounds().map(\.number) == [1, 2])
        #expect(try world.store.rounds().map(\.isOpen) == [false, true])
    }

    @Test func roundCannotOpenBeforeThePreviousClosed() throws {
        let world = try World()
        try world.openRound()
        let closed = try world.passAllAndClose()
        #expect(throws: InspectionError.invalidValue("round 2 cannot open on \(closed.closed!.adding(days: -1)), before round 1 closed (\(closed.closed!))")) {
            try world.write { try $0.openRound(date: closed.closed!.adding(days: -1)) }
        }
    }

    @Test func roundTwoRechecksExactlyRoundOnesOpenAndRectifiedDefects() throws {
        let world = try World()
        try world.openRound()
        let open = try world.addDefect("1-1-0101", "DW-01")
        let rectified = try world.addDefect("1-1-0101", "HL-01", room: "厨房")
        let waived = try world.addDefect("1-1-0102", "LK-01", room: "主卫")
        let openToo = try world.addDefect("1-1-0102", "DW-01")
        try world.rectify(rectified)
        try world.waive(waived)
        try world.passAllAndClose()

        let opening = try world.openRound()
        #expect(opening.number == 2)
        #expect(opening.rechecks == 3)
        #expect(opening.units == 2)
        #expect(try world.recheckList("1-1-0101", round: 2) == [open, rectified])
        #expect(try world.recheckList("1-1-0102", round: 2) == [openToo])
        #expect(try world.store.progress(round: 2)[world.unit("1-1-0101").id]
            == UnitProgress(applicable: 6, recorded: 0, rechecks: 2, rechecksDone: 0))
    }

    @Test func roundThreeRechecksRoundsOneAndTwoStillOpen() throws {
        let world = try World()
        try world.openRound()
        let passes = try world.addDefect("1-1-0101", "DW-01")
        let fails = try world.addDefect("1-1-0101", "HL-01", room: "厨房")
        let waivedLater = try world.addDefect("1-1-0102", "DW-01")
        try world.passAllAndClose()

        try world.openRound()
        try world.recheck(passes, passed: true)
        try world.recheck(fails, passed: false)
        try world.waive(waivedLater)
        let roundTwo = try world.addDefect("1-1-0102", "HL-01", room: "公卫")
        #expect(try world.recheckList("1-1-0102", round: 2) == [waivedLater])
        try world.passAllAndClose()

        let opening = try world.openRound()
        #expect(opening.rechecks == 2)
        #expect(try world.recheckList("1-1-0101", round: 3) == [fails])
        #expect(try world.recheckList("1-1-0102", round: 3) == [roundTwo])
        #expect(try world.status(passes) == .closed)
        #expect(try world.status(waivedLater) == .waived)
    }

    @Test func defectIsNeverRecheckedInTheRoundItWasFound() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101")
        let before = try world.eventCount()
        #expect(throws: InspectionError.recheckInSameRound(code: code, round: 1)) { try world.recheck(code, passed: true) }
        try world.passAllAndClose()
        try world.openRound()
        let found = try world.addDefect("1-1-0102")
        #expect(throws: InspectionError.recheckInSameRound(code: found, round: 2)) { try world.recheck(found, passed: false) }
        #expect(try world.eventCount() == before + 4 + 1)  // pass ×2, close, open; then the new finding
    }

    @Test func oneRecheckPerDefectPerRound() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101")
        try world.passAllAndClose()
        try world.openRound()
        try world.recheck(code, passed: false)
        let before = try world.eventCount()
        #expect(throws: InspectionError.alreadyRechecked(code: code, round: 2)) { try world.recheck(code, passed: false) }
        #expect(try world.eventCount() == before)
        #expect(try world.store.defect(code: code).defect.failedRechecks == 1)
    }

    @Test func recheckBetweenRoundsIsRefused() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101")
        try world.passAllAndClose()
        #expect(throws: InspectionError.noOpenRound) { try world.recheck(code, passed: true) }
        // Rectification between rounds is allowed: it is the contractor's work.
        try world.rectify(code)
        #expect(try world.status(code) == .rectified)
    }

    @Test func closeIsRefusedWhileAUnitHasUnrecordedItems() throws {
        let world = try World()
        try world.openRound()
        try world.write { _ = try $0.passRemaining(unit: "1-1-0101") }
        try world.write { _ = try $0.recordItem(unit: "1-1-0102", item: "DW-01", room: nil, outcome: .pass) }
        let before = try world.eventCount()
        #expect(throws: InspectionError.roundIncomplete(RoundBlockers(round: 1, units: ["1-1-0102"], rechecks: []))) {
            try world.closeRound()
        }
        #expect(try world.eventCount() == before)
        #expect(try world.store.rounds().last?.isOpen == true)
        #expect(try world.write { try $0.blockers() } == RoundBlockers(round: 1, units: ["1-1-0102"], rechecks: []))
    }

    @Test func closeIsRefusedWhileRechecksAreUnrecorded() throws {
        let world = try World()
        try world.openRound()
        let a = try world.addDefect("1-1-0101")
        let b = try world.addDefect("1-1-0102")
        try world.passAllAndClose()
        try world.openRound()
        try world.recheck(a, passed: true)
        for unit in ["1-1-0101", "1-1-0102"] { try world.write { _ = try $0.passRemaining(unit: unit) } }
        #expect(throws: InspectionError.roundIncomplete(RoundBlockers(round: 2, units: [], rechecks: [b]))) {
            try world.closeRound()
        }
        // A waived defect needs no re-check.
        try world.waive(b)
        let closed = try world.closeRound()
        #expect(closed.partial == false)
        #expect(closed.unreachedUnits == [])
        #expect(closed.pendingRechecks == [])
    }

    @Test func partialCloseRecordsUnreachedUnitsAndPendingRechecks() throws {
        let world = try World(units: ["1-1-0101", "1-1-0102", "1-1-0201"])
        try world.openRound()
        let pending = try world.addDefect("1-1-0101")
        let done = try world.addDefect("1-1-0201")
        try world.passAllAndClose()
        try world.openRound()
        try world.recheck(done, passed: false)
        try world.write { _ = try $0.passRemaining(unit: "1-1-0101") }
        try world.write { _ = try $0.passRemaining(unit: "1-1-0201") }
        try world.write { _ = try $0.recordItem(unit: "1-1-0102", item: "DW-01", room: nil, outcome: .pass) }

        let round = try world.closeRound(partial: true)
        #expect(round.number == 2)
        #expect(round.partial)
        #expect(round.closed == world.today)
        #expect(try round.unreachedUnits == [world.unit("1-1-0102").id])
        #expect(try round.pendingRechecks == [world.store.defect(code: pending).defect.id])
        #expect(try world.store.rounds().last == round)
        guard case .roundClosed(let event)? = try world.store.events().last?.body else {
            Issue.record("the last event is not round.closed")
            return
        }
        #expect(event == RoundClosed(number: 2, date: world.today, partial: true, unreachedUnits: round.unreachedUnits,
                                     pendingRechecks: round.pendingRechecks, deadline: world.today.adding(days: 7),
                                     blockingUnits: [try world.unit("1-1-0101").id, try world.unit("1-1-0201").id]))

        // What a partial close left is not lost: round 3 re-checks it.
        try world.openRound()
        #expect(try world.recheckList("1-1-0101", round: 3) == [pending])
        #expect(try world.recheckList("1-1-0201", round: 3) == [done])
    }

    @Test func partialCloseWithNothingMissingIsAnOrdinaryClose() throws {
        let world = try World()
        try world.openRound()
        for unit in ["1-1-0101", "1-1-0102"] { try world.write { _ = try $0.passRemaining(unit: unit) } }
        let round = try world.closeRound(partial: true)
        #expect(!round.partial)
        #expect(round.unreachedUnits == [])
    }

    @Test func closingWithoutAnOpenRoundIsRefused() throws {
        let world = try World()
        #expect(throws: InspectionError.noOpenRound) { try world.closeRound(partial: true) }
        try world.openRound()
        try world.passAllAndClose()
        #expect(throws: InspectionError.noOpenRound) { try world.closeRound(partial: true) }
    }

    @Test func roundNeedsUnits() throws {
        let world = try World(units: [])
        #expect(throws: InspectionError.invalidValue("the project has no units yet (yanfang layout import FILE.csv)")) {
            try world.openRound()
        }
    }
}
