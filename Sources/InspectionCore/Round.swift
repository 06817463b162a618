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

/// A unit's room-and-item pairs in order, each with its place: a round's results are kept by
/// place, so that replaying "pass the rest" over a unit's hundreds of pairs hashes none of them.
/// The checklist set keeps one per unit type and situation.
public final class PairIndex: Hashable, Sendable {
    public let pairs: [RoomItem]
    /// The place of each pair (its first, should a list name one twice).
    let places: [RoomItem: Int]
    /// For each position of `pairs`, the place of its pair.
    let placeAt: [Int]
    /// For each position of `pairs`, its room as a number shared by the pairs of that room.
    let roomAt: [Int]
    let roomNumbers: [String: Int]

    public init(_ pairs: [RoomItem]) {
        self.pairs = pairs
        var places: [RoomItem: Int] = [:]
        places.reserveCapacity(pairs.count)
        var placeAt: [Int] = []
        placeAt.reserveCapacity(pairs.count)
        var roomNumbers: [String: Int] = [:]
        var roomAt: [Int] = []
        roomAt.reserveCapacity(pairs.count)
        for (position, pair) in pairs.enumerated() {
            if let place = places[pair] { placeAt.append(place) } else { places[pair] = position; placeAt.append(position) }
            if let room = roomNumbers[pair.room] {
                roomAt.append(room)
            } else {
                roomNumbers[pair.room] = roomNumbers.count
                roomAt.append(roomNumbers.count - 1)
            }
        }
        self.places = places
        self.placeAt = placeAt
        self.roomAt = roomAt
        self.roomNumbers = roomNumbers
    }

    public var count: Int { pairs.count }

    public static func == (a: PairIndex, b: PairIndex) -> Bool { a === b || a.pairs == b.pairs }
    public func hash(into hasher: inout Hasher) { hasher.combine(pairs) }
}

/// One unit's results in one round, replayed from its events (reversions applied).
public struct UnitRound: Hashable, Sendable {
    /// The unit's pairs; results on pairs outside them (the checklist or layout changed since)
    /// take places after them, in `others`.
    private let index: PairIndex
    private var others: [RoomItem] = []
    private var otherPlaces: [RoomItem: Int] = [:]
    /// By place: the pass or not-applicable in effect, the defects found this round, and the
    /// events still in effect that gave the pass or not-applicable.
    private var outcomeAt: [ItemOutcome?]
    private var defectsAt: [[UUID]]
    private var eventsAt: [EventList]
    public private(set) var rechecks: [UUID: Bool] = [:]
    /// Result events still in effect, oldest first: `u` takes back the last.
    public private(set) var undoable: [UUID] = []
    /// Results recorded on two laptops at once that contradict each other, not yet resolved.
    public private(set) var conflicts: [Conflict] = []

    /// The events behind one pair's outcome: mostly one, kept without an array.
    private enum EventList: Hashable, Sendable {
        case none
        case one(UUID)
        case many([UUID])

        mutating func append(_ id: UUID) {
            switch self {
            case .none: self = .one(id)
            case .one(let first): self = .many([first, id])
            case .many(var ids): self = .none; ids.append(id); self = .many(ids)
            }
        }

        var ids: [UUID] {
            switch self {
            case .none: return []
            case .one(let id): return [id]
            case .many(let ids): return ids
            }
        }
    }

    public init() { self.init(index: PairIndex([])) }

    /// The pass or not-applicable of each pair that has one.
    public var outcomes: [RoomItem: ItemOutcome] {
        var map: [RoomItem: ItemOutcome] = [:]
        for place in outcomeAt.indices { if let outcome = outcomeAt[place] { map[pair(at: place)] = outcome } }
        return map
    }

    /// The defects found this round, by pair.
    public var defects: [RoomItem: [UUID]] {
        var map: [RoomItem: [UUID]] = [:]
        for place in defectsAt.indices where !defectsAt[place].isEmpty { map[pair(at: place)] = defectsAt[place] }
        return map
    }

    /// The events still in effect that gave each pair its pass or not-applicable (what
    /// withdrawing the pair's result takes back).
    public var outcomeEvents: [RoomItem: [UUID]] {
        var map: [RoomItem: [UUID]] = [:]
        for place in eventsAt.indices where eventsAt[place] != .none { map[pair(at: place)] = eventsAt[place].ids }
        return map
    }

    public func outcome(_ pair: RoomItem) -> ItemOutcome? { place(of: pair).flatMap { outcomeAt[$0] } }

    public func outcomeEvents(_ pair: RoomItem) -> [UUID] { place(of: pair).map { eventsAt[$0].ids } ?? [] }

    private func pair(at place: Int) -> RoomItem {
        place < index.count ? index.pairs[place] : others[place - index.count]
    }

    private func place(of pair: RoomItem) -> Int? {
        if let place = index.places[pair] { return place }
        return otherPlaces.isEmpty ? nil : otherPlaces[pair]
    }

    /// The place of `pair`, given one if it has none.
    private mutating func placing(_ pair: RoomItem) -> Int {
        if let place = place(of: pair) { return place }
        let place = index.count + others.count
        others.append(pair)
        otherPlaces[pair] = place
        outcomeAt.append(nil)
        defectsAt.append([])
        eventsAt.append(.none)
        return place
    }

    private init(index: PairIndex) {
        self.index = index
        outcomeAt = Array(repeating: nil, count: index.count)
        defectsAt = Array(repeating: [], count: index.count)
        eventsAt = Array(repeating: .none, count: index.count)
    }

    /// Replays the unit's events of the round, in order; `pairs` are the unit's
    /// room-and-item pairs, which a "pass the rest" covers.
    ///
    /// Two results for one room and item from different laptops conflict: a defect stands
    /// over a pass or not-applicable; between those two the later in the history stands. Two
    /// re-check results for one defect: the failure stands.
    public init(events: [Event], pairs: [RoomItem]) {
        self.init(events: events, index: PairIndex(pairs))
    }

    /// The same, with the unit's pairs indexed once for every unit of its type and situation.
    public init(events: [Event], index: PairIndex) {
        self.init(index: index)
        let corrections = Corrections(events)
        /// The replica and event of each place's result.
        var recordedBy: [(replica: UUID, event: UUID)?] = Array(repeating: nil, count: index.count)
        var foundBy: [(replica: UUID, event: UUID)?] = Array(repeating: nil, count: index.count)
        var unit: UUID?
        var round = 0
        func setAside(_ event: Event, for pair: @autoclosure () -> RoomItem) -> Bool {
            !corrections.setAsideForPair.isEmpty && (corrections.setAsideForPair[pair()]?.contains(event.id) ?? false)
        }
        func contradicts(_ other: (replica: UUID, event: UUID)?, _ event: Event, pair: RoomItem) {
            guard let other, other.replica != event.replica, let unit else { return }
            conflicts.note(Conflict(kind: .itemResults, round: round, unit: unit, pair: pair, events: [other.event, event.id]))
        }
        func grow() {
            while recordedBy.count < outcomeAt.count { recordedBy.append(nil); foundBy.append(nil) }
        }
        func record(_ outcome: ItemOutcome, at place: Int, _ event: Event) {
            guard !setAside(event, for: pair(at: place)) else { return }
            if let existing = outcomeAt[place], existing != outcome { contradicts(recordedBy[place], event, pair: pair(at: place)) }
            outcomeAt[place] = outcome
            if !defectsAt[place].isEmpty { contradicts(foundBy[place], event, pair: pair(at: place)) }
            recordedBy[place] = (event.replica, event.id)
            eventsAt[place].append(event.id)
        }
        /// The positions of the unit's pairs a "pass the rest" of `room` (nil: every room) covers.
        func covered(_ room: String?) -> (Int) -> Bool {
            guard let room else { return { _ in true } }
            guard let number = index.roomNumbers[room] else { return { _ in false } }
            return { index.roomAt[$0] == number }
        }
        for event in events where corrections.withdrawn.isEmpty || !corrections.withdrawn.contains(event.id) {
            unit = event.unit ?? unit
            round = event.round
            switch event.body {
            case .itemRecorded(let r):
                let place = placing(RoomItem(room: r.room, item: r.item))
                grow()
                record(r.outcome, at: place, event)
            case .remainingPassed(let r):
                let inRoom = covered(r.room)
                if let except = r.except {
                    let kept = Set(except.compactMap { index.places[$0] })
                    for position in 0..<index.count where inRoom(position) {
                        let place = index.placeAt[position]
                        if defectsAt[place].isEmpty, kept.isEmpty || !kept.contains(place) { record(.pass, at: place, event) }
                    }
                } else {
                    for position in 0..<index.count where inRoom(position) {
                        let place = index.placeAt[position]
                        if outcomeAt[place] == nil, defectsAt[place].isEmpty, !setAside(event, for: index.pairs[position]) {
                            outcomeAt[place] = .pass
                            eventsAt[place].append(event.id)
                        }
                    }
                }
            case .defectFound(let f):
                let pair = RoomItem(room: f.room, item: f.item)
                guard let id = event.defect, !setAside(event, for: pair) else { continue }
                let place = placing(pair)
                grow()
                if outcomeAt[place] != nil { contradicts(recordedBy[place], event, pair: pair) }
                defectsAt[place].append(id)
                foundBy[place] = (event.replica, event.id)
            case .defectRechecked(let r):
                if let id = event.defect { rechecks[id] = (rechecks[id] ?? true) && r.passed }
            case .defectEdited(let e):
                // A defect moved to another room of the unit takes its result with it.
                guard let room = e.room, let id = event.defect, let from = defectsAt.firstIndex(where: { $0.contains(id) }) else { continue }
                let item = pair(at: from).item
                defectsAt[from].removeAll { $0 == id }
                let to = placing(RoomItem(room: room, item: item))
                grow()
                defectsAt[to].append(id)
            default:
                continue
            }
            if event.body.isResult { undoable.append(event.id) }
        }
        conflicts.removeAll { corrections.resolved.contains($0.key) }
    }

    public func result(_ pair: RoomItem) -> ItemResult? {
        guard let place = place(of: pair) else { return nil }
        return result(at: place)
    }

    private func result(at place: Int) -> ItemResult? {
        if !defectsAt[place].isEmpty { return .defects(defectsAt[place]) }
        switch outcomeAt[place] {
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
        return progress(applicable: applicable.count, recorded: recorded, recheckQueue: recheckQueue, settledWithoutRecheck: settledWithoutRecheck)
    }

    /// The same against the pairs it was replayed with.
    public func progress(recheckQueue: [UUID], settledWithoutRecheck: Set<UUID>) -> UnitProgress {
        let recorded = index.placeAt.reduce(0) { $0 + (result(at: $1) == nil ? 0 : 1) }
        return progress(applicable: index.count, recorded: recorded, recheckQueue: recheckQueue, settledWithoutRecheck: settledWithoutRecheck)
    }

    private func progress(applicable: Int, recorded: Int, recheckQueue: [UUID], settledWithoutRecheck: Set<UUID>) -> UnitProgress {
        let done = recheckQueue.reduce(0) { $0 + (rechecks[$1] != nil || settledWithoutRecheck.contains($1) ? 1 : 0) }
        return UnitProgress(applicable: applicable, recorded: recorded, rechecks: recheckQueue.count, rechecksDone: done)
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
