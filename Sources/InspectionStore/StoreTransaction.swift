import Foundation
import GRDB
import InspectionCore

/// A unit with its row number in this file.
struct UnitRow {
    var rowid: Int64
    var unit: ProjectUnit
}

/// The intention-named actions, inside one transaction. Each action checks its rule in the
/// core, appends its events to the history and brings the projections up to date; the
/// store's `write` commits them together or not at all.
public final class StoreTransaction {
    let store: InspectionStore
    let db: Database
    public let context: ActionContext

    private var cachedProject: Project?
    private var cachedChecklists: ChecklistSet?
    private var cachedContractors: [Contractor]?
    private var contractorRowids: [UUID: Int64] = [:]
    /// The latest round, open or closed.
    private(set) var latestRound: Round?
    /// ProjectUnit rounds whose progress must be recomputed before commit.
    private var dirty: Set<DirtyUnitRound> = []

    struct DirtyUnitRound: Hashable {
        var unit: Int64
        var round: Int
    }

    init(store: InspectionStore, db: Database, context: ActionContext) throws {
        self.store = store
        self.db = db
        self.context = context
        latestRound = try InspectionStore.latestRound(db)
    }

    /// Brings every touched unit's progress up to date; runs before commit.
    func finish() throws {
        for key in dirty { try refreshProgress(unitRowid: key.unit, round: key.round) }
        dirty = []
    }

    // MARK: - Looking things up

    public func project() throws -> Project {
        if let cachedProject { return cachedProject }
        guard let project = try InspectionStore.project(db) else { throw InspectionError.noProject }
        cachedProject = project
        return project
    }

    public func checklists() throws -> ChecklistSet {
        if let cachedChecklists { return cachedChecklists }
        let set = try store.checklists(db)
        cachedChecklists = set
        return set
    }

    public func contractors() throws -> [Contractor] {
        if let cachedContractors { return cachedContractors }
        let list = try InspectionStore.contractors(db)
        cachedContractors = list
        return list
    }

    func contractorRowid(_ id: UUID?) throws -> Int64? {
        guard let id else { return nil }
        if let rowid = contractorRowids[id] { return rowid }
        let rowid = try Int64.fetchOne(db, sql: "SELECT rowid FROM contractor WHERE id = ?", arguments: [id])
        contractorRowids[id] = rowid
        return rowid
    }

    func unitRow(code: String) throws -> UnitRow {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM unit WHERE code = ?"), arguments: [code]) else {
            throw InspectionError.unknownUnit(code)
        }
        return UnitRow(rowid: row["rowid"], unit: InspectionStore.unit(row))
    }

    func unitRow(id: UUID) throws -> UnitRow {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM unit WHERE id = ?"), arguments: [id]) else {
            throw InspectionError.unknownUnit(id.uuidString)
        }
        return UnitRow(rowid: row["rowid"], unit: InspectionStore.unit(row))
    }

    func openRound() throws -> Round {
        guard let round = latestRound, round.isOpen else { throw InspectionError.noOpenRound }
        return round
    }

    /// A defect's events, oldest first.
    func defectEvents(_ id: UUID) throws -> [Event] {
        try EventCodec.fetch(db, where: "defect = ?", arguments: [id])
    }

    /// A defect by mark code, folded from its history.
    func loadDefect(code typed: String) throws -> (Defect, [Event]) {
        guard let code = MarkCode(typed),
              let id = try UUID.fetchOne(db.cachedStatement(sql: "SELECT id FROM defect WHERE code = ?"), arguments: [code.text]) else {
            throw InspectionError.unknownDefect(typed)
        }
        let events = try defectEvents(id)
        guard let defect = DefectLifecycle.fold(events, penaltyThreshold: try project().settings.penaltyThreshold) else {
            throw InspectionError.unknownDefect(typed)
        }
        return (defect, events)
    }

    public func summary(_ id: UUID) throws -> DefectSummary {
        guard let summary = try DefectSummary.fetchOne(db, where: "d.id = ?", [id]) else {
            throw InspectionError.unknownDefect(id.uuidString)
        }
        return summary
    }

    /// One unit's round as it stands inside this transaction.
    public func unitRound(_ unit: ProjectUnit, round: Int) throws -> UnitRoundView {
        try finish()
        return try InspectionStore.unitRound(db, unit: unit, round: round, checklists: try checklists())
    }

    /// The defects to re-check in a unit this round, as they stand now.
    public func recheckQueue(_ unit: ProjectUnit, round: Int) throws -> [DefectSummary] {
        try InspectionStore.recheckQueue(db, unit: unit, round: round)
    }

    // MARK: - Appending history

    @discardableResult
    func append(_ body: EventBody, unit: UUID? = nil, defect: UUID? = nil) throws -> Event {
        let event = Event(id: store.makeID(), at: context.at, actor: context.actor, round: latestRound?.number ?? 0,
                          unit: unit, defect: defect, body: body)
        try EventCodec.insert(event, into: db)
        return event
    }

    // MARK: - Project, layout, contractors

    /// Starts the project in an empty file.
    public func createProject(name: String, delivery: Day, checklists: ChecklistSet, source: String) throws -> Project {
        guard try InspectionStore.project(db) == nil else { throw InspectionError.invalidValue("this file already has a project") }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw InspectionError.invalidValue("the project needs a name (--project)") }
        let project = Project(id: store.makeID(), name: trimmed, delivery: delivery)
        try db.execute(sql: "INSERT INTO project (id, name, delivery, penalty_threshold, readiness_target) VALUES (?, ?, ?, ?, ?)",
                       arguments: [project.id, project.name, delivery.description, project.settings.penaltyThreshold, project.settings.readinessTarget])
        let json = String(decoding: try EventCodec.encoder.encode(checklists), as: UTF8.self)
        try db.execute(sql: "INSERT INTO checklist (id, json) VALUES (1, ?)", arguments: [json])
        try append(.projectCreated(ProjectCreated(name: project.name, delivery: delivery)))
        try append(.checklistsImported(ChecklistsImported(source: source, items: checklists.items.count)))
        cachedProject = project
        cachedChecklists = checklists
        return project
    }

    /// Adds the units of a layout file. Any problem refuses the whole file
    /// (`FileProblems`, one per line at fault); units already in the project are duplicates.
    public func importLayout(rows: [LayoutRow], file: String) throws -> [ProjectUnit] {
        _ = try project()
        let types = Set(try checklists().unitTypes.map(\.id))
        let existing = Set(try String.fetchAll(db, sql: "SELECT code FROM unit"))
        let units = try LayoutRules.units(from: rows, file: file, unitTypes: types, existingCodes: existing, makeID: store.makeID).get()
        let insert = try db.cachedStatement(sql: """
            INSERT INTO unit (id, code, building, entrance, floor, number, type) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let open = latestRound?.isOpen == true ? latestRound : nil
        let checklists = try checklists()
        for unit in units {
            try insert.execute(arguments: [unit.id, unit.code, unit.building, unit.entrance, unit.floor, unit.number, unit.type])
            if let open {
                // A unit added during a round is in that round's scope.
                try db.execute(sql: "INSERT INTO unit_round VALUES (?, ?, ?, 0, 0, 0)",
                               arguments: [open.number, db.lastInsertedRowID, checklists.pairs(forType: unit.type).count])
            }
        }
        try append(.layoutImported(LayoutImported(source: file, units: units.count)))
        return units
    }

    /// Registers a contractor with the trades (ids or names) it covers, optionally only in
    /// some buildings.
    public func addContractor(name: String, trades: [String], buildings: [String]?) throws -> Contractor {
        let checklists = try checklists()
        let tradeIDs = try ContractorRules.validate(name: name, trades: trades, existing: try contractors(), checklists: checklists)
        var buildingList: [String]?
        if let buildings {
            let known = Set(try String.fetchAll(db, sql: "SELECT DISTINCT building FROM unit"))
            for b in buildings where !known.contains(b) {
                throw InspectionError.invalidValue("no building \(b) in the layout (buildings: \(known.sorted { compareBuildings($0, $1) < 0 }.joined(separator: ", ")))")
            }
            buildingList = buildings
        }
        let contractor = Contractor(id: store.makeID(), name: name.trimmingCharacters(in: .whitespaces), trades: tradeIDs, buildings: buildingList)
        try db.execute(sql: "INSERT INTO contractor (id, name, trades, buildings) VALUES (?, ?, ?, ?)", arguments: [
            contractor.id, contractor.name, String(decoding: try EventCodec.encoder.encode(tradeIDs), as: UTF8.self),
            try buildingList.map { String(decoding: try EventCodec.encoder.encode($0), as: UTF8.self) },
        ])
        try append(.contractorAdded(ContractorAdded(contractor: contractor)))
        cachedContractors = nil
        return contractor
    }

    func contractor(named name: String) throws -> Contractor {
        guard let contractor = try contractors().first(where: { $0.name == name }) else {
            throw InspectionError.unknownContractor(name)
        }
        return contractor
    }

    /// Changes project settings; a new penalty threshold re-counts every defect's flag.
    public func changeSettings(penaltyThreshold: Int?, readinessTarget: Double?, delivery: Day?) throws {
        try ProjectSettings.validated(penaltyThreshold: penaltyThreshold, readinessTarget: readinessTarget)
        var project = try project()
        if let penaltyThreshold { project.settings.penaltyThreshold = penaltyThreshold }
        if let readinessTarget { project.settings.readinessTarget = readinessTarget }
        if let delivery { project.delivery = delivery }
        try db.execute(sql: "UPDATE project SET penalty_threshold = ?, readiness_target = ?, delivery = ?",
                       arguments: [project.settings.penaltyThreshold, project.settings.readinessTarget, project.delivery.description])
        cachedProject = project
        try append(.settingsChanged(SettingsChanged(penaltyThreshold: penaltyThreshold, readinessTarget: readinessTarget, delivery: delivery)))
        if penaltyThreshold != nil {
            for id in try UUID.fetchAll(db, sql: "SELECT id FROM defect") {
                if let defect = DefectLifecycle.fold(try defectEvents(id), penaltyThreshold: project.settings.penaltyThreshold) {
                    try saveDefect(defect)
                }
            }
        }
    }

    // MARK: - Rounds

    /// Opens the next round: its re-check list is every defect from earlier rounds that is
    /// neither closed nor waived, and every unit is in its scope.
    public func openRound(date: Day, number requested: Int? = nil) throws -> RoundOpening {
        _ = try project()
        let rounds = try InspectionStore.rounds(db)
        let number = try RoundRules.nextRound(after: rounds, requested: requested)
        if let last = rounds.last, let closed = last.closed, date < closed {
            throw InspectionError.invalidValue("round \(number) cannot open on \(date), before round \(last.number) closed (\(closed))")
        }
        let unitCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? 0
        guard unitCount > 0 else { throw InspectionError.invalidValue("the project has no units yet (yanfang layout import FILE.csv)") }

        try db.execute(sql: "INSERT INTO round (number, opened) VALUES (?, ?)", arguments: [number, date.description])
        latestRound = Round(number: number, opened: date)

        var rechecksPerUnit: [Int64: Int] = [:]
        let insert = try db.cachedStatement(sql: """
            INSERT INTO recheck (round, defect_rowid, unit_rowid, building, category, contractor_rowid, status_at_open)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let candidates = try Row.fetchCursor(db, sql: """
            SELECT rowid, unit_rowid, building, category, contractor_rowid, status, round_found
            FROM defect_state WHERE status IN ('open', 'rectified')
            """)
        var queued = 0
        while let row = try candidates.next() {
            let status = DefectStatus(rawValue: row["status"])!
            guard RoundRules.carriesOver(roundFound: row["round_found"], status: status, into: number) else { continue }
            let unit: Int64 = row["unit_rowid"]
            try insert.execute(arguments: [number, row["rowid"] as Int64, unit, row["building"] as String, row["category"] as String,
                                           row["contractor_rowid"] as Int64?, status.rawValue])
            rechecksPerUnit[unit, default: 0] += 1
            queued += 1
        }
        let checklists = try checklists()
        let progress = try db.cachedStatement(sql: "INSERT INTO unit_round VALUES (?, ?, ?, 0, ?, 0)")
        for row in try Row.fetchAll(db, sql: "SELECT rowid, type FROM unit") {
            let rowid: Int64 = row["rowid"]
            try progress.execute(arguments: [number, rowid, checklists.pairs(forType: row["type"]).count, rechecksPerUnit[rowid] ?? 0])
        }
        try append(.roundOpened(RoundOpened(number: number, date: date, rechecks: queued)))
        return RoundOpening(number: number, rechecks: queued, units: unitCount)
    }

    /// What keeps the open round from closing.
    public func blockers() throws -> RoundBlockers {
        let round = try openRound()
        try finish()
        return try InspectionStore.pendingWork(db, round: round.number).blockers
    }

    /// Closes the open round; refused while work is unrecorded unless `partial`, which
    /// records what was not reached.
    public func closeRound(date: Day, partial: Bool) throws -> Round {
        var round = try openRound()
        guard date >= round.opened else {
            throw InspectionError.invalidValue("round \(round.number) cannot close on \(date), before it opened (\(round.opened))")
        }
        try finish()
        let pending = try InspectionStore.pendingWork(db, round: round.number)
        try RoundRules.close(round, blockers: pending.blockers, partial: partial)
        round.closed = date
        round.partial = partial && !pending.blockers.isEmpty
        round.unreachedUnits = pending.units.map(\.id)
        round.pendingRechecks = pending.rechecks.map(\.id)
        try db.execute(sql: "UPDATE round SET closed = ?, partial = ?, unreached = ?, pending = ? WHERE number = ?", arguments: [
            date.description, round.partial,
            String(decoding: try EventCodec.encoder.encode(round.unreachedUnits), as: UTF8.self),
            String(decoding: try EventCodec.encoder.encode(round.pendingRechecks), as: UTF8.self), round.number,
        ])
        try append(.roundClosed(RoundClosed(number: round.number, date: date, partial: round.partial,
                                            unreachedUnits: round.unreachedUnits, pendingRechecks: round.pendingRechecks)))
        latestRound = round
        return round
    }

    // MARK: - Results in a unit

    func unitEvents(_ unit: UnitRow, round: Int) throws -> [Event] {
        try EventCodec.fetch(db, where: "unit = ? AND round = ?", arguments: [unit.unit.id, round])
    }

    /// A unit's results in a round, replayed from its events.
    func unitResults(_ unit: UnitRow, round: Int) throws -> (UnitRound, [Event]) {
        let events = try unitEvents(unit, round: round)
        return (UnitRound(events: events, pairs: try checklists().pairs(forType: unit.unit.type)), events)
    }

    func codes(of ids: [UUID]) throws -> [UUID: String] {
        var map: [UUID: String] = [:]
        for id in ids {
            map[id] = try String.fetchOne(db.cachedStatement(sql: "SELECT code FROM defect_state WHERE id = ?"), arguments: [id])
        }
        return map
    }

    /// Records a pass or not-applicable for an item in a room; false when it was already so.
    @discardableResult
    public func recordItem(unit code: String, item: String, room: String?, outcome: ItemOutcome) throws -> Bool {
        let round = try openRound()
        let unit = try unitRow(code: code)
        let pair = try RecordingRules.pair(unit: unit.unit, itemID: item, room: room, checklists: try checklists())
        let (results, _) = try unitResults(unit, round: round.number)
        let defectIDs: [UUID]
        if case .defects(let ids)? = results.result(pair) { defectIDs = ids } else { defectIDs = [] }
        let codes = try codes(of: defectIDs)
        guard try RecordingRules.record(outcome, pair: pair, in: results, codes: { codes[$0] ?? $0.uuidString }) else { return false }
        try append(.itemRecorded(ItemRecorded(room: pair.room, item: pair.item, outcome: outcome)), unit: unit.unit.id)
        dirty.insert(DirtyUnitRound(unit: unit.rowid, round: round.number))
        return true
    }

    /// Records a pass for every item of the unit (or of one of its rooms) not yet recorded
    /// this round.
    @discardableResult
    public func passRemaining(unit code: String, room: String? = nil) throws -> [RoomItem] {
        let round = try openRound()
        let unit = try unitRow(code: code)
        let (results, _) = try unitResults(unit, round: round.number)
        var pairs = try checklists().pairs(forType: unit.unit.type)
        var roomKey: String?
        if let room {
            guard let type = try checklists().unitType(unit.unit.type), let match = type.room(named: room) else {
                let rooms = try checklists().unitType(unit.unit.type)?.rooms.map(\.key) ?? []
                throw InspectionError.unknownRoom(room, unit: unit.unit.code, rooms: rooms)
            }
            roomKey = match.key
            pairs = pairs.filter { $0.room == match.key }
        }
        let remaining = results.unrecorded(pairs)
        guard !remaining.isEmpty else { return [] }
        try append(.remainingPassed(RemainingPassed(room: roomKey, count: remaining.count)), unit: unit.unit.id)
        dirty.insert(DirtyUnitRound(unit: unit.rowid, round: round.number))
        return remaining
    }

    /// Records a defect and gives it a new mark code.
    public func addDefect(unit code: String, item itemID: String, room: String?, note: String?,
                          severity: Severity?, contractor choice: ContractorChoice = .byTrade) throws -> DefectSummary {
        let round = try openRound()
        let unit = try unitRow(code: code)
        let checklists = try checklists()
        let pair = try RecordingRules.pair(unit: unit.unit, itemID: itemID, room: room, checklists: checklists)
        let item = checklists.item(pair.item)!
        let cleanNote = try DefectRules.cleanNote(note) ?? ""
        let contractor: Contractor?
        switch choice {
        case .byTrade: contractor = ContractorRules.defaultContractor(for: item, building: unit.unit.building, among: try contractors())
        case .named(let name): contractor = try self.contractor(named: name)
        case .none: contractor = nil
        }
        let markCode = try newMarkCode(round: round.number)
        let id = store.makeID()
        let event = try append(.defectFound(DefectFound(code: markCode, room: pair.room, item: pair.item, note: cleanNote,
                                                        severity: severity ?? item.severity, contractor: contractor?.id)),
                               unit: unit.unit.id, defect: id)
        let defect = DefectLifecycle.apply(event, to: nil, penaltyThreshold: try project().settings.penaltyThreshold)!
        try saveDefect(defect, unit: unit)
        dirty.insert(DirtyUnitRound(unit: unit.rowid, round: round.number))
        return try summary(id)
    }

    func newMarkCode(round: Int) throws -> MarkCode {
        let exists = try db.cachedStatement(sql: "SELECT 1 FROM defect_state WHERE code = ?")
        while true {
            let code = MarkCode.random(round: round, using: &store.codeGenerator)
            if try Int.fetchOne(exists, arguments: [code.text]) == nil { return code }
        }
    }

    /// The contractor's claim that a defect is fixed, with an optional note.
    public func rectify(code: String, note: String?) throws -> Defect {
        let (defect, events) = try loadDefect(code: code)
        try DefectRules.rectify(defect)
        return try step(.defectRectified(DefectRectified(note: try DefectRules.cleanNote(note))), defect: defect, history: events)
    }

    /// Records a re-check: pass closes the defect; fail sends it back to open and counts a
    /// failed rectification against its contractor.
    public func recheck(code: String, passed: Bool, note: String?) throws -> Defect {
        let round = try openRound()
        let (defect, events) = try loadDefect(code: code)
        try DefectRules.recheck(defect, openRound: round.number)
        let updated = try step(.defectRechecked(DefectRechecked(passed: passed, note: try DefectRules.cleanNote(note))), defect: defect, history: events)
        try setRecheckOutcome(defect: defect.id, round: round.number, outcome: passed)
        return updated
    }

    /// Waives a defect that cannot be fixed before delivery, with the unified answer.
    public func waive(code: String, answer: String) throws -> Defect {
        let (defect, events) = try loadDefect(code: code)
        try DefectRules.waive(defect, answer: answer)
        let cleaned = try DefectRules.cleanNote(answer) ?? ""
        return try step(.defectWaived(DefectWaived(answer: cleaned)), defect: defect, history: events)
    }

    /// Hands a defect to another contractor (or to none).
    public func reassign(code: String, contractor name: String?) throws -> Defect {
        let (defect, events) = try loadDefect(code: code)
        try DefectRules.reassign(defect)
        let contractor = try name.map { try self.contractor(named: $0) }
        let updated = try step(.defectReassigned(DefectReassigned(contractor: contractor?.id)), defect: defect, history: events)
        // Re-checks still to do go to the new contractor; recorded ones stay with the
        // contractor who had the defect then.
        try db.execute(sql: """
            UPDATE recheck SET contractor_rowid = ?
            WHERE defect_rowid = (SELECT rowid FROM defect_state WHERE id = ?) AND outcome IS NULL
            """, arguments: [try contractorRowid(contractor?.id), defect.id])
        return updated
    }

    /// Appends a step of a defect's life, saves its new state and marks its unit's progress
    /// in the latest round for recomputation.
    private func step(_ body: EventBody, defect: Defect, history: [Event]) throws -> Defect {
        let event = try append(body, unit: defect.unit, defect: defect.id)
        let threshold = try project().settings.penaltyThreshold
        guard let updated = DefectLifecycle.fold(history + [event], penaltyThreshold: threshold) else { return defect }
        let unit = try saveDefect(updated)
        // A waiver settles a re-check of the latest round, closed or not, so its progress
        // reads the same however it is asked for.
        if let round = latestRound { dirty.insert(DirtyUnitRound(unit: unit.rowid, round: round.number)) }
        return updated
    }

    /// Takes back the last result recorded in the unit this round (a pass, a defect found, a
    /// re-check), as an appended correction. Returns the event taken back.
    @discardableResult
    public func undoLast(unit code: String) throws -> Event {
        let round = try openRound()
        let unit = try unitRow(code: code)
        let (results, events) = try unitResults(unit, round: round.number)
        let targetID = try RecordingRules.undoTarget(in: results, unitCode: unit.unit.code)
        let target = events.first { $0.id == targetID }!
        try append(.reverted(Reverted(target: targetID)), unit: unit.unit.id, defect: target.defect)
        if let defectID = target.defect {
            let history = try defectEvents(defectID)
            if let defect = DefectLifecycle.fold(history, penaltyThreshold: try project().settings.penaltyThreshold) {
                try saveDefect(defect, unit: unit)
            } else {
                try db.execute(sql: "UPDATE defect_state SET status = 'retracted' WHERE id = ?", arguments: [defectID])
            }
            if case .defectRechecked = target.body {
                try setRecheckOutcome(defect: defectID, round: round.number, outcome: nil)
            }
        }
        dirty.insert(DirtyUnitRound(unit: unit.rowid, round: round.number))
        return target
    }

    // MARK: - Projections

    private func setRecheckOutcome(defect: UUID, round: Int, outcome: Bool?) throws {
        try db.execute(sql: """
            UPDATE recheck SET outcome = ? WHERE round = ? AND defect_rowid = (SELECT rowid FROM defect_state WHERE id = ?)
            """, arguments: [outcome, round, defect])
    }

    /// Writes a defect's folded state into the `defect_state` projection.
    @discardableResult
    func saveDefect(_ d: Defect, unit known: UnitRow? = nil) throws -> UnitRow {
        let unit = try known ?? unitRow(id: d.unit)
        let item = try checklists().item(d.item)
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
        return unit
    }

    /// Recomputes a unit's progress in a round, as `unitRound` reads it, and stores it.
    private func refreshProgress(unitRowid: Int64, round: Int) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM unit WHERE rowid = ?"), arguments: [unitRowid]) else { return }
        let progress = try InspectionStore.unitRound(db, unit: InspectionStore.unit(row), round: round, checklists: try checklists()).progress
        try db.cachedStatement(sql: """
            INSERT INTO unit_round VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(round, unit_rowid) DO UPDATE SET applicable = excluded.applicable, recorded = excluded.recorded,
                rechecks = excluded.rechecks, rechecks_done = excluded.rechecks_done
            """).execute(arguments: [round, unitRowid, progress.applicable, progress.recorded, progress.rechecks, progress.rechecksDone])
    }
}
