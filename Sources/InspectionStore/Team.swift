import Foundation
import GRDB
import InspectionCore

/// What a merge brought in.
public struct MergeSummary: Hashable, Sendable {
    /// Events this file lacked, now in its history.
    public var newEvents: Int
    /// Replicas whose events were among them.
    public var replicas: Int
    /// Whether the projections were rebuilt (some new event came before this file's latest).
    public var rebuilt: Bool
}

/// The latest clock of each replica's events a file holds: what it asks others for is what
/// comes after.
struct VersionVector {
    var latest: [UUID: Int64] = [:]

    init(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT replica, max(hlc) FROM event GROUP BY replica") { latest[row[0]] = row[1] }
    }
}

/// The history of another replica's file, read for a merge: its events as that file stores
/// them. A merge inserts the payloads' text as it came, and decodes only what it applies
/// (a merge that rebuilds decodes the whole history from the table, once).
struct ReplicaHistory {
    var path: String
    var project: UUID
    var projectName: String
    var events: [StoredEvent]
}

extension HistoryPosition: Comparable {
    static func < (a: HistoryPosition, b: HistoryPosition) -> Bool {
        HistoryOrder.precedes((a.hlc, a.replica, a.id), (b.hlc, b.replica, b.id))
    }
}

extension StoreTransaction {
    /// Issues the identity of a new replica joined from this one: its tag is this replica's
    /// and the next unused character, recorded in this history so it is never issued twice.
    func issueReplica() throws -> ThisReplica {
        _ = try project()
        let used = Set(try String.fetchAll(db, sql: "SELECT tag FROM replica WHERE parent = ?", arguments: [replica.id]))
        let tag = (0..<MarkCode.alphabet.count).lazy.compactMap { MarkCode.childTag(of: self.replica.tag, index: $0) }
            .first { !used.contains($0) }
        guard let tag else {
            throw InspectionError.invalidValue(replica.tag.count >= MarkCode.maximumTagLength
                ? "this file is a replica \(replica.tag.count - 1) joins below the first, the deepest there can be; join from a replica nearer the first (one that made others)"
                : "this file has issued every replica it can (\(MarkCode.alphabet.count)); join from another replica")
        }
        let child = ThisReplica(id: store.makeID(), tag: tag)
        try append(.replicaJoined(ReplicaJoined(replica: child.id, tag: child.tag, parent: replica.id)))
        return child
    }
}

extension InspectionStore {
    /// This file's identity: its replica id and mark-code tag.
    public func replicaIdentity() throws -> (id: UUID, tag: String) {
        try read { db in
            let this = try ThisReplica.load(db)
            return (this.id, this.tag)
        }
    }

    /// Makes `target` (a new, empty file) a new replica of the project in `source`: the
    /// source issues its identity (recorded in the source's history, in one transaction),
    /// then the target receives the whole history and rebuilds its tables from it.
    public static func join(source: InspectionStore, into target: InspectionStore, context: ActionContext) throws -> (id: UUID, tag: String) {
        let child = try source.write(context) { try $0.issueReplica() }
        try target.receive(try source.history(), as: child)
        return (child.id, child.tag)
    }

    /// Makes this new, empty file the replica `child` holding `history` (and `joining`, the
    /// event that makes it known when no parent recorded one), its tables rebuilt.
    func receive(_ history: ReplicaHistory, as child: ThisReplica, joining: ((Database) throws -> Event)? = nil) throws {
        try translatingErrors {
            try writeRebuilding { db in
                guard try Int.fetchOne(db, sql: "SELECT count(*) FROM event") == 0 else {
                    throw InspectionError.invalidValue("a replica is made in a new file")
                }
                try ThisReplica.create(db, child)
                let insert = try RowWriter(db, sql: EventCodec.insertSQL)
                for event in history.events { try event.bind(to: insert).execute() }
                if let joining { try EventCodec.insert(try joining(db), into: db) }
                _ = try naming([history]) { try Projector.rebuild(db) }
                // Recorded now, so that a copy of this new file is noticed.
                try ThisReplica.checkNotACopy(db, path: path)
            }
        }
    }

    /// Makes `target` (a new, empty file) a new replica of the project whose replicas share
    /// `folder` (`yanfang sync`), when no replica's own file is at hand: its tag is claimed in
    /// the folder (`.claims/TAG`, created exclusively) below the first replica's, in the
    /// characters replicas never issue themselves; the new replica records its own joining.
    /// The history comes from the copy there with the shortest tag (the most events on a tie);
    /// the next sync brings in the rest.
    public static func join(folder: String, into target: InspectionStore, context: ActionContext) throws -> (id: UUID, tag: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.missingFolder(path: folder)
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("replica-") && $0.hasSuffix(".yanfang") }.sorted()
            .map { URL(fileURLWithPath: folder).appendingPathComponent($0).path }
        var best: (tag: String, parent: UUID, history: ReplicaHistory)?
        for file in files {
            let history = try readReplica(path: file, lacking: nil)
            let this = try readingOnly(file) { try ThisReplica.load($0) }
            if let best, (best.tag.count, -best.history.events.count) <= (this.tag.count, -history.events.count) { continue }
            best = (this.tag, this.id, history)
        }
        guard let source = best else {
            throw StoreError.database(path: folder, reason: "no replica's copy here to join from (replica-*.yanfang, written by yanfang sync)")
        }
        let claims = URL(fileURLWithPath: folder).appendingPathComponent(".claims")
        try? FileManager.default.createDirectory(at: claims, withIntermediateDirectories: true)
        var claimed: String?
        for index in 0..<MarkCode.alphabet.count {
            guard let tag = MarkCode.folderTag(below: source.tag, index: index) else { break }
            if createExclusively(claims.appendingPathComponent(tag).path) {
                claimed = tag
                break
            }
        }
        guard let tag = claimed else {
            throw InspectionError.invalidValue("no tag left to claim in \(folder) below replica \(source.tag); join from a replica's own file instead")
        }
        let child = ThisReplica(id: UUID(), tag: tag)
        try target.receive(source.history, as: child) { db in
            let latest = try Int64.fetchOne(db, sql: "SELECT max(hlc) FROM event")
            let round = try Int.fetchOne(db, sql: "SELECT max(round) FROM event") ?? 0
            return Event(id: UUID(), replica: child.id, hlc: HistoryOrder.next(at: context.at, after: latest),
                         at: context.at, actor: context.actor, round: round,
                         body: .replicaJoined(ReplicaJoined(replica: child.id, tag: child.tag, parent: source.parent)))
        }
        return (child.id, child.tag)
    }

    /// This file's history, for another replica to merge: every event, or with `lacking`,
    /// the events a replica with that version vector lacks.
    func history(lacking known: VersionVector? = nil) throws -> ReplicaHistory {
        try read { db in try Self.history(db, path: path ?? "the database", lacking: known) }
    }

    static func history(_ db: Database, path: String, lacking known: VersionVector? = nil) throws -> ReplicaHistory {
        guard let project = try Self.project(db) else { throw StoreError.database(path: path, reason: "no project in this file") }
        let select = "SELECT \(EventCodec.columns) FROM event"
        var events: [StoredEvent] = []
        if let known {
            // Each replica's events in a file are a prefix of all it recorded (it appends them
            // in clock order, and every exchange passes on everything after the receiver's
            // latest), so "the events you lack" are those after its latest of each replica.
            // The first release's events (the project's own replica id) are compared one by one.
            for replica in try UUID.fetchAll(db, sql: "SELECT DISTINCT replica FROM event") {
                if replica != project.id, let latest = known.latest[replica] {
                    events += try EventCodec.stored(db.cachedStatement(sql: "\(select) WHERE replica = ? AND hlc > ?"), arguments: [replica, latest])
                } else {
                    events += try EventCodec.stored(db.cachedStatement(sql: "\(select) WHERE replica = ?"), arguments: [replica])
                }
            }
        } else {
            events = try EventCodec.stored(db.makeStatement(sql: "\(select) ORDER BY \(EventCodec.order)"))
        }
        return ReplicaHistory(path: path, project: project.id, projectName: project.name, events: events)
    }

    /// The latest clock of each replica's events in this file.
    func versionVector() throws -> VersionVector {
        try read { db in try VersionVector(db) }
    }

    /// Reads another replica's file for a merge, leaving it as it is: opened read-only (it may
    /// be open in another yanfang); a file of schema v1 is read from a migrated copy in memory
    /// (later ones hold the history as this one does, whatever projections they lack).
    static func readReplica(path: String, lacking known: VersionVector?) throws -> ReplicaHistory {
        try FileCheck.checkExisting(path: path)
        do {
            return try readingOnly(path) { db in
                _ = try FileAccess.needsMigration(db, path: path)
                if try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 >= Schema.historyVersion {
                    return try history(db, path: path, lacking: known)
                }
                let memory = try DatabaseQueue()
                try memory.writeWithoutTransaction { try db.backup(to: $0) }
                try Schema.migrator.migrate(memory)
                return try memory.read { try history($0, path: path) }
            }
        } catch let error as DatabaseError {
            throw storeError(error, path: path)
        }
    }

    /// The version vector of another file, read without changing it.
    static func readVersionVector(path: String) throws -> VersionVector {
        try FileCheck.checkExisting(path: path)
        return try readingOnly(path) { try VersionVector($0) }
    }

    /// Reads another file without changing it (see `FileAccess.readOnlyQueue`).
    static func readingOnly<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        let (queue, lock) = try FileAccess.readOnlyQueue(path, configuration: configuration())
        defer {
            try? queue.close()
            withExtendedLifetime(lock) {}
        }
        return try queue.read(body)
    }

    /// Brings into this file every event of the other replicas' files that it lacks, in one
    /// transaction. Every file is read and checked first: one that is not yanfang's, of a
    /// newer schema or of another project refuses the whole merge and nothing changes.
    public func merge(files: [String]) throws -> MergeSummary {
        let mine = try requireProject()
        let known = try versionVector()
        var histories: [ReplicaHistory] = []
        for file in files {
            let history = try Self.readReplica(path: file, lacking: known)
            guard history.project == mine.id else {
                throw StoreError.otherProject(path: file, project: history.projectName, mine: mine.name)
            }
            histories.append(history)
        }
        return try naming(histories) { try merge(histories.flatMap(\.events)) }
    }

    /// Runs `body`, which applies this file's history and the events of other files'
    /// histories: an event that does not read is named with the file it came from.
    func naming<T>(_ histories: [ReplicaHistory], _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as EventCodec.UnreadableEvent {
            let file = histories.first { $0.events.contains { $0.id == error.id } }?.path
            throw StoreError.unreadableEvent(path: file ?? path ?? "the database", event: error.id, kind: error.kind)
        }
    }

    /// Merges another store's history (in memory or on file) into this one.
    /// `largeShare`: the number of events above which a merge counts as large (see
    /// `merge(_:largeShare:)`); tests lower it to take that way with a small history.
    public func merge(from other: InspectionStore, largeShare: Int = 20_000) throws -> MergeSummary {
        let history = try other.history(lacking: try versionVector())
        guard history.project == (try requireProject()).id else {
            throw StoreError.otherProject(path: other.path ?? "the other database", project: history.projectName, mine: try requireProject().name)
        }
        return try naming([history]) { try merge(history.events, largeShare: largeShare) }
    }

    /// Inserts the events this file lacks and brings the projections up to date: applied in
    /// order when they all come after this file's latest event and are a small share of the
    /// history, else rebuilt from the whole history. Either way the tables are what the history gives, whatever the order of merges.
    ///
    /// A merge that brings in a large share of the history (more than `largeShare` events and
    /// an eighth of the file) inserts them without the event table's indexes, which are made
    /// again once after (sorting once is faster than keeping them up row by row), and rebuilds
    /// (without the projections' foreign keys checked row by row: `writeRebuilding`).
    func merge(_ events: [StoredEvent], largeShare minimum: Int = 20_000) throws -> MergeSummary {
        try translatingErrors {
            try (events.count > minimum ? writeRebuilding : writer.write) { db -> MergeSummary in
                let latest = try Row.fetchOne(db, sql: "SELECT hlc, replica, id FROM event ORDER BY hlc DESC, replica DESC, id DESC LIMIT 1")
                    .map { HistoryPosition(hlc: $0[0], replica: $0[1], id: $0[2]) }
                // Counting the file's events only when the merge is large enough to matter.
                func isLargeShare(_ count: Int) throws -> Bool {
                    try count > minimum && count * 8 > (Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0)
                }
                // The indexes' own statements (the id's uniqueness, which the insert relies on,
                // is the table's constraint and stays).
                let indexes = try isLargeShare(events.count)
                    ? Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event' AND sql IS NOT NULL")
                    : []
                for index in indexes { try db.execute(sql: "DROP INDEX \((index["name"] as String).quotedDatabaseIdentifier)") }
                let insert = try RowWriter(db, sql: EventCodec.insertSQL + " ON CONFLICT(id) DO NOTHING")
                var inserted: [StoredEvent] = []
                for event in events {
                    try event.bind(to: insert).execute()
                    if db.changesCount > 0 { inserted.append(event) }
                }
                for index in indexes { try db.execute(sql: index["sql"]) }
                guard !inserted.isEmpty else { return MergeSummary(newEvents: 0, replicas: 0, rebuilt: false) }
                inserted.sort { $0.position < $1.position }
                let rebuilt: Bool
                // Applying event by event reads each defect's and unit's history back from the
                // table; when the merge brings in a large share of the history (a whole replica's
                // work), rebuilding, which keeps it all in memory, is several times faster.
                let early = latest.map { inserted[0].position < $0 } ?? false
                if try early || isLargeShare(inserted.count) {
                    try Projector.rebuild(db)
                    rebuilt = true
                } else {
                    let projector = try Projector(db: db)
                    projector.defersFolds = true
                    for event in inserted { try projector.apply(event.event(event.body(with: EventCodec.decoder))) }
                    try projector.flush()
                    rebuilt = false
                }
                return MergeSummary(newEvents: inserted.count, replicas: Set(inserted.map(\.replica)).count, rebuilt: rebuilt)
            }
        }
    }
}

/// One replica of the project, as its `replica.joined` event made it known.
public struct ReplicaInfo: Hashable, Sendable, Codable {
    public var id: UUID
    public var tag: String
    public var parent: UUID?
    public var joined: Date
    /// Events of this replica in this file.
    public var events: Int
    /// When its latest event in this file was recorded.
    public var latest: Date?
    /// Whether it is this file.
    public var isThisFile: Bool
}

extension InspectionStore {
    /// Writes a consistent copy of this file to `path` (a temporary file, then renamed over
    /// it, so a reader of `path` sees the old copy or the new, never half of one). Returns the
    /// number of events in it.
    public func writeSnapshot(to path: String) throws -> Int {
        let temporary = path + ".writing-\(ProcessInfo.processInfo.processIdentifier)"
        Self.removeStaleTemporaries(of: path)
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            let count = try translatingErrors {
                try writer.writeWithoutTransaction { db -> Int in
                    try db.execute(sql: "VACUUM INTO ?", arguments: [temporary])
                    return try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0
                }
            }
            guard rename(temporary, path) == 0 else {
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            return count
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Removes what killed writers of `path` left beside it (`path.writing-PID` and its
    /// journal) when that process is gone. Only this replica writes its own snapshot's name,
    /// so no other laptop's file is touched; a live writer on this machine is left alone.
    static func removeStaleTemporaries(of path: String) {
        let url = URL(fileURLWithPath: path)
        let prefix = url.lastPathComponent + ".writing-"
        let folder = url.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let pid = Int32(rest.prefix { $0.isNumber }), pid != ProcessInfo.processInfo.processIdentifier else { continue }
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Every replica of the project this file has heard of, the first first.
    public func replicas() throws -> [ReplicaInfo] {
        try read { db in
            let this = try ThisReplica.load(db)
            var counts: [UUID: (Int, Int64)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT replica, count(*), max(at) FROM event GROUP BY replica") {
                counts[row[0]] = (row[1], row[2])
            }
            return try Row.fetchAll(db, sql: "SELECT id, tag, parent, joined_at FROM replica ORDER BY length(tag), joined_at, tag").map { row in
                let id: UUID = row["id"]
                return ReplicaInfo(id: id, tag: row["tag"], parent: row["parent"], joined: EventCodec.date(row["joined_at"]),
                                   events: counts[id]?.0 ?? 0, latest: counts[id].map { EventCodec.date($0.1) }, isThisFile: id == this.id)
            }
        }
    }
}

/// What a sync through a shared folder did.
public struct SyncSummary: Hashable, Sendable {
    public var folder: String
    /// Other replicas' files found in the folder.
    public var others: Int
    public var merged: MergeSummary
    /// This file's copy written there, and its number of events.
    public var snapshot: String
    public var events: Int
}

extension InspectionStore {
    /// The setting keys a sync remembers in the file.
    public static let syncFolderSetting = "sync.folder"
    public static let lastSyncSetting = "sync.last"

    /// The everyday team workflow: merges every other replica's file in `folder`
    /// (`*.yanfang`), then writes this file's copy there as `replica-TAG.yanfang`, and
    /// remembers the folder and the time.
    public func sync(folder: String, now: Date = Date()) throws -> SyncSummary {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.missingFolder(path: folder)
        }
        let mine = "replica-\(try replicaIdentity().tag).yanfang"
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw StoreError.unreadable(path: folder, reason: "\(error.localizedDescription)")
        }
        let others = names.filter { $0.hasSuffix(".yanfang") && $0 != mine && !$0.hasPrefix(".") }.sorted()
            .map { URL(fileURLWithPath: folder).appendingPathComponent($0).path }
        let merged = try merge(files: others)
        let target = URL(fileURLWithPath: folder).appendingPathComponent(mine).path
        // The copy there already holds everything this file has: it stays as it is.
        let events: Int
        if let written = try? Self.readVersionVector(path: target), written.latest == (try versionVector()).latest {
            events = try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 }
        } else {
            events = try writeSnapshot(to: target)
        }
        try setSetting(Self.syncFolderSetting, folder)
        try setSetting(Self.lastSyncSetting, ISO8601DateFormatter().string(from: now))
        return SyncSummary(folder: folder, others: others.count, merged: merged, snapshot: target, events: events)
    }

    /// When this file last synced, with which folder, and how many replicas it has heard of.
    public func syncStatus() throws -> (folder: String?, last: Date?, replicas: Int) {
        let folder = try setting(Self.syncFolderSetting)
        let last = try setting(Self.lastSyncSetting).flatMap { ISO8601DateFormatter().date(from: $0) }
        let replicas = try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM replica") ?? 0 }
        return (folder, last, replicas)
    }
}

/// Creates an empty file at `path` unless one is there (one atomic step on a local or
/// network file system): true when this call made it.
func createExclusively(_ path: String) -> Bool {
    let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o644)
    guard fd >= 0 else { return false }
    close(fd)
    return true
}
