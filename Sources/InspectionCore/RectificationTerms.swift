import Foundation

/// The terms contractors rectify under, as the history sets them: how many days they get
/// after a round closes (整改期限), the deadline each closed round set for every defect
/// still open, and which earlier problems the next round re-checks. A deadline is fixed when
/// its round closes, in the close's event (from the plan and the setting in force then), so a
/// later change of the plan or the setting, a rebuild or a merge leaves it as it was.
public struct RectificationTerms: Hashable, Sendable, Codable {
    /// The number of days contractors get when no round plan says otherwise.
    public static let defaultDays = 7
    public static let daysRange = 1...90

    /// Days in force now.
    public var days = RectificationTerms.defaultDays
    /// Whether the days were set on purpose (`yanfang settings --rectification-days`, even to
    /// 7): then they hold where a plan would give the next round's planned start.
    public var daysSet = false
    /// The deadline each closed round set, by round number (the first close of a round stands).
    public var deadlines: [Int: Day] = [:]
    /// Which earlier problems a round opened now re-checks.
    public var recheckScope = RecheckScope.open

    public init() {}

    /// The terms made by `events` (any events; those that do not set terms are skipped), in
    /// the history's order.
    public init(_ events: [Event]) {
        for event in events { apply(event) }
    }

    public mutating func apply(_ event: Event) {
        switch event.body {
        case .settingsChanged(let s):
            if let d = s.rectificationDays { days = d; daysSet = true }
            if let scope = s.recheckScope { recheckScope = scope }
        case .roundClosed(let c):
            guard deadlines[c.number] == nil else { return }
            deadlines[c.number] = c.deadline ?? c.date.adding(days: days)
        default:
            return
        }
    }

    /// The deadline a round closing on `date` sets under these terms, plan aside.
    public func deadline(closingOn date: Day) -> Day { date.adding(days: days) }

    /// The rule the close of round `round` follows: until the next round's planned start
    /// where `plan` plans one and the days were never set on purpose, else the days.
    public func rule(closing round: Int, plan: ProjectPlan?) -> DeadlineRule {
        if !daysSet, let next = plan?.round(round + 1) { return .nextRoundStart(round: next.number, start: next.start, days: days) }
        return .daysAfterClose(days)
    }

    /// The deadline round `round` closing on `date` sets: the next round's planned start by
    /// the rule, unless the round closes on or after that day (a deadline already passed
    /// would be none): then the days.
    public func deadline(closingOn date: Day, round: Int, plan: ProjectPlan?) -> Day {
        if case .nextRoundStart(_, let start, _) = rule(closing: round, plan: plan), start > date { return start }
        return deadline(closingOn: date)
    }

    /// The deadline of a defect found in `roundFound` and now `status`: the one the latest
    /// closed round set, once a round at or after its finding has closed; none for a defect
    /// that is closed or waived.
    public func deadline(roundFound: Int, status: DefectStatus) -> Day? {
        guard status.blocksDelivery, let latest = deadlines.keys.max(), latest >= roundFound else { return nil }
        return deadlines[latest]
    }

    /// The deadline in force at the end of `round` for a defect found in `roundFound`.
    public func deadline(roundFound: Int, asOfRound round: Int) -> Day? {
        guard let closed = deadlines.keys.filter({ $0 <= round && $0 >= roundFound }).max() else { return nil }
        return deadlines[closed]
    }

    /// A defect still without a claim of rectification after its deadline.
    public static func isOverdue(status: DefectStatus, deadline: Day?, today: Day) -> Bool {
        guard status == .open, let deadline else { return false }
        return today > deadline
    }

    public static func validated(days: Int?) throws(InspectionError) {
        if let d = days, !daysRange.contains(d) {
            throw .invalidValue("the rectification deadline is a number of days from \(daysRange.lowerBound) to \(daysRange.upperBound) after a round closes, not \(d)")
        }
    }
}

/// How a round's close sets the rectification deadline of every defect still open.
public enum DeadlineRule: Hashable, Sendable {
    /// Until the next round's planned start (`days` after the close if the round closes on or
    /// after that day).
    case nextRoundStart(round: Int, start: Day, days: Int)
    /// So many days after the round closes.
    case daysAfterClose(Int)

    /// The rule in words, as the settings state it.
    public var words: Localized {
        switch self {
        case .nextRoundStart(_, let start, _):
            return Localized(zh: "至下一轮计划开始日（\(start)）", en: "until the next round's planned start (\(start))")
        case .daysAfterClose(let days):
            return Localized(zh: "每轮结束后 \(days) 天", en: "\(englishCount(days, "day", "days")) after a round closes")
        }
    }
}
