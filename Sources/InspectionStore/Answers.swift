import Foundation
import GRDB
import InspectionCore

/// A unified answer as the project holds it: the answer, who defined and last revised it, and
/// the defects it has been applied to.
public struct AnswerRecord: Hashable, Sendable {
    public var answer: UnifiedAnswer
    public var definedBy: String
    public var definedAt: Date
    public var revisedBy: String?
    public var revisedAt: Date?
    public var revisions: Int
}

extension StoreTransaction {
    /// Defines a unified answer with its contingency plan; its code must be new.
    @discardableResult
    public func defineAnswer(_ answer: UnifiedAnswer) throws -> UnifiedAnswer {
        _ = try project()
        let code = try AnswerRules.code(answer.code)
        let defined = try AnswerRules.define(answer, existing: try InspectionStore.answer(db, code: code)?.answer)
        try append(.answerDefined(AnswerDefined(answer: defined)))
        return defined
    }

    /// Revises a unified answer: the fields given replace what it said; the event carries the
    /// whole answer as revised.
    @discardableResult
    public func reviseAnswer(code typed: String, _ changes: AnswerChanges) throws -> UnifiedAnswer {
        let code = try AnswerRules.code(typed)
        guard let record = try InspectionStore.answer(db, code: code) else { throw InspectionError.unknownAnswer(code) }
        let revised = try AnswerRules.revise(record.answer, changes)
        try append(.answerRevised(AnswerRevised(answer: revised)))
        return revised
    }

    /// A unified answer by its code, as this transaction sees it (nil: none).
    public func answer(code typed: String) throws -> UnifiedAnswer? {
        try InspectionStore.answer(db, code: try AnswerRules.code(typed))?.answer
    }

    /// Waives a defect that cannot be fixed before delivery: it applies a unified answer
    /// defined for the project, and names who approved it.
    public func waive(code: String, answer typed: String, approvedBy: String) throws -> Defect {
        let defect = try loadDefect(code: code)
        let answerCode = (try? AnswerRules.code(typed)) ?? typed
        let answer = try InspectionStore.answer(db, code: answerCode)?.answer
        let approver = UserText.line(approvedBy)
        try DefectRules.waive(defect, answer: answer, code: answerCode, approvedBy: approver)
        return try step(.defectWaived(DefectWaived(answer: answer!.text, answerCode: answerCode, approvedBy: approver)), defect: defect)
    }
}

extension InspectionStore {
    /// Every unified answer, by code.
    public func answers() throws -> [AnswerRecord] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM answer ORDER BY code").map(Self.answerRecord) }
    }

    /// One answer by its code (in any case), or nil.
    public func answer(code typed: String) throws -> AnswerRecord? {
        let code = try AnswerRules.code(typed)
        return try read { db in try Self.answer(db, code: code) }
    }

    /// The defects waived with an answer, in layout order; with `upToRound`, those waived up to
    /// the end of that round.
    public func defectsWaived(answer code: String, upToRound round: Int? = nil) throws -> [DefectSummary] {
        try read { db in
            try DefectSummary.fetchAll(db, where: "d.status = 'waived' AND d.answer_code = ? AND d.waived_round <= ?", [code, round ?? Int.max],
                                       orderBy: Self.layoutOrder)
        }
    }

    static let layoutOrder = "d.building, u.entrance, u.floor, u.number, d.code"

    static func answer(_ db: Database, code: String) throws -> AnswerRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM answer WHERE code = ?"), arguments: [code]).map(answerRecord)
    }

    static func answerRecord(_ row: Row) -> AnswerRecord {
        let due: String = row["due"]
        let plan = ContingencyPlan(action: row["action"], owner: row["owner"], due: Day(due) ?? Day(dayNumber: 0),
                                   buyerQuestions: row["buyer_questions"])
        return AnswerRecord(answer: UnifiedAnswer(code: row["code"], title: row["title"], text: row["text"], plan: plan),
                            definedBy: row["defined_by"], definedAt: EventCodec.date(row["defined_at"]),
                            revisedBy: row["revised_by"], revisedAt: (row["revised_at"] as Int64?).map(EventCodec.date),
                            revisions: row["revisions"])
    }
}
