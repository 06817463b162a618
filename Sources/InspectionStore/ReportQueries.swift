import Foundation
import GRDB
import InspectionCore

/// How a round's re-checks came out.
public struct RecheckOutcomes: Hashable, Sendable, Codable {
    /// Defects on the round's re-check list (carried from earlier rounds).
    public var carried: Int
    public var passed: Int
    public var failed: Int
    /// Waived during the round, so no re-check was needed.
    public var waived: Int
    /// Still unrecorded.
    public var pending: Int

    public init(carried: Int, passed: Int, failed: Int, waived: Int, pending: Int) {
        self.carried = carried
        self.passed = passed
        self.failed = failed
        self.waived = waived
        self.pending = pending
    }
}

/// A unified answer and the defects waived with it.
public struct AnswerApplied: Hashable, Sendable {
    /// Nil for defects waived before answers were shared.
    public var answer: AnswerRecord?
    public var defects: [DefectSummary]
}

/// The facts of one round that the mock acceptance report adds to the board.
public struct RoundFacts: Hashable, Sendable {
    public var round: Round
    /// New defects of the round by severity.
    public var newBySeverity: [Severity: Int]
    public var rechecks: RecheckOutcomes
    /// Every defect waived up to the end of the round, with its unified answer.
    public var waived: [DefectSummary]
    /// Every unified answer of the project with the defects it was applied to up to the end
    /// of the round, by code; last, with no answer record, the defects waived before answers
    /// were shared (each with the text it carried).
    public var answers: [AnswerApplied]
    /// Codes of the units not reached and the re-checks not recorded (a partial close).
    public var unreachedUnits: [String]
    public var pendingRechecks: [String]
    /// Results of the round recorded after it closed, on laptops that had not yet heard it
    /// closed (merged later): kept, and shown as late work.
    public var lateResults: Int
    /// Conflicts between laptops in the round that no lead has resolved.
    public var conflicts: Int
}

extension InspectionStore {
    /// The report's facts for round `number`.
    public func roundFacts(_ number: Int) throws -> RoundFacts {
        try read { db in
            guard let round = try Self.rounds(db).first(where: { $0.number == number }) else { throw InspectionError.roundNotFound(number) }
            var bySeverity: [Severity: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT severity, count(*) AS n FROM defect WHERE round_found = ? GROUP BY severity", arguments: [number]) {
                if let s = Severity(rawValue: row["severity"]) { bySeverity[s] = row["n"] }
            }
            var outcomes = RecheckOutcomes(carried: 0, passed: 0, failed: 0, waived: 0, pending: 0)
            // A closed round's pending re-checks are those its close recorded; the rest without
            // an outcome were waived before it closed. An open round is as it is now.
            let pendingAtClose = Set(round.pendingRechecks)
            for row in try Row.fetchAll(db, sql: """
                SELECT r.outcome, d.status = 'waived' AS waived, d.id FROM recheck r
                JOIN defect_state d ON d.rowid = r.defect_rowid WHERE r.round = ?
                """, arguments: [number]) {
                outcomes.carried += 1
                switch row["outcome"] as Int? {
                case 1?: outcomes.passed += 1
                case 0?: outcomes.failed += 1
                default:
                    let waived = round.isOpen ? row["waived"] as Bool : !pendingAtClose.contains(row["id"] as UUID)
                    if waived { outcomes.waived += 1 } else { outcomes.pending += 1 }
                }
            }
            let waived = try DefectSummary.fetchAll(db, where: "d.status = 'waived' AND d.waived_round <= ?", [number],
                                                    orderBy: Self.layoutOrder)
            let byCode = Dictionary(grouping: waived, by: \.answerCode)
            var answers = try Row.fetchAll(db, sql: "SELECT * FROM answer ORDER BY code").map(Self.answerRecord).map {
                AnswerApplied(answer: $0, defects: byCode[$0.answer.code] ?? [])
            }
            if let earlier = byCode[nil] { answers.append(AnswerApplied(answer: nil, defects: earlier)) }
            func codes(_ table: String, _ ids: [UUID]) throws -> [String] {
                try ids.compactMap { try String.fetchOne(db, sql: "SELECT code FROM \(table) WHERE id = ?", arguments: [$0]) }
            }
            let team = try Self.teamFacts(db, round: number)
            return RoundFacts(round: round, newBySeverity: bySeverity, rechecks: outcomes, waived: waived, answers: answers,
                              unreachedUnits: try codes("unit", round.unreachedUnits),
                              pendingRechecks: try codes("defect_state", round.pendingRechecks),
                              lateResults: team.lateResults, conflicts: team.conflicts)
        }
    }

    /// Results recorded in a round after its first close in the history's order, and the
    /// round's unresolved conflicts.
    static func teamFacts(_ db: Database, round: Int) throws -> (lateResults: Int, conflicts: Int) {
        let conflicts = try Int.fetchOne(db, sql: "SELECT count(*) FROM conflict WHERE round = ?", arguments: [round]) ?? 0
        guard let close = try Row.fetchOne(db, sql: """
            SELECT hlc, replica, id FROM event WHERE \(termsCondition) AND kind = 'round.closed' AND round = ?
            ORDER BY \(EventCodec.order) LIMIT 1
            """, arguments: [round]) else { return (0, conflicts) }
        let late = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM event WHERE round = ? AND (hlc, replica, id) > (?, ?, ?)
            AND kind IN ('item.recorded', 'remaining.passed', 'defect.found', 'defect.rechecked')
            """, arguments: [round, close[0], close[1], close[2]]) ?? 0
        return (late, conflicts)
    }

    /// Open and rectified-but-unchecked defects in the order buyers would notice them:
    /// buyer sensitivity, then severity, then layout.
    public func buyerRankedDefects(limit: Int) throws -> [DefectSummary] {
        try read { db in
            try DefectSummary.fetchAll(db, where: "d.status IN ('open', 'rectified')", [],
                                       orderBy: "d.sensitivity_rank, d.severity_rank, d.failed DESC, d.building, u.entrance, u.floor, u.number LIMIT \(limit)")
        }
    }

}
