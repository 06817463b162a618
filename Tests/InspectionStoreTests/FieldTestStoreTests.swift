import Foundation
import GRDB
import InspectionCore
import InspectionFixtures
@testable import InspectionStore
import Testing

/// Ponding tests in two visits (started, checked 24 h later) and spray tests per entrance
/// and band of floors. The world's LK-01 (both bathrooms) is a ponding item.
@Suite struct FieldTestStoreTests {
    let start = Date(timeIntervalSince1970: 1_750_000_000)

    func world() throws -> World {
        let world = try World(units: ["1-1-0101", "1-1-0102", "1-1-0201"], checklists: SmallChecklist.withPonding)
        try world.openRound()
        return world
    }

    /// The next write happens exactly at `date` (the world's clock moves a minute per write).
    func at(_ world: World, _ date: Date) { world.clock = date.addingTimeInterval(-60) }

    @Test func aPondingCheckIsRefusedAt23h59AndAcceptedAt24h() throws {
        let world = try world()
        at(world, start)
        let test = try world.write { try $0.startPonding(unit: "1-1-0101", item: "LK-01", room: "主卫") }
        #expect(test.started == start)
        #expect(test.due == start.addingTimeInterval(86_400))
        let before = try world.eventCount()
        at(world, start.addingTimeInterval(23 * 3600 + 59 * 60))
        #expect(throws: InspectionError.pondingNotDue(item: "LK-01", room: "主卫", started: start, due: start.addingTimeInterval(86_400), minutes: 1439)) {
            try world.write { _ = try $0.recordItem(unit: "1-1-0101", item: "LK-01", room: "主卫", outcome: .pass) }
        }
        at(world, start.addingTimeInterval(23 * 3600 + 59 * 60))
        #expect(throws: InspectionError.pondingNotDue(item: "LK-01", room: "主卫", started: start, due: start.addingTimeInterval(86_400), minutes: 1439)) {
            _ = try world.addDefect("1-1-0101", "LK-01", room: "主卫")
        }
        #expect(try world.eventCount() == before)
        #expect(try world.store.pondingTests(round: 1).map(\.pair) == [RoomItem(room: "主卫", item: "LK-01")])
        at(world, start.addingTimeInterval(86_400))
        #expect(try world.write { try $0.recordItem(unit: "1-1-0101", item: "LK-01", room: "主卫", outcome: .pass) })
        #expect(try world.store.pondingTests(round: 1).isEmpty)
        #expect(try world.store.pondingTests(round: 1, checked: true).map(\.checked) == [true])
        // Undoing the check puts the test back on the list.
        try world.undo("1-1-0101")
        #expect(try world.store.pondingTests(round: 1).map(\.unitCode) == ["1-1-0101"])
        #expect(try world.store.projectionDifferences() == ([], []))
    }

    @Test func aDefectOnAPondingItemIsRecordedOnceTheTestHasStood24h() throws {
        let world = try world()
        at(world, start)
        try world.write { _ = try $0.startPonding(unit: "1-1-0101", item: "LK-01", room: "公卫") }
        at(world, start.addingTimeInterval(86_400))
        let code = try world.addDefect("1-1-0101", "LK-01", room: "公卫")
        #expect(try world.store.defect(code: code).defect.item == "LK-01")
        #expect(try world.store.pondingTests(round: 1).isEmpty)
    }

    @Test func aPondingItemNotStartedIsRefusedButMayBeNotApplicable() throws {
        let world = try world()
        #expect(throws: InspectionError.pondingNotStarted(item: "LK-01", room: "主卫")) {
            try world.write { _ = try $0.recordItem(unit: "1-1-0102", item: "LK-01", room: "主卫", outcome: .pass) }
        }
        #expect(try world.write { try $0.recordItem(unit: "1-1-0102", item: "LK-01", room: "主卫", outcome: .notApplicable) })
        // Started twice, or on an item that is not a ponding test, or after its result: refused.
        at(world, start)
        try world.write { _ = try $0.startPonding(unit: "1-1-0101", item: "LK-01", room: "主卫") }
        #expect(throws: InspectionError.pondingAlreadyStarted(item: "LK-01", room: "主卫", started: start)) {
            try world.write { _ = try $0.startPonding(unit: "1-1-0101", item: "LK-01", room: "主卫") }
        }
        #expect(throws: InspectionError.notPonding(item: "HL-01")) {
            try world.write { _ = try $0.startPonding(unit: "1-1-0101", item: "HL-01", room: "主卫") }
        }
        #expect(throws: InspectionError.invalidValue("LK-01 in 主卫 already has a result this round")) {
            try world.write { _ = try $0.startPonding(unit: "1-1-0102", item: "LK-01", room: "主卫") }
        }
    }

    /// `a` passes the rest of a room but leaves a ponding check not started, or started less
    /// than 24 h before; one started 24 h before it passes.
    @Test func passTheRestSkipsPondingChecksNotStarted24hEarlier() throws {
        let world = try world()
        at(world, start)
        try world.write { _ = try $0.startPonding(unit: "1-1-0101", item: "LK-01", room: "主卫") }
        at(world, start.addingTimeInterval(12 * 3600))
        try world.write { _ = try $0.startPonding(unit: "1-1-0101", item: "LK-01", room: "公卫") }
        // 23 h 59 min after the first start: both are too young.
        at(world, start.addingTimeInterval(23 * 3600 + 59 * 60))
        let early = try world.write { try $0.passRemainingSkipping(unit: "1-1-0101", room: "主卫") }
        #expect(early.passed == [RoomItem(room: "主卫", item: "HL-01")])
        #expect(early.skipped == [RoomItem(room: "主卫", item: "LK-01")])
        // At 24 h the first passes; the second (12 h old) and the unstarted ones elsewhere are left.
        at(world, start.addingTimeInterval(86_400))
        let room = try world.write { try $0.passRemainingSkipping(unit: "1-1-0101", room: "主卫") }
        #expect(room.passed == [RoomItem(room: "主卫", item: "LK-01")])
        #expect(room.skipped.isEmpty)
        let rest = try world.write { try $0.passRemainingSkipping(unit: "1-1-0101") }
        #expect(rest.passed == [RoomItem(room: "入户门", item: "DW-01"), RoomItem(room: "厨房", item: "HL-01"), RoomItem(room: "公卫", item: "HL-01")])
        #expect(rest.skipped == [RoomItem(room: "公卫", item: "LK-01")])
        let other = try world.write { try $0.passRemainingSkipping(unit: "1-1-0102") }
        #expect(other.skipped == [RoomItem(room: "主卫", item: "LK-01"), RoomItem(room: "公卫", item: "LK-01")])
        let view = try world.store.unitRound(unit: world.unit("1-1-0101"), round: 1)
        #expect(view.results.unrecorded(SmallChecklist.pairsOfS) == [RoomItem(room: "公卫", item: "LK-01")])
        #expect(try world.store.projectionDifferences() == ([], []))
    }

    @Test func sprayTestsAreRecordedPerEntranceAndBandWithTheirLeaksAsDefects() throws {
        let world = try world()
        let day = world.today
        try world.write {
            _ = try $0.recordSpray(building: "1", entrance: 1, floors: FloorBand(from: 1, to: 1), date: day, passed: true, leaks: [], note: "两台喷淋")
        }
        let leak = SprayRules.LeakInput(unit: "1-1-201", room: "厨房", item: "HL-01", note: "窗角渗水")
        let recorded = try world.write {
            try $0.recordSpray(building: "1", entrance: 1, floors: FloorBand(from: 2, to: 2), date: day, passed: false, leaks: [leak], note: nil)
        }
        #expect(recorded.defects.count == 1)
        let defect = try world.store.defect(code: recorded.defects[0].code.text).defect
        #expect(defect.unit == (try world.unit("1-1-0201").id))
        #expect(defect.room == "厨房")
        #expect(defect.item == "HL-01")
        #expect(defect.note == "窗角渗水")
        #expect(recorded.test.leaks.map(\.defect) == [defect.id])
        let tests = try world.store.sprayTests()
        #expect(tests.map(\.floors) == [FloorBand(from: 1, to: 1), FloorBand(from: 2, to: 2)])
        #expect(tests.map(\.passed) == [true, false])
        #expect(tests.map(\.note) == ["两台喷淋", nil])
        #expect(tests.map(\.actor) == ["王工", "王工"])
        let coverage = try world.store.sprayCoverage()
        #expect(coverage.count == 1)
        #expect(coverage[0].floors == FloorBand(from: 1, to: 2))
        #expect(coverage[0].tested.map(\.band) == [FloorBand(from: 1, to: 1), FloorBand(from: 2, to: 2)])
        #expect(coverage[0].tested.map(\.passed) == [true, false])
        #expect(coverage[0].untested.isEmpty)
        #expect(try world.store.board(round: nil, today: day).spray == coverage)
        #expect(try world.store.projectionDifferences() == ([], []))
    }

    @Test func sprayRefusalsLeaveTheHistoryAsItWas() throws {
        let world = try world()
        let day = world.today
        let before = try world.eventCount()
        func record(floors: FloorBand, entrance: Int = 1, passed: Bool, leaks: [SprayRules.LeakInput]) throws {
            try world.write {
                _ = try $0.recordSpray(building: "1", entrance: entrance, floors: floors, date: day, passed: passed, leaks: leaks, note: nil)
            }
        }
        let inKitchen = SprayRules.LeakInput(unit: "1-1-0201", room: "厨房", item: "HL-01", note: "渗水")
        #expect(throws: InspectionError.invalidValue("a leaking spray test names where: --leak UNIT:ROOM:NOTE (e.g. 1-2-0502:主卧:窗角渗水)")) {
            try record(floors: FloorBand(from: 1, to: 2), passed: false, leaks: [])
        }
        #expect(throws: InspectionError.invalidValue("a passed spray test has no leaks (use --result leak)")) {
            try record(floors: FloorBand(from: 1, to: 2), passed: true, leaks: [inKitchen])
        }
        #expect(throws: InspectionError.invalidValue("unit 1-1-0201 is on floor 2, outside floors 1 of this test")) {
            try record(floors: FloorBand(from: 1, to: 1), passed: false, leaks: [inKitchen])
        }
        #expect(throws: InspectionError.invalidValue("floors 1-6 are outside entrance 1-1 (floors 1-2)")) {
            try record(floors: FloorBand(from: 1, to: 6), passed: true, leaks: [])
        }
        #expect(throws: InspectionError.invalidValue("no entrance 1-2 in the layout")) {
            try record(floors: FloorBand(from: 1, to: 1), entrance: 2, passed: true, leaks: [])
        }
        #expect(throws: InspectionError.unknownRoom("书房", unit: "1-1-0201", rooms: ["入户门", "厨房", "主卫", "公卫"])) {
            try record(floors: FloorBand(from: 1, to: 2), passed: false,
                       leaks: [SprayRules.LeakInput(unit: "1-1-0201", room: "书房", item: "HL-01", note: "渗水")])
        }
        #expect(try world.eventCount() == before)
        #expect(try world.store.sprayTests().isEmpty)
        // A leak is a defect of the open round: none open, refused.
        try world.passAllAndCloseSkippingPonding()
        #expect(throws: InspectionError.noOpenRound) {
            try record(floors: FloorBand(from: 1, to: 2), passed: false, leaks: [inKitchen])
        }
    }

    @Test func leakSyntax() throws {
        let isItem: (String) -> Bool = { ["LK-03", "LK-04"].contains($0) }
        #expect(try SprayRules.LeakInput.parse("1-2-0502:主卧:窗角渗水", isItem: isItem)
            == SprayRules.LeakInput(unit: "1-2-0502", room: "主卧", item: nil, note: "窗角渗水"))
        #expect(try SprayRules.LeakInput.parse("1-2-0502:客厅:LK-04:外墙内侧渗水", isItem: isItem)
            == SprayRules.LeakInput(unit: "1-2-0502", room: "客厅", item: "LK-04", note: "外墙内侧渗水"))
        #expect(try SprayRules.LeakInput.parse("1-2-0502:主卧:窗角:渗水", isItem: isItem)
            == SprayRules.LeakInput(unit: "1-2-0502", room: "主卧", item: nil, note: "窗角:渗水"))
        #expect(throws: InspectionError.invalidValue("--leak 1-2-0502: expected UNIT:ROOM:NOTE or UNIT:ROOM:ITEM:NOTE (e.g. 1-2-0502:主卧:窗角渗水)")) {
            try SprayRules.LeakInput.parse("1-2-0502", isItem: isItem)
        }
        #expect(FloorBand("1-6") == FloorBand(from: 1, to: 6))
        #expect(FloorBand("7") == FloorBand(from: 7, to: 7))
        #expect(FloorBand("6-1") == nil)
        #expect(FloorBand("0-3") == nil)
        #expect(FloorBand("a-3") == nil)
    }

    @Test func coverageNamesTheFloorsNoTestCovered() {
        let units = (1...9).map { ProjectUnit(id: UUID(), building: "3", entrance: 2, floor: $0, number: 1, type: "S") }
        func test(_ from: Int, _ to: Int, _ passed: Bool) -> SprayTest {
            SprayTest(event: UUID(), building: "3", entrance: 2, floors: FloorBand(from: from, to: to), date: Day("2026-12-01")!, round: 1,
                      actor: "王工", passed: passed, leaks: [], note: nil)
        }
        let coverage = SprayRules.coverage(units: units, tests: [test(4, 6, false), test(1, 2, true), test(4, 6, true)])
        #expect(coverage.count == 1)
        #expect(coverage[0].tested.map(\.band) == [FloorBand(from: 1, to: 2), FloorBand(from: 4, to: 6)])
        #expect(coverage[0].tested.map(\.passed) == [true, true])  // the later test of 4-6 stands
        #expect(coverage[0].untested == [FloorBand(from: 3, to: 3), FloorBand(from: 7, to: 9)])
    }

    @Test func theEventsCarryEverythingToRebuild() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let ponding = EventBody.pondingStarted(PondingStarted(room: "主卫", item: "LK-01", started: Date(timeIntervalSince1970: 1_750_000_000.25)))
        let pondingJSON = try ponding.encodePayload(with: encoder)
        #expect(ponding.kind == "ponding.started")
        #expect(String(decoding: pondingJSON, as: UTF8.self) == #"{"item":"LK-01","room":"主卫","started":1750000000250}"#)
        #expect(try EventBody.decode(kind: "ponding.started", payload: pondingJSON, with: JSONDecoder()) == ponding)
        let id = UUID(uuidString: "00000000-0000-4000-8000-000000000001")!
        let spray = EventBody.sprayRecorded(SprayRecorded(building: "1", entrance: 2, floors: FloorBand(from: 1, to: 6), date: Day("2026-12-01")!, passed: false,
                                                          leaks: [SprayLeak(unit: "1-2-0502", room: "主卧", item: "LK-03", note: "窗角渗水", defect: id)], note: nil))
        let sprayJSON = try spray.encodePayload(with: encoder)
        #expect(spray.kind == "spray.recorded")
        #expect(String(decoding: sprayJSON, as: UTF8.self)
            == #"{"building":"1","date":"2026-12-01","entrance":2,"floors":{"from":1,"to":6},"leaks":[{"defect":"00000000-0000-4000-8000-000000000001","item":"LK-03","note":"窗角渗水","room":"主卧","unit":"1-2-0502"}],"passed":false}"#)
        #expect(try EventBody.decode(kind: "spray.recorded", payload: sprayJSON, with: JSONDecoder()) == spray)
    }

    @Test func theFileHasTheFieldTestsSchema() throws {
        #expect(Schema.version == 8)
        let world = try world()
        #expect(try world.store.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == 8)
        let applied = try world.store.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.suffix(2) == ["v7-field-tests", "v8-per-action-reads"])
    }
}

extension World {
    /// Records every unrecorded item as not applicable where it is a ponding check, passes
    /// the rest, and closes the round.
    func passAllAndCloseSkippingPonding() throws {
        for unit in try store.units() {
            try write { tx in
                let skipped = try tx.passRemainingSkipping(unit: unit.code).skipped
                for pair in skipped { _ = try tx.recordItem(unit: unit.code, item: pair.item, room: pair.room, outcome: .notApplicable) }
            }
        }
        try closeRound()
    }
}
