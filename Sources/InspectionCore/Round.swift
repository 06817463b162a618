import Foundation

/// A round of mock inspection (轮次).
public struct Round: Hashable, Sendable, Codable {
    public var number: Int
    public var opened: Day
    public var closed: Day?
    public var partial: Bool
    /// Units with items left unrecorded when a partial close ended the round.
    public var unreachedUnits: [UUID]
    /// Re-checks left unrecorded when a partial close ended the round.
    public var pendingRechecks: [UUID]

    public init(number: Int, opened: Day, closed: Day? = nil, partial: Bool = false,
                unreachedUnits: [UUID] = [], pendingRechecks: [UUID] = []) {
        self.number = number
        self.opened = opened
        self.closed = closed
        self.partial = partial
        self.unreachedUnits = unreachedUnits
        self.pendingRechecks = pendingRechecks
    }

    public var isOpen: Bool { closed == nil }
}

/// What keeps a round from closing: units with unrecorded items and unrecorded re-checks.
public struct RoundBlockers: Hashable, Sendable {
    public var round: Int
    /// Codes of in-scope units with items not yet recorded.
    public var units: [String]
    /// Mark codes of re-checks not yet recorded.
    public var rechecks: [String]

    public init(round: Int, units: [String], rechecks: [String]) {
        self.round = round
        self.units = units
        self.rechecks = rechecks
    }

    public var isEmpty: Bool { units.isEmpty && rechecks.isEmpty }

    public var summary: String {
        var parts: [String] = []
        if !units.isEmpty { parts.append("\(units.count) unit\(units.count == 1 ? "" : "s") with unrecorded items (\(Self.sample(units)))") }
        if !rechecks.isEmpty { parts.append("\(rechecks.count) re-check\(rechecks.count == 1 ? "" : "s") unrecorded (\(Self.sample(rechecks)))") }
        return parts.joined(separator: " and ")
    }

    static func sample(_ list: [String]) -> String {
        list.count <= 5 ? list.joined(separator: ", ") : list.prefix(5).joined(separator: ", ") + ", …"
    }
}

public enum RoundRules {
    /// A project is called ready for delivery only after this many rounds.
    public static let minimumRounds = 3

    /// The number of the round to open next: the one after the last, which must be closed.
    public static func nextRound(after rounds: [Round], requested: Int? = nil) throws(InspectionError) -> Int {
        if let last = rounds.max(by: { $0.number < $1.number }), last.isOpen {
            throw .roundAlreadyOpen(last.number)
        }
        let next = (rounds.map(\.number).max() ?? 0) + 1
        if let requested, requested != next { throw .wrongRoundNumber(requested: requested, next: next) }
        return next
    }

    /// Whether a defect goes on round `round`'s re-check list: found earlier and, under the
    /// scope `open`, neither closed nor waived; under `all`, closed ones too. Round 2 thereby
    /// re-checks round 1, round 3 rounds 1 and 2.
    public static func carriesOver(_ defect: Defect, into round: Int, scope: RecheckScope = .open) -> Bool {
        carriesOver(roundFound: defect.roundFound, status: defect.status, into: round, scope: scope)
    }

    public static func carriesOver(roundFound: Int, status: DefectStatus, into round: Int, scope: RecheckScope = .open) -> Bool {
        roundFound < round && scope.includes(status)
    }

    /// Closing is refused while work is unrecorded, unless the close is explicitly partial.
    public static func close(_ round: Round, blockers: RoundBlockers, partial: Bool) throws(InspectionError) {
        guard round.isOpen else { throw .noOpenRound }
        if !partial && !blockers.isEmpty { throw .roundIncomplete(blockers) }
    }
}

/// A result of an item in a room of a unit in one round.
public enum ItemResult: Hashable, Sendable {
    case pass
    case notApplicable
    /// Defects found on it this round.
    case defects([UUID])
}

/// How far a unit is in a round.
public struct UnitProgress: Hashable, Sendable, Codable {
    public var applicable: Int
    public var recorded: Int
    public var rechecks: Int
    public var rechecksDone: Int

    public init(applicable: Int, recorded: Int, rechecks: Int, rechecksDone: Int) {
        self.applicable = applicable
        self.recorded = recorded
        self.rechecks = rechecks
        self.rechecksDone = rechecksDone
    }

    public var isComplete: Bool { recorded >= applicable && rechecksDone >= rechecks }
    public var isStarted: Bool { recorded > 0 || rechecksDone > 0 }
    public var itemsLeft: Int { max(0, applicable - recorded) }
    public var rechecksLeft: Int { max(0, rechecks - rechecksDone) }
}

/// One unit's results in one round, replayed from its events (reversions applied).
public struct UnitRound: Hashable, Sendable {
    public private(set) var outcomes: [RoomItem: ItemOutcome] = [:]
    public private(set) var defects: [RoomItem: [UUID]] = [:]
    public private(set) var rechecks: [UUID: Bool] = [:]
    /// Result events still in effect, oldest first: `u` takes back the last.
    public private(set) var undoable: [UUID] = []
    /// The events still in effect that gave each pair its pass or not-applicable (what
    /// withdrawing the pair's result takes back).
    public private(set) var outcomeEvents: [RoomItem: [UUID]] = [:]

    public init() {}

    /// Results recorded on two laptops at once that contradict each other, not yet resolved.
    public private(set) var conflicts: [Conflict] = []

    /// Replays the unit's events of the round, in order; `pairs` are the unit's
    /// room-and-item pairs, which a "pass the rest" covers.
    ///
    /// Two results for one room and item from different laptops conflict: a defect stands
    /// over a pass or not-applicable; between those two the later in the history stands. Two
    /// re-check results for one defect: the failure stands.
    public init(events: [Event], pairs: [RoomItem]) {
        let corrections = Corrections(events)
        /// The replica and event of each pair's result.
        var recordedBy: [RoomItem: (replica: UUID, event: UUID)] = [:]
        var foundBy: [RoomItem: (replica: UUID, event: UUID)] = [:]
        var unit: UUID?
        var round = 0
        // Pairs are hashed for every item of the unit: each check below skips its lookup when
        // the table it would look in is empty, as it mostly is.
        outcomes.reserveCapacity(pairs.count)
        recordedBy.reserveCapacity(pairs.count)
        func setAside(_ event: Event, for pair: RoomItem) -> Bool {
            !corrections.setAsideForPair.isEmpty && (corrections.setAsideForPair[pair]?.contains(event.id) ?? false)
        }
        func hasDefects(_ pair: RoomItem) -> Bool {
            !defects.isEmpty && !(defects[pair]?.isEmpty ?? true)
        }
        func contradicts(_ other: (replica: UUID, event: UUID)?, _ event: Event, pair: RoomItem) {
            guard let other, other.replica != event.replica, let unit else { return }
            conflicts.note(Conflict(kind: .itemResults, round: round, unit: unit, pair: pair, events: [other.event, event.id]))
        }
        func record(_ outcome: ItemOutcome, _ pair: RoomItem, _ event: Event) {
            guard !setAside(event, for: pair) else { return }
            if let existing = outcomes.updateValue(outcome, forKey: pair), existing != outcome { contradicts(recordedBy[pair], event, pair: pair) }
            if hasDefects(pair) { contradicts(foundBy[pair], event, pair: pair) }
            recordedBy[pair] = (event.replica, event.id)
            outcomeEvents[pair, default: []].append(event.id)
        }
        for event in events where !corrections.withdrawn.contains(event.id) {
            unit = event.unit ?? unit
            round = event.round
            switch event.body {
            case .itemRecorded(let r):
                record(r.outcome, RoomItem(room: r.room, item: r.item), event)
            case .remainingPassed(let r):
                if let except = r.except.map(Set.init) {
                    for pair in pairs where (r.room == nil || pair.room == r.room) && !hasDefects(pair) && !except.contains(pair) {
                        record(.pass, pair, event)
                    }
                } else {
                    for pair in pairs where (r.room == nil || pair.room == r.room) && outcomes[pair] == nil {
                        if !hasDefects(pair), !setAside(event, for: pair) {
                            outcomes[pair] = .pass
                            outcomeEvents[pair, default: []].append(event.id)
                        }
                    }
                }
            case .defectFound(let f):
                let pair = RoomItem(room: f.room, item: f.item)
                guard let id = event.defect, !setAside(event, for: pair) else { continue }
                if outcomes[pair] != nil { contradicts(recordedBy[pair], event, pair: pair) }
                defects[pair, default: []].append(id)
                foundBy[pair] = (event.replica, event.id)
            case .defectRechecked(let r):
                if let id = event.defect { rechecks[id] = (rechecks[id] ?? true) && r.passed }
            case .defectEdited(let e):
                // A defect moved to another room of the unit takes its result with it.
                guard let room = e.room, let id = event.defect, let from = defects.first(where: { $0.value.contains(id) })?.key else { continue }
                defects[from]?.removeAll { $0 == id }
                defects[RoomItem(room: room, item: from.item), default: []].append(id)
            default:
                continue
            }
            if event.body.isResult { undoable.append(event.id) }
        }
        conflicts.removeAll { corrections.resolved.contains($0.key) }
    }

    public func result(_ pair: RoomItem) -> ItemResult? {
        if let found = defects[pair], !found.isEmpty { return .defects(found) }
        switch outcomes[pair] {
        case .pass?: return .pass
        case .notApplicable?: return .notApplicable
        case nil: return nil
        }
    }

    /// The pairs of `applicable` with no result yet.
    public func unrecorded(_ applicable: [RoomItem]) -> [RoomItem] {
        applicable.filter { result($0) == nil }
    }

    /// Progress against the unit's pairs and its re-check list; a re-check counts as done
    /// when recorded, or when its defect no longer needs one (waived meanwhile).
    public func progress(applicable: [RoomItem], recheckQueue: [UUID], settledWithoutRecheck: Set<UUID>) -> UnitProgress {
        let recorded = applicable.reduce(0) { $0 + (result($1) == nil ? 0 : 1) }
        let done = recheckQueue.reduce(0) { $0 + (rechecks[$1] != nil || settledWithoutRecheck.contains($1) ? 1 : 0) }
        return UnitProgress(applicable: applicable.count, recorded: recorded, rechecks: recheckQueue.count, rechecksDone: done)
    }
}

extension EventBody {
    /// Results an inspector records in a unit, which `u` can take back.
    public var isResult: Bool {
        switch self {
        case .itemRecorded, .remainingPassed, .defectFound, .defectRechecked: return true
        default: return false
        }
    }
}

/// How far a round is over all its units.
public struct RoundProgress: Hashable, Sendable, Codable {
    public var inScope = 0
    public var inspected = 0
    public var inProgress = 0
    public var notStarted = 0
    public var rechecks = 0
    public var rechecksDone = 0

    public init() {}

    public init<C: Collection>(_ units: C) where C.Element == UnitProgress {
        for unit in units {
            inScope += 1
            if unit.isComplete { inspected += 1 } else if unit.isStarted { inProgress += 1 } else { notStarted += 1 }
            rechecks += unit.rechecks
            rechecksDone += unit.rechecksDone
        }
    }

    /// The next unit, in layout order after `current` (wrapping round), with work left.
    public static func nextUnit(after current: ProjectUnit?, in units: [ProjectUnit], progress: [UUID: UnitProgress]) -> ProjectUnit? {
        nextUnit(after: current, in: units, progress: progress) { _, p in !p.isComplete }
    }

    /// The next unit, in layout order after `current` (wrapping round), in the round's scope
    /// and with work left as `hasWork` judges it (asked only of units in scope, in order).
    public static func nextUnit(after current: ProjectUnit?, in units: [ProjectUnit], progress: [UUID: UnitProgress],
                                hasWork: (ProjectUnit, UnitProgress) throws -> Bool) rethrows -> ProjectUnit? {
        let start = current.flatMap { c in units.firstIndex { $0.id == c.id } }.map { $0 + 1 } ?? 0
        // A unit without progress in the round is outside its scope (see the plan's batches).
        for unit in units[start...] + units[..<start] {
            if let p = progress[unit.id], try hasWork(unit, p) { return unit }
        }
        return nil
    }
}

/// Which problems recorded in earlier rounds a round re-checks (a project setting).
public enum RecheckScope: String, Hashable, Sendable, Codable, CaseIterable {
    /// Those neither closed nor waived.
    case open
    /// Every one, closed ones included, as the method's sentence reads (确保所有记录问题都已经
    /// 解决): finished-product damage and leaks come back. Waived ones have their answer.
    case all

    public func includes(_ status: DefectStatus) -> Bool {
        switch self {
        case .open: return status.blocksDelivery
        case .all: return status.blocksDelivery || status == .closed
        }
    }
}
