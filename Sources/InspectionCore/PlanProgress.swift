/// A round's progress against its plan, per batch and per team member, as of a day: what is
/// assigned, done, expected by today (pro rata between the planned dates), ahead or behind,
/// the pace, and the finish that pace gives against the planned finish and the risk cutoff.
public struct PlanProgress: Hashable, Sendable, Codable {
    public var round: Int
    public var plannedStart: Day
    public var plannedFinish: Day
    public var opened: Day?
    public var closed: Day?
    public var today: Day
    public var riskCutoff: Day
    public var total: Line
    public var batches: [Line]
    public var members: [Line]
    /// Units with a result recorded, day by day, over the round.
    public var unitsPerDay: [DayCount]

    /// One batch, one member, or the whole round.
    public struct Line: Hashable, Sendable, Codable {
        public var name: String
        public var role: String?
        public var start: Day
        public var finish: Day
        public var unitsAssigned: Int
        public var unitsDone: Int
        public var unitsExpected: Int
        public var itemsAssigned: Int
        public var itemsDone: Int
        public var itemsExpected: Int
        /// Units done less units expected by today: positive ahead, negative behind.
        public var unitsAhead: Int
        /// Units done per day since the round opened (or since the line's start, if later).
        public var unitsPerDay: Double
        /// The day the work would be done at that pace (nil: nothing done yet, so no pace;
        /// the day it was finished when everything is done).
        public var forecastFinish: Day?
        public var afterPlannedFinish: Bool?
        public var afterRiskCutoff: Bool?
    }

    public struct DayCount: Hashable, Sendable, Codable {
        public var day: Day
        public var units: Int
        public init(day: Day, units: Int) { self.day = day; self.units = units }
    }

    /// One unit's items of the round by category: (applicable, recorded), and whether the unit
    /// is done (every item and re-check recorded).
    public struct UnitWork: Hashable, Sendable {
        public var unit: ProjectUnit
        public var byCategory: [String: (applicable: Int, recorded: Int)]
        public var isComplete: Bool

        public init(unit: ProjectUnit, byCategory: [String: (applicable: Int, recorded: Int)], isComplete: Bool) {
            self.unit = unit
            self.byCategory = byCategory
            self.isComplete = isComplete
        }

        public static func == (a: UnitWork, b: UnitWork) -> Bool {
            a.unit == b.unit && a.isComplete == b.isComplete && a.byCategory.mapValues { [$0.applicable, $0.recorded] } == b.byCategory.mapValues { [$0.applicable, $0.recorded] }
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(unit) }

        func items(_ covers: (String) -> Bool) -> (applicable: Int, recorded: Int) {
            byCategory.filter { covers($0.key) }.values.reduce((0, 0)) { ($0.0 + $1.applicable, $0.1 + $1.recorded) }
        }
    }

    /// `work`: the units in the round's scope. `finished`: the day each finished unit's last
    /// result was recorded, to date a line finished before today.
    public static func compute(_ round: RoundPlan, actual: Round?, today: Day, delivery: Day, work: [UnitWork],
                               unitsPerDay: [DayCount]) -> PlanProgress {
        let cutoff = Deadlines.riskCutoff(delivery: delivery)
        func line(_ name: String, role: String?, start: Day, finish: Day, units: [UnitWork], covers: (String) -> Bool, done: (UnitWork) -> Bool) -> Line {
            let items = units.map { $0.items(covers) }.reduce((0, 0)) { ($0.0 + $1.applicable, $0.1 + $1.recorded) }
            let unitsDone = units.filter(done).count
            let expected = PlanCheck.expected(units.count, start: start, finish: finish, today: today)
            // The pace since work could start on it: the round's opening, or the line's planned start if later.
            let from = max(actual?.opened ?? start, start)
            let until = actual?.closed.map { min($0, today) } ?? today
            let days = max(1, from.days(until: until) + 1)
            let pace = Double(unitsDone) / Double(days)
            var forecast: Day?
            if unitsDone == units.count {
                forecast = unitsDone == 0 ? nil : until
            } else if unitsDone > 0 {
                let left = Double(units.count - unitsDone)
                forecast = until.adding(days: Int((left / pace).rounded(.up)))
            }
            return Line(name: name, role: role, start: start, finish: finish, unitsAssigned: units.count, unitsDone: unitsDone,
                        unitsExpected: expected, itemsAssigned: items.0, itemsDone: items.1,
                        itemsExpected: PlanCheck.expected(items.0, start: start, finish: finish, today: today),
                        unitsAhead: unitsDone - expected, unitsPerDay: (pace * 100).rounded() / 100, forecastFinish: forecast,
                        afterPlannedFinish: forecast.map { $0 > finish }, afterRiskCutoff: forecast.map { $0 > cutoff })
        }
        let everything: (String) -> Bool = { _ in true }
        let total = line("", role: nil, start: round.start, finish: round.finish, units: work, covers: everything, done: \.isComplete)
        let batches = round.batches.map { batch in
            line(batch.name, role: nil, start: batch.start, finish: batch.finish, units: work.filter { batch.includes($0.unit) },
                 covers: everything, done: \.isComplete)
        }
        let members = round.members.map { member -> Line in
            let assignment = MemberAssignment(round: round, member: member)
            let units = work.filter { assignment.includes($0.unit) }
            // A member's planned dates are those of their batches.
            let mine = round.batches.filter { member.batches.isEmpty || member.batches.contains($0.name) }
            let start = mine.map(\.start).min() ?? round.start, finish = mine.map(\.finish).max() ?? round.finish
            return line(member.name, role: member.role, start: start, finish: finish, units: units, covers: member.covers(category:)) { unit in
                let items = unit.items(member.covers(category:))
                return items.recorded >= items.applicable
            }
        }
        return PlanProgress(round: round.number, plannedStart: round.start, plannedFinish: round.finish, opened: actual?.opened,
                            closed: actual?.closed, today: today, riskCutoff: cutoff, total: total, batches: batches, members: members,
                            unitsPerDay: unitsPerDay)
    }
}
