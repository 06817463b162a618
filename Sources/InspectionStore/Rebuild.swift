import Foundation
import GRDB
import InspectionCore

/// What `rebuild` did.
public struct RebuildSummary: Hashable, Sendable {
    public var events: Int
    public var units: Int
    public var defects: Int
    public var rounds: Int
}

extension InspectionStore {
    /// Empties the projections and rebuilds them from the history, in one transaction.
    public func rebuild() throws -> RebuildSummary {
        // An event of the history that does not read is named (`naming`).
        try naming([]) {
            try translatingErrors {
                try writeRebuilding { db -> RebuildSummary in
                    let events = try Projector.rebuild(db)
                    return RebuildSummary(events: events,
                                          units: try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? 0,
                                          defects: try Int.fetchOne(db, sql: "SELECT count(*) FROM defect") ?? 0,
                                          rounds: try Int.fetchOne(db, sql: "SELECT count(*) FROM round") ?? 0)
                }
            }
        }
    }

    /// One transaction that rebuilds the projections, without SQLite checking their foreign
    /// keys row by row: the projector writes every projection table whole, children after
    /// their parents, and only the projection tables have foreign keys (none with actions on
    /// delete). Checking them kept SQLite from emptying a table at once (2.3 of the 35 seconds
    /// of rebuilding the 10,000-unit project went to emptying the tables) and looked up the
    /// parents of every row written. The keys are checked once, in one pass, before the
    /// transaction commits: a row without its parent rolls it back. The indexes such a
    /// transaction drops and makes again are sorted on every core.
    func writeRebuilding<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.execute(sql: "PRAGMA threads = \(ProcessInfo.processInfo.activeProcessorCount)")
            defer { try? db.execute(sql: "PRAGMA threads = 0") }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil {
                    throw DatabaseError(resultCode: .SQLITE_CONSTRAINT_FOREIGNKEY, message: "FOREIGN KEY constraint failed")
                }
                return .commit
            }
            return result!
        }
    }

    /// The rows in which the projections differ from what a rebuild from the history gives:
    /// (rows only in the tables as they are, rows only in the rebuilt ones). The rebuild is
    /// rolled back, so the file is left as it was.
    public func projectionDifferences() throws -> (stale: [String], missing: [String]) {
        struct RolledBack: Error { var stale: [String]; var missing: [String] }
        do {
            try translatingErrors {
                try writer.write { db in
                    let written = try Self.projectionDump(db)
                    try Projector.rebuild(db)
                    let rebuilt = try Self.projectionDump(db)
                    throw RolledBack(stale: Array(Set(written).subtracting(rebuilt)).sorted(),
                                     missing: Array(Set(rebuilt).subtracting(written)).sorted())
                }
            }
        } catch let result as RolledBack {
            return (result.stale, result.missing)
        }
        return ([], [])
    }

    /// Every projection table, row by row, in a form that does not depend on the order rows
    /// were written in: row numbers are replaced by the identities they stand for, and rows
    /// are sorted. Two files whose histories are the same give the same lines.
    public func projectionDump() throws -> [String] {
        try read(Self.projectionDump)
    }

    static func projectionDump(_ db: Database) throws -> [String] {
        let queries = [
            "SELECT 'project', id, name, delivery, penalty_threshold, readiness_target FROM project",
            "SELECT 'checklist', id, json FROM checklist",
            "SELECT 'unit', id, code, building, entrance, floor, number, type FROM unit",
            "SELECT 'contractor', id, name, trades, buildings FROM contractor",
            "SELECT 'round', number, opened, closed, partial, unreached, pending FROM round",
            "SELECT 'replica', id, tag, parent, joined_at FROM replica",
            "SELECT 'conflict', key, kind, round, unit, defect, room, item, events FROM conflict",
            """
            SELECT 'defect', d.id, d.code, u.id, d.building, d.room, d.item, d.category, d.note, d.severity, d.severity_rank,
                   d.sensitivity_rank, c.id, d.inspector, d.round_found, d.found_at, d.status, d.failed, d.flag_round, fc.id,
                   d.closed_round, d.waived_round, d.waiver, d.rectification_note, d.rectified_at
            FROM defect_state d JOIN unit u ON u.rowid = d.unit_rowid
            LEFT JOIN contractor c ON c.rowid = d.contractor_rowid LEFT JOIN contractor fc ON fc.rowid = d.flag_contractor_rowid
            """,
            """
            SELECT 'recheck', r.round, d.id, u.id, r.building, r.category, c.id, r.status_at_open, r.outcome
            FROM recheck r JOIN defect_state d ON d.rowid = r.defect_rowid JOIN unit u ON u.rowid = r.unit_rowid
            LEFT JOIN contractor c ON c.rowid = r.contractor_rowid
            """,
            """
            SELECT 'unit_round', r.round, u.id, r.applicable, r.recorded, r.rechecks, r.rechecks_done
            FROM unit_round r JOIN unit u ON u.rowid = r.unit_rowid
            """,
            """
            SELECT 'claim', d.id, c.seq, c.contractor, c.day, c.hlc, c.replica, c.event
            FROM defect_claim c JOIN defect_state d ON d.rowid = c.defect_rowid
            """,
            """
            SELECT 'flag', d.id, f.seq, f.round, f.contractor, f.after_claim, f.without_claim
            FROM penalty_flag f JOIN defect_state d ON d.rowid = f.defect_rowid
            """,
            "SELECT 'plan', id, json, source, actor, imported_at FROM plan",
            "SELECT 'rectification_days', rectification_days FROM project",
            "SELECT 'plan_batch', round, position, name, start, finish FROM plan_batch",
            "SELECT 'ponding', unit, round, room, item, started, actor, event, checked FROM ponding_test",
            "SELECT 'spray', event, building, entrance, floor_from, floor_to, day, round, actor, passed, leaks, note FROM spray_test",
            "SELECT 'terms', json FROM rectification_terms",
            """
            SELECT 'answer', code, title, text, action, owner, due, buyer_questions, defined_by, defined_at, revised_by, revised_at, revisions
            FROM answer
            """,
            "SELECT 'defect_answer', id, answer_code, approved_by FROM defect_state WHERE answer_code IS NOT NULL OR approved_by IS NOT NULL",
            """
            SELECT 'tally', t.building, t.category, c.id, t.status, t.round_found, t.closed_round, t.waived_round, t.n
            FROM defect_tally t LEFT JOIN contractor c ON c.rowid = t.contractor_rowid WHERE t.n > 0
            """,
        ]
        var lines: [String] = []
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        for sql in queries {
            // A file of an older schema lacks the newer tables.
            if sql.contains("FROM replica"), !tables.contains("replica") { continue }
            if sql.contains("FROM conflict"), !tables.contains("conflict") { continue }
            // Schema v3 made the plan's tables and the rectification days.
            if sql.contains("FROM plan") || sql.contains("rectification_days"), !tables.contains("plan") { continue }
            // Schema v5 made the claims' and penalty flags' tables.
            if sql.contains("FROM defect_claim") || sql.contains("FROM penalty_flag"), !tables.contains("defect_claim") { continue }
            // Schema v6 made the answers' table and the defects' answer columns.
            if sql.contains("answer"), !tables.contains("answer") { continue }
            // Schema v7 made the field tests' tables.
            if sql.contains("FROM ponding_test") || sql.contains("FROM spray_test"), !tables.contains("ponding_test") { continue }
            // Schema v8 made the rectification terms' table.
            if sql.contains("FROM rectification_terms"), !tables.contains("rectification_terms") { continue }
            let rows = try Row.fetchAll(db, sql: sql)
            lines += rows.map { row in row.databaseValues.map { value -> String in
                if case .blob(let data) = value.storage, data.count == 16 {
                    return UUID(uuid: data.withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) }).uuidString
                }
                return value.description
            }.joined(separator: "|") }.sorted()
        }
        return lines
    }
}
