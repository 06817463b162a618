import Foundation
import InspectionCore
import Testing

@Suite struct RecordingRulesTests {
    let checklists = Fixture.checklists
    let unit = Fixture.unit
    /// A unit alone in its entrance: both top and ground floor (the small set has no conditions).
    let situation = UnitSituation(isTopFloor: true, isGroundFloor: true)

    @Test func pairsWalkRoomByRoomWithCategoriesInOrder() {
        #expect(checklists.pairs(forType: "S", situation: situation) == Fixture.pairsOfS)
        #expect(checklists.pairs(forType: "nope", situation: situation) == [])
    }

    @Test func itemInOneRoomNeedsNoRoomName() throws {
        #expect(try RecordingRules.pair(unit: unit, situation: situation, itemID: "DW-01", room: nil, checklists: checklists)
            == RoomItem(room: "入户门", item: "DW-01"))
        #expect(try RecordingRules.pair(unit: unit, situation: situation, itemID: "dw-01", room: nil, checklists: checklists)
            == RoomItem(room: "入户门", item: "DW-01"))
    }

    @Test func roomIsNamedInChineseEnglishOrByAUniqueKind() throws {
        #expect(try RecordingRules.pair(unit: unit, situation: situation, itemID: "LK-01", room: "主卫", checklists: checklists)
            == RoomItem(room: "主卫", item: "LK-01"))
        #expect(try RecordingRules.pair(unit: unit, situation: situation, itemID: "LK-01", room: "shared bathroom", checklists: checklists)
            == RoomItem(room: "公卫", item: "LK-01"))
        #expect(try RecordingRules.pair(unit: unit, situation: situation, itemID: "HL-01", room: "kitchen", checklists: checklists)
            == RoomItem(room: "厨房", item: "HL-01"))
    }

    @Test func itemInSeveralRoomsNeedsARoom() {
        #expect(throws: InspectionError.invalidValue("item LK-01 applies to several rooms of unit 3-1-0502 (主卫, 公卫); name one with --room")) {
            try RecordingRules.pair(unit: unit, situation: situation, itemID: "LK-01", room: nil, checklists: checklists)
        }
        #expect(throws: InspectionError.unknownRoom("bathroom", unit: "3-1-0502", rooms: ["入户门", "厨房", "主卫", "公卫"])) {
            try RecordingRules.pair(unit: unit, situation: situation, itemID: "LK-01", room: "bathroom", checklists: checklists)
        }
    }

    @Test func itemNotInRoomIsRefused() {
        #expect(throws: InspectionError.itemNotInRoom(item: "DW-01", room: "厨房")) {
            try RecordingRules.pair(unit: unit, situation: situation, itemID: "DW-01", room: "厨房", checklists: checklists)
        }
        #expect(throws: InspectionError.unknownRoom("阳台", unit: "3-1-0502", rooms: ["入户门", "厨房", "主卫", "公卫"])) {
            try RecordingRules.pair(unit: unit, situation: situation, itemID: "DW-01", room: "阳台", checklists: checklists)
        }
    }

    @Test func unknownItemIsRefused() {
        #expect(throws: InspectionError.unknownItem("XX-99")) {
            try RecordingRules.pair(unit: unit, situation: situation, itemID: "XX-99", room: nil, checklists: checklists)
        }
    }

    @Test func passOnAnItemWithDefectsThisRoundIsRefused() throws {
        var events = UnitEvents()
        let defect = UUID()
        events.defect("入户门", "DW-01", id: defect)
        let pair = RoomItem(room: "入户门", item: "DW-01")
        #expect(throws: InspectionError.itemHasDefects(item: "DW-01", room: "入户门", codes: ["1-22222"])) {
            try RecordingRules.record(.pass, pair: pair, in: events.replay, codes: { $0 == defect ? "1-22222" : "?" })
        }
        #expect(throws: InspectionError.itemHasDefects(item: "DW-01", room: "入户门", codes: ["1-22222"])) {
            try RecordingRules.record(.notApplicable, pair: pair, in: events.replay, codes: { $0 == defect ? "1-22222" : "?" })
        }
    }

    @Test func recordingTheSameOutcomeAgainChangesNothing() throws {
        var events = UnitEvents()
        let pair = RoomItem(room: "厨房", item: "HL-01")
        #expect(try RecordingRules.record(.pass, pair: pair, in: events.replay, codes: { _ in "" }))
        events.record("厨房", "HL-01", .pass)
        #expect(try !RecordingRules.record(.pass, pair: pair, in: events.replay, codes: { _ in "" }))
        #expect(try RecordingRules.record(.notApplicable, pair: pair, in: events.replay, codes: { _ in "" }))
    }

    @Test func passRemainingCoversOnlyUnrecordedPairs() {
        var events = UnitEvents()
        let defect = UUID()
        events.record("厨房", "HL-01", .notApplicable)
        events.defect("主卫", "LK-01", id: defect)
        events.passRemaining()
        let replay = events.replay
        #expect(replay.result(RoomItem(room: "厨房", item: "HL-01")) == .notApplicable)
        #expect(replay.result(RoomItem(room: "主卫", item: "LK-01")) == .defects([defect]))
        #expect(replay.result(RoomItem(room: "入户门", item: "DW-01")) == .pass)
        #expect(replay.result(RoomItem(room: "公卫", item: "LK-01")) == .pass)
        #expect(replay.unrecorded(Fixture.pairsOfS) == [])
        #expect(replay.progress(applicable: Fixture.pairsOfS, recheckQueue: [], settledWithoutRecheck: [])
            == UnitProgress(applicable: 6, recorded: 6, rechecks: 0, rechecksDone: 0))
    }

    @Test func passRemainingInARoomCoversOnlyThatRoom() {
        var events = UnitEvents()
        events.passRemaining(room: "主卫")
        #expect(events.replay.unrecorded(Fixture.pairsOfS) == [
            RoomItem(room: "入户门", item: "DW-01"), RoomItem(room: "厨房", item: "HL-01"),
            RoomItem(room: "公卫", item: "HL-01"), RoomItem(room: "公卫", item: "LK-01"),
        ])
    }

    @Test func undoTakesBackTheLastResultStillInEffect() throws {
        var events = UnitEvents()
        #expect(throws: InspectionError.nothingToUndo(unit: "3-1-0502")) {
            try RecordingRules.undoTarget(in: events.replay, unitCode: "3-1-0502")
        }
        let first = events.record("厨房", "HL-01", .pass)
        let second = events.defect("入户门", "DW-01")
        #expect(try RecordingRules.undoTarget(in: events.replay, unitCode: "3-1-0502") == second)
        events.revert(second)
        #expect(events.replay.result(RoomItem(room: "入户门", item: "DW-01")) == nil)
        #expect(try RecordingRules.undoTarget(in: events.replay, unitCode: "3-1-0502") == first)
        events.revert(first)
        #expect(events.replay.result(RoomItem(room: "厨房", item: "HL-01")) == nil)
        #expect(throws: InspectionError.nothingToUndo(unit: "3-1-0502")) {
            try RecordingRules.undoTarget(in: events.replay, unitCode: "3-1-0502")
        }
    }

    @Test func recheckProgressCountsRecordedAndWaivedRechecks() {
        var events = UnitEvents()
        events.round = 2
        let a = UUID(), b = UUID(), c = UUID()
        events.recheck(a, passed: false)
        let progress = events.replay.progress(applicable: Fixture.pairsOfS, recheckQueue: [a, b, c], settledWithoutRecheck: [c])
        #expect(progress == UnitProgress(applicable: 6, recorded: 0, rechecks: 3, rechecksDone: 2))
        #expect(progress.rechecksLeft == 1)
        #expect(progress.itemsLeft == 6)
        #expect(progress.isStarted)
        #expect(!progress.isComplete)
        #expect(events.replay.rechecks == [a: false])
    }
}
