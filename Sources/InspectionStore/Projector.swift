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
    private var contractorRowids: [UUID: Int64] = [:]
    private var units: [UUID: UnitRow] = [:]
    /// The latest round, open or closed.
    private(set) var latestRound: Round?
    /// Unit rounds whose progress must be recomputed (`flush`).
    private var dirty: Set<DirtyUnitRound> = []
    /// During a rebuild, the history applied so far by defect and by unit round, so that no
    /// event is read and decoded twice (nil: read from the table, up to `position`).
    private var replayed: Replayed?
    /// Whether a defect's events are folded into its rows once, when something next reads
    /// the defect tables (`foldPending`, `flush`), instead of once per event: for a rebuild
    /// or a merge, which apply many events and read nothing in between. A recording action
    /// folds at once, since its rules read the tables it just changed.
    var defersFolds = false
    /// The defects whose events were applied but not yet folded into their rows, in the
    /// order they first appeared (so rows are numbered as they would be applying event by event).
    private var pending: [UUID] = []
    private var isPending: Set<UUID> = []
    /// The checklist item of each pending defect as it stood when the defect was found (its
    /// category and sensitivity are kept from then, as when the row is written at once).
    private var foundItems: [UUID: ChecklistItem?] = [:]
    /// Rebuilding: each entrance's lowest and highest floor, read once for the final flush
    /// (nil: read again; a layout import that moves them clears it).
    private var entranceFloorsCache: [EntranceKey: ClosedRange<Int>]?

    /// What a rebuild keeps in memory instead of reading it back from the tables: nothing
    /// of the defects is written until the end (`flush`), where each is folded once and its
    /// rows written with its re-check rows.
    struct Replayed {
        /// Every event applied, in the history's order, kept once. Each defect's and each unit
        /// round's events are a list through their places in it: the first and last places,
        /// and for each event the place of the next of the same defect and of the same unit
        /// round (-1: none). An event is large, and most belong to both lists; a list of its
        /// own for each of the 300,000 defects of a large project cost more to grow than this.
        var events: [Event] = []
        var nextOfDefect: [Int32] = []
        var nextOfUnitRound: [Int32] = []
        var defects: [UUID: Places] = [:]
        var unitRounds: [DirtyUnitRound: Places] = [:]
        /// The defects in the order their first events came: the order their rows are
        /// written in (every event naming a defect changes it).
        var defectOrder: [UUID] = []
        /// Each defect's unit, from its finding.
        var defectUnits: [UUID: UUID] = [:]
        /// The re-check lists: each defect's rounds, with its status when it was listed.
        var listed: [UUID: [(round: Int, status: String)]] = [:]
        var listedByUnitRound: [DirtyUnitRound: [UUID]] = [:]
        /// The penalty threshold after each change, in the history's order.
        var thresholds: [(position: HistoryPosition, threshold: Int)] = []
        /// Each defect as the end of the history leaves it, as far as the unit rounds'
        /// progress reads it.
        var folded: [UUID: FoldedDefect] = [:]
        /// What the tallies' triggers would count, as the defects' rows and claims are written
        /// (the tables are written without their triggers, and the tallies at the end).
        var defectTally: [DefectTallyKey: Int] = [:]
        var claimTally: [ClaimTallyKey: Int] = [:]
        /// The ponding tests started in each unit round, the first start of each pair (written
        /// when the unit round is flushed, knowing whether each was checked).
        var ponding: [DirtyUnitRound: [PondingTest]] = [:]

        /// Room for the history's events, and for its defects (about one for every three events,
        /// from the finding, a rectification and a re-check; more room than that costs little).
        mutating func reserve(events count: Int) {
            events.reserveCapacity(count)
            nextOfDefect.reserveCapacity(count)
            nextOfUnitRound.reserveCapacity(count)
            defects.reserveCapacity(count / 3)
            defectOrder.reserveCapacity(count / 3)
            defectUnits.reserveCapacity(count / 3)
            folded.reserveCapacity(count / 3)
        }

        /// The first and last places of a list of events.
        struct Places {
            var first: Int32
            var last: Int32
        }

        /// Keeps the next event of the history.
        mutating func append(_ event: Event, unitRound: DirtyUnitRound?) {
            let place = Int32(events.count)
            events.append(event)
            nextOfDefect.append(-1)
            nextOfUnitRound.append(-1)
            if let defect = event.defect {
                if Self.link(place, to: &defects[defect], next: &nextOfDefect) { defectOrder.append(defect) }
                if case .defectFound = event.body, let unit = event.unit { defectUnits[defect] = unit }
            }
            if let unitRound { Self.link(place, to: &unitRounds[unitRound], next: &nextOfUnitRound) }
        }

        /// Adds a place at the end of a list; returns whether the list is new.
        @discardableResult
        private static func link(_ place: Int32, to places: inout Places?, next: inout [Int32]) -> Bool {
            guard let last = places?.last else {
                places = Places(first: place, last: place)
                return true
            }
            next[Int(last)] = place
            places!.last = place
            return false
        }

        private func events(from places: Places?, next: [Int32]) -> [Event] {
            var list: [Event] = []
            var place = places?.first ?? -1
            while place >= 0 {
                list.append(events[Int(place)])
                place = next[Int(place)]
            }
            return list
        }

        /// A defect's events so far (nil: none applied).
        func events(of defect: UUID) -> [Event]? {
            defects[defect].map { events(from: $0, next: nextOfDefect) }
        }

        /// A unit round's events so far.
        func events(of unitRound: DirtyUnitRound) -> [Event] {
            events(from: unitRounds[unitRound], next: nextOfUnitRound)
        }
    }

    /// A defect as the unit rounds' progress reads it: its finding taken back, or standing
    /// (with the round it was waived in, if it was: it needs no re-check from then on).
    enum FoldedDefect {
        case retracted
        case standing(waivedIn: Int?)
    }

    /// A row of `ponding_test` in a unit round, less whether it was checked.
    struct PondingTest {
        var pair: RoomItem, started: Int64, actor: String, event: UUID
    }

    /// A row of `defect_tally`, less its count.
    struct DefectTallyKey: Hashable {
        var building: String, category: String, contractor: Int64, status: String
        var roundFound: Int, closedRound: Int, waivedRound: Int
    }

    /// A row of `claim_tally`, less its count (nil contractor: none named).
    struct ClaimTallyKey: Hashable {
        var contractor: UUID?
        var day: Int
        var closeRound: Int
    }

    struct DirtyUnitRound: Hashable {
        var unit: UUID
        var round: Int
    }

    /// The statements that write the rows there are many of, made when first needed.
    private var defectInsert: RowWriter?
    private var defectUpsert: RowWriter?
    private var recheckWriter: RowWriter?
    private var claimWriter: RowWriter?
    private var pondingWriter: RowWriter?
    private var conflictWriter: RowWriter?

    /// Whether the file has the claim and flag tables (schema v5): a rebuild that migrates an
    /// older file to an earlier schema runs without them.
    private let hasClaimTables: Bool
    /// Whether the file has the answers' table and the defects' answer columns (schema v6).
    private let hasAnswerTables: Bool
    /// Whether the file has the field tests' tables (schema v7).
    private let hasFieldTables: Bool
    /// Whether the file has the rectification terms' table (schema v8).
    private let hasTermsTable: Bool
    /// The rectification terms as the events applied so far set them (loaded when first needed).
    private var terms: RectificationTerms?
    /// The first close of each round in the history's order, up to `position` (loaded when
    /// first needed).
    private var standingCloses: [(position: HistoryPosition, round: Int)]?

    init(db: Database) throws {
        self.db = db
        latestRound = try InspectionStore.latestRound(db)
        hasClaimTables = try db.tableExists("defect_claim")
        hasAnswerTables = try db.tableExists("answer")
        hasFieldTables = try db.tableExists("ponding_test")
        hasTermsTable = try db.tableExists("rectification_terms")
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
            replayed!.append(event, unitRound: event.unit.map { DirtyUnitRound(unit: $0, round: event.round) })
        }
        switch event.body {
        case .settingsChanged, .roundClosed:
            try applyToTerms(event)
        default:
            break
        }
        switch event.body {
        case .projectCreated(let p):
            let settings = p.settings ?? ProjectSettings()
            let created = Project(id: p.project ?? event.id, name: p.name, delivery: p.delivery, settings: settings)
            if replayed != nil, let position { replayed!.thresholds.append((position, settings.penaltyThreshold)) }
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
            // A new threshold re-counts every defect's flag (those folded before it with the
            // threshold then in force).
            if let t = s.penaltyThreshold, replayed != nil {
                // Rebuilding: every defect is folded at the end with the threshold in force.
                replayed!.thresholds.append((position!, t))
            } else if s.penaltyThreshold != nil {
                try foldPending()
                for id in try UUID.fetchAll(db, sql: "SELECT id FROM defect_state WHERE status <> 'retracted' ORDER BY rowid") {
                    try changed(defect: id)
                }
            }
        case .checklistsImported(let c):
            guard let set = c.set else { return }
            try db.execute(sql: "INSERT INTO checklist (id, json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json",
                           arguments: [try EventCodec.json(set)])
            checklists = set
        case .layoutImported(let l):
            entranceFloorsCache = nil
            let floorsBefore = try InspectionStore.entranceFloors(db)
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
            try recountMovedEntrances(before: floorsBefore)
        case .contractorAdded(let c):
            let contractor = c.contractor
            try db.execute(sql: "INSERT INTO contractor (id, name, trades, buildings) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", arguments: [
                contractor.id, contractor.name, try EventCodec.json(contractor.trades), try contractor.buildings.map(EventCodec.json),
            ])
            if db.changesCount > 0 { contractorRowids[contractor.id] = db.lastInsertedRowID }
        case .roundOpened(let r):
            try openRound(r)
        case .roundClosed(let c):
            if standingCloses != nil, !standingCloses!.contains(where: { $0.round == c.number }) {
                standingCloses!.append((position!, c.number))
            }
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
        case .defectFound, .defectRectified, .defectRechecked, .defectWaived, .defectReassigned, .defectEdited:
            guard let id = event.defect else { return }
            if case .defectFound(let f) = event.body, defersFolds, foundItems[id] == nil {
                foundItems[id] = try currentChecklists().item(f.item)
            }
            if case .defectFound = event.body, (latestRound?.number ?? 0) > event.round {
                if replayed != nil {
                    try changed(defect: id)
                    try listLateFinding(id)
                } else {
                    try foldPending()
                    try refold(defect: id)
                    try recheckLateFinding(id)
                }
            } else {
                try changed(defect: id)
            }
            if let unit = event.unit { dirty.insert(DirtyUnitRound(unit: unit, round: event.round)) }
        case .reverted, .conflictResolved:
            if let id = event.defect { try changed(defect: id) }
            if let unit = event.unit { dirty.insert(DirtyUnitRound(unit: unit, round: event.round)) }
        case .planImported(let p):
            try savePlan(p, event: event)
        case .answerDefined(let a):
            try saveAnswer(a.answer, event: event)
        case .answerRevised(let a):
            try saveAnswer(a.answer, event: event)
        case .pondingStarted(let p):
            guard hasFieldTables, let unit = event.unit else { return }
            let key = DirtyUnitRound(unit: unit, round: event.round)
            let test = PondingTest(pair: RoomItem(room: UserText.normalized(p.room), item: UserText.normalized(p.item)),
                                   started: EventCodec.milliseconds(p.started), actor: event.actor, event: event.id)
            // Started on two laptops at once: the first start in the history's order stands.
            if replayed != nil {
                if !(replayed!.ponding[key] ?? []).contains(where: { $0.pair == test.pair }) { replayed!.ponding[key, default: []].append(test) }
            } else {
                try savePondingTest(test, in: key, checked: false)
            }
            dirty.insert(key)
        case .sprayRecorded(let s):
            guard hasFieldTables else { return }
            try db.execute(sql: """
                INSERT INTO spray_test (event, building, entrance, floor_from, floor_to, day, round, actor, passed, leaks, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, arguments: [event.id, s.building, s.entrance, s.floors.from, s.floors.to, s.date.description, event.round,
                                   event.actor, s.passed, try EventCodec.json(s.leaks), s.note])
        case .replicaJoined(let j):
            try db.execute(sql: "INSERT INTO replica (id, tag, parent, joined_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           arguments: [j.replica, j.tag, j.parent, EventCodec.milliseconds(event.at)])
        }
    }

    /// A round opens with its re-check list as the event names it; every unit is in scope.
    private func openRound(_ r: RoundOpened) throws {
        try db.execute(sql: "INSERT INTO round (number, opened) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [r.number, r.date.description])
        let first = db.changesCount > 0
        let listed: [Int64: Int]
        if replayed != nil {
            let ids = r.recheckList ?? []
            var perUnit: [Int64: Int] = [:]
            for (id, status) in zip(ids, try statuses(ids)) {
                if let status, let unit = list(id, round: r.number, status: status), let row = try unitRow(id: unit) {
                    perUnit[row.rowid, default: 0] += 1
                }
            }
            listed = perUnit
        } else {
            try foldPending()
            listed = try putOnRecheckList(defects: r.recheckList ?? [], round: r.number)
        }
        guard first else {
            // Opened on two laptops at once: the first opening stands, and the round
            // re-checks what either listed.
            for unit in listed.keys {
                if let id = try unitID(rowid: unit) { dirty.insert(DirtyUnitRound(unit: id, round: r.number)) }
            }
            return
        }
        if (latestRound?.number ?? 0) < r.number { latestRound = Round(number: r.number, opened: r.date) }
        let checklists = try currentChecklists()
        let progress = try db.cachedStatement(sql: "INSERT INTO unit_round VALUES (?, ?, ?, 0, ?, 0) ON CONFLICT DO NOTHING")
        let floors = try InspectionStore.entranceFloors(db)
        let rows = try Row.fetchCursor(db, sql: "SELECT rowid, type, building, entrance, floor FROM unit")
        while let row = try rows.next() {
            let rowid: Int64 = row[0]
            let situation = UnitSituation(floor: row[4], entranceFloors: floors[EntranceKey(building: row[2], entrance: row[3])])
            let applicable = checklists.pairs(forType: row[1], situation: situation).count
            try progress.execute(arguments: [r.number, rowid, applicable, listed[rowid] ?? 0])
        }
    }

    /// After a layout import: the units of every entrance whose lowest or highest floor moved
    /// have their progress recomputed in every round they are in, since top- and ground-floor
    /// items follow the layout. Every progress row is then as the present layout makes it,
    /// applying event by event or rebuilding.
    private func recountMovedEntrances(before: [EntranceKey: ClosedRange<Int>]) throws {
        let after = try InspectionStore.entranceFloors(db)
        let moved = after.filter { before[$0.key] != nil && before[$0.key] != $0.value }.keys
        guard !moved.isEmpty else { return }
        let rows = try db.cachedStatement(sql: """
            SELECT u.id, r.round FROM unit u JOIN unit_round r ON r.unit_rowid = u.rowid WHERE u.building = ? AND u.entrance = ?
            """)
        for entrance in moved {
            for row in try Row.fetchAll(rows, arguments: [entrance.building, entrance.entrance]) {
                dirty.insert(DirtyUnitRound(unit: row[0], round: row[1]))
            }
        }
    }

    /// Adds defects to a round's re-check list, as they stand now, in one statement (in row
    /// order, so each of the list's indexes grows at its end rather than all over); returns
    /// how many were newly listed per unit row (unknown or already listed defects are not).
    private func putOnRecheckList(defects ids: [UUID], round: Int) throws -> [Int64: Int] {
        guard !ids.isEmpty else { return [:] }
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS listed_defect (id BLOB PRIMARY KEY) WITHOUT ROWID")
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.listed_defect VALUES (?)")
        for id in ids { try insert.execute(arguments: [id]) }
        defer { try? db.execute(sql: "DELETE FROM temp.listed_defect") }
        var listed: [Int64: Int] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            INSERT INTO recheck (round, defect_rowid, unit_rowid, building, category, contractor_rowid, status_at_open)
            SELECT ?, d.rowid, d.unit_rowid, d.building, d.category, d.contractor_rowid, d.status
            FROM temp.listed_defect l JOIN defect_state d ON d.id = l.id WHERE 1 ORDER BY d.rowid
            ON CONFLICT DO NOTHING RETURNING unit_rowid
            """), arguments: [round])
        while let row = try rows.next() { listed[row[0], default: 0] += 1 }
        return listed
    }

    private func unitID(rowid: Int64) throws -> UUID? {
        try UUID.fetchOne(db.cachedStatement(sql: "SELECT id FROM unit WHERE rowid = ?"), arguments: [rowid])
    }

    /// Rebuilding: each defect's status as its history so far gives it ("retracted": its
    /// finding taken back; nil: no event of it yet), folded on every core (a round lists
    /// most of the defects found before it).
    private func statuses(_ ids: [UUID]) throws -> [String?] {
        let replayed = replayed!
        let threshold = try penaltyThreshold
        let batch = ParallelBatch(ids, chunk: 512) {
            { id in replayed.events(of: id).map { DefectLifecycle.fold($0, penaltyThreshold: threshold)?.status.rawValue ?? "retracted" } }
        }
        return withExtendedLifetime(batch) { Array(batch.outputs()) }
    }

    /// Rebuilding: puts a defect on a round's re-check list in memory, with its status as its
    /// history so far gives it (written with the defect at the end); returns its unit when
    /// newly listed (nil when unknown or already listed).
    private func list(_ id: UUID, round: Int, status: String) -> UUID? {
        guard let unit = replayed?.defectUnits[id], !(replayed!.listed[id] ?? []).contains(where: { $0.round == round }) else { return nil }
        replayed!.listed[id, default: []].append((round, status))
        replayed!.listedByUnitRound[DirtyUnitRound(unit: unit, round: round), default: []].append(id)
        return unit
    }

    /// Rebuilding: `recheckLateFinding` in memory.
    private func listLateFinding(_ id: UUID) throws {
        guard let latest = latestRound, let events = replayed?.events(of: id),
              let defect = DefectLifecycle.fold(events, penaltyThreshold: try penaltyThreshold),
              RoundRules.carriesOver(defect, into: latest.number),
              let unit = list(id, round: latest.number, status: defect.status.rawValue) else { return }
        dirty.insert(DirtyUnitRound(unit: unit, round: latest.number))
    }

    /// A defect found in an earlier round that reaches this file after a later round opened
    /// (another laptop's work, merged late) goes on the latest round's re-check list.
    private func recheckLateFinding(_ id: UUID) throws {
        guard let latest = latestRound,
              let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT round_found, status FROM defect_state WHERE id = ?"), arguments: [id]),
              let status = DefectStatus(rawValue: row["status"]),
              RoundRules.carriesOver(roundFound: row["round_found"], status: status, into: latest.number) else { return }
        let listed = try putOnRecheckList(defects: [id], round: latest.number)
        guard let unit = try listed.keys.first.flatMap(unitID(rowid:)) else { return }
        try refold(defect: id)
        dirty.insert(DirtyUnitRound(unit: unit, round: latest.number))
    }

    /// A defect's history changed: fold it now, or, rebuilding, when the tables are next read.
    private func changed(defect id: UUID) throws {
        guard defersFolds else { return try refold(defect: id) }
        // Rebuilding: every defect with an event is folded at the end (`Replayed.defectOrder`).
        guard replayed == nil else { return }
        if isPending.insert(id).inserted { pending.append(id) }
    }

    /// Rebuilding: room for the history's events and its defects (`Replayed.reserve`).
    private func reserve(events count: Int) {
        replayed?.reserve(events: count)
        foundItems.reserveCapacity(count / 3)
    }

    /// Folds the defects left pending, in the order they first appeared.
    private func foldPending() throws {
        if replayed != nil, defersFolds {
            // Rebuilding: the histories of a few thousand defects are folded on the other
            // cores (pure work) while this thread writes the rows of those folded before.
            let ids = replayed!.defectOrder
            replayed!.defectOrder = []
            let source = replayed!
            let current = try penaltyThreshold
            try ParallelBatch.pipeline(ids, batch: 4_096, chunk: 64, makeWorker: {
                { id in
                    Self.fold(source.events(of: id) ?? [], threshold: current) {
                        Self.threshold(before: $0, changes: source.thresholds, current: current)
                    }
                }
            }) { id, history in try refold(defect: id, history: history) }
            return
        }
        guard !pending.isEmpty else { return }
        let ids = pending
        pending = []
        isPending = []
        for id in ids { try refold(defect: id) }
    }

    /// A defect's history folded: the defect as it stands or, its finding taken back, as the
    /// longest part of its history that still folds said (nil: no part folds).
    struct FoldedHistory {
        var defect: Defect?
        var retracted: Bool
    }

    /// Folds a defect's events with the penalty threshold in force (`thresholdBefore`: the one
    /// in force just before an event). Its finding taken back, the code no longer answers, and
    /// its row keeps what it said before: the longest part of its history that still folds to
    /// a defect, with the threshold in force when it stopped folding.
    static func fold(_ events: [Event], threshold: Int, thresholdBefore: (Event) throws -> Int) rethrows -> FoldedHistory {
        var folded = DefectLifecycle.fold(events, penaltyThreshold: threshold)
        let retracted = folded == nil
        var kept = events.count - 1
        while folded == nil, kept > 0 {
            folded = DefectLifecycle.fold(Array(events.prefix(kept)), penaltyThreshold: try thresholdBefore(events[kept]))
            kept -= 1
        }
        return FoldedHistory(defect: folded, retracted: retracted)
    }

    /// Folds a defect's history (up to the event being applied) into its projection and its
    /// re-check rows; `history`: folded already.
    private func refold(defect id: UUID, history: FoldedHistory? = nil) throws {
        if replayed == nil {
            // Rebuilding folds each defect once, into empty tables: there is nothing to replace.
            try db.cachedStatement(sql: "DELETE FROM conflict WHERE defect = ?").execute(arguments: [id])
        }
        let folded = try history ?? {
            let events = try replayed.map { $0.events(of: id) ?? [] } ?? EventCodec.fetch(db, where: "defect = ?", arguments: [id], upTo: position)
            return try Self.fold(events, threshold: try penaltyThreshold) { try threshold(before: $0) }
        }()
        let retracted = folded.retracted
        guard let defect = folded.defect, let unit = try unitRow(id: defect.unit) else { return }
        let rowid = try save(defect, unit: unit, retracted: retracted)
        try saveClaimsAndFlags(retracted ? nil : defect, rowid: rowid)
        if !retracted {
            for conflict in defect.conflicts { try saveConflict(conflict) }
        }
        // Each re-check row: its result in that round, and the contractor who had the defect
        // then (the present one while unrecorded).
        func outcome(_ round: Int) throws -> (passed: Bool?, contractor: Int64?) {
            let recorded = defect.rechecks.last { $0.round == round }
            return (recorded?.passed, try contractorRowid(recorded.map(\.contractor) ?? defect.contractor))
        }
        if replayed != nil {
            // Rebuilding: the rows are written here, once.
            replayed!.folded[id] = retracted ? .retracted : .standing(waivedIn: defect.status == .waived ? defect.waivedRound ?? .max : nil)
            let item = try currentChecklists().item(defect.item)
            for listing in replayed!.listed[id] ?? [] {
                let (passed, contractor) = try outcome(listing.round)
                if recheckWriter == nil {
                    recheckWriter = try RowWriter(db, sql: """
                        INSERT INTO recheck (round, defect_rowid, unit_rowid, building, category, contractor_rowid, status_at_open, outcome)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                }
                try recheckWriter!.bind(listing.round).bind(rowid).bind(unit.rowid).bind(unit.unit.building)
                    .bind((foundItems[id] ?? item)?.category ?? "").bind(contractor).bind(listing.status).bind(passed).execute()
            }
            return
        }
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT round FROM recheck WHERE defect_rowid = ?"), arguments: [rowid])
        for row in rows {
            let round: Int = row["round"]
            let (passed, contractor) = try outcome(round)
            try db.cachedStatement(sql: "UPDATE recheck SET outcome = ?, contractor_rowid = ? WHERE round = ? AND defect_rowid = ?")
                .execute(arguments: [passed, contractor, round, rowid])
        }
    }

    /// The penalty threshold in force just before `event`.
    private func threshold(before event: Event) throws -> Int {
        Self.threshold(before: event, changes: replayed?.thresholds ?? [], current: try penaltyThreshold)
    }

    /// The penalty threshold in force just before `event`, given the changes a rebuild kept
    /// (none: the one in force now).
    static func threshold(before event: Event, changes: [(position: HistoryPosition, threshold: Int)], current: Int) -> Int {
        guard !changes.isEmpty else { return current }
        let at = HistoryPosition(event)
        return changes.last { $0.position < at }?.threshold ?? ProjectSettings().penaltyThreshold
    }

    /// Writes a defect's folded state into `defect_state` (retracted: its finding was taken
    /// back, and its row keeps what it said before with that status).
    @discardableResult
    private func save(_ d: Defect, unit: UnitRow, retracted: Bool) throws -> Int64 {
        let item = try foundItems[d.id] ?? currentChecklists().item(d.item)
        let status = retracted ? "retracted" : d.status.rawValue
        let contractor = try contractorRowid(d.contractor)
        // Rebuilding writes each defect once, into an empty table: a plain insert.
        let rebuilding = replayed != nil
        let sql = Self.saveSQL[hasAnswerTables ? 1 : 0]
        if rebuilding, defectInsert == nil { defectInsert = try RowWriter(db, sql: sql.insert) }
        if !rebuilding, defectUpsert == nil { defectUpsert = try RowWriter(db, sql: sql.upsert) }
        let row = (rebuilding ? defectInsert : defectUpsert)!
            .bind(d.id).bind(d.code.text).bind(unit.rowid).bind(unit.unit.building).bind(d.room).bind(d.item).bind(item?.category ?? "")
            .bind(d.note).bind(d.severity.rawValue).bind(d.severity.rank).bind(item?.sensitivity.rank ?? 2).bind(contractor)
            .bind(d.inspector).bind(d.roundFound).bind(EventCodec.milliseconds(d.foundAt)).bind(status).bind(d.failedRechecks)
            .bind(d.flag?.round).bind(try contractorRowid(d.flag?.contractor)).bind(d.closedRound).bind(d.waivedRound).bind(d.waiver)
            .bind(d.rectificationNote).bind(d.rectifiedAt.map(EventCodec.milliseconds))
        if hasAnswerTables { row.bind(d.answerCode).bind(d.approvedBy) }
        guard rebuilding else { return try row.fetchInt64()! }
        let rowid = try row.execute()
        let key = DefectTallyKey(building: unit.unit.building, category: item?.category ?? "", contractor: contractor ?? 0, status: status,
                                 roundFound: d.roundFound, closedRound: d.closedRound ?? 0, waivedRound: d.waivedRound ?? 0)
        replayed!.defectTally[key, default: 0] += 1
        return rowid
    }

    /// The statements of `save`, without the answer's columns and with them (schema v6: a
    /// rebuild that migrates an older file runs on its older schema first): the upsert, and the
    /// plain insert a rebuild uses. Made once, not per defect.
    private static let saveSQL: [(upsert: String, insert: String)] = [false, true].map { answers in
        let answer = answers ? (columns: ", answer_code, approved_by", values: ", ?, ?",
                                updates: ", answer_code = excluded.answer_code, approved_by = excluded.approved_by")
                             : (columns: "", values: "", updates: "")
        let insert = """
            INSERT INTO defect_state (id, code, unit_rowid, building, room, item, category, note, severity, severity_rank,
                sensitivity_rank, contractor_rowid, inspector, round_found, found_at, status, failed, flag_round,
                flag_contractor_rowid, closed_round, waived_round, waiver, rectification_note, rectified_at\(answer.columns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?\(answer.values))
            """
        let upsert = insert + """

            ON CONFLICT(id) DO UPDATE SET note = excluded.note, room = excluded.room, severity = excluded.severity,
                severity_rank = excluded.severity_rank, contractor_rowid = excluded.contractor_rowid, status = excluded.status,
                failed = excluded.failed, flag_round = excluded.flag_round, flag_contractor_rowid = excluded.flag_contractor_rowid,
                closed_round = excluded.closed_round, waived_round = excluded.waived_round, waiver = excluded.waiver,
                rectification_note = excluded.rectification_note, rectified_at = excluded.rectified_at\(answer.updates)
            RETURNING rowid
            """
        return (upsert, insert)
    }

    /// A unified answer defined or revised: the whole answer as the event carries it. Two
    /// laptops defining one code at once: the later in the history's order reads as a revision.
    private func saveAnswer(_ a: UnifiedAnswer, event: Event) throws {
        guard hasAnswerTables else { return }
        let at = EventCodec.milliseconds(event.at)
        try db.execute(sql: """
            INSERT INTO answer (code, title, text, action, owner, due, buyer_questions, defined_by, defined_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(code) DO UPDATE SET title = excluded.title, text = excluded.text, action = excluded.action,
                owner = excluded.owner, due = excluded.due, buyer_questions = excluded.buyer_questions,
                revised_by = ?, revised_at = ?, revisions = revisions + 1
            """, arguments: [a.code, a.title, a.text, a.plan.action, a.plan.owner, a.plan.due.description, a.plan.buyerQuestions,
                             event.actor, at, event.actor, at])
    }

    private func saveConflict(_ c: Conflict) throws {
        if conflictWriter == nil {
            conflictWriter = try RowWriter(db, sql: """
                INSERT INTO conflict (key, kind, round, unit, defect, room, item, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET events = excluded.events
                """)
        }
        try conflictWriter!.bind(c.key).bind(c.kind.rawValue).bind(c.round).bind(c.unit).bind(c.defect).bind(c.pair?.room).bind(c.pair?.item)
            .bind(EventCodec.json(ids: c.events)).execute()
    }

    /// Recomputes the progress of every unit round the applied events touched.
    func flush() throws {
        try foldPending()
        guard !dirty.isEmpty else { return }
        let checklists = try currentChecklists()
        let keys = dirty.sorted { $0.round != $1.round ? $0.round < $1.round : $0.unit.bytesPrecede($1.unit) }
        if let replayed {
            // Rebuilding: each unit round's events, re-check list and defects are in memory,
            // so its results and progress are worked out on the other cores (pure work) while
            // this thread writes those of the unit rounds before.
            if entranceFloorsCache == nil { entranceFloorsCache = try InspectionStore.entranceFloors(db) }
            let floors = entranceFloorsCache!
            let units = try keys.map { try unitRow(id: $0.unit) }
            try ParallelBatch.pipeline(Array(zip(keys, units)), batch: 1_024, chunk: 16, makeWorker: {
                { input -> (UnitRound, UnitProgress)? in
                    let (key, unit) = input
                    guard let unit else { return nil }
                    let results = UnitRound(events: replayed.events(of: key),
                                            index: checklists.pairIndex(for: unit.unit, entranceFloors: floors[EntranceKey(unit.unit)]))
                    var queue: [UUID] = []
                    var settled: Set<UUID> = []
                    for id in replayed.listedByUnitRound[key] ?? [] {
                        guard case .standing(let waivedIn) = replayed.folded[id] else { continue }
                        queue.append(id)
                        if let waivedIn, waivedIn <= key.round { settled.insert(id) }
                    }
                    return (results, results.progress(recheckQueue: queue, settledWithoutRecheck: settled))
                }
            }) { input, output in
                guard let unit = input.1, let (results, progress) = output else { return }
                try save(input.0, unit: unit, results: results, progress: progress)
            }
        } else {
            for key in keys {
                guard let unit = try unitRow(id: key.unit) else { continue }
                let view = try InspectionStore.unitRound(db, unit: unit.unit, round: key.round, checklists: checklists, upTo: position)
                try save(key, unit: unit, results: view.results, progress: view.progress)
            }
        }
        dirty = []
        if replayed != nil {
            // Rebuilding: the tests of a unit round that was not flushed (its unit unknown) are unchecked.
            for (key, tests) in replayed!.ponding {
                for test in tests { try savePondingTest(test, in: key, checked: false) }
            }
            replayed!.ponding = [:]
        }
    }

    private func savePondingTest(_ test: PondingTest, in key: DirtyUnitRound, checked: Bool) throws {
        if pondingWriter == nil {
            pondingWriter = try RowWriter(db, sql: """
                INSERT INTO ponding_test (unit, round, room, item, started, actor, event, checked) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)
        }
        try pondingWriter!.bind(key.unit).bind(key.round).bind(test.pair.room).bind(test.pair.item).bind(test.started).bind(test.actor)
            .bind(test.event).bind(checked).execute()
    }

    /// Writes a unit round's progress, its conflicts and whether its ponding tests were checked.
    private func save(_ key: DirtyUnitRound, unit: UnitRow, results: UnitRound, progress: UnitProgress) throws {
        try db.cachedStatement(sql: """
            INSERT INTO unit_round VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(round, unit_rowid) DO UPDATE SET applicable = excluded.applicable, recorded = excluded.recorded,
                rechecks = excluded.rechecks, rechecks_done = excluded.rechecks_done
            """).execute(arguments: [key.round, unit.rowid, progress.applicable, progress.recorded, progress.rechecks, progress.rechecksDone])
        if replayed == nil {
            // Rebuilding writes each unit round once, into empty tables: nothing to replace.
            try db.cachedStatement(sql: "DELETE FROM conflict WHERE unit = ? AND round = ? AND kind = 'item'").execute(arguments: [key.unit, key.round])
        }
        for conflict in results.conflicts { try saveConflict(conflict) }
        if hasFieldTables { try markPondingChecks(key, results: results) }
    }

    /// A ponding test counts as checked once its room and item have a result in its round.
    private func markPondingChecks(_ key: DirtyUnitRound, results: UnitRound) throws {
        if replayed != nil {
            // Rebuilding: the unit round's tests are written here, once, in memory until now.
            for test in replayed!.ponding.removeValue(forKey: key) ?? [] {
                try savePondingTest(test, in: key, checked: results.result(test.pair) != nil)
            }
            return
        }
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT room, item, checked FROM ponding_test WHERE unit = ? AND round = ?"),
                                    arguments: [key.unit, key.round])
        for row in rows {
            let pair = RoomItem(room: row["room"], item: row["item"])
            let checked = results.result(pair) != nil
            guard checked != row["checked"] else { continue }
            try db.cachedStatement(sql: "UPDATE ponding_test SET checked = ? WHERE unit = ? AND round = ? AND room = ? AND item = ?")
                .execute(arguments: [checked, key.unit, key.round, pair.room, pair.item])
        }
    }

    // MARK: - Rebuilding

    /// The projection tables, children first (the order they are emptied in).
    static let tables = ["unit_round", "recheck", "defect_claim", "claim_tally", "penalty_flag", "defect_state", "defect_tally", "round", "contractor", "unit", "checklist", "project",
                         "replica", "conflict", "plan", "plan_batch", "answer", "ponding_test", "spray_test", "rectification_terms"]

    /// Empties the projections and applies the whole history again, in order. Returns the
    /// number of events applied.
    @discardableResult
    static func rebuild(_ db: Database) throws -> Int {
        // The tables are written without their secondary indexes and the tally's triggers, which
        // are made again at the end (sorting once is faster than keeping them up row by row).
        let secondary = try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master
            WHERE tbl_name IN ('defect_state', 'recheck', 'defect_claim', 'ponding_test', 'conflict') AND type IN ('index', 'trigger') AND sql IS NOT NULL
            """)
        for row in secondary { try db.execute(sql: "DROP \((row["type"] as String).uppercased()) \((row["name"] as String).quotedDatabaseIdentifier)") }
        // A file being migrated from an older schema lacks the newer tables.
        for table in tables where try db.tableExists(table) { try db.execute(sql: "DELETE FROM \(table)") }
        let projector = try Projector(db: db)
        projector.replayed = Replayed()
        try projector.reserve(events: Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0)
        projector.defersFolds = true
        var count = 0
        // One pass over the history in its order, the payloads decoded a batch at a time on every core.
        try EventCodec.forEachDecodingInParallel(db.makeStatement(sql: "SELECT \(EventCodec.columns) FROM event ORDER BY \(EventCodec.order)")) { event, _ in
            try projector.apply(event)
            count += 1
        }
        try projector.flush()
        let replayed = projector.replayed!
        projector.replayed = nil
        // What the triggers would have counted.
        let tally = try db.makeStatement(sql: "INSERT INTO defect_tally VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        for (key, n) in replayed.defectTally {
            try tally.execute(arguments: [key.building, key.category, key.contractor, key.status, key.roundFound, key.closedRound, key.waivedRound, n])
        }
        if projector.hasClaimTables {
            let tally = try db.makeStatement(sql: "INSERT INTO claim_tally VALUES (coalesce(?, x''), ?, ?, ?)")
            for (key, n) in replayed.claimTally { try tally.execute(arguments: [key.contractor, key.day, key.closeRound, n]) }
        }
        // The history kept in memory (every event, by defect and by unit round) is freed on
        // another thread while this one makes the indexes (`writeRebuilding` gives SQLite's
        // sorter every core).
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(replayed) {} }
        for row in secondary { try db.execute(sql: row["sql"]) }
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

    /// The rectification terms' row, after an event that may set them.
    private func applyToTerms(_ event: Event) throws {
        guard hasTermsTable else { return }
        var terms = try self.terms ?? InspectionStore.rectificationTerms(db)
        let before = terms
        terms.apply(event)
        self.terms = terms
        guard terms != before else { return }
        try db.execute(sql: "INSERT INTO rectification_terms (id, json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json",
                       arguments: [try EventCodec.json(terms)])
    }

    // MARK: - Claims and flags

    /// A defect's claims and penalty flags, as rows the rewards and penalties count (none for
    /// a defect whose finding was taken back).
    private func saveClaimsAndFlags(_ d: Defect?, rowid: Int64) throws {
        guard hasClaimTables else { return }
        if replayed == nil {
            // Rebuilding writes each defect's rows once, into empty tables.
            try db.cachedStatement(sql: "DELETE FROM defect_claim WHERE defect_rowid = ?").execute(arguments: [rowid])
            try db.cachedStatement(sql: "DELETE FROM penalty_flag WHERE defect_rowid = ?").execute(arguments: [rowid])
        }
        guard let d else { return }
        if !d.claims.isEmpty {
            if standingCloses == nil {
                // The closes' positions and rounds only: their payloads (every unit blocking
                // delivery as each round closed) are large, and this is read in every action
                // that touches a claimed defect. A close is recorded in the round it closes.
                var closes: [(position: HistoryPosition, round: Int)] = []
                var arguments: StatementArguments = []
                var sql = "SELECT hlc, replica, id, round FROM event WHERE \(InspectionStore.termsCondition) AND kind = 'round.closed'"
                if let position {
                    sql += " AND \(HistoryPosition.atOrBefore)"
                    arguments = position.arguments
                }
                for row in try Row.fetchAll(db.cachedStatement(sql: sql + " ORDER BY \(EventCodec.order)"), arguments: arguments) {
                    let round: Int = row[3]
                    if !closes.contains(where: { $0.round == round }) {
                        closes.append((HistoryPosition(hlc: row[0], replica: row[1], id: row[2]), round))
                    }
                }
                standingCloses = closes
            }
            if claimWriter == nil { claimWriter = try RowWriter(db, sql: "INSERT INTO defect_claim VALUES (?, ?, ?, ?, ?, ?, ?, ?)") }
            for (seq, c) in d.claims.enumerated() {
                let at = HistoryPosition(hlc: c.hlc, replica: c.replica, id: c.event)
                let close = standingCloses!.last { $0.position < at }?.round ?? 0
                let day = Int((c.at.timeIntervalSince1970 / 86_400).rounded(.down))
                try claimWriter!.bind(rowid).bind(seq).bind(c.contractor).bind(day).bind(c.hlc).bind(c.replica).bind(c.event).bind(close).execute()
                if replayed != nil { replayed!.claimTally[ClaimTallyKey(contractor: c.contractor, day: day, closeRound: close), default: 0] += 1 }
            }
        }
        if !d.flags.isEmpty {
            let insert = try db.cachedStatement(sql: "INSERT INTO penalty_flag VALUES (?, ?, ?, ?, ?, ?)")
            for (seq, f) in d.flags.enumerated() {
                try insert.execute(arguments: [rowid, seq, f.round, f.contractor, f.afterClaim, f.withoutClaim])
            }
        }
    }
}
