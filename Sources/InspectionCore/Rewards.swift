import Foundation

/// The figures the engineering department rewards a contractor by (奖), beside the
/// repeat failures it penalises (罚).
public struct ContractorRewards: Hashable, Sendable, Codable {
    public var contractor: String
    /// Defects whose first re-check was recorded while this contractor had them, and how
    /// many of those passed it: the first-time pass rate of re-checks (一次整改合格率).
    public var firstRechecks: Int
    public var firstRechecksPassed: Int
    /// Claims of rectification it made, and how many by the deadline in force then (a claim
    /// before any round closed had no deadline yet, and counts as on time).
    public var claims: Int
    public var claimsOnTime: Int
    /// Its defects still open or awaiting re-check.
    public var outstanding: Int
    /// Its defects counted as repeat failures (see `PenaltyRules`).
    public var repeatFailures: Int

    public init(contractor: String, firstRechecks: Int = 0, firstRechecksPassed: Int = 0, claims: Int = 0, claimsOnTime: Int = 0,
                outstanding: Int = 0, repeatFailures: Int = 0) {
        self.contractor = contractor
        self.firstRechecks = firstRechecks
        self.firstRechecksPassed = firstRechecksPassed
        self.claims = claims
        self.claimsOnTime = claimsOnTime
        self.outstanding = outstanding
        self.repeatFailures = repeatFailures
    }

    /// 一次整改合格率; nil before any of its defects was re-checked.
    public var firstTimePassRate: Double? { firstRechecks == 0 ? nil : Double(firstRechecksPassed) / Double(firstRechecks) }

    public static let names = (
        firstTimePassRate: Localized(zh: "一次整改合格率", en: "first-pass rate"),
        claimsOnTime: Localized(zh: "按期报整改", en: "claims on time"),
        outstanding: Localized(zh: "未销项", en: "outstanding"),
        repeatFailures: Localized(zh: "重复整改不合格", en: "repeat failures"),
        heading: Localized(zh: "奖励依据", en: "Grounds for rewards")
    )

    /// "75.0%（3/4）", or "—" before any re-check.
    public func passRateText(_ l: Language) -> String {
        guard let rate = firstTimePassRate else { return "—" }
        let percent = String(format: "%.1f%%", rate * 100)
        return l == .zh ? "\(percent)（\(firstRechecksPassed)/\(firstRechecks)）" : "\(percent) (\(firstRechecksPassed)/\(firstRechecks))"
    }

    public var claimsText: String { "\(claimsOnTime)/\(claims)" }
}

/// A claim of rectification, as the rewards count it.
public struct ClaimRecord: Hashable, Sendable {
    public var contractor: UUID?
    public var day: Day
    /// The deadline in force when it was made (none before any round closed).
    public var deadline: Day?
    /// How many claims these are (the same contractor, day and deadline).
    public var count: Int
    public init(contractor: UUID?, day: Day, deadline: Day?, count: Int = 1) {
        self.contractor = contractor; self.day = day; self.deadline = deadline; self.count = count
    }
    public var onTime: Bool { deadline.map { day <= $0 } ?? true }
}

public enum RewardRules {
    /// The figures of every contractor (and of the unassigned, when any has some), in the
    /// contractors' order. `firstRechecks` counts the defects' first re-checks by the
    /// contractor responsible then and whether they passed.
    public static func tally(contractors: [Contractor], firstRechecks: [(contractor: UUID?, passed: Bool, count: Int)], claims: [ClaimRecord],
                             outstanding: [UUID?: Int], penalties: [ContractorPenalties]) -> [ContractorRewards] {
        let known = Set(contractors.map(\.id))
        func key(_ id: UUID?) -> UUID? { id.flatMap { known.contains($0) ? $0 : nil } }
        var figures: [UUID?: ContractorRewards] = [:]
        func update(_ id: UUID?, _ change: (inout ContractorRewards) -> Void) {
            var f = figures[key(id)] ?? ContractorRewards(contractor: "")
            change(&f)
            figures[key(id)] = f
        }
        for r in firstRechecks { update(r.contractor) { $0.firstRechecks += r.count; if r.passed { $0.firstRechecksPassed += r.count } } }
        for c in claims { update(c.contractor) { $0.claims += c.count; if c.onTime { $0.claimsOnTime += c.count } } }
        for (id, n) in outstanding { update(id) { $0.outstanding += n } }
        let repeats = Dictionary(penalties.map { ($0.contractor, $0.count) }, uniquingKeysWith: +)
        var result = contractors.map { c -> ContractorRewards in
            var f = figures[c.id] ?? ContractorRewards(contractor: "")
            f.contractor = c.name
            f.repeatFailures = repeats[c.name] ?? 0
            return f
        }
        if var none = figures[UUID?.none] {
            none.contractor = PenaltyRules.unassigned
            none.repeatFailures = repeats[PenaltyRules.unassigned] ?? 0
            result.append(none)
        }
        return result
    }
}
