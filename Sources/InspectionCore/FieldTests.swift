import Foundation

/// A ponding test (闭水试验) of one wet room's floor in one round: started on a first visit,
/// checked (a pass or a defect on its item) on a second visit at least 24 h later.
public struct PondingTest: Hashable, Sendable {
    public var unit: UUID
    public var unitCode: String
    public var round: Int
    public var pair: RoomItem
    public var started: Date
    public var actor: String
    /// Whether the check (a result on its item) is recorded.
    public var checked: Bool

    public init(unit: UUID, unitCode: String, round: Int, pair: RoomItem, started: Date, actor: String, checked: Bool) {
        self.unit = unit
        self.unitCode = unitCode
        self.round = round
        self.pair = pair
        self.started = started
        self.actor = actor
        self.checked = checked
    }

    /// When the check may be recorded.
    public var due: Date { started.addingTimeInterval(PondingRules.duration) }
    public func isDue(at now: Date) -> Bool { PondingRules.hasRun(from: started, to: now) }
}

/// The rules of the two visits. The water stands at least 24 h (GB 55030-2022 §6.0.12, as
/// DOMAIN.md quotes it) before the floor below and the adjacent walls are checked.
public enum PondingRules {
    public static let duration: TimeInterval = 24 * 3600

    public static func hasRun(from started: Date, to now: Date) -> Bool {
        now.timeIntervalSince(started) >= duration
    }

    /// Whether `item` is checked by a ponding test (its method is `ponding`).
    public static func isPonding(_ item: ChecklistItem?) -> Bool { item?.method == .ponding }

    /// Starting: only a ponding item, only once in a round, and not once its check is recorded.
    public static func start(_ item: ChecklistItem, pair: RoomItem, existing: PondingTest?, hasResult: Bool) throws(InspectionError) {
        guard isPonding(item) else { throw .notPonding(item: item.id) }
        if let existing { throw .pondingAlreadyStarted(item: pair.item, room: pair.room, started: existing.started) }
        if hasResult { throw .invalidValue("\(pair.item) in \(pair.room) already has a result this round") }
    }

    /// Recording the check (a pass or a defect) of a ponding item: refused until its test has
    /// stood 24 h. Not applicable needs no test.
    public static func check(_ item: ChecklistItem?, pair: RoomItem, test: PondingTest?, now: Date) throws(InspectionError) {
        guard isPonding(item) else { return }
        guard let test else { throw .pondingNotStarted(item: pair.item, room: pair.room) }
        guard test.isDue(at: now) else {
            throw .pondingNotDue(item: pair.item, room: pair.room, started: test.started, due: test.due,
                                 minutes: Int(now.timeIntervalSince(test.started) / 60))
        }
    }

    /// Of the pairs "pass the rest" would pass, those it leaves: ponding items whose test was
    /// not started 24 h before `now`.
    public static func notReady(_ pairs: [RoomItem], checklists: ChecklistSet, tests: [RoomItem: PondingTest], now: Date) -> [RoomItem] {
        pairs.filter { pair in
            isPonding(checklists.item(pair.item)) && !(tests[pair]?.isDue(at: now) ?? false)
        }
    }
}

/// A spray test's record as the projections keep it.
public struct SprayTest: Hashable, Sendable {
    public var event: UUID
    public var building: String
    public var entrance: Int
    public var floors: FloorBand
    public var date: Day
    public var round: Int
    public var actor: String
    public var passed: Bool
    public var leaks: [SprayLeak]
    public var note: String?

    public init(event: UUID, building: String, entrance: Int, floors: FloorBand, date: Day, round: Int, actor: String,
                passed: Bool, leaks: [SprayLeak], note: String?) {
        self.event = event
        self.building = building
        self.entrance = entrance
        self.floors = floors
        self.date = date
        self.round = round
        self.actor = actor
        self.passed = passed
        self.leaks = leaks
        self.note = note
    }
}

/// One entrance's floors and which of them spray tests covered.
public struct SprayCoverage: Hashable, Sendable {
    public var building: String
    public var entrance: Int
    public var floors: FloorBand
    /// The bands tested, in floor order, with whether the latest test of the band passed.
    public var tested: [(band: FloorBand, passed: Bool)]
    /// Floors of the entrance no test covered.
    public var untested: [FloorBand]

    public static func == (a: SprayCoverage, b: SprayCoverage) -> Bool {
        a.building == b.building && a.entrance == b.entrance && a.floors == b.floors && a.untested == b.untested
            && a.tested.map(\.band) == b.tested.map(\.band) && a.tested.map(\.passed) == b.tested.map(\.passed)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(building); hasher.combine(entrance) }

    public var isComplete: Bool { untested.isEmpty }
}

public enum SprayRules {
    /// Where a leak was found: `UNIT:ROOM:NOTE` or `UNIT:ROOM:ITEM:NOTE` (the window item
    /// unless named).
    public struct LeakInput: Hashable, Sendable {
        public var unit: String
        public var room: String
        public var item: String?
        public var note: String
        public init(unit: String, room: String, item: String?, note: String) {
            self.unit = unit
            self.room = room
            self.item = item
            self.note = note
        }

        public static func parse(_ text: String, isItem: (String) -> Bool) throws(InspectionError) -> LeakInput {
            let parts = text.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count >= 3, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .invalidValue("--leak \(text): expected UNIT:ROOM:NOTE or UNIT:ROOM:ITEM:NOTE (e.g. 1-2-0502:主卧:窗角渗水)")
            }
            if parts.count == 4, isItem(parts[2]) {
                return LeakInput(unit: parts[0], room: parts[1], item: parts[2], note: parts[3])
            }
            let note = parts[2...].joined(separator: ":")
            guard !note.isEmpty else { throw .invalidValue("--leak \(text): the leak needs a note (where the water came in)") }
            return LeakInput(unit: parts[0], room: parts[1], item: nil, note: note)
        }
    }

    /// The item a spray leak is a defect of when none is named: the window leak item.
    public static let defaultItem = "LK-03"

    /// A record's band and result: the band within the entrance's floors; a leak result names
    /// at least one leak, a pass none; each leak in a unit of the entrance within the band.
    public static func validate(floors band: FloorBand, entranceFloors: FloorBand, passed: Bool, leakUnits: [(code: String, floor: Int)],
                                entrance: String) throws(InspectionError) {
        guard entranceFloors.from <= band.from, band.to <= entranceFloors.to else {
            throw .invalidValue("floors \(band) are outside entrance \(entrance) (floors \(entranceFloors))")
        }
        if passed && !leakUnits.isEmpty { throw .invalidValue("a passed spray test has no leaks (use --result leak)") }
        if !passed && leakUnits.isEmpty {
            throw .invalidValue("a leaking spray test names where: --leak UNIT:ROOM:NOTE (e.g. 1-2-0502:主卧:窗角渗水)")
        }
        for leak in leakUnits where !band.contains(leak.floor) {
            throw .invalidValue("unit \(leak.code) is on floor \(leak.floor), outside floors \(band) of this test")
        }
    }

    /// Each entrance's coverage by the tests (the latest test of a band counts for it).
    public static func coverage(units: [ProjectUnit], tests: [SprayTest]) -> [SprayCoverage] {
        var floorsByEntrance: [String: (building: String, entrance: Int, low: Int, high: Int)] = [:]
        var order: [String] = []
        for unit in units {
            let key = "\(unit.building)-\(unit.entrance)"
            if var e = floorsByEntrance[key] {
                e.low = min(e.low, unit.floor); e.high = max(e.high, unit.floor)
                floorsByEntrance[key] = e
            } else {
                floorsByEntrance[key] = (unit.building, unit.entrance, unit.floor, unit.floor)
                order.append(key)
            }
        }
        return order.map { key in
            let e = floorsByEntrance[key]!
            var latest: [FloorBand: Bool] = [:]
            for test in tests where test.building == e.building && test.entrance == e.entrance { latest[test.floors] = test.passed }
            let tested = latest.sorted { ($0.key.from, $0.key.to) < ($1.key.from, $1.key.to) }.map { (band: $0.key, passed: $0.value) }
            var untested: [FloorBand] = []
            var start: Int?
            for floor in e.low...e.high {
                let covered = tested.contains { $0.band.contains(floor) }
                if !covered && start == nil { start = floor }
                if covered, let s = start { untested.append(FloorBand(from: s, to: floor - 1)); start = nil }
            }
            if let s = start { untested.append(FloorBand(from: s, to: e.high)) }
            return SprayCoverage(building: e.building, entrance: e.entrance, floors: FloorBand(from: e.low, to: e.high),
                                 tested: tested, untested: untested)
        }
    }
}

/// Times of the field tests as people read them: `YYYY-MM-DD HH:MM`, local time.
public enum FieldTime {
    public static func text(_ date: Date) -> String {
        let c = Calendar.current.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let day = Day(year: c.year!, month: c.month!, day: c.day!)!
        return "\(day) \(two(c.hour!)):\(two(c.minute!))"
    }

    /// `12-04 09:00`: within a round, the year goes without saying.
    public static func short(_ date: Date) -> String { String(text(date).dropFirst(5)) }

    /// `23 h 59 min`.
    public static func duration(minutes: Int) -> Localized {
        Localized(zh: "\(minutes / 60) 小时 \(minutes % 60) 分", en: "\(minutes / 60) h \(minutes % 60) min")
    }
}
