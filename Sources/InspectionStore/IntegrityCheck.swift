import Foundation
import GRDB
import InspectionCore

extension InspectionStore {
    /// What is wrong with the file, one line each; empty when it is sound. SQLite's own
    /// integrity check first; when it passes, every defect's state is folded again from its
    /// history and compared with the defect table the board and the exports read.
    public func check() throws -> [String] {
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { return integrity.map { "integrity: \($0)" } }
            return try Self.projectionProblems(db)
        }
    }

    static func projectionProblems(_ db: Database) throws -> [String] {
        let threshold = try project(db)?.settings.penaltyThreshold ?? 2
        var history: [UUID: [Event]] = [:]
        for event in try EventCodec.fetch(db, where: "defect IS NOT NULL") {
            if let id = event.defect { history[id, default: []].append(event) }
        }
        var problems: [String] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT id, code, status, failed, flag_round FROM defect_state")
        var seen = Set<UUID>()
        func describe(_ status: String, _ failed: Int, _ flag: Int?) -> String {
            "\(status) with \(failed) failed re-checks" + (flag.map { ", flagged in round \($0)" } ?? "")
        }
        while let row = try rows.next() {
            let id: UUID = row["id"], code: String = row["code"]
            let table = describe(row["status"], row["failed"], row["flag_round"])
            seen.insert(id)
            guard let folded = DefectLifecycle.fold(history[id] ?? [], penaltyThreshold: threshold) else {
                if row["status"] as String != "retracted" { problems.append("defect \(code): the table says \(table), its history that it was taken back") }
                continue
            }
            let expected = describe(folded.status.rawValue, folded.failedRechecks, folded.flag?.round)
            if expected != table { problems.append("defect \(code): the table says \(table), its history \(expected)") }
        }
        for (id, events) in history where !seen.contains(id) && DefectLifecycle.fold(events, penaltyThreshold: threshold) != nil {
            problems.append("defect \(id): in the history but not in the defect table")
        }
        // Every other table against a rebuild from the history, in a copy in memory (the
        // file is only read).
        let copy = try DatabaseQueue()
        try copy.writeWithoutTransaction { try db.backup(to: $0) }
        let (stale, missing) = try copy.write { copy -> ([String], [String]) in
            let written = Set(try projectionDump(copy))
            try Projector.rebuild(copy)
            let rebuilt = Set(try projectionDump(copy))
            return (written.subtracting(rebuilt).sorted(), rebuilt.subtracting(written).sorted())
        }
        for row in stale.prefix(20) { problems.append("table row not in the history: \(row)") }
        for row in missing.prefix(20) { problems.append("history row missing from the tables: \(row)") }
        if stale.count + missing.count > 40 {
            problems.append("… \(stale.count + missing.count) rows differ in all (yanfang rebuild makes the tables from the history again)")
        }
        return problems
    }
}
