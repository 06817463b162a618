import Foundation
import GRDB
import InspectionCore

/// The one door to the SQLite file. It owns the connection pool, runs migrations when it
/// opens, and offers reads that return core values and writes that each run in one
/// transaction (`write`).
public final class InspectionStore: @unchecked Sendable {
    /// The file, or nil for a database in memory.
    public let path: String?
    let writer: any DatabaseWriter
    /// Makes identities for new events and entities; seedable for reproducible projects.
    public var makeID: @Sendable () -> UUID = { UUID() }
    /// Draws mark codes; seedable for reproducible projects.
    public var codeGenerator: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    private let cacheLock = NSLock()
    /// Whether the file was opened only to read (`openForReading`).
    public let isReadOnly: Bool
    /// Held as long as an `immutable` reader reads (see `FileAccess`).
    private let readLock: ReadLock?
    /// The damage SQLite reported in this file, once it has: no write is attempted after it.
    private var knownDamage: StoreError?

    private init(path: String?, writer: any DatabaseWriter, isReadOnly: Bool = false, readLock: ReadLock? = nil) {
        self.path = path
        self.writer = writer
        self.isReadOnly = isReadOnly
        self.readLock = readLock
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another process (a lead's board, a contractor) may be writing: wait rather than fail.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // Pages kept in memory (128 MB at most, taken only as pages are read): a rebuild or a
            // merge touches indexes all over a large file, and the default 2 MB rereads them.
            try db.execute(sql: "PRAGMA cache_size = -131072")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return config
    }

    /// A connection on `path` whose commits survive a power cut, not only a killed process.
    /// A queue, not a pool: a pool writes a throw-away table at every open to create the
    /// log, which rewrites the file's header. A new file is put in WAL mode (GRDB sets
    /// NORMAL when it does, so FULL comes after); an existing one already is.
    static func queue(_ path: String, creating: Bool = false) throws -> DatabaseQueue {
        var config = configuration()
        if creating { config.journalMode = .wal }
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        return queue
    }

    /// Whether the file at `path` is one that `yanfang demo` made, read from its header
    /// alone; throws as `open` would for a file that is not yanfang's.
    public static func isDemoFile(path: String) throws -> Bool {
        try FileCheck.checkExisting(path: path)
    }

    /// Marks this file as a demo that `yanfang demo` may replace.
    public func markAsDemo() throws {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = \(Schema.demoApplicationID)")
        }
    }

    /// Opens an existing yanfang file to change it. A file that is missing, not SQLite,
    /// another application's, of a newer schema, without yanfang's tables, damaged or
    /// read-only is refused and left untouched: it is read before anything is written.
    public static func open(path: String) throws -> InspectionStore {
        try FileCheck.checkExisting(path: path)
        guard FileAccess.isWritable(path) else { throw StoreError.readOnly(path: path) }
        let pending = try mappingOpenErrors(path) {
            let (reader, lock) = try FileAccess.readOnlyQueue(path, configuration: configuration())
            defer { withExtendedLifetime(lock) {} }
            return try reader.read { db in try FileAccess.needsMigration(db, path: path) }
        }
        return try mappingOpenErrors(path) {
            let queue = try Self.queue(path)
            if pending { try migrate(queue) }
            return InspectionStore(path: path, writer: queue)
        }
    }

    /// Opens an existing yanfang file only to read it: the file is left byte-for-byte as it
    /// was and nothing is created beside it (see `FileAccess`). A read-only file can be read.
    /// A file of an older schema is first brought up to date when it can be written.
    public static func openForReading(path: String) throws -> InspectionStore {
        try FileCheck.checkExisting(path: path)
        let store: InspectionStore? = try mappingOpenErrors(path) {
            let (queue, lock) = try FileAccess.readOnlyQueue(path, configuration: configuration())
            guard try queue.read({ db in try FileAccess.needsMigration(db, path: path) }) else {
                return InspectionStore(path: path, writer: queue, isReadOnly: true, readLock: lock)
            }
            // Closing the lock's descriptor would drop every POSIX lock this process holds on
            // the file, the writer's too: both go before the writer opens.
            try queue.close()
            return nil
        }
        return try store ?? open(path: path)
    }

    /// SQLite's errors while opening, as the one-line refusals of `StoreError`.
    static func mappingOpenErrors<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw storeError(error, path: path)
        }
    }

    /// Makes a new, empty yanfang file at `path`, which must not exist.
    public static func create(path: String) throws -> InspectionStore {
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.exists(path: path) }
        do {
            let queue = try Self.queue(path, creating: true)
            try migrate(queue)
            return InspectionStore(path: path, writer: queue)
        } catch let error as DatabaseError {
            throw StoreError.cannotCreate(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Runs pending migrations, then writes the log back into the file so that its header
    /// (application_id, user_version) is on disk for the next process's check.
    static func migrate(_ writer: any DatabaseWriter) throws {
        guard try !writer.read(Schema.migrator.hasCompletedMigrations) else { return }
        try Schema.migrator.migrate(writer)
        try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    /// A database in memory, for tests.
    public static func inMemory() throws -> InspectionStore {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: config)
        try Schema.migrator.migrate(queue)
        return InspectionStore(path: nil, writer: queue)
    }

    /// Checkpoints (unless only reading) and closes the file; the store is unusable afterwards.
    public func close() throws {
        guard let queue = writer as? DatabaseQueue else { return }
        if path != nil && !isReadOnly {
            try translatingErrors { try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) } }
        }
        try queue.close()
    }

    /// For bulk generation only: commits no longer wait for the disk, so a power cut may
    /// lose the last transactions (never the file's consistency).
    public func relaxDurability() throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
    }

    /// Stops SQLite from folding the write-ahead log into the file on a commit (which can
    /// take a tenth of a second on a large file); call `checkpoint` when idle instead.
    public func deferCheckpoints() throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
    }

    /// Folds the write-ahead log into the file as far as readers allow, without waiting.
    public func checkpoint() throws {
        guard path != nil, !isReadOnly else { return }
        try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
    }

    // MARK: - Writing

    /// Runs `body` as one transaction: everything it does lands, or nothing does.
    public func write<T>(_ context: ActionContext, _ body: (StoreTransaction) throws -> T) throws -> T {
        try refuseWrites()
        return try translatingErrors {
            try writer.write { db in
                let transaction = try StoreTransaction(store: self, db: db, context: context)
                let result = try body(transaction)
                try transaction.finish()
                return result
            }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors { try writer.read(body) }
    }

    /// SQLite's errors as one line naming the file; the rules' and files' errors pass as they are.
    func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            let mapped = Self.storeError(error, path: path ?? "the database")
            if case .corrupt = mapped {
                cacheLock.lock()
                knownDamage = mapped
                cacheLock.unlock()
            }
            throw mapped
        }
    }

    /// Before a write: refuses it when the file was opened only to read, or has shown damage.
    func refuseWrites() throws {
        if isReadOnly { throw StoreError.readOnly(path: path ?? "the database") }
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let knownDamage { throw knownDamage }
    }

    /// A busy file, a read-only one, a damaged one, or another failure, by SQLite's code.
    static func storeError(_ error: DatabaseError, path: String) -> StoreError {
        let reason = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path, reason: reason)
        default: return .database(path: path, reason: reason)
        }
    }

    // MARK: - Reading

    /// The project, or nil in a file where `init` has not run.
    public func project() throws -> Project? {
        try read(Self.project)
    }

    static func project(_ db: Database) throws -> Project? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM project") else { return nil }
        return Project(id: row["id"], name: row["name"], delivery: Day(row["delivery"] as String)!,
                       settings: ProjectSettings(penaltyThreshold: row["penalty_threshold"], readinessTarget: row["readiness_target"]))
    }

    /// The project, or `InspectionError.noProject`.
    public func requireProject() throws -> Project {
        guard let project = try project() else { throw InspectionError.noProject }
        return project
    }

    public func checklists() throws -> ChecklistSet {
        try read(checklists)
    }

    /// The checklist set in force in the file (decoded again only when its text changed).
    func checklists(_ db: Database) throws -> ChecklistSet {
        try Self.decodeChecklists(db)
    }

    /// The checklist set in force in the file. Every write transaction needs it, and decoding
    /// it (tens of kilobytes of JSON) took about a third of a recorded result's time: the last
    /// set decoded is kept with its text, and used again while the file holds that same text
    /// (whichever connection or process put it there).
    static func decodeChecklists(_ db: Database) throws -> ChecklistSet {
        guard let json = try String.fetchOne(db.cachedStatement(sql: "SELECT json FROM checklist WHERE id = 1")) else {
            throw InspectionError.noProject
        }
        return try lastChecklists.set(for: json) { try EventCodec.decoder.decode(ChecklistSet.self, from: Data(json.utf8)) }
    }

    private static let lastChecklists = DecodedChecklists()

    /// Every unit, in layout order.
    public func units() throws -> [ProjectUnit] {
        try read { db in try Self.units(db) }
    }

    static func units(_ db: Database) throws -> [ProjectUnit] {
        try Row.fetchAll(db, sql: "SELECT * FROM unit").map { row in
            let unit = unit(row)
            return (unit.sortKey, unit)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    static func unit(_ row: Row) -> ProjectUnit {
        ProjectUnit(id: row["id"], building: row["building"], entrance: row["entrance"], floor: row["floor"],
             number: row["number"], type: row["type"])
    }

    public func unit(code: String) throws -> ProjectUnit? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM unit WHERE code = ?", arguments: [code]).map(Self.unit) }
    }

    public func contractors() throws -> [Contractor] {
        try read(Self.contractors)
    }

    static func contractors(_ db: Database) throws -> [Contractor] {
        try Row.fetchAll(db, sql: "SELECT * FROM contractor ORDER BY rowid").map { row in
            Contractor(id: row["id"], name: row["name"],
                       trades: try EventCodec.decoder.decode([String].self, from: Data((row["trades"] as String).utf8)),
                       buildings: try (row["buildings"] as String?).map { try EventCodec.decoder.decode([String].self, from: Data($0.utf8)) })
        }
    }

    public func rounds() throws -> [Round] {
        try read(Self.rounds)
    }

    static func latestRound(_ db: Database) throws -> Round? {
        try Row.fetchOne(db, sql: "SELECT * FROM round ORDER BY number DESC LIMIT 1").map(round)
    }

    /// Units with unrecorded items and re-checks unrecorded in a round: what keeps it open.
    static func pendingWork(_ db: Database, round: Int) throws -> (units: [(id: UUID, code: String)], rechecks: [(id: UUID, code: String)], blockers: RoundBlockers) {
        // Units outside the plan's batches for the round are not in its scope.
        let scope = try Self.scope(db, round: round)
        let units = try Row.fetchAll(db, sql: """
            SELECT u.id, u.code FROM unit_round r JOIN unit u ON u.rowid = r.unit_rowid
            WHERE r.round = ? AND r.recorded < r.applicable ORDER BY u.rowid
            """, arguments: [round]).map { (id: $0[0] as UUID, code: $0[1] as String) }.filter { scope?.contains($0.id) ?? true }
        let rechecks = try Row.fetchAll(db, sql: """
            SELECT d.id, d.code, u.id FROM recheck r JOIN defect_state d ON d.rowid = r.defect_rowid JOIN unit u ON u.rowid = r.unit_rowid
            WHERE r.round = ? AND r.outcome IS NULL AND d.status IN ('open', 'rectified', 'closed') ORDER BY d.code
            """, arguments: [round]).filter { scope?.contains($0[2] as UUID) ?? true }.map { (id: $0[0] as UUID, code: $0[1] as String) }
        return (units, rechecks, RoundBlockers(round: round, units: units.map(\.code), rechecks: rechecks.map(\.code)))
    }

    /// What keeps the open round from closing (nil when no round is open).
    public func blockers() throws -> RoundBlockers? {
        try read { db in
            guard let round = try Self.latestRound(db), round.isOpen else { return nil }
            return try Self.pendingWork(db, round: round.number).blockers
        }
    }

    static func rounds(_ db: Database) throws -> [Round] {
        try Row.fetchAll(db, sql: "SELECT * FROM round ORDER BY number").map(round)
    }

    static func round(_ row: Row) throws -> Round {
        Round(number: row["number"], opened: Day(row["opened"] as String)!, closed: (row["closed"] as String?).flatMap(Day.init),
              partial: row["partial"],
              unreachedUnits: try EventCodec.decoder.decode([UUID].self, from: Data((row["unreached"] as String).utf8)),
              pendingRechecks: try EventCodec.decoder.decode([UUID].self, from: Data((row["pending"] as String).utf8)))
    }

    /// A value remembered in the file (such as the last inspector's name).
    public func setting(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    public func setSetting(_ key: String, _ value: String) throws {
        try refuseWrites()
        try translatingErrors {
            try writer.write { db in try Self.saveSetting(db, key, value) }
        }
    }

    static func saveSetting(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    /// The whole history, oldest first.
    public func events() throws -> [Event] {
        try read { db in try EventCodec.fetch(db, where: "1") }
    }

    /// A defect by mark code (typed any way `MarkCode` accepts), with its history.
    public func defect(code typed: String) throws -> DefectDetail {
        try read { db in try Self.defectDetail(db, typed: typed) }
    }

    static func defectDetail(_ db: Database, typed: String) throws -> DefectDetail {
        // A withdrawn defect's code still answers: its sticker may be on the wall already.
        guard let code = try storedCode(db, typed: typed, table: "defect_state"),
              let summary = try DefectSummary.fetchOne(db, where: "d.code = ?", [code.text], includingWithdrawn: true) else {
            throw InspectionError.unknownDefect(typed)
        }
        let threshold = try project(db)?.settings.penaltyThreshold ?? 2
        let history = try EventCodec.fetch(db, where: "defect = ?", arguments: [summary.id])
        if let defect = DefectLifecycle.fold(history, penaltyThreshold: threshold) {
            return DefectDetail(defect: defect, summary: summary, history: history)
        }
        // Withdrawn: the defect as it was before, and when and by whom it was withdrawn.
        guard let withdrawal = Withdrawal.of(history),
              let before = DefectLifecycle.fold(history.filter { $0.id != withdrawal.event }, penaltyThreshold: threshold) else {
            throw InspectionError.unknownDefect(typed)
        }
        return DefectDetail(defect: before, summary: summary, history: history, withdrawal: withdrawal)
    }

    /// The code of a defect that typed text means, trying each reading; in `defect_state`,
    /// withdrawn defects are found too.
    static func storedCode(_ db: Database, typed: String, table: String = "defect") throws -> MarkCode? {
        let exists = try db.cachedStatement(sql: "SELECT 1 FROM \(table) WHERE code = ?")
        for code in MarkCode.readings(typed) where try Int.fetchOne(exists, arguments: [code.text]) != nil {
            return code
        }
        return nil
    }

    /// Defects matching a filter, in layout order (building, entrance, floor, unit), then
    /// room and mark code.
    public func defects(_ filter: DefectFilter) throws -> [DefectSummary] {
        var conditions = ["1"]
        var arguments: StatementArguments = []
        if let unit = filter.unit { conditions.append("u.id = ?"); arguments += [unit] }
        if let code = filter.unitCode { conditions.append("u.code = ?"); arguments += [code] }
        if let name = filter.contractor { conditions.append("c.name = ?"); arguments += [name] }
        if let status = filter.status { conditions.append("d.status = ?"); arguments += [status.rawValue] }
        if let statuses = filter.statuses {
            conditions.append("d.status IN (\(statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")))")
        }
        if let round = filter.roundFound { conditions.append("d.round_found = ?"); arguments += [round] }
        if let round = filter.foundUpTo { conditions.append("d.round_found <= ?"); arguments += [round] }
        if let building = filter.building { conditions.append("d.building = ?"); arguments += [building] }
        if let category = filter.category { conditions.append("d.category = ?"); arguments += [category] }
        if let round = filter.failedInRound {
            conditions.append("d.rowid IN (SELECT defect_rowid FROM recheck WHERE round = ? AND outcome = 0)")
            arguments += [round]
        }
        return try read { db in try DefectSummary.fetchAll(db, where: conditions.joined(separator: " AND "), arguments) }
            .inLayoutOrder()
    }

    /// The defects of one unit.
    public func defects(unit: UUID) throws -> [DefectSummary] {
        var filter = DefectFilter()
        filter.unit = unit
        return try defects(filter)
    }

    /// Mark codes that start with what has been typed (in any case, with or without the
    /// dash), for jumping; nothing when the text cannot begin a mark code.
    public func defectCodes(matching typed: String, limit: Int = 20) throws -> [String] {
        try defectLocations(matching: typed, limit: limit).map(\.code)
    }

    /// Mark codes that start with what has been typed, each with its unit's id and, for a
    /// withdrawn defect, when and by whom it was withdrawn.
    public func defectLocations(matching typed: String, limit: Int = 20) throws -> [(code: String, unit: UUID, withdrawal: Withdrawal?)] {
        guard let prefix = MarkCode.prefix(typed) else { return [] }
        // A range on the unique index rather than LIKE, which SQLite would scan.
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.code, u.id, d.id, d.status = 'retracted' FROM defect_state d JOIN unit u ON u.rowid = d.unit_rowid
                WHERE d.code >= ? AND d.code < ? ORDER BY d.code LIMIT ?
                """, arguments: [prefix, prefix + "\u{10FFFF}", limit]).map { row in
                let withdrawal = (row[3] as Bool) ? Withdrawal.of(try EventCodec.fetch(db, where: "defect = ?", arguments: [row[2] as UUID])) : nil
                return (code: row[0], unit: row[1], withdrawal: withdrawal)
            }
        }
    }

    /// One unit's round: results, re-check list, defects found, progress.
    public func unitRound(unit: ProjectUnit, round: Int) throws -> UnitRoundView {
        try read { db in try Self.unitRound(db, unit: unit, round: round, checklists: try checklists(db)) }
    }

    /// One unit's round; with `upTo`, from the history as it stood at that event (the
    /// projector recomputing progress).
    static func unitRound(_ db: Database, unit: ProjectUnit, round: Int, checklists: ChecklistSet,
                          upTo position: HistoryPosition? = nil, events known: [Event]? = nil) throws -> UnitRoundView {
        let events = try known ?? EventCodec.fetch(db, where: "unit = ? AND round = ?", arguments: [unit.id, round], upTo: position)
        let index = try applicablePairIndex(db, unit: unit, checklists: checklists)
        let pairs = index.pairs
        let results = UnitRound(events: events, index: index)
        let rechecks = try recheckQueue(db, unit: unit, round: round)
        let found = try DefectSummary.fetchAll(db, where: "u.id = ? AND d.round_found = ?", [unit.id, round])
        // A waiver given in this round (or before) settles its re-check; one given later
        // leaves this round as it was.
        let settled = Set(rechecks.filter { $0.status == .waived && ($0.waivedRound ?? .max) <= round }.map(\.id))
        let progress = results.progress(recheckQueue: rechecks.map(\.id), settledWithoutRecheck: settled)
        return UnitRoundView(unit: unit, round: round, results: results, rechecks: rechecks, found: found, progress: progress, pairs: pairs)
    }

    static func recheckQueue(_ db: Database, unit: ProjectUnit, round: Int) throws -> [DefectSummary] {
        try DefectSummary.fetchAll(db, where: """
            d.rowid IN (SELECT defect_rowid FROM recheck WHERE round = ? AND unit_rowid = u.rowid) AND u.id = ?
            """, [round, unit.id], orderBy: "d.round_found, d.rowid")
    }

    /// Progress of every unit in a round, by unit id.
    public func progress(round: Int) throws -> [UUID: UnitProgress] {
        try read { db in try Self.progress(db, round: round) }
    }

    /// Each unit's progress in a round, for the units in its scope (see `scope`).
    static func progress(_ db: Database, round: Int) throws -> [UUID: UnitProgress] {
        var map: [UUID: UnitProgress] = [:]
        let scope = try Self.scope(db, round: round)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT u.id, r.applicable, r.recorded, r.rechecks, r.rechecks_done
            FROM unit_round r JOIN unit u ON u.rowid = r.unit_rowid WHERE r.round = ?
            """, arguments: [round])
        while let row = try rows.next() {
            let id: UUID = row[0]
            if let scope, !scope.contains(id) { continue }
            map[id] = UnitProgress(applicable: row[1], recorded: row[2], rechecks: row[3], rechecksDone: row[4])
        }
        return map
    }

    /// Blocking (open or rectified) defect counts per unit id.
    public func blockingDefectsByUnit() throws -> [UUID: Int] {
        try read { db in
            var ids: [Int64: UUID] = [:]
            let units = try Row.fetchCursor(db, sql: "SELECT rowid, id FROM unit")
            while let row = try units.next() { ids[row[0]] = row[1] }
            var map: [UUID: Int] = [:]
            // Each status is one ordered range of the (status, unit) index: no sorting.
            for status in [DefectStatus.open, .rectified] {
                let counts = try Row.fetchCursor(db, sql: "SELECT unit_rowid, count(*) FROM defect_state WHERE status = ? GROUP BY unit_rowid",
                                                 arguments: [status.rawValue])
                while let row = try counts.next() {
                    if let id = ids[row[0]] { map[id, default: 0] += row[1] }
                }
            }
            return map
        }
    }

    /// Readiness for delivery of every unit against the project's target, as it stands now.
    public func readiness() throws -> Readiness {
        try read { db in try Self.readiness(db) }
    }

    /// Readiness now, or, for a closed round whose close recorded it, frozen as the round
    /// closed: its units then, those its close found blocked, and the rounds each had had.
    static func readiness(_ db: Database, frozenAt round: Int? = nil) throws -> Readiness {
        let target = try project(db)?.settings.readinessTarget ?? 0.98
        var units = try units(db)
        let codes = Dictionary(units.map { ($0.id, $0.code) }, uniquingKeysWith: { a, _ in a })
        var blocking: [String: Int] = [:]
        var upTo = Int.max
        if let round, let frozen = try closedRound(db, number: round)?.blockingUnits {
            upTo = round
            let scope = Set(try UUID.fetchAll(db, sql: """
                SELECT u.id FROM unit_round r JOIN unit u ON u.rowid = r.unit_rowid WHERE r.round = ?
                """, arguments: [round]))
            units = units.filter { scope.contains($0.id) }
            for id in frozen { if let code = codes[id] { blocking[code] = 1 } }
        } else {
            for id in try blockingUnitIDs(db) { if let code = codes[id] { blocking[code] = 1 } }
        }
        return Readiness.compute(unitCodes: units.map(\.code), blockingDefects: blocking,
                                 roundsInspected: try roundsInspected(db, upTo: upTo, codes: codes), target: target)
    }

    /// The units with a defect open or awaiting re-check. One index probe per unit and status
    /// beats grouping every open defect.
    static func blockingUnitIDs(_ db: Database) throws -> [UUID] {
        try UUID.fetchAll(db, sql: """
            SELECT id FROM unit u
            WHERE EXISTS (SELECT 1 FROM defect_state d WHERE d.status = 'open' AND d.unit_rowid = u.rowid)
               OR EXISTS (SELECT 1 FROM defect_state d WHERE d.status = 'rectified' AND d.unit_rowid = u.rowid)
            ORDER BY rowid
            """)
    }

    /// How many closed rounds (up to `upTo`) inspected each unit: those whose scope it was in
    /// and whose close did not leave it unreached.
    static func roundsInspected(_ db: Database, upTo: Int, codes: [UUID: String]) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for round in try rounds(db) where !round.isOpen && round.number <= upTo {
            let unreached = Set(round.unreachedUnits)
            for id in try UUID.fetchAll(db, sql: """
                SELECT u.id FROM unit_round r JOIN unit u ON u.rowid = r.unit_rowid WHERE r.round = ?
                """, arguments: [round.number]) where !unreached.contains(id) {
                if let code = codes[id] { counts[code, default: 0] += 1 }
            }
        }
        return counts
    }

    /// The first close of round `number` in the history's order (the one that stands).
    static func closedRound(_ db: Database, number: Int) throws -> RoundClosed? {
        for event in try EventCodec.fetch(db, where: termsCondition) {
            if case .roundClosed(let c) = event.body, c.number == number { return c }
        }
        return nil
    }

    /// Repeat failures per contractor: flagged in `round`, or all when nil.
    public func penalties(round: Int?) throws -> [ContractorPenalties] {
        try read { db in PenaltyRules.tally(flags: try Self.flags(db), contractors: try Self.contractors(db), round: round) }
    }

    /// Every flag of every standing defect counted as a repeat failure (one per contractor
    /// whose failures reached the threshold), as the projector wrote them.
    static func flags(_ db: Database) throws -> [(code: String, flag: PenaltyFlag)] {
        try Row.fetchAll(db, sql: """
            SELECT d.code, f.round, f.contractor, f.after_claim, f.without_claim
            FROM penalty_flag f JOIN defect d ON d.rowid = f.defect_rowid ORDER BY f.defect_rowid, f.seq
            """).map { row in
            (code: row["code"], flag: PenaltyFlag(round: row["round"], contractor: row["contractor"],
                                                  afterClaim: row["after_claim"], withoutClaim: row["without_claim"]))
        }
    }

    /// The schedule against the delivery date, as of `today`.
    public func deadlines(today: Day) throws -> Deadlines {
        try read { db in
            guard let project = try Self.project(db) else { throw InspectionError.noProject }
            let rounds = try Self.rounds(db)
            let open = try Int.fetchOne(db, sql: "SELECT count(*) FROM defect_state WHERE status IN ('open', 'rectified')") ?? 0
            return Deadlines(delivery: project.delivery, today: today, roundOneStarted: rounds.first { $0.number == 1 }?.opened,
                             openDefects: open, roundsClosed: rounds.filter { !$0.isOpen }.count)
        }
    }
}

extension DefectSummary {
    static func fetchAll(_ db: Database, where condition: String, _ arguments: StatementArguments, orderBy: String = "d.rowid") throws -> [DefectSummary] {
        // A cursor reads each row in place instead of copying it first.
        let rows = try Row.fetchCursor(db, sql: "\(select) WHERE \(condition) ORDER BY \(orderBy)", arguments: arguments)
        let terms = try InspectionStore.rectificationTerms(db)
        var list: [DefectSummary] = []
        while let row = try rows.next() { list.append(DefectSummary(row: row, terms: terms)) }
        return list
    }

    /// With `includingWithdrawn`, a defect whose finding was withdrawn is read too (as it was).
    static func fetchOne(_ db: Database, where condition: String, _ arguments: StatementArguments,
                         includingWithdrawn: Bool = false) throws -> DefectSummary? {
        let select = includingWithdrawn ? select.replacingOccurrences(of: "FROM defect d", with: "FROM defect_state d") : select
        let terms = try InspectionStore.rectificationTerms(db)
        return try Row.fetchOne(db, sql: "\(select) WHERE \(condition) LIMIT 1", arguments: arguments).map { DefectSummary(row: $0, terms: terms) }
    }

    init(row: Row, terms: RectificationTerms) {
        self.init(row: row)
        deadline = terms.deadline(roundFound: roundFound, status: status)
    }
}

/// The last checklist set decoded, with the text it was decoded from.
private final class DecodedChecklists: @unchecked Sendable {
    private let lock = NSLock()
    private var last: (json: String, set: ChecklistSet)?

    func set(for json: String, decode: () throws -> ChecklistSet) rethrows -> ChecklistSet {
        lock.lock()
        if let last, Self.sameBytes(last.json, json) {
            lock.unlock()
            return last.set
        }
        lock.unlock()
        let set = try decode()
        lock.lock()
        last = (json, set)
        lock.unlock()
        return set
    }

    /// Whether two texts are the same bytes (not only canonically equivalent).
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }
}
