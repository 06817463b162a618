import Foundation
import GRDB
import InspectionCore

extension InspectionStore {
    /// Every contractor's reward figures now.
    public func rewards() throws -> [ContractorRewards] {
        try read { db in try Self.rewards(db, penalties: PenaltyRules.tally(flags: try Self.flags(db), contractors: try Self.contractors(db), round: nil)) }
    }

    static func rewards(_ db: Database, penalties: [ContractorPenalties]) throws -> [ContractorRewards] {
        var contractorIDs: [Int64: UUID] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rowid, id FROM contractor") { contractorIDs[row["rowid"]] = row["id"] }
        // Each defect's first recorded re-check, with the contractor who had it then, counted
        // by that contractor and its outcome.
        let first = try Row.fetchAll(db, sql: """
            SELECT contractor_rowid, outcome, count(*) AS n FROM (
                -- (SQLite takes the bare columns from the row of the minimum.)
                SELECT defect_rowid, contractor_rowid, outcome, min(round) FROM recheck WHERE outcome IS NOT NULL GROUP BY defect_rowid)
            WHERE defect_rowid NOT IN (SELECT rowid FROM defect_state WHERE status = 'retracted')
            GROUP BY 1, 2
            """).map { row -> (contractor: UUID?, passed: Bool, count: Int) in
            ((row["contractor_rowid"] as Int64?).flatMap { contractorIDs[$0] }, row["outcome"] as Bool, row["n"] as Int)
        }
        var outstanding: [UUID?: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT contractor_rowid, sum(n) AS n FROM defect_tally WHERE status IN ('open', 'rectified') GROUP BY contractor_rowid
            """) {
            outstanding[(row["contractor_rowid"] as Int64?).flatMap { contractorIDs[$0] }, default: 0] += row["n"] as Int
        }
        return RewardRules.tally(contractors: try contractors(db), firstRechecks: first, claims: try claims(db),
                                 outstanding: outstanding, penalties: penalties)
    }

    /// Every claim of a standing defect not taken back, counted by the contractor who had the
    /// defect when it was made, its day and the deadline in force then (that of the latest
    /// round closed before it, in the history's order), from the projector's tally.
    static func claims(_ db: Database) throws -> [ClaimRecord] {
        let terms = try rectificationTerms(db)
        return try Row.fetchAll(db, sql: "SELECT contractor, day, close_round, n FROM claim_tally WHERE n > 0").map { row in
            let contractor: Data = row["contractor"]
            return ClaimRecord(contractor: contractor.isEmpty ? nil : row["contractor"], day: Day(dayNumber: row["day"]),
                               deadline: terms.deadlines[row["close_round"]], count: row["n"])
        }
    }
}
