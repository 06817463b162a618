/// The rules in words, with the settings in force as parameters, the same on the screens and
/// in the documents: printing a rule never hard-codes its threshold.
public enum RuleSentences {
    /// 同一问题整改两次或以上仍未能符合要求: the penalty rule at `threshold` failed re-checks.
    public static func penalty(threshold: Int) -> Localized {
        Localized(zh: "同一问题在同一责任单位名下复查未过 \(threshold) 次及以上，计入该单位奖罚",
                  en: "defects failing \(threshold)+ re-checks with one contractor count against it")
    }

    /// A defect that has just reached the threshold.
    public static func flagged(code: String, threshold: Int) -> Localized {
        Localized(zh: "\(code) 在本责任单位名下已复查未过 \(threshold) 次，计入该单位奖罚",
                  en: "\(code) has failed \(threshold) re-checks with this contractor: counted against it")
    }

    /// 可交付率: what the readiness rate counts, and what it stands in for.
    public static let readinessRate = Localized(zh: "可交付率", en: "Readiness rate")

    public static func readinessDefinition(minimumRounds: Int) -> Localized {
        Localized(zh: "可交付率 = 无待整改、待复查问题且已验满 \(minimumRounds) 轮的户 ÷ 全部户数；交付前以它代替一次交付成功率。",
                  en: "Readiness rate = units with nothing open or awaiting re-check, inspected in at least \(minimumRounds) rounds, "
                      + "÷ all units; before delivery it stands in for the one-time delivery success rate (一次交付成功率).")
    }

    /// The two reasons a unit is not ready for delivery, as headings over their units.
    public static func notReadyOutstanding(_ count: Int) -> Localized {
        Localized(zh: "未达交付条件的户：有未销项问题（\(count)）", en: "Units not ready: defects outstanding (\(count))")
    }

    public static func notReadyRounds(_ count: Int, minimumRounds: Int) -> Localized {
        Localized(zh: "未达交付条件的户：验房不足 \(minimumRounds) 轮（\(count)）",
                  en: "Units not ready: inspected in fewer than \(minimumRounds) rounds (\(count))")
    }
}
