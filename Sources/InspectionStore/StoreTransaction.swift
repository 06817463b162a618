import Foundation
import GRDB
import InspectionCore

/// A unit with its row number in this file.
struct UnitRow {
    var rowid: Int64
    var unit: ProjectUnit
}

/// The intention-named actions, inside one transaction. Each action checks its rule in the
/// core against the projections, builds its events and appends them; the projector (the only
/// writer of the projection tables) applies each as it is appended, and the store's `write`
/// commits them together or not at all.
public final class StoreTransaction {
    let store: InspectionStore
    let db: Database
    public let context: ActionContext
    let projector: Projector
    /// This file's identity as a replica of its project.
    private(set) var replica: ThisReplica
    /// The clock of the latest event in the file.
    private var latestHLC: Int64?
    private var cachedContractors: [Contractor]?

    /// The latest round, open or closed.
    var latestRound: Round? { projector.latestRound }

    init(store: InspectionStore, db: Database, context: ActionContext) throws {
        self.store = store
        self.db = db
        self.context = context
        projector = try Projector(db: db)
        replica = try ThisReplica.load(db)
        try ThisReplica.checkNotACopy(db, path: store.path)
        latestHLC = try Int64.fetchOne(db, sql: "SELECT max(hlc) FROM event")
    }

    /// Brings every touched unit's progress up to date; runs before commit.
    func finish() throws {
        try projector.flush()
    }

    // MARK: - Looking things up

    public func project() throws -> Project {
        guard let project = try projector.currentProject() else { throw InspectionError.noProject }
        return project
    }

    public func checklists() throws -> ChecklistSet {
        try projector.currentChecklists()
    }

    public func contractors() throws -> [Contractor] {
        if let cachedContractors { return cachedContractors }
        let list = try InspectionStore.contractors(db)
        cachedContractors = list
        return list
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
    func loadDefect(code typed: String) throws -> Defect {
        guard let code = try InspectionStore.storedCode(db, typed: typed),
              let id = try UUID.fetchOne(db.cachedStatement(sql: "SELECT id FROM defect WHERE code = ?"), arguments: [code.text]),
              let defect = try fold(id) else {
            throw InspectionError.unknownDefect(typed)
        }
        return defect
    }

    /// A defect as its history makes it now (nil when its finding was taken back).
    func fold(_ id: UUID) throws -> Defect? {
        DefectLifecycle.fold(try defectEvents(id), penaltyThreshold: try project().settings.penaltyThreshold)
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

    /// A value remembered in the file beside the history (the interface's open unit), in
    /// this transaction: not a change to the project, so no event.
    public func setSetting(_ key: String, _ value: String) throws {
        try InspectionStore.saveSetting(db, key, value)
    }

    // MARK: - Appending history

    /// Appends an event to the history and applies it to the projections.
    @discardableResult
    func append(_ body: EventBody, unit: UUID? = nil, defect: UUID? = nil, round: Int? = nil) throws -> Event {
        let hlc = HistoryOrder.next(at: context.at, after: latestHLC)
        let event = Event(id: store.makeID(), replica: replica.id, hlc: hlc, at: context.at, actor: context.actor,
                          round: round ?? latestRound?.number ?? 0, unit: unit, defect: defect, body: body)
        try EventCodec.insert(event, into: db)
        latestHLC = hlc
        try projector.apply(event)
        if case .contractorAdded = body { cachedContractors = nil }
        return event
    }

    // MARK: - Project, layout, contractors

    /// Starts the project in an empty file.
    public func createProject(name: String, delivery: Day, checklists: ChecklistSet, source: String) throws -> Project {
        guard try projector.currentProject() == nil else { throw InspectionError.invalidValue("this file already has a project") }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw InspectionError.invalidValue("the project needs a name (--project)") }
        let project = Project(id: store.makeID(), name: trimmed, delivery: delivery)
        // The first replica's identity and tag come from the store's generators, so that a
        // seeded project (the demo) comes out the same every time.
        replica = ThisReplica(id: store.makeID(), tag: String(MarkCode.randomCharacter(using: &store.codeGenerator)))
        try ThisReplica.create(db, replica)
        try append(.projectCreated(ProjectCreated(name: project.name, delivery: delivery, project: project.id, settings: project.settings)))
        try append(.replicaJoined(ReplicaJoined(replica: replica.id, tag: replica.tag, parent: nil)))
        try append(.checklistsImported(ChecklistsImported(source: source, items: checklists.items.count, set: checklists)))
        return project
    }

    /// Adds the units of a layout file. Any problem refuses the whole file
    /// (`FileProblems`, one per line at fault); units already in the project are duplicates.
    public func importLayout(rows: [LayoutRow], file: String) throws -> [ProjectUnit] {
        _ = try project()
        let types = Set(try checklists().unitTypes.map(\.id))
        let existing = Set(try String.fetchAll(db, sql: "SELECT code FROM unit"))
        let units = try LayoutRules.units(from: rows, file: file, unitTypes: types, existingCodes: existing, makeID: store.makeID).get()
        try append(.layoutImported(LayoutImported(source: file, units: units.count, added: units)))
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
        try append(.contractorAdded(ContractorAdded(contractor: contractor)))
        return contractor
    }

    func contractor(named name: String) throws -> Contractor {
        guard let contractor = try contractors().first(where: { $0.name == name }) else {
            throw InspectionError.unknownContractor(name)
        }
        return contractor
    }

    /// Changes project settings; a new penalty threshold re-counts every defect's flag; new
    /// rectification days apply to the rounds closed from now on.
    public func changeSettings(penaltyThreshold: Int?, readinessTarget: Double?, delivery: Day?, rectificationDays: Int? = nil,
                               recheckScope: RecheckScope? = nil) throws {
        try ProjectSettings.validated(penaltyThreshold: penaltyThreshold, readinessTarget: readinessTarget)
        try RectificationTerms.validated(days: rectificationDays)
        _ = try project()
        try append(.settingsChanged(SettingsChanged(penaltyThreshold: penaltyThreshold, readinessTarget: readinessTarget, delivery: delivery,
                                                    rectificationDays: rectificationDays, recheckScope: recheckScope)))
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
        var list: [UUID] = []
        let scope = try InspectionStore.rectificationTerms(db).recheckScope
        let candidates = try Row.fetchCursor(db, sql: """
            SELECT id, status, round_found FROM defect_state WHERE status IN ('open', 'rectified', 'closed') ORDER BY rowid
            """)
        while let row = try candidates.next() {
            let status = DefectStatus(rawValue: row["status"])!
            if RoundRules.carriesOver(roundFound: row["round_found"], status: status, into: number, scope: scope) { list.append(row["id"]) }
        }
        try append(.roundOpened(RoundOpened(number: number, date: date, rechecks: list.count, recheckList: list)))
        return RoundOpening(number: number, rechecks: list.count, units: unitCount)
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
        // Every defect still open must be rectified by the deadline this close sets: the next
        // round's planned start by the plan in force, or the days (`RectificationTerms.rule`).
        // It is written into the event, so a later plan or setting leaves it as it is.
        let deadline = try InspectionStore.rectificationTerms(db).deadline(closingOn: date, round: round.number, plan: try InspectionStore.plan(db))
        try append(.roundClosed(RoundClosed(number: round.number, date: date, partial: round.partial,
                                            unreachedUnits: round.unreachedUnits, pendingRechecks: round.pendingRechecks,
                                            deadline: deadline, blockingUnits: try InspectionStore.blockingUnitIDs(db))))
        return round
    }

    // MARK: - Results in a unit

    func unitEvents(_ unit: UnitRow, round: Int) throws -> [Event] {
        try EventCodec.fetch(db, where: "unit = ? AND round = ?", arguments: [unit.unit.id, round])
    }

    /// A unit's results in a round, replayed from its events.
    func unitResults(_ unit: UnitRow, round: Int) throws -> (UnitRound, [Event]) {
        let events = try unitEvents(unit, round: round)
        return (UnitRound(events: events, index: try InspectionStore.applicablePairIndex(db, unit: unit.unit, checklists: try checklists())), events)
    }

    /// The pairs `unit` is checked on (its entrance's floors as the layout stands).
    func applicablePairs(_ unit: UnitRow) throws -> [RoomItem] {
        try InspectionStore.applicablePairs(db, unit: unit.unit, checklists: try checklists())
    }

    /// The pairs the unit with `code` is checked on.
    public func applicablePairs(forUnit code: String) throws -> [RoomItem] {
        try applicablePairs(try unitRow(code: code))
    }

    func situation(_ unit: UnitRow) throws -> UnitSituation {
        try InspectionStore.situation(db, of: unit.unit)
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
        let pair = try RecordingRules.pair(unit: unit.unit, situation: try situation(unit), itemID: item, room: room, checklists: try checklists())
        let (results, _) = try unitResults(unit, round: round.number)
        let defectIDs: [UUID]
        if case .defects(let ids)? = results.result(pair) { defectIDs = ids } else { defectIDs = [] }
        let codes = try codes(of: defectIDs)
        guard try RecordingRules.record(outcome, pair: pair, in: results, codes: { codes[$0] ?? $0.uuidString }) else { return false }
        if outcome == .pass { try checkPonding(unit: unit, pair: pair, round: round.number) }
        try append(.itemRecorded(ItemRecorded(room: pair.room, item: pair.item, outcome: outcome)), unit: unit.unit.id)
        return true
    }

    /// Records a pass for every item of the unit (or of one of its rooms) not yet recorded
    /// this round, or only those of `categories` (an inspector's share of the work); the
    /// event names the pairs it left alone.
    @discardableResult
    public func passRemaining(unit code: String, room: String? = nil, categories: Set<String>? = nil) throws -> [RoomItem] {
        try passRemainingSkipping(unit: code, room: room, categories: categories).passed
    }

    /// `passRemaining`, also saying which ponding checks it left because their test was not
    /// started 24 h earlier (`PondingRules.notReady`).
    public func passRemainingSkipping(unit code: String, room: String? = nil,
                                      categories: Set<String>? = nil) throws -> (passed: [RoomItem], skipped: [RoomItem]) {
        let round = try openRound()
        let unit = try unitRow(code: code)
        let (results, _) = try unitResults(unit, round: round.number)
        var pairs = try applicablePairs(unit)
        var roomKey: String?
        if let room {
            guard let type = try checklists().unitType(unit.unit.type), let match = type.room(named: room) else {
                let rooms = try checklists().unitType(unit.unit.type)?.rooms.map(\.key) ?? []
                throw InspectionError.unknownRoom(room, unit: unit.unit.code, rooms: rooms)
            }
            roomKey = match.key
            pairs = pairs.filter { $0.room == match.key }
        }
        let checklists = try checklists()
        let unrecorded = results.unrecorded(pairs).filter { pair in
            categories.map { $0.contains(checklists.item(pair.item)?.category ?? "") } ?? true
        }
        let skipped = PondingRules.notReady(unrecorded, checklists: checklists,
                                            tests: try InspectionStore.pondingTests(db, unit: unit.unit, round: round.number), now: context.at)
        let skipping = Set(skipped)
        let remaining = unrecorded.filter { !skipping.contains($0) }
        guard !remaining.isEmpty else { return ([], skipped) }
        let passing = Set(remaining)
        try append(.remainingPassed(RemainingPassed(room: roomKey, count: remaining.count, except: pairs.filter { !passing.contains($0) })),
                   unit: unit.unit.id)
        return (remaining, skipped)
    }

    /// Records a defect and gives it a new mark code.
    public func addDefect(unit code: String, item itemID: String, room: String?, note: String?,
                          severity: Severity?, contractor choice: ContractorChoice = .byTrade, id given: UUID? = nil) throws -> DefectSummary {
        let round = try openRound()
        let unit = try unitRow(code: code)
        let checklists = try checklists()
        let pair = try RecordingRules.pair(unit: unit.unit, situation: try situation(unit), itemID: itemID, room: room, checklists: checklists)
        let item = checklists.item(pair.item)!
        let cleanNote = try DefectRules.cleanNote(note) ?? ""
        try checkPonding(unit: unit, pair: pair, round: round.number)
        let contractor: Contractor?
        switch choice {
        case .byTrade: contractor = ContractorRules.defaultContractor(for: item, building: unit.unit.building, among: try contractors())
        case .named(let name): contractor = try self.contractor(named: name)
        case .none: contractor = nil
        }
        let markCode = try newMarkCode(round: round.number)
        let id = given ?? store.makeID()
        try append(.defectFound(DefectFound(code: markCode, room: pair.room, item: pair.item, note: cleanNote,
                                            severity: severity ?? item.severity, contractor: contractor?.id)),
                   unit: unit.unit.id, defect: id)
        return try summary(id)
    }

    func newMarkCode(round: Int) throws -> MarkCode {
        let exists = try db.cachedStatement(sql: "SELECT 1 FROM defect_state WHERE code = ?")
        while true {
            let code = MarkCode.random(round: round, tag: replica.tag, using: &store.codeGenerator)
            if try Int.fetchOne(exists, arguments: [code.text]) == nil { return code }
        }
    }

    /// The contractor's claim that a defect is fixed, with an optional note.
    public func rectify(code: String, note: String?) throws -> Defect {
        let defect = try loadDefect(code: code)
        try DefectRules.rectify(defect)
        return try step(.defectRectified(DefectRectified(note: try DefectRules.cleanNote(note))), defect: defect)
    }

    /// Records a re-check: pass closes the defect; fail sends it back to open and counts a
    /// failed rectification against its contractor.
    public func recheck(code: String, passed: Bool, note: String?) throws -> Defect {
        let round = try openRound()
        let defect = try loadDefect(code: code)
        let listed = try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM recheck r JOIN defect_state d ON d.rowid = r.defect_rowid WHERE r.round = ? AND d.id = ?)
            """), arguments: [round.number, defect.id]) ?? false
        try DefectRules.recheck(defect, openRound: round.number, listed: listed)
        return try step(.defectRechecked(DefectRechecked(passed: passed, note: try DefectRules.cleanNote(note))), defect: defect)
    }

    /// Hands a defect to another contractor (or to none). Re-checks still to do go to the new
    /// contractor; recorded ones stay with the contractor who had the defect then.
    public func reassign(code: String, contractor name: String?) throws -> Defect {
        let defect = try loadDefect(code: code)
        try DefectRules.reassign(defect)
        let contractor = try name.map { try self.contractor(named: $0) }
        return try step(.defectReassigned(DefectReassigned(contractor: contractor?.id)), defect: defect)
    }

    /// Appends a step of a defect's life and returns the defect after it.
    func step(_ body: EventBody, defect: Defect) throws -> Defect {
        try append(body, unit: defect.unit, defect: defect.id)
        return try fold(defect.id) ?? defect
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
        return target
    }
}
