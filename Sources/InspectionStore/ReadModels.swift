import Foundation
import GRDB
import InspectionCore

/// Who does an action, and when. Each write names its actor: an inspector, a contractor or
/// the lead.
public struct ActionContext: Sendable {
    public var actor: String
    public var at: Date
    public var today: Day

    public init(actor: String, at: Date, today: Day) {
        self.actor = actor
        self.at = at
        self.today = today
    }
}

/// A defect as lists, boards and exports show it: its state plus where it is and who has it.
public struct DefectSummary: Hashable, Sendable, Identifiable {
    public var id: UUID
    public var code: MarkCode
    public var unit: UUID
    public var unitCode: String
    public var building: String
    public var entrance: Int
    public var floor: Int
    public var number: Int
    /// The room's key (its Chinese name) in the unit.
    public var room: String
    /// The unit's floor plan, which names the room in both languages.
    public var unitType: String
    public var item: String
    public var category: String
    public var note: String
    public var severity: Severity
    public var contractor: String?
    public var inspector: String
    public var roundFound: Int
    public var foundAt: Date
    public var status: DefectStatus
    public var failedRechecks: Int
    public var flagRound: Int?
    public var closedRound: Int?
    /// The round it was waived in (or after, before the next opened).
    public var waivedRound: Int?
    /// Whether laptops recorded contradicting steps of it that a lead has not resolved.
    public var inConflict: Bool
    public var waiver: String?
    /// The unified answer it applies and who approved the waiver (nil: waived before answers
    /// were shared, or not waived).
    public var answerCode: String?
    public var approvedBy: String?
    public var rectificationNote: String?
    /// The rectification deadline the latest closed round set (none while closed or waived,
    /// or before a round at or after its finding has closed).
    public var deadline: Day?

    public func isOverdue(today: Day) -> Bool { RectificationTerms.isOverdue(status: status, deadline: deadline, today: today) }

    static let select = """
        SELECT d.id, d.code, u.id AS unit_id, u.code AS unit_code, d.building, u.entrance, u.floor, u.number,
               d.room, d.item, d.category, d.note, d.severity, c.name AS contractor_name, d.inspector,
               d.round_found, d.found_at, d.status, d.failed, d.flag_round, d.closed_round, d.waiver,
               d.rectification_note, u.type AS unit_type, d.waived_round,
               EXISTS (SELECT 1 FROM conflict k WHERE k.defect = d.id) AS in_conflict, d.answer_code, d.approved_by
        FROM defect d JOIN unit u ON u.rowid = d.unit_rowid LEFT JOIN contractor c ON c.rowid = d.contractor_rowid
        """

    /// Reads the columns of `select` by position: name lookups cost more than the rest of
    /// the row when a list has tens of thousands of defects.
    init(row: Row) {
        id = row[0]
        code = MarkCode(stored: row[1])
        unit = row[2]
        unitCode = row[3]
        building = row[4]
        entrance = row[5]
        floor = row[6]
        number = row[7]
        room = row[8]
        item = row[9]
        category = row[10]
        note = row[11]
        severity = Severity(rawValue: row[12]) ?? .major
        contractor = row[13]
        inspector = row[14]
        roundFound = row[15]
        foundAt = EventCodec.date(row[16])
        status = DefectStatus(rawValue: row[17]) ?? .open
        failedRechecks = row[18]
        flagRound = row[19]
        closedRound = row[20]
        waiver = row[21]
        rectificationNote = row[22]
        unitType = row[23]
        waivedRound = row[24]
        inConflict = row[25]
        answerCode = row[26]
        approvedBy = row[27]
    }

    /// Layout order: building, entrance, floor, unit, then room and code.
    public var layoutKey: LayoutSortKey { LayoutSortKey(building: building, entrance: entrance, floor: floor, number: number) }
}

/// A defect with its whole history, for `defect show`.
public struct DefectDetail: Hashable, Sendable {
    /// The defect as its history makes it (a withdrawn one: as it was before).
    public var defect: Defect
    public var summary: DefectSummary
    public var history: [Event]
    /// When its finding was withdrawn, and by whom (nil: it stands).
    public var withdrawal: Withdrawal?
}

/// A defect's finding withdrawn by a correction: its mark code still answers with this.
public struct Withdrawal: Hashable, Sendable {
    public var at: Date
    public var by: String
    public var round: Int
    /// The correction that withdrew it.
    public var event: UUID

    /// The correction that withdrew a defect's finding in its history, if one did.
    public static func of(_ history: [Event]) -> Withdrawal? {
        let found = Set(history.compactMap { event -> UUID? in if case .defectFound = event.body { return event.id } else { return nil } })
        return history.last { event in
            if case .reverted(let r) = event.body { return found.contains(r.target) } else { return false }
        }.map { Withdrawal(at: $0.at, by: $0.actor, round: $0.round, event: $0.id) }
    }
}

/// One unit in one round: its results, its re-check list and its progress.
public struct UnitRoundView: Hashable, Sendable {
    public var unit: ProjectUnit
    public var round: Int
    public var results: UnitRound
    /// Defects from earlier rounds to re-check in this round, with their state now.
    public var rechecks: [DefectSummary]
    /// Defects found in this unit in this round.
    public var found: [DefectSummary]
    public var progress: UnitProgress
    /// Every room-and-item pair of the unit, in walking order.
    public var pairs: [RoomItem]
}

/// The settings, names and numbers that a round opening reports.
public struct RoundOpening: Hashable, Sendable {
    public var number: Int
    public var rechecks: Int
    public var units: Int
}

/// Which defects a list shows; nil fields do not filter.
public struct DefectFilter: Hashable, Sendable {
    public var unit: UUID?
    public var unitCode: String?
    public var contractor: String?
    public var status: DefectStatus?
    /// Any of these statuses (with `status`, both must hold).
    public var statuses: [DefectStatus]?
    public var roundFound: Int?
    public var foundUpTo: Int?
    public var building: String?
    public var category: String?
    /// Defects whose re-check failed in this round.
    public var failedInRound: Int?

    public init() {}
}

/// Who a new defect goes to.
public enum ContractorChoice: Hashable, Sendable {
    /// The contractor covering the item's trade in the unit's building (none if no one does).
    case byTrade
    case named(String)
    case none
}
