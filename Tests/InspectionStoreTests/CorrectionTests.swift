import Foundation
import InspectionCore
import InspectionStore
import Testing

/// Any record of the round can be corrected, each by a new event naming what it corrects;
/// the history shows it in words, and every laptop folds it the same.
@Suite struct CorrectionTests {
    func kinds(_ world: World, _ code: String) throws -> [String] {
        try world.store.defect(code: code).history.map(\.body.kind)
    }

    func words(_ world: World, _ code: String) throws -> [String] {
        let history = try world.store.defect(code: code).history
        return history.compactMap { event in
            switch event.body {
            case .reverted(let r): return CorrectionText.reverted(r, target: CorrectionText.target(of: r, in: history), room: { $0 }, language: .en)
            case .defectEdited(let e): return CorrectionText.edited(e, room: { $0 }, language: .en)
            default: return nil
            }
        }
    }

    /// Rebuilding from the history gives the tables the corrections wrote.
    func expectRebuildAgrees(_ world: World) throws {
        let written = try world.store.projectionDump()
        try world.store.rebuild()
        #expect(try world.store.projectionDump() == written)
    }

    @Test func aWithdrawnDefectLeavesTheListsButItsCodeStillAnswers() throws {
        let world = try World()
        try world.openRound()
        let code = try world.write { try $0.addDefect(unit: "1-1-0101", item: "DW-01", room: nil, note: "门吸缺失", severity: nil) }.code.text
        try world.write(as: "李工") { _ = try $0.withdrawDefect(code: code) }
        #expect(try world.store.defects(DefectFilter()).isEmpty)
        let view = try world.store.unitRound(unit: world.unit("1-1-0101"), round: 1)
        #expect(view.results.result(RoomItem(room: "入户门", item: "DW-01")) == nil)
        #expect(view.progress.recorded == 0)
        let detail = try world.store.defect(code: code.lowercased())
        #expect(detail.withdrawal?.by == "李工")
        #expect(detail.withdrawal?.round == 1)
        #expect(detail.summary.note == "门吸缺失")
        #expect(try words(world, code) == ["withdrew the defect \(code): 门吸缺失"])
        #expect(CorrectionText.withdrawn(at: Date(timeIntervalSince1970: 0), by: "李工", language: .en) == "withdrawn on 1970-01-01, by 李工")
        // Found with `/` too, as withdrawn.
        let found = try world.store.defectLocations(matching: code)
        #expect(found.map(\.code) == [code] && found.first?.withdrawal?.by == "李工")
        // Withdrawn twice: its finding is gone, so it is no longer a defect to withdraw.
        #expect(throws: InspectionError.unknownDefect(code)) { try world.write { _ = try $0.withdrawDefect(code: code) } }
        try expectRebuildAgrees(world)
    }

    @Test func onlyADefectOfTheOpenRoundCanBeWithdrawn() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101")
        try world.passAllAndClose()
        #expect(throws: InspectionError.noOpenRound) { try world.write { _ = try $0.withdrawDefect(code: code) } }
        try world.openRound()
        let before = try world.eventCount()
        #expect(throws: InspectionError.notThisRound(code: code, round: 1)) { try world.write { _ = try $0.withdrawDefect(code: code) } }
        #expect(try world.eventCount() == before)
    }

    @Test func withdrawingOneItemOfAPassedRoomLeavesTheRestPassed() throws {
        let world = try World()
        try world.openRound()
        try world.write { _ = try $0.passRemaining(unit: "1-1-0101") }
        try world.write { _ = try $0.withdrawResult(unit: "1-1-0101", item: "HL-01", room: "厨房") }
        let view = try world.store.unitRound(unit: world.unit("1-1-0101"), round: 1)
        #expect(view.results.unrecorded(view.pairs) == [RoomItem(room: "厨房", item: "HL-01")])
        #expect(view.progress.recorded == Fixture.pairsOfS.count - 1)
        let reverted = try world.store.events().compactMap { e -> Reverted? in if case .reverted(let r) = e.body { return r } else { return nil } }
        #expect(reverted.map(\.pair) == [RoomItem(room: "厨房", item: "HL-01")])
        // Recorded again, it counts again; nothing left to withdraw is refused.
        try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "HL-01", room: "厨房", outcome: .notApplicable) }
        #expect(try world.store.unitRound(unit: world.unit("1-1-0101"), round: 1).progress.recorded == Fixture.pairsOfS.count)
        #expect(throws: InspectionError.nothingRecorded(item: "HL-01", room: "主卫")) {
            try world.write { _ = try $0.withdrawResult(unit: "1-1-0102", item: "HL-01", room: "主卫") }
        }
        try expectRebuildAgrees(world)
    }

    @Test func withdrawingAnItemTakesBackEveryResultItHad() throws {
        let world = try World()
        try world.openRound()
        try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "DW-01", room: nil, outcome: .notApplicable) }
        try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "DW-01", room: nil, outcome: .pass) }
        #expect(try world.write { try $0.withdrawResult(unit: "1-1-0101", item: "DW-01", room: nil) } == 2)
        #expect(try world.store.unitRound(unit: world.unit("1-1-0101"), round: 1).results.result(RoomItem(room: "入户门", item: "DW-01")) == nil)
        // An item with a defect is corrected through its defect.
        _ = try world.addDefect("1-1-0101", "DW-01")
        #expect(throws: InspectionError.self) { try world.write { _ = try $0.withdrawResult(unit: "1-1-0101", item: "DW-01", room: nil) } }
    }

    @Test func aDefectsNoteSeverityAndRoomAreCorrectedAndMoveItsResult() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101", "HL-01", room: "主卫")
        try world.write { _ = try $0.editDefect(code: code, note: "3处墙根空鼓", room: "公卫", severity: .severe) }
        let detail = try world.store.defect(code: code)
        #expect(detail.summary.note == "3处墙根空鼓" && detail.summary.room == "公卫" && detail.summary.severity == .severe)
        let results = try world.store.unitRound(unit: world.unit("1-1-0101"), round: 1).results
        #expect(results.result(RoomItem(room: "公卫", item: "HL-01")) == .defects([detail.defect.id]))
        #expect(results.result(RoomItem(room: "主卫", item: "HL-01")) == nil)
        #expect(try words(world, code) == ["changed the note to “3处墙根空鼓”, moved it to 公卫, changed the severity to severe"])
        // A room the item does not apply to, and a change that changes nothing, are refused.
        #expect(throws: InspectionError.itemNotInRoom(item: "HL-01", room: "入户门")) { try world.write { _ = try $0.editDefect(code: code, room: "入户门") } }
        #expect(throws: InspectionError.nothingToChange(code)) { try world.write { _ = try $0.editDefect(code: code, note: "3处墙根空鼓") } }
        #expect(throws: InspectionError.noteRequired) { try world.write { _ = try $0.editDefect(code: code, note: " ") } }
        try expectRebuildAgrees(world)
    }

    @Test func anEarlierRoundsDefectKeepsItsRoomButItsNoteCanBeCorrected() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101", "HL-01", room: "主卫")
        try world.passAllAndClose()
        try world.openRound()
        #expect(throws: InspectionError.notThisRound(code: code, round: 1)) { try world.write { _ = try $0.editDefect(code: code, room: "公卫") } }
        try world.write { _ = try $0.editDefect(code: code, note: "墙根空鼓约0.05㎡", severity: .minor) }
        #expect(try world.store.defect(code: code).summary.note == "墙根空鼓约0.05㎡")
        // The re-check list shows the corrected note.
        #expect(try world.store.unitRound(unit: world.unit("1-1-0101"), round: 2).rechecks.map(\.note) == ["墙根空鼓约0.05㎡"])
    }

    @Test func aCorrectedContractorIsAReassignment() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101", "LK-01", room: "主卫")
        try world.write { _ = try $0.editDefect(code: code, contractor: .some("防水乙")) }
        try world.write { _ = try $0.editDefect(code: code, contractor: .some(nil)) }
        #expect(try kinds(world, code) == ["defect.found", "defect.reassigned", "defect.reassigned"])
        #expect(try world.store.defect(code: code).summary.contractor == nil)
    }

    @Test func aContractorTakesBackAClaimAndCannotClaimTwiceInARow() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101")
        try world.rectify(code)
        let before = try world.eventCount()
        #expect(throws: InspectionError.alreadyClaimed(code)) { try world.rectify(code) }
        #expect(try world.eventCount() == before)
        try world.write(as: "施工单位") { _ = try $0.takeBackClaim(code: code) }
        let detail = try world.store.defect(code: code)
        #expect(detail.defect.status == .open && detail.summary.rectificationNote == nil)
        #expect(try words(world, code) == ["took back the claim that it was fixed"])
        #expect(throws: InspectionError.notClaimed(code)) { try world.write { _ = try $0.takeBackClaim(code: code) } }
        // Claimed again after taking it back: allowed.
        try world.rectify(code)
        #expect(try world.status(code) == .rectified)
        try expectRebuildAgrees(world)
    }

    @Test func aRecheckResultIsWithdrawnAndRecordedAgain() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101")
        try world.passAllAndClose()
        try world.openRound()
        try world.recheck(code, passed: false)
        try world.write { _ = try $0.withdrawRecheck(code: code) }
        var detail = try world.store.defect(code: code)
        #expect(detail.defect.failedRechecks == 0 && detail.defect.status == .open)
        #expect(try words(world, code) == ["withdrew the re-check result (failed)"])
        try world.recheck(code, passed: true)
        detail = try world.store.defect(code: code)
        #expect(detail.defect.status == .closed)
        #expect(throws: InspectionError.defectClosed(code)) { try world.write { _ = try $0.editDefect(code: code, note: "x") } }
        try expectRebuildAgrees(world)
    }

    /// A correction made on one laptop of a record made on another folds the same on both.
    @Test func aCorrectionOfAnotherLaptopsRecordFoldsTheSameEverywhere() throws {
        let a = try World()
        try a.openRound()
        let code = try a.addDefect("1-1-0101", "HL-01", room: "主卫")
        try a.write { _ = try $0.passRemaining(unit: "1-1-0102") }
        let b = try World(joining: a, clockSkew: 30)
        try b.write(as: "李工") { _ = try $0.withdrawDefect(code: code) }
        try b.write(as: "李工") { _ = try $0.withdrawResult(unit: "1-1-0102", item: "DW-01", room: nil) }
        _ = try a.store.merge(from: b.store)
        _ = try b.store.merge(from: a.store)
        #expect(try a.store.projectionDump() == (try b.store.projectionDump()))
        #expect(try a.store.defect(code: code).withdrawal?.by == "李工")
        #expect(try a.store.unitRound(unit: a.unit("1-1-0102"), round: 1).progress.recorded == Fixture.pairsOfS.count - 1)
    }

    /// Two laptops correct the same note at once: the later in the history's order stands,
    /// on both, and both edits stay in the story (not a conflict: no rule counts on a note).
    @Test func twoConcurrentEditsOfANoteLeaveTheLaterInHistoryOrder() throws {
        let a = try World()
        try a.openRound()
        let code = try a.addDefect("1-1-0101", "HL-01", room: "主卫")
        let b = try World(joining: a, clockSkew: 30)
        try a.write { _ = try $0.editDefect(code: code, note: "甲的说明", severity: .severe) }
        try b.write(as: "李工") { _ = try $0.editDefect(code: code, note: "乙的说明") }
        _ = try a.store.merge(from: b.store)
        _ = try b.store.merge(from: a.store)
        #expect(try a.store.projectionDump() == (try b.store.projectionDump()))
        let edits = try a.store.events().compactMap { e -> DefectEdited? in if case .defectEdited(let d) = e.body { return d } else { return nil } }
        #expect(edits.count == 2)
        let summary = try a.store.defect(code: code).summary
        #expect(summary.note == edits.last?.note)
        // The severity only one laptop changed stands whatever the order.
        #expect(summary.severity == .severe)
        #expect(try a.store.conflicts().isEmpty)
        try expectRebuildAgrees(a)
    }
}
