import Foundation
import InspectionCore
import InspectionStore
import Testing

@Suite struct UndoTests {
    @Test func undoAppendsAReversionAndDeletesNothing() throws {
        let world = try World()
        try world.openRound()
        try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "HL-01", room: "厨房", outcome: .pass) }
        try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "DW-01", room: nil, outcome: .notApplicable) }
        let before = try world.store.events()
        let undone = try world.undo("1-1-0101")
        let after = try world.store.events()
        #expect(after.count == before.count + 1)
        #expect(Array(after.prefix(before.count)) == before)
        #expect(undone.id == before.last?.id)
        #expect(after.last?.body == .reverted(Reverted(target: undone.id)))
        #expect(try after.last?.unit == world.unit("1-1-0101").id)
        let results = try world.store.unitRound(unit: world.unit("1-1-0101"), round: 1).results
        #expect(results.result(RoomItem(room: "入户门", item: "DW-01")) == nil)
        #expect(results.result(RoomItem(room: "厨房", item: "HL-01")) == .pass)
        #expect(try world.store.progress(round: 1)[world.unit("1-1-0101").id]?.recorded == 1)
    }

    @Test func undoTakesBackOnlyTheUnitsOwnLastResult() throws {
        let world = try World()
        try world.openRound()
        try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "DW-01", room: nil, outcome: .pass) }
        try world.write { _ = try $0.recordItem(unit: "1-1-0102", item: "DW-01", room: nil, outcome: .pass) }
        try world.undo("1-1-0101")
        #expect(try world.store.unitRound(unit: world.unit("1-1-0101"), round: 1).results.result(RoomItem(room: "入户门", item: "DW-01")) == nil)
        #expect(try world.store.unitRound(unit: world.unit("1-1-0102"), round: 1).results.result(RoomItem(room: "入户门", item: "DW-01")) == .pass)
        let before = try world.eventCount()
        #expect(throws: InspectionError.nothingToUndo(unit: "1-1-0101")) { try world.undo("1-1-0101") }
        #expect(try world.eventCount() == before)
    }

    @Test func undoingAFindingRetractsTheDefectAndKeepsItsCodeTaken() throws {
        let world = try World()
        // Draws 1-T2222 (T: this replica's tag), then 1-T2222 again, then 1-T3333.
        world.store.codeGenerator = ScriptedGenerator([0, 0, 0, 0, 0, 0, 0, 0, 1])
        try world.openRound()
        let code = try world.addDefect("1-1-0101")
        let tag = code.dropFirst(2).prefix(1)
        #expect(code == "1-\(tag)2222")
        #expect(try world.store.readiness().blockingUnits == ["1-1-0101"])
        try world.undo("1-1-0101")
        #expect(try world.store.defects(DefectFilter()) == [])
        // Its code still answers, as withdrawn (the sticker may be on the wall already).
        #expect(try world.store.defect(code: code).withdrawal?.by == "王工")
        #expect(throws: InspectionError.unknownDefect(code)) { try world.rectify(code) }
        #expect(try world.store.readiness().blockingUnits == [])
        #expect(try world.store.unitRound(unit: world.unit("1-1-0101"), round: 1).found == [])
        #expect(try world.store.board(round: 1, today: world.today).tables.total.new == 0)

        let next = try world.addDefect("1-1-0101")
        #expect(next == "1-\(tag)3333")
        #expect(try world.store.defects(DefectFilter()).map(\.code.text) == [next])
        // The retracted finding is still in the history, with its reversion.
        let unitID = try world.unit("1-1-0101").id
        let kinds = try world.store.events().filter { $0.unit == unitID }.map(\.body.kind)
        #expect(kinds == ["defect.found", "reverted", "defect.found"])
    }

    @Test func retractedDefectIsNotCarriedIntoTheNextRound() throws {
        let world = try World()
        try world.openRound()
        let kept = try world.addDefect("1-1-0101", "DW-01")
        _ = try world.addDefect("1-1-0101", "HL-01", room: "厨房")
        try world.undo("1-1-0101")
        try world.passAllAndClose()
        #expect(try world.openRound().rechecks == 1)
        #expect(try world.recheckList("1-1-0101", round: 2) == [kept])
    }

    @Test func undoingAFailingRecheckRestoresTheCountAndRemovesItsFlag() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101", "LK-01", room: "主卫")
        try world.passAllAndClose()
        try world.openRound()
        try world.recheck(code, passed: false)
        try world.passAllAndClose()
        try world.openRound()
        try world.rectify(code)
        try world.recheck(code, passed: false)
        #expect(try world.penalties(round: nil) == ["防水甲": 1])
        #expect(try world.write { try $0.blockers() }.rechecks == [])

        let undone = try world.undo("1-1-0101")
        guard case .defectRechecked(let r) = undone.body else {
            Issue.record("undo took back \(undone.body.kind), not the re-check")
            return
        }
        #expect(r.passed == false)
        let summary = try world.store.defect(code: code).summary
        #expect(summary.failedRechecks == 1)
        #expect(summary.status == .rectified)
        #expect(summary.flagRound == nil)
        #expect(try world.penalties(round: nil) == [:])
        #expect(try world.store.board(round: 3, today: world.today).tables.total.failedRechecks == 0)
        // The re-check is due again and may be recorded anew.
        #expect(try world.write { try $0.blockers() }.rechecks == [code])
        try world.recheck(code, passed: true)
        #expect(try world.status(code) == .closed)
    }

    @Test func undoingAPassingRecheckReopensTheDefect() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101")
        try world.passAllAndClose()
        try world.openRound()
        try world.rectify(code)
        try world.recheck(code, passed: true)
        #expect(try world.store.readiness().blockingUnits == [])
        try world.undo("1-1-0101")
        #expect(try world.status(code) == .rectified)
        #expect(try world.store.defect(code: code).summary.closedRound == nil)
        #expect(try world.store.readiness().blockingUnits == ["1-1-0101"])
    }

    @Test func undoInAClosedRoundIsRefused() throws {
        let world = try World()
        try world.openRound()
        try world.passAllAndClose()
        let before = try world.eventCount()
        #expect(throws: InspectionError.noOpenRound) { try world.undo("1-1-0101") }
        #expect(try world.eventCount() == before)
    }
}

@Suite struct RecordingStoreTests {
    @Test func passOnAnItemWithADefectThisRoundIsRefused() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101", "LK-01", room: "公卫")
        let before = try world.eventCount()
        #expect(throws: InspectionError.itemHasDefects(item: "LK-01", room: "公卫", codes: [code])) {
            try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "LK-01", room: "公卫", outcome: .pass) }
        }
        #expect(throws: InspectionError.itemHasDefects(item: "LK-01", room: "公卫", codes: [code])) {
            try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "LK-01", room: "Shared bathroom", outcome: .notApplicable) }
        }
        #expect(try world.eventCount() == before)
        // The same item in the other bathroom is free.
        #expect(try world.write { try $0.recordItem(unit: "1-1-0101", item: "LK-01", room: "主卫", outcome: .pass) })
    }

    @Test func passRemainingPassesOnlyUnrecordedPairs() throws {
        let world = try World()
        try world.openRound()
        try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "HL-01", room: "厨房", outcome: .notApplicable) }
        let code = try world.addDefect("1-1-0101", "LK-01", room: "主卫")
        let passed = try world.write { try $0.passRemaining(unit: "1-1-0101") }
        #expect(passed == [
            RoomItem(room: "入户门", item: "DW-01"),
            RoomItem(room: "主卫", item: "HL-01"),
            RoomItem(room: "公卫", item: "HL-01"),
            RoomItem(room: "公卫", item: "LK-01"),
        ])
        let view = try world.store.unitRound(unit: world.unit("1-1-0101"), round: 1)
        #expect(view.results.result(RoomItem(room: "厨房", item: "HL-01")) == .notApplicable)
        #expect(try view.results.result(RoomItem(room: "主卫", item: "LK-01")) == .defects([world.store.defect(code: code).defect.id]))
        #expect(view.progress == UnitProgress(applicable: 6, recorded: 6, rechecks: 0, rechecksDone: 0))
        #expect(try world.store.progress(round: 1)[world.unit("1-1-0101").id] == view.progress)

        let before = try world.eventCount()
        #expect(try world.write { try $0.passRemaining(unit: "1-1-0101") } == [])
        #expect(try world.eventCount() == before)
    }

    @Test func passRemainingInOneRoom() throws {
        let world = try World()
        try world.openRound()
        #expect(try world.write { try $0.passRemaining(unit: "1-1-0101", room: "Master bathroom") }
            == [RoomItem(room: "主卫", item: "HL-01"), RoomItem(room: "主卫", item: "LK-01")])
        #expect(try world.store.progress(round: 1)[world.unit("1-1-0101").id]?.recorded == 2)
        let before = try world.eventCount()
        #expect(throws: InspectionError.unknownRoom("阳台", unit: "1-1-0101", rooms: ["入户门", "厨房", "主卫", "公卫"])) {
            try world.write { _ = try $0.passRemaining(unit: "1-1-0101", room: "阳台") }
        }
        #expect(try world.eventCount() == before)
    }

    @Test func recordingTheSameResultTwiceAppendsNothing() throws {
        let world = try World()
        try world.openRound()
        #expect(try world.write { try $0.recordItem(unit: "1-1-0101", item: "DW-01", room: nil, outcome: .pass) })
        let before = try world.eventCount()
        #expect(try !world.write { try $0.recordItem(unit: "1-1-0101", item: "DW-01", room: nil, outcome: .pass) })
        #expect(try world.eventCount() == before)
    }

    @Test func everyRefusalLeavesTheHistoryUnchanged() throws {
        let world = try World()
        let beforeRound = try world.eventCount()
        #expect(throws: InspectionError.noOpenRound) {
            try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "DW-01", room: nil, outcome: .pass) }
        }
        #expect(throws: InspectionError.noOpenRound) { try world.addDefect("1-1-0101") }
        #expect(try world.eventCount() == beforeRound)

        try world.openRound()
        let before = try world.eventCount()
        #expect(throws: InspectionError.unknownUnit("9-9-9999")) {
            try world.write { _ = try $0.recordItem(unit: "9-9-9999", item: "DW-01", room: nil, outcome: .pass) }
        }
        #expect(throws: InspectionError.unknownUnit("9-9-9999")) { try world.addDefect("9-9-9999") }
        #expect(throws: InspectionError.unknownUnit("9-9-9999")) { try world.write { _ = try $0.passRemaining(unit: "9-9-9999") } }
        #expect(throws: InspectionError.unknownUnit("9-9-9999")) { try world.undo("9-9-9999") }
        #expect(throws: InspectionError.unknownItem("XX-99")) {
            try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "XX-99", room: nil, outcome: .pass) }
        }
        #expect(throws: InspectionError.unknownItem("XX-99")) { try world.addDefect("1-1-0101", "XX-99") }
        #expect(throws: InspectionError.itemNotInRoom(item: "DW-01", room: "厨房")) {
            try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "DW-01", room: "厨房", outcome: .pass) }
        }
        #expect(throws: InspectionError.itemNotInRoom(item: "DW-01", room: "厨房")) { try world.addDefect("1-1-0101", "DW-01", room: "厨房") }
        #expect(throws: InspectionError.unknownContractor("无名")) { try world.addDefect("1-1-0101", contractor: .named("无名")) }
        #expect(throws: InspectionError.unknownDefect("1-ZZZZZ")) { try world.rectify("1-ZZZZZ") }
        #expect(throws: InspectionError.unknownDefect("1-ZZZZZ")) { try world.reassign("1-ZZZZZ", to: nil) }
        #expect(throws: InspectionError.invalidValue("a note is at most 500 characters (this one has 501)")) {
            try world.write { _ = try $0.addDefect(unit: "1-1-0101", item: "DW-01", room: nil, note: String(repeating: "x", count: 501),
                                                   severity: nil) }
        }
        #expect(try world.eventCount() == before)
        #expect(try world.store.defects(DefectFilter()) == [])
    }

    @Test func aFailedTransactionLeavesNothingOfItsEarlierActions() throws {
        let world = try World()
        try world.openRound()
        let before = try world.eventCount()
        #expect(throws: InspectionError.unknownItem("XX-99")) {
            try world.write { tx in
                _ = try tx.addDefect(unit: "1-1-0101", item: "DW-01", room: nil, note: nil, severity: nil)
                _ = try tx.passRemaining(unit: "1-1-0102")
                _ = try tx.recordItem(unit: "1-1-0101", item: "XX-99", room: nil, outcome: .pass)
            }
        }
        #expect(try world.eventCount() == before)
        #expect(try world.store.defects(DefectFilter()) == [])
        #expect(try world.store.progress(round: 1)[world.unit("1-1-0102").id]?.recorded == 0)
    }
}

@Suite struct ReadinessStoreTests {
    @Test func unitIsReadyIffItHasNoOpenOrRectifiedDefects() throws {
        let world = try World(units: ["1-1-0101", "1-1-0102", "1-1-0201", "1-1-0202"])
        try world.openRound()
        let open = try world.addDefect("1-1-0101")
        let rectified = try world.addDefect("1-1-0102")
        let waived = try world.addDefect("1-1-0201")
        let closed = try world.addDefect("1-1-0202")
        try world.rectify(rectified)
        try world.waive(waived)
        try world.passAllAndClose()
        try world.openRound()
        try world.recheck(closed, passed: true)

        let readiness = try world.store.readiness()
        #expect(readiness.units == 4)
        #expect(readiness.blockingUnits == ["1-1-0101", "1-1-0102"])
        // One closed round: no unit is ready yet, whatever its defects.
        #expect(readiness.ready == 0)
        #expect(readiness.lackingRounds == ["1-1-0101", "1-1-0102", "1-1-0201", "1-1-0202"])
        #expect(readiness.target == 0.98)
        #expect(!readiness.meetsTarget)
        #expect(try world.store.blockingDefectsByUnit() == [world.unit("1-1-0101").id: 1, world.unit("1-1-0102").id: 1])

        try world.recheck(open, passed: true)
        try world.recheck(rectified, passed: true)
        try world.passAllAndClose()
        #expect(try world.store.readiness().ready == 0)
        try world.openRound()
        try world.passAllAndClose()
        let done = try world.store.readiness()
        #expect(done.ready == 4)
        #expect(done.rate == 1)
        #expect(done.meetsTarget)
    }

    @Test func readinessTargetIsASetting() throws {
        let world = try World(units: ["1-1-0101", "1-1-0102"])
        for _ in 1...3 {
            try world.openRound()
            try world.passAllAndClose()
        }
        try world.openRound()
        _ = try world.addDefect("1-1-0101")
        #expect(try world.store.readiness().ready == 1)
        #expect(try world.store.readiness().meetsTarget == false)
        try world.write(as: "组长") { try $0.changeSettings(penaltyThreshold: nil, readinessTarget: 0.5, delivery: nil) }
        #expect(try world.store.readiness().target == 0.5)
        #expect(try world.store.readiness().meetsTarget)
    }

    @Test func deadlinesCountOpenDefectsNearDelivery() throws {
        let world = try World()
        world.today = Fixture.day("2025-07-25")
        try world.openRound()  // opens 2025-08-01, a day after the latest start
        _ = try world.addDefect("1-1-0101")
        let early = try world.store.deadlines(today: Fixture.day("2025-09-30"))
        #expect(early.roundOneStarted == Fixture.day("2025-08-01"))
        #expect(early.warnings.map(\.kind) == ["round-1-late"])
        let late = try world.store.deadlines(today: Fixture.day("2025-10-01"))
        #expect(late.openDefects == 1)
        #expect(late.warnings.map(\.kind) == ["round-1-late", "open-defects-past-cutoff", "fewer-than-three-rounds"])
    }
}
