import GRDB
import InspectionCore

/// Which checklist pairs apply to a unit: its unit type's rooms and the items whose room kinds
/// and conditions hold there. Top and ground floor come from the layout in the `unit` table
/// (the highest and lowest floor of the unit's entrance), so a layout import that adds a
/// floor moves the top-floor items (the projector re-counts the units concerned).
extension InspectionStore {
    /// The lowest and highest floor of every entrance.
    static func entranceFloors(_ db: Database) throws -> [EntranceKey: ClosedRange<Int>] {
        var map: [EntranceKey: ClosedRange<Int>] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT building, entrance, min(floor), max(floor) FROM unit GROUP BY building, entrance")
        while let row = try rows.next() {
            map[EntranceKey(building: row[0], entrance: row[1])] = (row[2] as Int)...(row[3] as Int)
        }
        return map
    }

    /// The lowest and highest floor of `unit`'s entrance (nil when the unit is not in the layout).
    static func entranceFloors(_ db: Database, of unit: ProjectUnit) throws -> ClosedRange<Int>? {
        let row = try Row.fetchOne(db.cachedStatement(sql: entranceFloorsSQL), arguments: [unit.building, unit.entrance])
        guard let row, let low = row[0] as Int?, let high = row[1] as Int? else { return nil }
        return low...high
    }

    /// Read in every action on a unit: through the index `unit_entrance_floor`, the units of
    /// the entrance only.
    static let entranceFloorsSQL = "SELECT min(floor), max(floor) FROM unit WHERE building = ? AND entrance = ?"

    /// Where `unit` stands in its entrance.
    static func situation(_ db: Database, of unit: ProjectUnit) throws -> UnitSituation {
        UnitSituation(floor: unit.floor, entranceFloors: try entranceFloors(db, of: unit))
    }

    /// The pairs `unit` is checked on.
    static func applicablePairs(_ db: Database, unit: ProjectUnit, checklists: ChecklistSet) throws -> [RoomItem] {
        try applicablePairIndex(db, unit: unit, checklists: checklists).pairs
    }

    /// The same with their places, for replaying the unit's round.
    static func applicablePairIndex(_ db: Database, unit: ProjectUnit, checklists: ChecklistSet) throws -> PairIndex {
        checklists.pairIndex(forType: unit.type, situation: try situation(db, of: unit))
    }

    /// The lowest and highest floor of every entrance (read).
    public func entranceFloors() throws -> [EntranceKey: ClosedRange<Int>] {
        try read(Self.entranceFloors)
    }

    /// Where `unit` stands in its entrance (read).
    public func situation(of unit: ProjectUnit) throws -> UnitSituation {
        try read { db in try Self.situation(db, of: unit) }
    }
}
