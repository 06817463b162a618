import Foundation
import GRDB
import InspectionCore

/// Schema v2: the history becomes complete and ordered across replicas.
///
/// - each event gains the replica that recorded it and its hybrid logical clock (from its
///   time, kept increasing in the file's order), and the history is ordered by them;
/// - the file gets its identity as a replica;
/// - events of schema v1 that carried only counts are given their content from the tables
///   they changed: the project's identity and settings, the checklist set, every unit of a
///   layout import, each round's re-check list, the pairs each "pass the rest" left alone;
/// - conflicts between replicas get a table of their own (a projection);
/// - the projections are rebuilt from the history, so that from now on they are its fold.
///
/// Nothing is lost and no mark code changes: defects keep their codes, and the test of this
/// migration compares every projection table before and after.
enum CompleteHistoryMigration {
    static func run(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE event ADD COLUMN replica BLOB NOT NULL DEFAULT x'00000000000000000000000000000000';
            ALTER TABLE event ADD COLUMN hlc INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE this_replica (
                id BLOB NOT NULL,
                tag TEXT NOT NULL,
                file_device INTEGER,
                file_inode INTEGER
            );
            CREATE TABLE replica (
                id BLOB PRIMARY KEY,
                tag TEXT NOT NULL,
                parent BLOB,
                joined_at INTEGER NOT NULL
            );
            CREATE INDEX replica_parent ON replica(parent);
            CREATE TABLE conflict (
                key TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                round INTEGER NOT NULL,
                unit BLOB NOT NULL,
                defect BLOB,
                room TEXT,
                item TEXT,
                events TEXT NOT NULL
            );
            CREATE INDEX conflict_defect ON conflict(defect) WHERE defect IS NOT NULL;
            CREATE INDEX conflict_unit ON conflict(unit, round);
            """)
        let this = ThisReplica.makeFirst()
        try ThisReplica.create(db, this)
        try completePayloads(db)
        // The events of v1 are the project's first replica's: they take the project's identity
        // as their replica, and clocks from their times, increasing in the file's order. Two
        // copies of one v1 file give their shared events the same place in the order.
        var latest: Int64?
        if let project = try UUID.fetchOne(db, sql: "SELECT id FROM project") {
            let rows = try Row.fetchAll(db, sql: "SELECT seq, at FROM event ORDER BY seq")
            let update = try db.makeStatement(sql: "UPDATE event SET replica = ?, hlc = ? WHERE seq = ?")
            for row in rows {
                let hlc = HistoryOrder.next(at: EventCodec.date(row["at"]), after: latest)
                try update.execute(arguments: [project, hlc, row["seq"] as Int64])
                latest = hlc
            }
            // This file goes on as a replica of its own, whose joining is the first thing it records.
            let round = try Int.fetchOne(db, sql: "SELECT max(number) FROM round") ?? 0
            let now = Date()
            try EventCodec.insert(Event(id: UUID(), replica: this.id, hlc: HistoryOrder.next(at: now, after: latest), at: now,
                                        actor: "yanfang", round: round,
                                        body: .replicaJoined(ReplicaJoined(replica: this.id, tag: this.tag, parent: nil))), into: db)
        }
        try db.execute(sql: "CREATE UNIQUE INDEX event_order ON event(hlc, replica, id)")
        try db.execute(sql: "CREATE INDEX event_replica ON event(replica, hlc)")
        try Projector.rebuild(db)
        try db.execute(sql: "PRAGMA user_version = 2")
    }

    /// Writes into each v1 event what it changed, read from the tables as they are.
    static func completePayloads(_ db: Database) throws {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 > 0 else { return }
        let project = try InspectionStore.project(db)
        let checklists = try? InspectionStore.decodeChecklists(db)
        let units = try Row.fetchAll(db, sql: "SELECT * FROM unit ORDER BY rowid").map(InspectionStore.unit)
        var unitTypes: [UUID: String] = [:]
        for unit in units { unitTypes[unit.id] = unit.type }
        var nextUnit = 0
        let update = try db.makeStatement(sql: "UPDATE event SET payload = ? WHERE seq = ?")
        let rows = try Row.fetchAll(db, sql: "SELECT seq, kind, payload, round, unit FROM event ORDER BY seq")
        for row in rows {
            let seq: Int64 = row["seq"]
            let payload = Data((row["payload"] as String).utf8)
            let body = try EventBody.decode(kind: row["kind"], payload: payload, with: EventCodec.decoder)
            let completed: EventBody?
            switch body {
            case .projectCreated(var p):
                p.project = project?.id
                p.settings = p.settings ?? ProjectSettings()
                completed = .projectCreated(p)
            case .checklistsImported(var c):
                c.set = checklists
                completed = .checklistsImported(c)
            case .layoutImported(var l):
                let end = min(units.count, nextUnit + l.units)
                l.added = Array(units[nextUnit..<end])
                nextUnit = end
                completed = .layoutImported(l)
            case .roundOpened(var r):
                r.recheckList = try UUID.fetchAll(db, sql: """
                    SELECT d.id FROM recheck r JOIN defect_state d ON d.rowid = r.defect_rowid WHERE r.round = ? ORDER BY d.rowid
                    """, arguments: [r.number])
                completed = .roundOpened(r)
            case .remainingPassed(var r):
                guard let unit = row["unit"] as UUID?, let type = unitTypes[unit], let checklists else { completed = nil; break }
                // The pairs without a result at this point of the round, as v1 replayed them.
                let earlier = try Row.fetchAll(db, sql: """
                    SELECT \(v1Columns) FROM event WHERE unit = ? AND round = ? AND seq < ? ORDER BY seq
                    """, arguments: [unit, row["round"] as Int, seq]).map(v1Event)
                // A v1 file's checklists have no conditions (`when` came later): every
                // situation gives the same pairs.
                let all = checklists.pairs(forType: type, situation: UnitSituation(isTopFloor: true, isGroundFloor: true))
                let pairs = all.filter { r.room == nil || $0.room == r.room }
                let passed = Set(UnitRound(events: earlier, pairs: all).unrecorded(pairs))
                r.except = pairs.filter { !passed.contains($0) }
                completed = .remainingPassed(r)
            default:
                completed = nil
            }
            if let completed {
                try update.execute(arguments: [String(decoding: try completed.encodePayload(with: EventCodec.encoder), as: UTF8.self), seq])
            }
        }
    }

    static let v1Columns = "id, kind, at, actor, round, unit, defect, payload"

    /// An event of schema v1, read in the middle of the migration (its payload may be one
    /// already completed).
    static func v1Event(_ row: Row) throws -> Event {
        let body = try EventBody.decode(kind: row["kind"], payload: Data((row["payload"] as String).utf8), with: EventCodec.decoder)
        return Event(id: row["id"], at: EventCodec.date(row["at"]), actor: row["actor"], round: row["round"],
                     unit: row["unit"], defect: row["defect"], body: body)
    }
}
