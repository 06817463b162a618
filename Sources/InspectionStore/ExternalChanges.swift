import Foundation
import GRDB
import InspectionCore

extension InspectionStore {
    /// SQLite's count of commits by other connections (`PRAGMA data_version`), read on the
    /// writer's connection so that our own writes do not move it: when it changes, another
    /// program (a second laptop's merge, a command) has written the file.
    public func externalChangeCount() throws -> Int {
        try translatingErrors {
            try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        }
    }
}

/// What the history gained after a point of this file's own order (`event.seq`): which
/// units its new events are about, and whether any is about more than a unit (a round
/// opened or closed, a setting, a layout import, a merge of many), after which a screen
/// showing every unit reads them all again.
public struct HistoryChanges: Hashable, Sendable {
    /// The latest event of the file, to ask from next time.
    public var latest: Int64
    public var units: Set<UUID>
    public var beyondUnits: Bool
}

extension InspectionStore {
    /// Changes after `seq` (nil: everything, so beyond units). More than `limit` new events
    /// count as beyond units: reading them all would cost more than reading every unit.
    public func changes(since seq: Int64?, limit: Int = 500) throws -> HistoryChanges {
        try read { db in
            let latest = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM event") ?? 0
            guard let seq else { return HistoryChanges(latest: latest, units: [], beyondUnits: true) }
            let rows = try Row.fetchAll(db, sql: "SELECT unit FROM event WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit + 1])
            var units: Set<UUID> = []
            for row in rows {
                guard let unit = row[0] as UUID? else { return HistoryChanges(latest: latest, units: [], beyondUnits: true) }
                units.insert(unit)
            }
            return HistoryChanges(latest: latest, units: units, beyondUnits: rows.count > limit)
        }
    }

    /// Progress in a round of some units, by unit id.
    public func progress(round: Int, units: Set<UUID>) throws -> [UUID: UnitProgress] {
        try read { db in
            var map: [UUID: UnitProgress] = [:]
            let statement = try db.cachedStatement(sql: """
                SELECT r.applicable, r.recorded, r.rechecks, r.rechecks_done
                FROM unit_round r JOIN unit u ON u.rowid = r.unit_rowid WHERE r.round = ? AND u.id = ?
                """)
            for id in units {
                if let row = try Row.fetchOne(statement, arguments: [round, id]) {
                    map[id] = UnitProgress(applicable: row[0], recorded: row[1], rechecks: row[2], rechecksDone: row[3])
                }
            }
            return map
        }
    }

    /// Blocking (open or rectified) defect counts of some units (0 included).
    public func blockingDefects(units: Set<UUID>) throws -> [UUID: Int] {
        try read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT count(*) FROM defect_state d JOIN unit u ON u.rowid = d.unit_rowid
                WHERE u.id = ? AND d.status IN ('open', 'rectified')
                """)
            var map: [UUID: Int] = [:]
            for id in units { map[id] = try Int.fetchOne(statement, arguments: [id]) ?? 0 }
            return map
        }
    }
}

extension InspectionStore {
    /// How many units the layout has (units are only ever added).
    public func unitCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? 0 }
    }
}
