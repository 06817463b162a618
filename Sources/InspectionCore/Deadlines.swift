/// A warning about the schedule.
public struct DeadlineWarning: Hashable, Sendable, Codable {
    public var kind: String
    public var message: Localized

    public init(kind: String, message: Localized) {
        self.kind = kind
        self.message = message
    }
}

/// The schedule against the contracted delivery date: round 1 should start three months
/// ahead, and risk screening must finish 30 days ahead so there is time to rectify.
public struct Deadlines: Hashable, Sendable, Codable {
    public var delivery: Day
    public var today: Day
    public var latestRoundOneStart: Day
    public var roundOneStarted: Day?
    public var riskCutoff: Day
    public var openDefects: Int
    public var roundsClosed: Int
    public var warnings: [DeadlineWarning]

    public static let leadMonths = 3
    public static let riskCutoffDays = 30

    /// Round 1 should start by three months before delivery.
    public static func latestRoundOneStart(delivery: Day) -> Day { delivery.adding(months: -leadMonths) }
    /// Risk screening must be finished by 30 days before delivery.
    public static func riskCutoff(delivery: Day) -> Day { delivery.adding(days: -riskCutoffDays) }

    public var daysToDelivery: Int { today.days(until: delivery) }
    public var daysToRiskCutoff: Int { today.days(until: riskCutoff) }
    /// nil until round 1 starts or its latest start passes.
    public var roundOneOnTime: Bool? {
        if let started = roundOneStarted { return started <= latestRoundOneStart }
        return today > latestRoundOneStart ? false : nil
    }

    public init(delivery: Day, today: Day, roundOneStarted: Day?, openDefects: Int, roundsClosed: Int) {
        self.delivery = delivery
        self.today = today
        self.roundOneStarted = roundOneStarted
        self.openDefects = openDefects
        self.roundsClosed = roundsClosed
        latestRoundOneStart = Deadlines.latestRoundOneStart(delivery: delivery)
        riskCutoff = Deadlines.riskCutoff(delivery: delivery)
        warnings = []
        warnings = computeWarnings()
    }

    private func computeWarnings() -> [DeadlineWarning] {
        var list: [DeadlineWarning] = []
        if let started = roundOneStarted, started > latestRoundOneStart {
            list.append(DeadlineWarning(kind: "round-1-late", message: Localized(
                zh: "第一轮于 \(started) 开始，晚于交付前三个月（\(latestRoundOneStart)）",
                en: "round 1 started \(started), later than three months before delivery (\(latestRoundOneStart))")))
        } else if roundOneStarted == nil, today > latestRoundOneStart {
            list.append(DeadlineWarning(kind: "round-1-not-started", message: Localized(
                zh: "第一轮尚未开始，应不晚于 \(latestRoundOneStart) 开始",
                en: "round 1 has not started; it should have started by \(latestRoundOneStart)")))
        }
        if today > delivery {
            list.append(DeadlineWarning(kind: "delivery-passed", message: Localized(
                zh: "已过合同交付日期 \(delivery)", en: "the contracted delivery date \(delivery) has passed")))
        }
        if today >= riskCutoff, openDefects > 0 {
            list.append(DeadlineWarning(kind: "open-defects-past-cutoff", message: Localized(
                zh: "距交付不足 \(Deadlines.riskCutoffDays) 天（风险排查截止 \(riskCutoff)），仍有 \(openDefects) 项未销项问题",
                en: "\(englishCount(openDefects, "defect", "defects")) still open within \(Deadlines.riskCutoffDays) days of delivery (risk-screening cutoff \(riskCutoff))")))
        }
        if today >= riskCutoff, roundsClosed < RoundRules.minimumRounds {
            list.append(DeadlineWarning(kind: "fewer-than-three-rounds", message: Localized(
                zh: "风险排查截止已到，仅完成 \(roundsClosed) 轮（至少需三轮）",
                en: "risk-screening cutoff reached with only \(roundsClosed) of at least \(RoundRules.minimumRounds) rounds closed")))
        }
        return list
    }
}
