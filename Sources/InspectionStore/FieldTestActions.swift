import Foundation
import GRDB
import InspectionCore

extension StoreTransaction {
    /// Starts the ponding test of a ponding item in a room of a unit (the first visit); its
    /// check is due 24 h later.
    @discardableResult
    public func startPonding(unit code: String, item itemID: String, room: String?) throws -> PondingTest {
        let round = try openRound()
        let unit = try unitRow(code: code)
        let checklists = try checklists()
        let pair = try RecordingRules.pair(unit: unit.unit, situation: try situation(unit), itemID: itemID, room: room, checklists: checklists)
        let existing = try InspectionStore.pondingTests(db, unit: unit.unit, round: round.number)[pair]
        let (results, _) = try unitResults(unit, round: round.number)
        try PondingRules.start(checklists.item(pair.item)!, pair: pair, existing: existing, hasResult: results.result(pair) != nil)
        let event = try append(.pondingStarted(PondingStarted(room: pair.room, item: pair.item, started: context.at)), unit: unit.unit.id)
        return PondingTest(unit: unit.unit.id, unitCode: unit.unit.code, round: round.number, pair: pair, started: context.at,
                           actor: event.actor, checked: false)
    }

    /// Starts every ponding test of a unit not started this round and not yet checked (the
    /// demo's and the generated projects' first visit).
    @discardableResult
    public func startPondingTests(unit code: String) throws -> [PondingTest] {
        let round = try openRound()
        let unit = try unitRow(code: code)
        let checklists = try checklists()
        let started = try InspectionStore.pondingTests(db, unit: unit.unit, round: round.number)
        let (results, _) = try unitResults(unit, round: round.number)
        return try checklists.pairs(forType: unit.unit.type, situation: situation(unit))
            .filter { PondingRules.isPonding(checklists.item($0.item)) && started[$0] == nil && results.result($0) == nil }
            .map { try startPonding(unit: code, item: $0.item, room: $0.room) }
    }

    /// Refuses the check of a ponding item whose test was not started 24 h before now.
    func checkPonding(unit: UnitRow, pair: RoomItem, round: Int) throws {
        let item = try checklists().item(pair.item)
        guard PondingRules.isPonding(item) else { return }
        try PondingRules.check(item, pair: pair, test: try InspectionStore.pondingTests(db, unit: unit.unit, round: round)[pair], now: context.at)
    }

    /// Records a spray test of an entrance's band of floors; each leak becomes a defect of its
    /// unit (on the window leak item unless another is named), in the same transaction.
    @discardableResult
    public func recordSpray(building: String, entrance: Int, floors: FloorBand, date: Day, passed: Bool,
                            leaks inputs: [SprayRules.LeakInput], note: String?) throws -> (test: SprayRecorded, defects: [DefectSummary]) {
        _ = try project()
        guard let row = try Row.fetchOne(db, sql: "SELECT min(floor), max(floor), count(*) FROM unit WHERE building = ? AND entrance = ?",
                                         arguments: [building, entrance]), (row[2] as Int) > 0 else {
            throw InspectionError.invalidValue("no entrance \(building)-\(entrance) in the layout")
        }
        let entranceFloors = FloorBand(from: row[0], to: row[1])
        var located: [(input: SprayRules.LeakInput, unit: UnitRow)] = []
        for input in inputs {
            let unit = try unitRow(code: try typedUnitCode(input.unit))
            guard unit.unit.building == building, unit.unit.entrance == entrance else {
                throw InspectionError.invalidValue("unit \(unit.unit.code) is not in entrance \(building)-\(entrance)")
            }
            located.append((input, unit))
        }
        try SprayRules.validate(floors: floors, entranceFloors: entranceFloors, passed: passed,
                                leakUnits: located.map { ($0.unit.unit.code, $0.unit.unit.floor) }, entrance: "\(building)-\(entrance)")
        let cleanNote = try DefectRules.cleanNote(note)
        if !located.isEmpty { _ = try openRound() }
        let checklists = try checklists()
        var leaks: [SprayLeak] = []
        for (input, unit) in located {
            let pair = try RecordingRules.pair(unit: unit.unit, situation: try situation(unit), itemID: input.item ?? SprayRules.defaultItem, room: input.room, checklists: checklists)
            guard let leakNote = try DefectRules.cleanNote(input.note) else { throw InspectionError.noteRequired }
            leaks.append(SprayLeak(unit: unit.unit.code, room: pair.room, item: pair.item, note: leakNote, defect: store.makeID()))
        }
        let record = SprayRecorded(building: building, entrance: entrance, floors: floors, date: date, passed: passed, leaks: leaks, note: cleanNote)
        try append(.sprayRecorded(record))
        var defects: [DefectSummary] = []
        for leak in leaks {
            defects.append(try addDefect(unit: leak.unit, item: leak.item, room: leak.room, note: leak.note, severity: nil, id: leak.defect))
        }
        return (record, defects)
    }

    /// A unit code as typed (`3-1-502`, `3栋1单元502` …) to the stored one.
    private func typedUnitCode(_ typed: String) throws -> String {
        UnitCode.typed(typed) ?? typed
    }
}

extension InspectionStore {
    /// The ponding tests of a unit in a round, by room and item.
    static func pondingTests(_ db: Database, unit: ProjectUnit, round: Int) throws -> [RoomItem: PondingTest] {
        guard try db.tableExists("ponding_test") else { return [:] }
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM ponding_test WHERE unit = ? AND round = ?"), arguments: [unit.id, round])
        var tests: [RoomItem: PondingTest] = [:]
        for row in rows {
            let test = pondingTest(row, code: unit.code)
            tests[test.pair] = test
        }
        return tests
    }

    static func pondingTest(_ row: Row, code: String) -> PondingTest {
        PondingTest(unit: row["unit"], unitCode: code, round: row["round"], pair: RoomItem(room: row["room"], item: row["item"]),
                    started: EventCodec.date(row["started"]), actor: row["actor"], checked: row["checked"])
    }

    /// The ponding tests of a unit in a round.
    public func pondingTests(unit: ProjectUnit, round: Int) throws -> [RoomItem: PondingTest] {
        try read { try Self.pondingTests($0, unit: unit, round: round) }
    }

    /// The ponding tests of a round still waiting for their check, oldest start first, in
    /// layout order within a start (`checked`: the checked ones too).
    public func pondingTests(round: Int, checked: Bool = false) throws -> [PondingTest] {
        try read { db in
            guard try db.tableExists("ponding_test") else { return [] }
            let rows = try Row.fetchAll(db, sql: """
                SELECT p.*, u.code FROM ponding_test p JOIN unit u ON u.id = p.unit
                WHERE p.round = ? AND (? OR NOT p.checked) ORDER BY p.started, u.rowid, p.room, p.item
                """, arguments: [round, checked])
            return rows.map { Self.pondingTest($0, code: $0["code"]) }
        }
    }

    /// Every spray test recorded, in the order recorded.
    public func sprayTests() throws -> [SprayTest] {
        try read(Self.sprayTests)
    }

    static func sprayTests(_ db: Database) throws -> [SprayTest] {
        guard try db.tableExists("spray_test") else { return [] }
        // The spray tests first (CROSS JOIN keeps SQLite to that order), each looked up in the
        // history: going through the whole history in its order to find them, as SQLite chose
        // otherwise, took a sixth of the board's time at 10,000 units.
        return try Row.fetchAll(db, sql: """
            SELECT s.* FROM spray_test s CROSS JOIN event e ON e.id = s.event ORDER BY e.hlc, e.replica, e.id
            """).map { row in
            SprayTest(event: row["event"], building: row["building"], entrance: row["entrance"],
                      floors: FloorBand(from: row["floor_from"], to: row["floor_to"]), date: Day(row["day"] as String)!,
                      round: row["round"], actor: row["actor"], passed: row["passed"],
                      leaks: try EventCodec.decoder.decode([SprayLeak].self, from: Data((row["leaks"] as String).utf8)), note: row["note"])
        }
    }

    static func sprayCoverage(_ db: Database) throws -> [SprayCoverage] {
        SprayRules.coverage(units: try units(db), tests: try sprayTests(db))
    }

    /// Each entrance's floors and the spray tests that covered them.
    public func sprayCoverage() throws -> [SprayCoverage] {
        try read(Self.sprayCoverage)
    }
}
