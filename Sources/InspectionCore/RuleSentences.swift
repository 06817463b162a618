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
}
