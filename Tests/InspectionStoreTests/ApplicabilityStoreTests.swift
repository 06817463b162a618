import Foundation
import GRDB
import InspectionCore
import InspectionFixtures
@testable import InspectionStore
import Testing

/// Items that follow the unit: LK-16 (bathrooms) on the top floor of the entrance only, LK-17
/// (kitchen) on its ground floor only; top and ground floor come from the layout.
@Suite struct ApplicabilityStoreTests {
    let roofMaster = RoomItem(room: "主卫", item: "LK-16"), roofShared = RoomItem(room: "公卫", item: "LK-16")
    let damp = RoomItem(room: "厨房", item: "LK-17")

    func world() throws -> World {
        let world = try World(units: ["1-1-0101", "1-1-0102", "1-1-0201"], checklists: SmallChecklist.conditional)
        try world.openRound()
        return world
    }

    func pairs(_ world: World, _ code: String) throws -> [RoomItem] {
        try world.store.unitRound(unit: world.unit(code), round: 1).pairs
    }

    func applicable(_ world: World) throws -> [String: Int] {
        let progress = try world.store.progress(round: 1)
        var map: [String: Int] = [:]
        for unit in try world.store.units() { map[unit.code] = progress[unit.id]?.applicable }
        return map
    }

    /// The entrance's floors are read in every action on a unit: through the index, not by
    /// going through every unit of the project.
    @Test func anEntrancesFloorsAreReadThroughTheIndex() throws {
        let world = try world()
        let plan = try world.store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(InspectionStore.entranceFloorsSQL)", arguments: ["1", 1]).map { $0["detail"] as String }
        }
        #expect(plan == ["SEARCH unit USING COVERING INDEX unit_entrance_floor (building=? AND entrance=?)"])
        let unit = try world.unit("1-1-0101")
        #expect(try world.store.read { try InspectionStore.entranceFloors($0, of: unit) } == 1...2)
    }

    /// The last checklist set decoded is kept with its text: two projects with different sets,
    /// written to in turn in one process, each get their own.
    @Test func eachFileGetsItsOwnChecklistSetWhenTwoAreWrittenInTurn() throws {
        let conditional = try world()
        let plain = try World()
        #expect(SmallChecklist.conditional != Fixture.checklists)
        for _ in 0..<3 {
            #expect(try conditional.write { try $0.checklists() } == SmallChecklist.conditional)
            #expect(try plain.write { try $0.checklists() } == Fixture.checklists)
        }
    }

    @Test func aTopFloorItemIsAbsentOnFloorOneAndPresentOnTheTopFloor() throws {
        let world = try world()
        #expect(try pairs(world, "1-1-0101") == Fixture.pairsOfS.prefix(2) + [damp] + Fixture.pairsOfS.suffix(4))
        #expect(try !pairs(world, "1-1-0101").contains(roofMaster))
        #expect(try pairs(world, "1-1-0201") == [
            RoomItem(room: "入户门", item: "DW-01"), RoomItem(room: "厨房", item: "HL-01"),
            RoomItem(room: "主卫", item: "HL-01"), RoomItem(room: "主卫", item: "LK-01"), roofMaster,
            RoomItem(room: "公卫", item: "HL-01"), RoomItem(room: "公卫", item: "LK-01"), roofShared,
        ])
        #expect(try applicable(world) == ["1-1-0101": 7, "1-1-0102": 7, "1-1-0201": 8])
        #expect(try world.store.situation(of: world.unit("1-1-0201")) == UnitSituation(isTopFloor: true, isGroundFloor: false))
        // Recording it where it does not apply is refused, and says why.
        #expect(throws: InspectionError.itemNotInRoom(item: "LK-16", room: "主卫 (top floor only)")) {
            try world.addDefect("1-1-0101", "LK-16", room: "主卫")
        }
        #expect(throws: InspectionError.itemNotInRoom(item: "LK-16", room: "any room of unit 1-1-0102 (top floor only)")) {
            try world.write { _ = try $0.recordItem(unit: "1-1-0102", item: "LK-16", room: nil, outcome: .pass) }
        }
        _ = try world.addDefect("1-1-0201", "LK-16", room: "公卫")
    }

    @Test func passingTheRestPassesOnlyWhatApplies() throws {
        let world = try world()
        let passed = try world.write { try $0.passRemaining(unit: "1-1-0101") }
        #expect(passed == Fixture.pairsOfS.prefix(2) + [damp] + Fixture.pairsOfS.suffix(4))
        let top = try world.write { try $0.passRemaining(unit: "1-1-0201", room: "公卫") }
        #expect(top == [RoomItem(room: "公卫", item: "HL-01"), RoomItem(room: "公卫", item: "LK-01"), roofShared])
        let progress = try world.store.progress(round: 1)
        #expect(progress[try world.unit("1-1-0101").id] == UnitProgress(applicable: 7, recorded: 7, rechecks: 0, rechecksDone: 0))
        #expect(progress[try world.unit("1-1-0101").id]?.isComplete == true)
        #expect(progress[try world.unit("1-1-0201").id] == UnitProgress(applicable: 8, recorded: 3, rechecks: 0, rechecksDone: 0))
    }

    /// A layout import that adds floor 3 moves the entrance's top floor: LK-16 leaves 0201 and
    /// comes to 0301, in the open round, and a rebuild gives the same rows.
    @Test func aLayoutImportThatAddsAHigherFloorMovesTheRoofLeakItem() throws {
        let world = try world()
        try world.write { _ = try $0.passRemaining(unit: "1-1-0201") }
        #expect(try world.store.progress(round: 1)[world.unit("1-1-0201").id] == UnitProgress(applicable: 8, recorded: 8, rechecks: 0, rechecksDone: 0))
        try world.write(as: "组长") { _ = try $0.importLayout(rows: Fixture.rows(["1-1-0301"]), file: "layout2.csv") }
        #expect(try applicable(world) == ["1-1-0101": 7, "1-1-0102": 7, "1-1-0201": 6, "1-1-0301": 8])
        #expect(try !pairs(world, "1-1-0201").contains(roofMaster))
        #expect(try pairs(world, "1-1-0301").contains(roofMaster))
        // 0201 passed its six remaining items: still complete with LK-16 gone.
        #expect(try world.store.progress(round: 1)[world.unit("1-1-0201").id] == UnitProgress(applicable: 6, recorded: 6, rechecks: 0, rechecksDone: 0))
        #expect(try world.store.situation(of: world.unit("1-1-0201")) == UnitSituation(isTopFloor: false, isGroundFloor: false))
        // A unit of another entrance keeps its items.
        try world.write(as: "组长") { _ = try $0.importLayout(rows: Fixture.rows(["1-2-0501"]), file: "layout3.csv") }
        #expect(try applicable(world)["1-1-0301"] == 8)
        #expect(try applicable(world)["1-2-0501"] == 9)
        let written = try world.store.projectionDump()
        try world.store.rebuild()
        #expect(try world.store.projectionDump() == written)
    }

    /// Conditions in play: every projection row after a rebuild is the row written action by
    /// action, with a layout import between rounds and defects on the conditional items.
    @Test func rebuildEqualsIncrementalWithConditionsInPlay() throws {
        let world = try world()
        let roof = try world.addDefect("1-1-0201", "LK-16", room: "主卫")
        _ = try world.addDefect("1-1-0101", "LK-17")
        try world.passAllAndClose()
        try world.write(as: "组长") { _ = try $0.importLayout(rows: Fixture.rows(["1-1-0301", "1-1-0302"]), file: "layout2.csv") }
        try world.openRound()
        try world.rectify(roof)
        try world.recheck(roof, passed: false)
        _ = try world.addDefect("1-1-0302", "LK-16", room: "公卫")
        let round2 = try world.store.progress(round: 2)
        #expect(round2[try world.unit("1-1-0201").id]?.applicable == 6)
        #expect(round2[try world.unit("1-1-0302").id]?.applicable == 8)
        // Round 1's rows follow the layout too (its readiness stays frozen in its close).
        #expect(try world.store.progress(round: 1)[world.unit("1-1-0201").id]?.applicable == 6)
        let written = try world.store.projectionDump()
        try world.store.rebuild()
        #expect(try world.store.projectionDump() == written)
    }
}
