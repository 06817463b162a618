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
        let rows = try Row.fetchCursor(db, sql: "SELECT id, code, status, failed FROM defect_state")
        var seen = Set<UUID>()
        while let row = try rows.next() {
            let id: UUID = row["id"], code: String = row["code"], status: String = row["status"], failed: Int = row["failed"]
            seen.insert(id)
            let folded = DefectLifecycle.fold(history[id] ?? [], penaltyThreshold: threshold)
            let expected = folded.map { ($0.status.rawValue, $0.failedRechecks) } ?? ("retracted", failed)
            if expected.0 != status || expected.1 != failed {
                problems.append("defect \(code): the table says \(status) with \(failed) failed re-checks, its history \(expected.0) with \(expected.1)")
            }
        }
        for (id, events) in history where !seen.contains(id) && DefectLifecycle.fold(events, penaltyThreshold: threshold) != nil {
            problems.append("defect \(id): in the history but not in the defect table")
        }
        return problems
    }
}
