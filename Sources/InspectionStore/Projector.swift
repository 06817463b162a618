import Foundation
import GRDB
import InspectionCore

/// The only code that writes the projection tables (project, checklist, unit, contractor,
/// round, defect_state with its tallies, recheck, unit_round). It applies events in the
/// history's order; each step reads the history only up to the event it applies, so that
/// applying events as they are recorded and rebuilding from the whole history give the same
/// tables.
final class Projector {
    let db: Database
    /// The last event applied: reads of the history stop there.
    private(set) var position: HistoryPosition?
    private var project: Project?
    private var checklists: ChecklistSet?
    /// Whether a checklist set was put in force (the store's cache is then stale).
    private(set) var checklistsChanged = false
    private var contractorRowids: [UUID: Int64] = [:]
    private var units: [UUID: UnitRow] = [:]
    /// The latest round, open or closed.
    private(set) var latestRound: Round?
    /// Unit rounds whose progress must be recomputed (`flush`).
    private var dirty: Set<DirtyUnitRound> = []
    /// During a rebuild, the history applied so far by defect and by unit round, so that no
    /// event is read and decoded twice (nil: read from the table, up to `position`).
    private var replayed: Replayed?

    struct Replayed {
        var defects: [UUID: [Event]] = [:]
        var unitRounds: [DirtyUnitRound: [Event]] = [:]
    }

    struct DirtyUnitRound: Hashable {
        var unit: UUID
        var round: Int
    }

    init(db: Database) throws {
        self.db = db
        latestRound = try InspectionStore.latestRound(db)
    }

    // MARK: - State the rules read

    func currentProject() throws -> Project? {
        if let project { return project }
        project = try InspectionStore.project(db)
        return project
    }

    func currentChecklists() throws -> ChecklistSet {
        if let checklists { return checklists }
        let set = try InspectionStore.decodeChecklists(db)
        checklists = set
        return set
    }

    var penaltyThreshold: Int {
        get throws { try currentProject()?.settings.penaltyThreshold ?? ProjectSettings().penaltyThreshold }
    }

    func contractorRowid(_ id: UUID?) throws -> Int64? {
        guard let id else { return nil }
        if let rowid = contractorRowids[id] { return rowid }
        let rowid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM contractor WHERE id = ?"), arguments: [id])
        if let rowid { contractorRowids[id] = rowid }
        return rowid
    }

    func unitRow(id: UUID) throws -> UnitRow? {
        if let row = units[id] { return row }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM unit WHERE id = ?"), arguments: [id]) else { return nil }
        let unit = UnitRow(rowid: row["rowid"], unit: InspectionStore.unit(row))
        units[id] = unit
        return unit
    }

    // MARK: - Applying

    /// Brings the projections up to date with `event`, the next in the history's order.
    func apply(_ event: Event) throws {
        position = HistoryPosition(event)
        if replayed != nil {
            if let defect = event.defect { replayed!.defects[defect, default: []].append(event) }
            if let unit = event.unit { replayed!.unitRounds[DirtyUnitRound(unit: unit, round: event.round), default: []].append(event) }
        }
        switch event.body {
        case .projectCreated(let p):
            let settings = p.settings ?? ProjectSettings()
            let created = Project(id: p.project ?? event.id, name: p.name, delivery: p.delivery, settings: settings)
            guard try currentProject() == nil else { return }
            try db.execute(sql: "INSERT INTO project (id, name, delivery, penalty_threshold, readiness_target) VALUES (?, ?, ?, ?, ?)",
                           arguments: [created.id, created.name, created.delivery.description, settings.penaltyThreshold, settings.readinessTarget])
            project = created
        case .settingsChanged(let s):
            guard var project = try currentProject() else { return }
            if let days = s.rectificationDays { try saveRectificationDays(days) }
            if let t = s.penaltyThreshold { project.settings.penaltyThreshold = t }
            if let r = s.readinessTarget { project.settings.readinessTarget = r }
            if let d = s.delivery { project.delivery = d }
            try db.execute(sql: "UPDATE project SET penalty_threshold = ?, readiness_target = ?, delivery = ?",
                           arguments: [project.settings.penaltyThreshold, project.settings.readinessTarget, project.delivery.description])
            self.project = project
            // A new threshold re-counts every defect's flag.
            if s.penaltyThreshold != nil {
                for id in try UUID.fetchAll(db, sql: "SELECT id FROM defect_state WHERE status <> 'retracted' ORDER BY rowid") {
                    try refold(defect: id)
                }
            }
        case .checklistsImported(let c):
            guard let set = c.set else { return }
            try db.execute(sql: "INSERT INTO checklist (id, json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json",
                           arguments: [try EventCodec.json(set)])
            checklists = set
            checklistsChanged = true
        case .layoutImported(let l):
            let insert = try db.cachedStatement(sql: """
                INSERT INTO unit (id, code, building, entrance, floor, number, type) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """)
            for unit in l.added ?? [] {
                // Two laptops importing the same unit at once: the first in the history's order stands.
                try insert.execute(arguments: [unit.id, unit.code, unit.building, unit.entrance, unit.floor, unit.number, unit.type])
                guard db.changesCount > 0 else { continue }
                units[unit.id] = UnitRow(rowid: db.lastInsertedRowID, unit: unit)
                // A unit added during a round is in that round's scope.
                if let open = latestRound, open.isOpen { dirty.insert(DirtyUnitRound(unit: unit.id, round: open.number)) }
            }
        case .contractorAdded(let c):
            let contractor = c.contractor
            try db.execute(sql: "INSERT INTO contractor (id, name, trades, buildings) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", arguments: [
                contractor.id, contractor.name, try EventCodec.json(contractor.trades), try contractor.buildings.map(EventCodec.json),
            ])
            if db.changesCount > 0 { contractorRowids[contractor.id] = db.lastInsertedRowID }
        case .roundOpened(let r):
            try openRound(r)
        case .roundClosed(let c):
            // Closed on two laptops at once: the first close in the history's order stands.
            try db.execute(sql: "UPDATE round SET closed = ?, partial = ?, unreached = ?, pending = ? WHERE number = ? AND closed IS NULL", arguments: [
                c.date.description, c.partial, try EventCodec.json(c.unreachedUnits), try EventCodec.json(c.pendingRechecks), c.number,
            ])
            if db.changesCount > 0, var round = latestRound, round.number == c.number {
                round.closed = c.date
                round.partial = c.partial
                round.unreachedUnits = c.unreachedUnits
                round.pendingRechecks = c.pendingRechecks
                latestRound = round
            }
        case .itemRecorded, .remainingPassed:
            if let unit = event.unit { dirty.insert(DirtyUnitRound(unit: unit, round: event.round)) }
        case .defectFound, .defectRectified, .defectRechecked, .defectWaived, .defectReassigned:
            guard let id = event.defect else { return }
            try refold(defect: id)
            if let unit = event.unit { dirty.insert(DirtyUnitRound(unit: unit, round: event.round)) }
            if case .defectFound = event.body { try recheckLateFinding(id) }
        case .reverted:
            if let id = event.defect { try refold(defect: id) }
            if let unit = event.unit { dirty.insert(DirtyUnitRound(unit: unit, round: event.round)) }
        case .conflictResolved:
            if let id = event.defect { try refold(defect: id) }
            if let unit = event.unit { dirty.insert(DirtyUnitRound(unit: unit, round: event.round)) }
        case .planImported(let p):
            try savePlan(p, event: event)
        case .replicaJoined(let j):
            try db.execute(sql: "INSERT INTO replica (id, tag, parent, joined_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           arguments: [j.replica, j.tag, j.parent, EventCodec.milliseconds(event.at)])
        }
    }

    /// A round opens with its re-check list as the event names it; every unit is in scope.
    private func openRound(_ r: RoundOpened) throws {
        try db.execute(sql: "INSERT INTO round (number, opened) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [r.number, r.date.description])
        guard db.changesCount > 0 else {
            // Opened on two laptops at once: the first opening stands, and the round
            // re-checks what either listed.
            for id in r.recheckList ?? [] {
                if let unit = try putOnRecheckList(defect: id, round: r.number) { dirty.insert(DirtyUnitRound(unit: unit, round: r.number)) }
            }
            return
        }
        if (latestRound?.number ?? 0) < r.number { latestRound = Round(number: r.number, opened: r.date) }
        var rechecksPerUnit: [UUID: Int] = [:]
        for id in r.recheckList ?? [] {
            if let unit = try putOnRecheckList(defect: id, round: r.number) { rechecksPerUnit[unit, default: 0] += 1 }
        }
        let checklists = try currentChecklists()
        let progress = try db.cachedStatement(sql: "INSERT INTO unit_round VALUES (?, ?, ?, 0, ?, 0) ON CONFLICT DO NOTHING")
        var pairCounts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rowid, id, type FROM unit") {
            let rowid: Int64 = row["rowid"]
            let type: String = row["type"]
            let applicable = pairCounts[type] ?? checklists.pairs(forType: type).count
            pairCounts[type] = applicable
            try progress.execute(arguments: [r.number, rowid, applicable, rechecksPerUnit[row["id"] as UUID] ?? 0])
        }
    }

    /// Adds a defect to a round's re-check list, as it stands now; returns its unit's id
    /// (nil when the defect is unknown or already listed).
    @discardableResult
    private func putOnRecheckList(defect id: UUID, round: Int) throws -> UUID? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT d.rowid, d.unit_rowid, d.building, d.category, d.contractor_rowid, d.status, u.id AS unit_id
            FROM defect_state d JOIN unit u ON u.rowid = d.unit_rowid WHERE d.id = ?
            """), arguments: [id]) else { return nil }
        try db.cachedStatement(sql: """
            INSERT INTO recheck (round, defect_rowid, unit_rowid, building, category, contractor_rowid, status_at_open)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """).execute(arguments: [round, row["rowid"] as Int64, row["unit_rowid"] as Int64, row["building"] as String,
                                     row["category"] as String, row["contractor_rowid"] as Int64?, row["status"] as String])
        return db.changesCount > 0 ? row["unit_id"] : nil
    }

    /// A defect found in an earlier round that reaches this file after a later round opened
    /// (another laptop's work, merged late) goes on the latest round's re-check list.
    private func recheckLateFinding(_ id: UUID) throws {
        guard let latest = latestRound,
              let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT round_found, status FROM defect_state WHERE id = ?"), arguments: [id]),
              let status = DefectStatus(rawValue: row["status"]),
              RoundRules.carriesOver(roundFound: row["round_found"], status: status, into: latest.number) else { return }
        guard let unit = try putOnRecheckList(defect: id, round: latest.number) else { return }
        try refold(defect: id)
        dirty.insert(DirtyUnitRound(unit: unit, round: latest.number))
    }

    /// Folds a defect's history (up to the event being applied) into its projection and its
    /// re-check rows.
    private func refold(defect id: UUID) throws {
        let events = try replayed.map { $0.defects[id] ?? [] } ?? EventCodec.fetch(db, where: "defect = ?", arguments: [id], upTo: position)
        try db.cachedStatement(sql: "DELETE FROM conflict WHERE defect = ?").execute(arguments: [id])
        guard let defect = DefectLifecycle.fold(events, penaltyThreshold: try penaltyThreshold) else {
            // Its finding was taken back: the code no longer answers.
            try db.cachedStatement(sql: "UPDATE defect_state SET status = 'retracted' WHERE id = ?").execute(arguments: [id])
            return
        }
        guard let unit = try unitRow(id: defect.unit) else { return }
        try save(defect, unit: unit)
        for conflict in defect.conflicts { try saveConflict(conflict) }
        // Each re-check row: its result in that round, and the contractor who had the defect
        // then (the present one while unrecorded).
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.round, r.defect_rowid FROM recheck r JOIN defect_state d ON d.rowid = r.defect_rowid WHERE d.id = ?
            """), arguments: [id])
        for row in rows {
            let round: Int = row["round"]
            let recorded = defect.rechecks.last { $0.round == round }
            try db.cachedStatement(sql: "UPDATE recheck SET outcome = ?, contractor_rowid = ? WHERE round = ? AND defect_rowid = ?")
                .execute(arguments: [recorded?.passed, try contractorRowid(recorded.map(\.contractor) ?? defect.contractor),
                                     round, row["defect_rowid"] as Int64])
        }
    }

    /// Writes a defect's folded state into `defect_state`.
    private func save(_ d: Defect, unit: UnitRow) throws {
        let item = try currentChecklists().item(d.item)
        try db.cachedStatement(sql: """
            INSERT INTO defect_state (id, code, unit_rowid, building, room, item, category, note, severity, severity_rank,
                sensitivity_rank, contractor_rowid, inspector, round_found, found_at, status, failed, flag_round,
                flag_contractor_rowid, closed_round, waived_round, waiver, rectification_note, rectified_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET contractor_rowid = excluded.contractor_rowid, status = excluded.status,
                failed = excluded.failed, flag_round = excluded.flag_round, flag_contractor_rowid = excluded.flag_contractor_rowid,
                closed_round = excluded.closed_round, waived_round = excluded.waived_round, waiver = excluded.waiver,
                rectification_note = excluded.rectification_note, rectified_at = excluded.rectified_at
            """).execute(arguments: [
            d.id, d.code.text, unit.rowid, unit.unit.building, d.room, d.item, item?.category ?? "", d.note,
            d.severity.rawValue, d.severity.rank, item?.sensitivity.rank ?? 2, try contractorRowid(d.contractor),
            d.inspector, d.roundFound, EventCodec.milliseconds(d.foundAt), d.status.rawValue, d.failedRechecks,
            d.flag?.round, try contractorRowid(d.flag?.contractor), d.closedRound, d.waivedRound, d.waiver,
            d.rectificationNote, d.rectifiedAt.map(EventCodec.milliseconds),
        ])
    }

    private func saveConflict(_ c: Conflict) throws {
        try db.cachedStatement(sql: """
            INSERT INTO conflict (key, kind, round, unit, defect, room, item, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET events = excluded.events
            """).execute(arguments: [c.key, c.kind.rawValue, c.round, c.unit, c.defect, c.pair?.room, c.pair?.item, try EventCodec.json(c.events)])
    }

    /// Recomputes the progress of every unit round the applied events touched.
    func flush() throws {
        guard !dirty.isEmpty else { return }
        let checklists = try currentChecklists()
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO unit_round VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(round, unit_rowid) DO UPDATE SET applicable = excluded.applicable, recorded = excluded.recorded,
                rechecks = excluded.rechecks, rechecks_done = excluded.rechecks_done
            """)
        for key in dirty.sorted(by: { ($0.round, $0.unit.uuidString) < ($1.round, $1.unit.uuidString) }) {
            guard let unit = try unitRow(id: key.unit) else { continue }
            let view = try InspectionStore.unitRound(db, unit: unit.unit, round: key.round, checklists: checklists, upTo: position,
                                                     events: replayed.map { $0.unitRounds[key] ?? [] })
            let progress = view.progress
            try upsert.execute(arguments: [key.round, unit.rowid, progress.applicable, progress.recorded, progress.rechecks, progress.rechecksDone])
            try db.cachedStatement(sql: "DELETE FROM conflict WHERE unit = ? AND round = ? AND kind = 'item'").execute(arguments: [key.unit, key.round])
            for conflict in view.results.conflicts { try saveConflict(conflict) }
        }
        dirty = []
    }

    // MARK: - Rebuilding

    /// The projection tables, children first (the order they are emptied in).
    static let tables = ["unit_round", "recheck", "defect_state", "defect_tally", "round", "contractor", "unit", "checklist", "project",
                         "replica", "conflict", "plan", "plan_batch"]

    /// Empties the projections and applies the whole history again, in order. Returns the
    /// number of events applied.
    @discardableResult
    static func rebuild(_ db: Database) throws -> Int {
        // A file being migrated from an older schema lacks the newer tables.
        for table in tables where try db.tableExists(table) { try db.execute(sql: "DELETE FROM \(table)") }
        let projector = try Projector(db: db)
        projector.replayed = Replayed()
        var count = 0
        var after: HistoryPosition?
        // In batches: the history of a large project does not fit comfortably in memory.
        while true {
            var condition = "1"
            var arguments: StatementArguments = []
            if let after {
                condition = "(hlc, replica, id) > (?, ?, ?)"
                arguments = after.arguments
            }
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(EventCodec.columns) FROM event WHERE \(condition) ORDER BY \(EventCodec.order) LIMIT 20000
                """), arguments: arguments)
            guard !rows.isEmpty else { break }
            for row in rows {
                let event = try EventCodec.event(row)
                try projector.apply(event)
                after = HistoryPosition(event)
                count += 1
            }
        }
        try projector.flush()
        return count
    }

    // MARK: - The plan

    /// The days the contractors get between rounds (a column of schema v3: only events that
    /// set it touch it, so older histories rebuild on older schemas).
    private func saveRectificationDays(_ days: Int) throws {
        try db.execute(sql: "UPDATE project SET rectification_days = ?", arguments: [days])
    }

    /// Puts a plan in force: it replaces the one before (events are applied in the history's
    /// order, so the latest import stands on every laptop).
    private func savePlan(_ p: PlanImported, event: Event) throws {
        try db.execute(sql: """
            INSERT INTO plan (id, json, source, actor, imported_at) VALUES (1, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET json = excluded.json, source = excluded.source, actor = excluded.actor,
                imported_at = excluded.imported_at
            """, arguments: [try EventCodec.json(p.plan), p.source, event.actor, EventCodec.milliseconds(event.at)])
        try db.execute(sql: "DELETE FROM plan_batch")
        let insert = try db.cachedStatement(sql: "INSERT INTO plan_batch (round, position, name, start, finish) VALUES (?, ?, ?, ?, ?)")
        for round in p.plan.rounds {
            for (position, batch) in round.batches.enumerated() {
                try insert.execute(arguments: [round.number, position, batch.name, batch.start.description, batch.finish.description])
            }
        }
    }
}
