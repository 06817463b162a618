/// The names of a defect's fields, the same in the interface's labels and the documents'
/// column headers.
public enum FieldLabels {
    public static let contractor = Localized(zh: "责任单位", en: "Contractor")
    public static let note = Localized(zh: "问题描述", en: "Note")
    public static let severity = Localized(zh: "严重程度", en: "Severity")
    public static let status = Localized(zh: "状态", en: "Status")
    public static let unifiedAnswer = Localized(zh: "统一口径", en: "Unified answer")
    /// A unified answer's contingency plan (预案) and its parts.
    public static let contingencyPlan = Localized(zh: "预案", en: "Contingency plan")
    public static let planAction = Localized(zh: "措施", en: "What will be done")
    public static let planOwner = Localized(zh: "责任人", en: "By whom")
    public static let planDue = Localized(zh: "完成时间", en: "By when")
    public static let planBuyerQuestions = Localized(zh: "业主问询答复", en: "Buyers' questions")
    public static let approvedBy = Localized(zh: "批准人", en: "Approved by")
    public static let room = Localized(zh: "房间", en: "Room")
    /// The rectification deadline (整改期限), and a defect still without a claim after it.
    public static let deadline = Localized(zh: "整改期限", en: "Deadline")
    public static let overdue = Localized(zh: "逾期", en: "overdue")
    /// A contractor's repeat failures split by whether each followed a claim of rectification.
    public static let failedAfterClaim = Localized(zh: "整改后仍不合格", en: "after claim")
    public static let failedWithoutClaim = Localized(zh: "未整改", en: "no claim")
}
