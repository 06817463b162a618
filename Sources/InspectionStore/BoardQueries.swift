import Foundation
import GRDB
import InspectionCore

/// Everything a lead reads on the defect board for one round.
public struct BoardReport: Hashable, Sendable {
    public var project: Project
    public var round: Round?
    public var rounds: [Round]
    public var units: RoundProgress
    public var tables: BoardTables
    /// Contractor names by id, for the tables' contractor rows.
    public var contractorNames: [UUID: String]
    public var readiness: Readiness
    public var deadlines: Deadlines
    public var penaltiesInRound: [ContractorPenalties]
    public var penaltiesTotal: [ContractorPenalties]
    /// Conflicts between laptops that no lead has resolved, in every round.
    public var conflicts: Int
    /// Results of this round recorded after it closed (late work merged from other laptops).
    public var lateResults: Int
    /// The rectification deadline the latest closed round set, and the defects still without
    /// a claim after it, today, by contractor (nil: none).
    public var rectificationDeadline: Day?
    /// The deadline the board's round set when it closed (nil while open).
    public var roundDeadline: Day?
    public var overdue: [UUID?: Int] = [:]
    /// Each contractor's reward figures, now.
    public var rewards: [ContractorRewards] = []
    public var overdueTotal: Int { overdue.values.reduce(0, +) }
    /// What the plan says against the schedule and the work done (none without a plan).
    public var planWarnings: [DeadlineWarning] = []
    /// The round's progress against its plan, per batch and member (nil without a plan for it).
    public var planProgress: PlanProgress? = nil
    /// Each entrance's spray tests (淋水试验): the bands of floors tested and those not.
    public var spray: [SprayCoverage] = []

    public func contractorName(_ id: UUID?) -> String {
        id.flatMap { contractorNames[$0] } ?? PenaltyRules.unassigned
    }
}

extension InspectionStore {
    /// The board for round `number` (default: the latest round). Counts are as described by
    /// `BoardMeasure`: new and failed re-checks happened in the round; the other columns are
    /// where each defect stood at the end of the round (for the latest round, now).
    public func board(round number: Int?, today: Day) throws -> BoardReport {
        try read { db in
            guard let project = try Self.project(db) else { throw InspectionError.noProject }
            let rounds = try Self.rounds(db)
            let latest = rounds.last?.number ?? 0
            if let number, !rounds.contains(where: { $0.number == number }) { throw InspectionError.roundNotFound(number) }
            let roundNumber = number ?? latest
            let round = rounds.first { $0.number == roundNumber }
            let checklists = try self.checklists(db)
            let contractors = try Self.contractors(db)
            var rowids: [Int64: UUID] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT rowid, id FROM contractor") { rowids[row["rowid"]] = row["id"] }
            let facts = roundNumber == 0 ? [] : try Self.boardFacts(db, round: roundNumber, latest: latest, contractors: rowids)
            let buildings = try String.fetchAll(db, sql: "SELECT DISTINCT building FROM unit").sorted { compareBuildings($0, $1) < 0 }
            let tables = BoardTables.assemble(facts, buildings: buildings, categories: checklists.categories.map(\.id),
                                              contractors: contractors.map(\.id))
            let units = RoundProgress(try Self.progress(db, round: roundNumber).values)
            let open = roundNumber == latest ? tables.total.outstanding
                : try Int.fetchOne(db, sql: "SELECT count(*) FROM defect_state WHERE status IN ('open', 'rectified')") ?? 0
            let deadlines = Deadlines(delivery: project.delivery, today: today, roundOneStarted: rounds.first { $0.number == 1 }?.opened,
                                      openDefects: open, roundsClosed: rounds.filter { !$0.isOpen }.count)
            let flags = try Self.flags(db)
            var report = BoardReport(project: project, round: round, rounds: rounds, units: units, tables: tables,
                               contractorNames: Dictionary(contractors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                               readiness: try Self.readiness(db, frozenAt: round?.isOpen == false ? roundNumber : nil), deadlines: deadlines,
                               penaltiesInRound: round.map { PenaltyRules.tally(flags: flags, contractors: contractors, round: $0.number) } ?? [],
                               penaltiesTotal: PenaltyRules.tally(flags: flags, contractors: contractors, round: nil),
                               conflicts: try Int.fetchOne(db, sql: "SELECT count(*) FROM conflict") ?? 0,
                               lateResults: roundNumber == 0 ? 0 : try Self.teamFacts(db, round: roundNumber).lateResults,
                               rectificationDeadline: try Self.rectificationTerms(db).deadlines.max { $0.key < $1.key }?.value,
                               roundDeadline: try Self.rectificationTerms(db).deadlines[roundNumber],
                               overdue: try Self.overdue(db, today: today, contractors: rowids),
                               rewards: try Self.rewards(db, penalties: PenaltyRules.tally(flags: flags, contractors: contractors, round: nil)),
                               planWarnings: try Self.planWarnings(db, today: today),
                               planProgress: roundNumber == 0 ? nil : try Self.planProgress(db, round: roundNumber, today: today))
            report.spray = try Self.sprayCoverage(db)
            return report
        }
    }

    /// Defects still without a claim after their deadline, today, by contractor: every open
    /// defect found up to the latest closed round has that round's deadline.
    static func overdue(_ db: Database, today: Day, contractors: [Int64: UUID]) throws -> [UUID?: Int] {
        let terms = try rectificationTerms(db)
        guard let latest = terms.deadlines.keys.max(), let deadline = terms.deadlines[latest],
              RectificationTerms.isOverdue(status: .open, deadline: deadline, today: today) else { return [:] }
        var counts: [UUID?: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT contractor_rowid, count(*) AS n FROM defect_state WHERE status = 'open' AND round_found <= ? GROUP BY contractor_rowid
            """, arguments: [latest]) {
            counts[(row["contractor_rowid"] as Int64?).flatMap { contractors[$0] }, default: 0] += row["n"] as Int
        }
        return counts
    }

    static func boardFacts(_ db: Database, round: Int, latest: Int, contractors: [Int64: UUID]) throws -> [BoardFact] {
        var facts: [BoardFact] = []
        func add(_ row: Row, _ measure: BoardMeasure, _ count: Int) {
            guard count > 0 else { return }
            facts.append(BoardFact(building: row["building"], category: row["category"],
                                   contractor: (row["contractor_rowid"] as Int64?).flatMap { contractors[$0] },
                                   measure: measure, count: count))
        }
        let isLatest = round == latest
        // The tallies give new, closed, waived and (for the latest round) open and rectified.
        for row in try Row.fetchAll(db, sql: """
            SELECT building, category, nullif(contractor_rowid, 0) AS contractor_rowid, status, round_found,
                   closed_round, waived_round, n
            FROM defect_tally WHERE n > 0 AND status <> 'retracted' AND round_found <= ?
            """, arguments: [round]) {
            let n: Int = row["n"]
            if (row["round_found"] as Int) == round { add(row, .new, n) }
            if isLatest {
                switch DefectStatus(rawValue: row["status"]) {
                case .open?: add(row, .open, n)
                case .rectified?: add(row, .rectified, n)
                case .closed?: add(row, .closed, n)
                case .waived?: add(row, .waived, n)
                case nil: break
                }
            } else if case let closed = row["closed_round"] as Int, closed > 0, closed <= round {
                add(row, .closed, n)
            } else if case let waived = row["waived_round"] as Int, waived > 0, waived <= round {
                add(row, .waived, n)
            }
        }
        if !isLatest {
            // Open and rectified at the end of a past round: the next round's re-check list,
            // taken as that round opened.
            for row in try Row.fetchAll(db, sql: """
                SELECT building, category, contractor_rowid, status_at_open, count(*) AS n
                FROM recheck WHERE round = ? GROUP BY building, category, contractor_rowid, status_at_open
                """, arguments: [round + 1]) {
                add(row, (row["status_at_open"] as String) == "rectified" ? .rectified : .open, row["n"])
            }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT building, category, contractor_rowid, count(*) AS n
            FROM recheck WHERE round = ? AND outcome = 0 GROUP BY status_at_open, building, category, contractor_rowid
            """, arguments: [round]) {
            add(row, .failedRechecks, row["n"])
        }
        return facts
    }
}
