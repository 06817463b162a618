import Foundation

/// The terms contractors rectify under, as the history sets them: how many days they get
/// after a round closes (整改期限), the deadline each closed round set for every defect
/// still open, and which earlier problems the next round re-checks. A deadline is fixed when its round closes, from the close (or the setting in
/// force then), so a later change of the setting, a rebuild or a merge leaves it as it was.
public struct RectificationTerms: Hashable, Sendable {
    /// The number of days contractors get when no round plan says otherwise.
    public static let defaultDays = 7
    public static let daysRange = 1...90

    /// Days in force now.
    public var days = RectificationTerms.defaultDays
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
            if let d = s.rectificationDays { days = d }
            if let scope = s.recheckScope { recheckScope = scope }
        case .roundClosed(let c):
            guard deadlines[c.number] == nil else { return }
            deadlines[c.number] = c.deadline ?? c.date.adding(days: days)
        default:
            return
        }
    }

    /// The deadline a round closing on `date` sets under these terms.
    public func deadline(closingOn date: Day) -> Day { date.adding(days: days) }

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
