/// A unified answer (统一口径): what the company tells buyers about a problem that cannot be
/// fixed before delivery, with its contingency plan (预案). It is shared, not per defect: one
/// answer covers the same issue in many units, and each waived defect names the answer it
/// applies.
public struct UnifiedAnswer: Hashable, Sendable, Codable {
    /// A short code people quote (`KT-01`): letters, digits and dashes, stored in capitals.
    public var code: String
    public var title: String
    /// What buyers are told.
    public var text: String
    public var plan: ContingencyPlan

    public init(code: String, title: String, text: String, plan: ContingencyPlan) {
        self.code = code
        self.title = title
        self.text = text
        self.plan = plan
    }
}

/// The contingency plan (预案) behind an answer: what will be done, by whom, by when, and how
/// a buyer's question is handled at handover.
public struct ContingencyPlan: Hashable, Sendable, Codable {
    public var action: String
    public var owner: String
    public var due: Day
    public var buyerQuestions: String

    public init(action: String, owner: String, due: Day, buyerQuestions: String) {
        self.action = action
        self.owner = owner
        self.due = due
        self.buyerQuestions = buyerQuestions
    }
}

/// A change to an answer: the fields given replace what it said.
public struct AnswerChanges: Hashable, Sendable {
    public var title: String?
    public var text: String?
    public var action: String?
    public var owner: String?
    public var due: Day?
    public var buyerQuestions: String?

    public init(title: String? = nil, text: String? = nil, action: String? = nil, owner: String? = nil, due: Day? = nil,
                buyerQuestions: String? = nil) {
        self.title = title
        self.text = text
        self.action = action
        self.owner = owner
        self.due = due
        self.buyerQuestions = buyerQuestions
    }
}

/// What may be done with unified answers.
public enum AnswerRules {
    /// The code as stored: trimmed, in capitals; refused unless 1–16 letters, digits or dashes.
    public static func code(_ typed: String) throws(InspectionError) -> String {
        let code = typed.trimmingCharacters(in: .whitespaces).uppercased()
        guard (1...16).contains(code.count),
              code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw .invalidValue("answer code \"\(typed)\" must be 1 to 16 letters, digits or dashes (e.g. KT-01)")
        }
        return code
    }

    /// A new answer: a code not taken, and every field filled in.
    public static func define(_ answer: UnifiedAnswer, existing: UnifiedAnswer?) throws(InspectionError) -> UnifiedAnswer {
        var answer = answer
        answer.code = try code(answer.code)
        if existing != nil { throw .answerExists(answer.code) }
        return try complete(answer)
    }

    /// The answer after `changes`; a change that changes nothing is refused.
    public static func revise(_ answer: UnifiedAnswer, _ changes: AnswerChanges) throws(InspectionError) -> UnifiedAnswer {
        var revised = answer
        if let v = changes.title { revised.title = v }
        if let v = changes.text { revised.text = v }
        if let v = changes.action { revised.plan.action = v }
        if let v = changes.owner { revised.plan.owner = v }
        if let v = changes.due { revised.plan.due = v }
        if let v = changes.buyerQuestions { revised.plan.buyerQuestions = v }
        revised = try complete(revised)
        if revised == answer { throw .nothingToChange(answer.code) }
        return revised
    }

    /// Every field trimmed, none empty, none over 500 characters.
    static func complete(_ answer: UnifiedAnswer) throws(InspectionError) -> UnifiedAnswer {
        var a = answer
        func clean(_ value: String, _ field: String) throws(InspectionError) -> String {
            guard let cleaned = try DefectRules.cleanNote(value) else {
                throw .invalidValue("unified answer \(a.code) needs its \(field)")
            }
            return cleaned
        }
        a.title = try clean(a.title, "title (--title)")
        a.text = try clean(a.text, "answer text (--text)")
        a.plan.action = try clean(a.plan.action, "plan: what will be done (--action)")
        a.plan.owner = try clean(a.plan.owner, "plan: by whom (--owner)")
        a.plan.buyerQuestions = try clean(a.plan.buyerQuestions, "plan: how buyers' questions are handled (--buyer-questions)")
        return a
    }
}
