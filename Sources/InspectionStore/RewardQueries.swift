import Foundation
import GRDB
import InspectionCore

extension InspectionStore {
    /// The claims and reassignments the rewards read, as the partial index `event_claims`
    /// names them.
    static let claimsCondition = "kind IN ('defect.rectified', 'defect.reassigned')"

    /// Every contractor's reward figures now.
    public func rewards() throws -> [ContractorRewards] {
        try read { db in try Self.rewards(db, penalties: PenaltyRules.tally(flags: try Self.flags(db), contractors: try Self.contractors(db), round: nil)) }
    }

    static func rewards(_ db: Database, penalties: [ContractorPenalties]) throws -> [ContractorRewards] {
        var contractorIDs: [Int64: UUID] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rowid, id FROM contractor") { contractorIDs[row["rowid"]] = row["id"] }
        // Each defect's first recorded re-check, with the contractor who had it then.
        let first = try Row.fetchAll(db, sql: """
            SELECT r.contractor_rowid, r.outcome FROM recheck r JOIN defect d ON d.rowid = r.defect_rowid
            WHERE r.outcome IS NOT NULL
              AND r.round = (SELECT min(r2.round) FROM recheck r2 WHERE r2.defect_rowid = r.defect_rowid AND r2.outcome IS NOT NULL)
            """).map { row -> (contractor: UUID?, passed: Bool) in
            ((row["contractor_rowid"] as Int64?).flatMap { contractorIDs[$0] }, row["outcome"] as Bool)
        }
        var outstanding: [UUID?: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT contractor_rowid, count(*) AS n FROM defect_state WHERE status IN ('open', 'rectified') GROUP BY contractor_rowid
            """) {
            outstanding[(row["contractor_rowid"] as Int64?).flatMap { contractorIDs[$0] }, default: 0] += row["n"] as Int
        }
        return RewardRules.tally(contractors: try contractors(db), firstRechecks: first, claims: try claims(db),
                                 outstanding: outstanding, penalties: penalties)
    }

    /// Every claim of a defect not taken back, with the contractor who had the defect when it
    /// was made and the deadline in force then (the latest closed round's, in the history's
    /// order).
    static func claims(_ db: Database) throws -> [ClaimRecord] {
        // The history's order: hlc, then replica and id (byte order, as SQLite sorts them).
        func order(_ e: Event) -> (Int64, String, String) { (e.hlc, e.replica.uuidString, e.id.uuidString) }
        var closes: [(position: (Int64, String, String), deadline: Day)] = []
        var terms = RectificationTerms()
        for event in try EventCodec.fetch(db, where: termsCondition) {
            let before = terms.deadlines.count
            terms.apply(event)
            if case .roundClosed(let c) = event.body, terms.deadlines.count > before, let deadline = terms.deadlines[c.number] {
                closes.append((order(event), deadline))
            }
        }
        var current: [UUID: UUID?] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT d.id, c.id AS contractor FROM defect d LEFT JOIN contractor c ON c.rowid = d.contractor_rowid
            """) {
            current[row["id"]] = row["contractor"] as UUID?
        }
        let events = try EventCodec.fetch(db, where: claimsCondition)
        // A defect handed on: its contractor at the start is the one its finding named.
        var holder: [UUID: UUID?] = [:]
        for id in Set(events.compactMap { e -> UUID? in if case .defectReassigned = e.body { return e.defect } else { return nil } }) {
            for found in try EventCodec.fetch(db, where: "defect = ? AND kind = 'defect.found'", arguments: [id]) {
                if case .defectFound(let f) = found.body { holder[id] = f.contractor }
            }
        }
        var claims: [ClaimRecord] = []
        var close = 0
        for event in events {
            guard let id = event.defect, let now = current[id] else { continue }
            switch event.body {
            case .defectReassigned(let r):
                holder[id] = r.contractor
            case .defectRectified:
                let position = order(event)
                while close < closes.count && closes[close].position < position { close += 1 }
                claims.append(ClaimRecord(contractor: holder[id] ?? now, day: Day(dayNumber: Int((event.at.timeIntervalSince1970 / 86_400).rounded(.down))),
                                          deadline: close > 0 ? closes[close - 1].deadline : nil))
            default:
                continue
            }
        }
        return claims
    }
}
