import Foundation
import GRDB
import InspectionCore

/// One line of a contractor's rectification list as a file prints it: only the columns the
/// list shows, read straight from the defect table (no history, ids or dates).
public struct RectificationRow: Sendable {
    public var id: UUID
    public var code: String
    public var unitCode: String
    /// Building, entrance, floor and unit number: where the unit is, and the list's order.
    public var place: LayoutSortKey
    /// The unit's floor plan, which names the room in both languages.
    public var unitType: String
    public var room: String
    public var item: String
    public var note: String
    public var severity: Severity
    public var roundFound: Int
    public var failedRechecks: Int
    public var status: DefectStatus
    public var rectificationNote: String?
    public var deadline: Day?

    public init(id: UUID, code: String, unitCode: String, place: LayoutSortKey, unitType: String, room: String, item: String,
                note: String, severity: Severity, roundFound: Int, failedRechecks: Int, status: DefectStatus, rectificationNote: String?,
                deadline: Day?) {
        self.id = id; self.unitType = unitType; self.deadline = deadline
        self.code = code; self.unitCode = unitCode; self.place = place; self.room = room; self.item = item; self.note = note; self.severity = severity
        self.roundFound = roundFound; self.failedRechecks = failedRechecks; self.status = status; self.rectificationNote = rectificationNote
    }
}

extension InspectionStore {
    /// The defects of the contractor named `name` (as stored), in layout order then room
    /// and mark code; only those in `statuses` when given. For exports of tens of thousands
    /// of rows, where a `DefectSummary` per row costs more than the file.
    public func rectificationRows(contractor name: String, statuses: [DefectStatus]?) throws -> [RectificationRow] {
        var sql = """
            SELECT d.code, u.code, d.building, u.entrance, u.floor, u.number, d.room, d.item, d.note, d.severity,
                   d.round_found, d.failed, d.status, d.rectification_note, d.id, u.type
            FROM defect d JOIN unit u ON u.rowid = d.unit_rowid JOIN contractor c ON c.rowid = d.contractor_rowid
            WHERE c.name = ?
            """
        if let statuses { sql += " AND d.status IN (\(statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")))" }
        let rows = try read { db in
            let terms = try Self.rectificationTerms(db)
            var list: [RectificationRow] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: [name])
            while let row = try cursor.next() {
                let place = LayoutSortKey(building: row[2], entrance: row[3], floor: row[4], number: row[5])
                let severity = Severity(rawValue: row[9]) ?? .minor
                let status = DefectStatus(rawValue: row[12]) ?? .open
                list.append(RectificationRow(
                    id: row[14], code: row[0], unitCode: row[1], place: place, unitType: row[15], room: row[6], item: row[7],
                    note: row[8], severity: severity, roundFound: row[10], failedRechecks: row[11], status: status,
                    rectificationNote: row[13], deadline: terms.deadline(roundFound: row[10], status: status)))
            }
            return list
        }
        let keys = rows.map { ($0.place, $0.room, $0.code) }
        return rows.indices.sorted { keys[$0] < keys[$1] }.map { rows[$0] }
    }
}
