import Foundation
import InspectionCore
@testable import InspectionStore
import Testing

/// Unified answers (统一口径) are shared: one answer with its contingency plan covers many
/// defects, and each waiver names the answer and who approved it.
@Suite struct UnifiedAnswerTests {
    static let ceiling = UnifiedAnswer(
        code: "jg-05", title: "卫生间降板处顶棚高度不足", text: "该处为结构降板，高度符合设计，不影响使用",
        plan: ContingencyPlan(action: "出具设计变更说明并张贴于样板间", owner: "工程部 张磊", due: Day("2025-09-30")!,
                              buyerQuestions: "交付时由工程师带业主查看图纸，登记仍有异议者"))

    /// Three defects in three units, found in round 1; round 2 open.
    func worldWithThreeDefects() throws -> (World, [String]) {
        let world = try World(units: ["1-1-0101", "1-1-0102", "1-1-0201"])
        try world.openRound()
        let codes = try ["1-1-0201", "1-1-0101", "1-1-0102"].map { try world.addDefect($0) }
        try world.passAllAndClose()
        try world.openRound()
        return (world, codes)
    }

    @Test func oneAnswerCoversThreeDefects() throws {
        let (world, codes) = try worldWithThreeDefects()
        try world.defineAnswer(Self.ceiling)
        for (code, approver) in zip(codes, ["王经理", "王经理", "李总"]) { try world.waive(code, answer: "JG-05", approvedBy: approver) }

        let record = try #require(try world.store.answer(code: "JG-05"))
        #expect(record.answer.code == "JG-05")
        #expect(record.answer.title == "卫生间降板处顶棚高度不足")
        #expect(record.answer.plan == ContingencyPlan(action: "出具设计变更说明并张贴于样板间", owner: "工程部 张磊", due: Day("2025-09-30")!,
                                                      buyerQuestions: "交付时由工程师带业主查看图纸，登记仍有异议者"))
        #expect(record.definedBy == "客服" && record.revisedBy == nil && record.revisions == 0)
        // In layout order: 0101, 0102, 0201.
        let waived = try world.store.defectsWaived(answer: "JG-05")
        #expect(waived.map(\.code.text) == [codes[1], codes[2], codes[0]])
        #expect(waived.map(\.unitCode) == ["1-1-0101", "1-1-0102", "1-1-0201"])
        #expect(waived.map { $0.approvedBy ?? "" } == ["王经理", "李总", "王经理"])
        #expect(waived.allSatisfy { $0.status == .waived && $0.answerCode == "JG-05" && $0.waiver == "该处为结构降板，高度符合设计，不影响使用" })
        #expect(try world.store.readiness().blockingUnits == [])

        // The report's facts: the answer with its three defects.
        let facts = try world.store.roundFacts(2)
        #expect(facts.answers.count == 1)
        #expect(facts.answers[0].answer?.answer.code == "JG-05")
        #expect(facts.answers[0].defects.map(\.code.text) == [codes[1], codes[2], codes[0]])
        #expect(facts.rechecks == RecheckOutcomes(carried: 3, passed: 0, failed: 0, waived: 3, pending: 0))

        // The waiver's event carries the answer's code and text and the approver, as JSON.
        let waiver = try #require(try world.store.events().last { $0.body.kind == "defect.waived" })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try waiver.body.encodePayload(with: encoder), as: UTF8.self)
                == #"{"answer":"该处为结构降板，高度符合设计，不影响使用","answerCode":"JG-05","approvedBy":"李总"}"#)
        let defined = try #require(try world.store.events().first { $0.body.kind == "answer.defined" })
        #expect(String(decoding: try defined.body.encodePayload(with: encoder), as: UTF8.self) == """
            {"answer":{"code":"JG-05","plan":{"action":"出具设计变更说明并张贴于样板间","buyerQuestions":"交付时由工程师带业主查看图纸，登记仍有异议者",\
            "due":"2025-09-30","owner":"工程部 张磊"},"text":"该处为结构降板，高度符合设计，不影响使用","title":"卫生间降板处顶棚高度不足"}}
            """)
        #expect(try world.store.projectionDifferences() == ([], []))
    }

    @Test func aRevisionReplacesTheFieldsGivenAndKeepsTheDefects() throws {
        let (world, codes) = try worldWithThreeDefects()
        try world.defineAnswer(Self.ceiling)
        for code in codes { try world.waive(code, answer: "JG-05", approvedBy: "王经理") }
        try world.reviseAnswer("jg-05", AnswerChanges(owner: "工程部 李敏", due: Day("2025-10-15")!))

        let record = try #require(try world.store.answer(code: "JG-05"))
        #expect(record.answer.plan.owner == "工程部 李敏")
        #expect(record.answer.plan.due == Day("2025-10-15")!)
        #expect(record.answer.plan.action == "出具设计变更说明并张贴于样板间")
        #expect(record.answer.text == Self.ceiling.text)
        #expect(record.revisedBy == "客服" && record.revisions == 1)
        #expect(try world.store.defectsWaived(answer: "JG-05").count == 3)
        // The revision carries the whole answer, so the latest one rebuilds it alone.
        let revised = try #require(try world.store.events().last { $0.body.kind == "answer.revised" })
        guard case .answerRevised(let r) = revised.body else { Issue.record("not a revision"); return }
        #expect(r.answer == record.answer)
        #expect(try world.store.projectionDifferences() == ([], []))
    }

    @Test func refusalsChangeNothing() throws {
        let (world, codes) = try worldWithThreeDefects()
        try world.defineAnswer(Self.ceiling)
        let before = try world.eventCount()
        #expect(throws: InspectionError.answerExists("JG-05")) { try world.defineAnswer(Self.ceiling) }
        #expect(throws: InspectionError.unknownAnswer("JG-06")) { try world.reviseAnswer("JG-06", AnswerChanges(text: "x")) }
        #expect(throws: InspectionError.nothingToChange("JG-05")) { try world.reviseAnswer("JG-05", AnswerChanges(text: Self.ceiling.text)) }
        #expect(throws: InspectionError.unknownAnswer("JG-06")) { try world.waive(codes[0], answer: "JG-06", approvedBy: "王经理") }
        #expect(throws: InspectionError.approverRequired) { try world.waive(codes[0], answer: "JG-05", approvedBy: " ") }
        var empty = Self.ceiling
        empty.code = "JG-07"
        empty.plan.owner = "  "
        #expect(throws: InspectionError.invalidValue("unified answer JG-07 needs its plan: by whom (--owner)")) { try world.defineAnswer(empty) }
        var badCode = Self.ceiling
        badCode.code = "结构 1"
        #expect(throws: InspectionError.invalidValue("answer code \"结构 1\" must be 1 to 16 letters, digits or dashes (e.g. KT-01)")) {
            try world.defineAnswer(badCode)
        }
        #expect(try world.eventCount() == before)
    }

    /// A history recorded before answers were shared (a waiver carrying its text alone) still
    /// replays: the defect is waived with that text, and the report lists it apart.
    @Test func aWaiverWithoutAnAnswerStillReplays() throws {
        let (world, codes) = try worldWithThreeDefects()
        let defect = try world.store.defect(code: codes[0]).defect
        try world.write(as: "客服") { tx in _ = try tx.append(.defectWaived(DefectWaived(answer: "旧口径")), unit: defect.unit, defect: defect.id) }
        _ = try world.store.rebuild()
        let summary = try world.store.defect(code: codes[0]).summary
        #expect(summary.status == .waived && summary.waiver == "旧口径" && summary.answerCode == nil && summary.approvedBy == nil)
        let facts = try world.store.roundFacts(2)
        #expect(facts.answers.count == 1 && facts.answers[0].answer == nil && facts.answers[0].defects.map(\.code.text) == [codes[0]])
        #expect(try world.store.projectionDifferences() == ([], []))
    }
}
