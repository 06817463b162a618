import Foundation

/// One change to the project, appended to its history and never edited or deleted: a
/// correction is a new event (`reverted`) that points at the one it takes back.
///
/// Every replica of a project (one file per laptop) orders the history the same way: by
/// `hlc`, then `replica`, then `id` (see `HistoryOrder`). The history is the source of
/// truth: each event carries everything needed to rebuild what it changed.
public struct Event: Hashable, Sendable, Identifiable {
    public var id: UUID
    /// The replica (file) that recorded it.
    public var replica: UUID
    /// Its hybrid logical clock: milliseconds since 1970 shifted left 16 bits, plus a counter;
    /// greater than every event its replica had seen when it was recorded.
    public var hlc: Int64
    public var at: Date
    /// Who did it: the inspector, the contractor or the lead.
    public var actor: String
    /// The latest round opened when it happened (0 before round 1). Work between rounds
    /// (rectification) belongs to the round just closed.
    public var round: Int
    /// The unit it is about: results, findings, re-checks (and their reversions).
    public var unit: UUID?
    /// The defect it is about: its finding and every later step (and their reversions).
    public var defect: UUID?
    public var body: EventBody

    public init(id: UUID, replica: UUID = HistoryOrder.noReplica, hlc: Int64? = nil, at: Date, actor: String, round: Int,
                unit: UUID? = nil, defect: UUID? = nil, body: EventBody) {
        self.id = id
        self.replica = replica
        self.hlc = hlc ?? HistoryOrder.physical(at)
        self.at = at
        self.actor = actor
        self.round = round
        self.unit = unit
        self.defect = defect
        self.body = body
    }
}

public enum EventBody: Hashable, Sendable {
    case projectCreated(ProjectCreated)
    case settingsChanged(SettingsChanged)
    case checklistsImported(ChecklistsImported)
    case layoutImported(LayoutImported)
    case contractorAdded(ContractorAdded)
    case roundOpened(RoundOpened)
    case roundClosed(RoundClosed)
    case itemRecorded(ItemRecorded)
    case remainingPassed(RemainingPassed)
    case defectFound(DefectFound)
    case defectRectified(DefectRectified)
    case defectRechecked(DefectRechecked)
    case defectWaived(DefectWaived)
    case defectReassigned(DefectReassigned)
    case defectEdited(DefectEdited)
    case reverted(Reverted)
    case replicaJoined(ReplicaJoined)
    case conflictResolved(ConflictResolved)
    case planImported(PlanImported)
    case answerDefined(AnswerDefined)
    case answerRevised(AnswerRevised)
    case pondingStarted(PondingStarted)
    case sprayRecorded(SprayRecorded)

    /// The name stored with the event.
    public var kind: String {
        switch self {
        case .projectCreated: return "project.created"
        case .settingsChanged: return "settings.changed"
        case .checklistsImported: return "checklists.imported"
        case .layoutImported: return "layout.imported"
        case .contractorAdded: return "contractor.added"
        case .roundOpened: return "round.opened"
        case .roundClosed: return "round.closed"
        case .itemRecorded: return "item.recorded"
        case .remainingPassed: return "remaining.passed"
        case .defectFound: return "defect.found"
        case .defectRectified: return "defect.rectified"
        case .defectRechecked: return "defect.rechecked"
        case .defectWaived: return "defect.waived"
        case .defectReassigned: return "defect.reassigned"
        case .defectEdited: return "defect.edited"
        case .reverted: return "reverted"
        case .replicaJoined: return "replica.joined"
        case .conflictResolved: return "conflict.resolved"
        case .planImported: return "plan.imported"
        case .answerDefined: return "answer.defined"
        case .answerRevised: return "answer.revised"
        case .pondingStarted: return "ponding.started"
        case .sprayRecorded: return "spray.recorded"
        }
    }

    /// Encodes the body's fields (the kind is stored beside them).
    public func encodePayload(with encoder: JSONEncoder) throws -> Data {
        switch self {
        case .projectCreated(let e): return try encoder.encode(e)
        case .settingsChanged(let e): return try encoder.encode(e)
        case .checklistsImported(let e): return try encoder.encode(e)
        case .layoutImported(let e): return try encoder.encode(e)
        case .contractorAdded(let e): return try encoder.encode(e)
        case .roundOpened(let e): return try encoder.encode(e)
        case .roundClosed(let e): return try encoder.encode(e)
        case .itemRecorded(let e): return try encoder.encode(e)
        case .remainingPassed(let e): return try encoder.encode(e)
        case .defectFound(let e): return try encoder.encode(e)
        case .defectRectified(let e): return try encoder.encode(e)
        case .defectRechecked(let e): return try encoder.encode(e)
        case .defectWaived(let e): return try encoder.encode(e)
        case .defectReassigned(let e): return try encoder.encode(e)
        case .defectEdited(let e): return try encoder.encode(e)
        case .reverted(let e): return try encoder.encode(e)
        case .replicaJoined(let e): return try encoder.encode(e)
        case .conflictResolved(let e): return try encoder.encode(e)
        case .planImported(let e): return try encoder.encode(e)
        case .answerDefined(let e): return try encoder.encode(e)
        case .answerRevised(let e): return try encoder.encode(e)
        case .pondingStarted(let e): return try encoder.encode(e)
        case .sprayRecorded(let e): return try encoder.encode(e)
        }
    }

    /// Rebuilds a body from its stored kind and fields.
    public static func decode(kind: String, payload: Data, with decoder: JSONDecoder) throws -> EventBody {
        switch kind {
        case "project.created": return .projectCreated(try decoder.decode(ProjectCreated.self, from: payload))
        case "settings.changed": return .settingsChanged(try decoder.decode(SettingsChanged.self, from: payload))
        case "checklists.imported": return .checklistsImported(try decoder.decode(ChecklistsImported.self, from: payload))
        case "layout.imported": return .layoutImported(try decoder.decode(LayoutImported.self, from: payload))
        case "contractor.added": return .contractorAdded(try decoder.decode(ContractorAdded.self, from: payload))
        case "round.opened": return .roundOpened(try decoder.decode(RoundOpened.self, from: payload))
        case "round.closed": return .roundClosed(try decoder.decode(RoundClosed.self, from: payload))
        case "item.recorded": return .itemRecorded(try decoder.decode(ItemRecorded.self, from: payload))
        case "remaining.passed": return .remainingPassed(try decoder.decode(RemainingPassed.self, from: payload))
        case "defect.found": return .defectFound(try decoder.decode(DefectFound.self, from: payload))
        case "defect.rectified": return .defectRectified(try decoder.decode(DefectRectified.self, from: payload))
        case "defect.rechecked": return .defectRechecked(try decoder.decode(DefectRechecked.self, from: payload))
        case "defect.waived": return .defectWaived(try decoder.decode(DefectWaived.self, from: payload))
        case "defect.reassigned": return .defectReassigned(try decoder.decode(DefectReassigned.self, from: payload))
        case "defect.edited": return .defectEdited(try decoder.decode(DefectEdited.self, from: payload))
        case "reverted": return .reverted(try decoder.decode(Reverted.self, from: payload))
        case "replica.joined": return .replicaJoined(try decoder.decode(ReplicaJoined.self, from: payload))
        case "conflict.resolved": return .conflictResolved(try decoder.decode(ConflictResolved.self, from: payload))
        case "plan.imported": return .planImported(try decoder.decode(PlanImported.self, from: payload))
        case "answer.defined": return .answerDefined(try decoder.decode(AnswerDefined.self, from: payload))
        case "answer.revised": return .answerRevised(try decoder.decode(AnswerRevised.self, from: payload))
        case "ponding.started": return .pondingStarted(try decoder.decode(PondingStarted.self, from: payload))
        case "spray.recorded": return .sprayRecorded(try decoder.decode(SprayRecorded.self, from: payload))
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown event kind \(kind)"))
        }
    }
}

public struct ProjectCreated: Hashable, Sendable, Codable {
    public var name: String
    public var delivery: Day
    /// The project's identity, shared by all its replicas (absent in files of schema v1,
    /// whose migration adds it).
    public var project: UUID?
    /// The settings it started with (absent: the defaults).
    public var settings: ProjectSettings?
    public init(name: String, delivery: Day, project: UUID? = nil, settings: ProjectSettings? = nil) {
        self.name = name
        self.delivery = delivery
        self.project = project
        self.settings = settings
    }
}

public struct SettingsChanged: Hashable, Sendable, Codable {
    public var penaltyThreshold: Int?
    public var readinessTarget: Double?
    public var delivery: Day?
    /// Days contractors get to rectify after a round closes (`RectificationTerms`).
    public var rectificationDays: Int?
    /// Which earlier problems the next rounds re-check.
    public var recheckScope: RecheckScope?
    public init(penaltyThreshold: Int? = nil, readinessTarget: Double? = nil, delivery: Day? = nil, rectificationDays: Int? = nil,
                recheckScope: RecheckScope? = nil) {
        self.penaltyThreshold = penaltyThreshold
        self.readinessTarget = readinessTarget
        self.delivery = delivery
        self.rectificationDays = rectificationDays
        self.recheckScope = recheckScope
    }
}

public struct ChecklistsImported: Hashable, Sendable, Codable {
    public var source: String
    public var items: Int
    /// The whole checklist set put in force.
    public var set: ChecklistSet?
    public init(source: String, items: Int, set: ChecklistSet? = nil) { self.source = source; self.items = items; self.set = set }
}

public struct LayoutImported: Hashable, Sendable, Codable {
    public var source: String
    public var units: Int
    /// Every unit added, in the file's order.
    public var added: [ProjectUnit]?
    public init(source: String, units: Int, added: [ProjectUnit]? = nil) { self.source = source; self.units = units; self.added = added }
}

public struct ContractorAdded: Hashable, Sendable, Codable {
    public var contractor: Contractor
    public init(contractor: Contractor) { self.contractor = contractor }
}

public struct RoundOpened: Hashable, Sendable, Codable {
    public var number: Int
    public var date: Day
    /// How many defects were put on the round's re-check list.
    public var rechecks: Int
    /// The defects put on the round's re-check list.
    public var recheckList: [UUID]?
    public init(number: Int, date: Day, rechecks: Int, recheckList: [UUID]? = nil) {
        self.number = number
        self.date = date
        self.rechecks = rechecks
        self.recheckList = recheckList
    }
}

public struct RoundClosed: Hashable, Sendable, Codable {
    public var number: Int
    public var date: Day
    public var partial: Bool
    /// In-scope units with items left unrecorded (a partial close only).
    public var unreachedUnits: [UUID]
    /// Re-checks left unrecorded (a partial close only).
    public var pendingRechecks: [UUID]
    /// The rectification deadline it set for every defect still open (absent in events
    /// recorded before deadlines: the close date plus the days in force then).
    public var deadline: Day?
    /// The units with a defect open or awaiting re-check as it closed: the round's readiness,
    /// frozen (absent in events recorded before readiness was frozen).
    public var blockingUnits: [UUID]?
    public init(number: Int, date: Day, partial: Bool, unreachedUnits: [UUID], pendingRechecks: [UUID], deadline: Day? = nil,
                blockingUnits: [UUID]? = nil) {
        self.number = number
        self.date = date
        self.partial = partial
        self.unreachedUnits = unreachedUnits
        self.pendingRechecks = pendingRechecks
        self.deadline = deadline
        self.blockingUnits = blockingUnits
    }
}

/// An inspection result other than a defect.
public enum ItemOutcome: String, Hashable, Sendable, Codable {
    case pass
    case notApplicable = "na"
}

public struct ItemRecorded: Hashable, Sendable, Codable {
    public var room: String
    public var item: String
    public var outcome: ItemOutcome
    public init(room: String, item: String, outcome: ItemOutcome) {
        self.room = room
        self.item = item
        self.outcome = outcome
    }
}

/// "Pass the rest": every pair of the unit (or of one room) with no result at this point
/// of the round. The event names the pairs that had one (`except`; usually few), so that it
/// means the same whatever else a merge brings in.
public struct RemainingPassed: Hashable, Sendable, Codable {
    public var room: String?
    public var count: Int
    /// The pairs of the unit (or room) it did not pass: those with a result when it was
    /// recorded. Absent only in tests that build events by hand: then every pair without a
    /// result at this point of the replay.
    public var except: [RoomItem]?
    public init(room: String?, count: Int, except: [RoomItem]? = nil) { self.room = room; self.count = count; self.except = except }
}

public struct DefectFound: Hashable, Sendable, Codable {
    public var code: MarkCode
    public var room: String
    public var item: String
    public var note: String
    public var severity: Severity
    public var contractor: UUID?
    public init(code: MarkCode, room: String, item: String, note: String, severity: Severity, contractor: UUID?) {
        self.code = code
        self.room = room
        self.item = item
        self.note = note
        self.severity = severity
        self.contractor = contractor
    }
}

public struct DefectRectified: Hashable, Sendable, Codable {
    public var note: String?
    public init(note: String?) { self.note = note }
}

/// A re-check result; the event names the defect and its unit, so the re-check is part of
/// the unit's round.
public struct DefectRechecked: Hashable, Sendable, Codable {
    public var passed: Bool
    public var note: String?
    public init(passed: Bool, note: String?) {
        self.passed = passed
        self.note = note
    }
}

public struct DefectWaived: Hashable, Sendable, Codable {
    /// The unified answer's text (统一口径) given to buyers who ask, as it read when waived.
    public var answer: String
    /// The shared answer it applies, by code, and who approved the waiver (both absent in
    /// events recorded before answers were shared: those carry the text alone).
    public var answerCode: String?
    public var approvedBy: String?
    public init(answer: String, answerCode: String? = nil, approvedBy: String? = nil) {
        self.answer = answer
        self.answerCode = answerCode
        self.approvedBy = approvedBy
    }
}

/// A unified answer with its contingency plan, put in place for the project (the code is new).
public struct AnswerDefined: Hashable, Sendable, Codable {
    public var answer: UnifiedAnswer
    public init(answer: UnifiedAnswer) { self.answer = answer }
}

/// A unified answer as revised: the whole answer, every field, so that the latest revision in
/// the history's order stands on every laptop without reading earlier ones.
public struct AnswerRevised: Hashable, Sendable, Codable {
    public var answer: UnifiedAnswer
    public init(answer: UnifiedAnswer) { self.answer = answer }
}

public struct DefectReassigned: Hashable, Sendable, Codable {
    public var contractor: UUID?
    public init(contractor: UUID?) { self.contractor = contractor }
}

/// A correction of a defect's description: the fields given replace what it said (the
/// contractor is changed by `DefectReassigned`). Two edits of one field: the later in the
/// history's order stands, on every laptop; both stay in its story.
public struct DefectEdited: Hashable, Sendable, Codable {
    public var note: String?
    /// The room's key (its Chinese name) in the unit; the item stays.
    public var room: String?
    public var severity: Severity?
    public init(note: String? = nil, room: String? = nil, severity: Severity? = nil) {
        self.note = note
        self.room = room
        self.severity = severity
    }

    public var isEmpty: Bool { note == nil && room == nil && severity == nil }
}

/// Takes back an earlier event: it counts as if it had not happened, and both stay in the
/// history. The event names the same unit and defect as its target. It serves undo (`u`),
/// withdrawing any record of the round (a pass, a defect found, a re-check result) and a
/// contractor taking back a claim. With `pair`, only that room and item of the target are
/// taken back (one item of a "pass the rest").
public struct Reverted: Hashable, Sendable, Codable {
    public var target: UUID
    public var pair: RoomItem?
    public init(target: UUID, pair: RoomItem? = nil) { self.target = target; self.pair = pair }
}

/// A replica (a file on one laptop) joined the project, with the tag its mark codes start
/// with. The first replica has no parent; every other was made by `join` from its parent,
/// which issued its tag (the parent's tag and one character), so no two replicas share one.
public struct ReplicaJoined: Hashable, Sendable, Codable {
    public var replica: UUID
    public var tag: String
    public var parent: UUID?
    public init(replica: UUID, tag: String, parent: UUID?) { self.replica = replica; self.tag = tag; self.parent = parent }
}

/// A lead's decision on a conflict (see `Conflict`): the records set aside count as if they
/// had not happened (for an item conflict, only for that room and item); the others stand.
/// Setting none aside accepts the cautious reading. The event names the conflict's unit, its
/// defect (when it is about one) and, for an item conflict, the conflict's round.
public struct ConflictResolved: Hashable, Sendable, Codable {
    public var conflict: String
    public var setAside: [UUID]
    public var pair: RoomItem?
    public var note: String
    public init(conflict: String, setAside: [UUID], pair: RoomItem? = nil, note: String) {
        self.conflict = conflict
        self.setAside = setAside
        self.pair = pair
        self.note = note
    }
}

/// The inspection plan put in force, whole: it replaces any earlier plan.
public struct PlanImported: Hashable, Sendable, Codable {
    public var source: String
    public var plan: ProjectPlan
    public init(source: String, plan: ProjectPlan) { self.source = source; self.plan = plan }
}

/// Water put on a wet room's floor for a ponding test (闭水试验) of a `ponding` item: the
/// first of its two visits. The event names the unit; its round is the round of the check;
/// the start is `started` (also the event's time), so the check is due 24 h later.
public struct PondingStarted: Hashable, Sendable, Codable {
    public var room: String
    public var item: String
    public var started: Date
    public init(room: String, item: String, started: Date) { self.room = room; self.item = item; self.started = started }

    private enum CodingKeys: String, CodingKey { case room, item, started }

    /// `started` is stored as milliseconds since 1970, as the event's `at` is.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(room: try c.decode(String.self, forKey: .room), item: try c.decode(String.self, forKey: .item),
                  started: Date(timeIntervalSince1970: Double(try c.decode(Int64.self, forKey: .started)) / 1000))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(room, forKey: .room)
        try c.encode(item, forKey: .item)
        try c.encode(Int64((started.timeIntervalSince1970 * 1000).rounded()), forKey: .started)
    }
}

/// A spray test (淋水试验) of the windows and façade of one entrance over a band of floors,
/// recorded once for the band, not in every room. A leak found in a unit is also recorded as
/// a defect of that unit (its `defect.found` events follow in the same transaction; `defects`
/// names them).
public struct SprayRecorded: Hashable, Sendable, Codable {
    public var building: String
    public var entrance: Int
    public var floors: FloorBand
    public var date: Day
    public var passed: Bool
    public var leaks: [SprayLeak]
    public var note: String?
    public init(building: String, entrance: Int, floors: FloorBand, date: Day, passed: Bool, leaks: [SprayLeak], note: String?) {
        self.building = building
        self.entrance = entrance
        self.floors = floors
        self.date = date
        self.passed = passed
        self.leaks = leaks
        self.note = note
    }
}

/// A band of floors, both ends included.
public struct FloorBand: Hashable, Sendable, Codable, CustomStringConvertible {
    public var from: Int
    public var to: Int
    public init(from: Int, to: Int) { self.from = from; self.to = to }

    /// `1-6` or `7` (one floor); the low end first.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
        let from = parts[0]!, to = parts.last!!
        guard from >= 1, to >= from else { return nil }
        self.init(from: from, to: to)
    }

    public func contains(_ floor: Int) -> Bool { (from...to).contains(floor) }
    public func overlaps(_ other: FloorBand) -> Bool { from <= other.to && other.from <= to }
    public var description: String { from == to ? "\(from)" : "\(from)-\(to)" }
}

/// Where a spray test found water: a room of a unit, the item it is a defect of, the note,
/// and the defect recorded for it.
public struct SprayLeak: Hashable, Sendable, Codable {
    public var unit: String
    public var room: String
    public var item: String
    public var note: String
    public var defect: UUID
    public init(unit: String, room: String, item: String, note: String, defect: UUID) {
        self.unit = unit
        self.room = room
        self.item = item
        self.note = note
        self.defect = defect
    }
}

/// The order of the history across replicas.
public enum HistoryOrder {
    /// The replica of events built without one (tests, the rules' own examples).
    public static let noReplica = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// The clock reading of a wall-clock time, with the counter at zero.
    public static func physical(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded()) << 16
    }

    /// The clock of a new event: ahead of the wall clock and of everything seen so far.
    public static func next(at date: Date, after latest: Int64?) -> Int64 {
        max(physical(date), (latest ?? .min) &+ 1)
    }

    /// Whether `a` comes before `b` in every replica's history.
    public static func precedes(_ a: Event, _ b: Event) -> Bool {
        precedes((a.hlc, a.replica, a.id), (b.hlc, b.replica, b.id))
    }

    /// Whether the position (clock, replica, event id) `a` comes before `b`: by clock, then by
    /// the identities' bytes, as SQLite orders `hlc, replica, id` (blobs compare byte by byte,
    /// which is also how the identities' hexadecimal texts compare).
    @inlinable
    public static func precedes(_ a: (hlc: Int64, replica: UUID, id: UUID), _ b: (hlc: Int64, replica: UUID, id: UUID)) -> Bool {
        if a.hlc != b.hlc { return a.hlc < b.hlc }
        if a.replica != b.replica { return a.replica.bytesPrecede(b.replica) }
        return a.id.bytesPrecede(b.id)
    }
}

extension UUID {
    /// Whether this identity's 16 bytes come before `other`'s, compared one by one from the
    /// first: the order SQLite gives blobs, and the order of the identities' texts
    /// (`uuidString`), without making those texts.
    @inlinable
    public func bytesPrecede(_ other: UUID) -> Bool {
        let a = orderKey, b = other.orderKey
        return a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// The 16 bytes as two big-endian integers, the first eight bytes in `high`.
    @inlinable
    var orderKey: (high: UInt64, low: UInt64) {
        withUnsafeBytes(of: uuid) { raw in
            (UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }
}
