import Foundation
import InspectionCore
import Testing

@Suite struct DefectLifecycleTests {
    @Test func foundDefectIsOpen() throws {
        let contractor = UUID()
        var history = History()
        history.found(round: 1, contractor: contractor)
        let defect = try #require(history.fold())
        #expect(defect.id == history.defect)
        #expect(defect.unit == history.unit)
        #expect(defect.code.text == "1-K7P3Q")
        #expect(defect.status == .open)
        #expect(defect.roundFound == 1)
        #expect(defect.failedRechecks == 0)
        #expect(defect.flag == nil)
        #expect(defect.contractor == contractor)
        #expect(defect.room == "入户门")
        #expect(defect.item == "DW-01")
        #expect(defect.inspector == "王工")
        #expect(defect.rechecks.isEmpty)
    }

    @Test func passingRecheckClosesARectifiedDefect() throws {
        var history = History()
        history.found(round: 1)
        history.rectified(round: 1, note: "已更换锁芯")
        let rectified = try #require(history.fold())
        #expect(rectified.status == .rectified)
        #expect(rectified.rectificationNote == "已更换锁芯")
        history.rechecked(round: 2, passed: true)
        let closed = try #require(history.fold())
        #expect(closed.status == .closed)
        #expect(closed.closedRound == 2)
        #expect(closed.failedRechecks == 0)
        #expect(closed.rechecks.map(\.round) == [2])
        #expect(closed.rechecks.map(\.passed) == [true])
    }

    @Test func failingRecheckSendsDefectBackToOpenAndCountsIt() throws {
        var history = History()
        history.found(round: 1)
        history.rectified(round: 1)
        history.rechecked(round: 2, passed: false)
        let defect = try #require(history.fold())
        #expect(defect.status == .open)
        #expect(defect.failedRechecks == 1)
        #expect(defect.closedRound == nil)
        #expect(defect.rechecks.map(\.passed) == [false])
    }

    @Test func rectifyIsOptionalBeforeARecheck() throws {
        var failing = History()
        failing.found(round: 1)
        failing.rechecked(round: 2, passed: false)
        #expect(failing.fold()?.status == .open)
        #expect(failing.fold()?.failedRechecks == 1)

        var passing = History()
        passing.found(round: 1)
        passing.rechecked(round: 2, passed: true)
        #expect(passing.fold()?.status == .closed)
        #expect(passing.fold()?.closedRound == 2)
    }

    @Test func waiveRecordsTheAnswerAndStopsBlocking() throws {
        var history = History()
        history.found(round: 1)
        history.waived(round: 2, answer: "结构原因，交付时统一解释")
        let defect = try #require(history.fold())
        #expect(defect.status == .waived)
        #expect(defect.waiver == "结构原因，交付时统一解释")
        #expect(defect.waivedRound == 2)
        #expect(!defect.status.blocksDelivery)
        #expect(DefectStatus.open.blocksDelivery)
        #expect(DefectStatus.rectified.blocksDelivery)
        #expect(!DefectStatus.closed.blocksDelivery)
    }

    static let answer = UnifiedAnswer(code: "JG-01", title: "结构梁", text: "结构原因，设计如此",
                                      plan: ContingencyPlan(action: "出具设计说明", owner: "工程部", due: Day("2026-12-01")!, buyerQuestions: "工程师解释"))

    @Test func waiveRequiresAKnownAnswerAndAnApprover() throws {
        var history = History()
        history.found()
        let defect = try #require(history.fold())
        #expect(throws: InspectionError.unknownAnswer("JG-09")) { try DefectRules.waive(defect, answer: nil, code: "JG-09", approvedBy: "王经理") }
        #expect(throws: InspectionError.approverRequired) { try DefectRules.waive(defect, answer: Self.answer, code: "JG-01", approvedBy: "  ") }
        try DefectRules.waive(defect, answer: Self.answer, code: "JG-01", approvedBy: "王经理")
    }

    @Test func closedDefectRefusesRectifyRecheckWaiveAndReassign() throws {
        var history = History()
        history.found(round: 1)
        history.rechecked(round: 2, passed: true)
        let closed = try #require(history.fold())
        #expect(throws: InspectionError.defectClosed("1-K7P3Q")) { try DefectRules.rectify(closed) }
        #expect(throws: InspectionError.defectClosed("1-K7P3Q")) { try DefectRules.recheck(closed, openRound: 3) }
        #expect(throws: InspectionError.defectClosed("1-K7P3Q")) { try DefectRules.waive(closed, answer: Self.answer, code: "JG-01", approvedBy: "王经理") }
        #expect(throws: InspectionError.defectClosed("1-K7P3Q")) { try DefectRules.reassign(closed) }
    }

    @Test func waivedDefectRefusesRectifyRecheckWaiveAndReassign() throws {
        var history = History()
        history.found(round: 1)
        history.waived(round: 1)
        let waived = try #require(history.fold())
        #expect(throws: InspectionError.defectWaived("1-K7P3Q")) { try DefectRules.rectify(waived) }
        #expect(throws: InspectionError.defectWaived("1-K7P3Q")) { try DefectRules.recheck(waived, openRound: 2) }
        #expect(throws: InspectionError.defectWaived("1-K7P3Q")) { try DefectRules.waive(waived, answer: Self.answer, code: "JG-01", approvedBy: "王经理") }
        #expect(throws: InspectionError.defectWaived("1-K7P3Q")) { try DefectRules.reassign(waived) }
    }

    @Test func stepsAfterClosingDoNotChangeTheFold() throws {
        var history = History()
        history.found(round: 1)
        history.rechecked(round: 2, passed: true)
        let closed = try #require(history.fold())
        history.rectified(round: 2)
        history.rechecked(round: 2, passed: true)
        history.waived(round: 2)
        history.reassigned(round: 2, to: UUID())
        #expect(history.fold() == closed)
        // Only a later round's re-check (a round of scope `all` lists closed defects) reaches it.
        history.rechecked(round: 3, passed: false)
        #expect(history.fold()?.status == .open)
    }

    @Test func oneRecheckPerDefectPerRound() throws {
        var history = History()
        history.found(round: 1)
        history.rechecked(round: 2, passed: false)
        let defect = try #require(history.fold())
        #expect(throws: InspectionError.alreadyRechecked(code: "1-K7P3Q", round: 2)) {
            try DefectRules.recheck(defect, openRound: 2)
        }
        try DefectRules.recheck(defect, openRound: 3)
    }

    @Test func recheckNeedsAnOpenRound() throws {
        var history = History()
        history.found(round: 1)
        let defect = try #require(history.fold())
        #expect(throws: InspectionError.noOpenRound) { try DefectRules.recheck(defect, openRound: nil) }
    }

    @Test func revertedFindingLeavesNoDefect() {
        var history = History()
        let finding = history.found(round: 1)
        history.rectified(round: 1)
        history.reverted(finding, round: 1)
        #expect(history.fold() == nil)
    }

    @Test func revertedFailingRecheckRestoresCountAndFlag() throws {
        let contractor = UUID()
        var history = History()
        history.found(round: 1, contractor: contractor)
        history.rectified(round: 1)
        history.rechecked(round: 2, passed: false)
        history.rectified(round: 2)
        let before = try #require(history.fold())
        let second = history.rechecked(round: 3, passed: false)
        let flagged = try #require(history.fold())
        #expect(flagged.failedRechecks == 2)
        #expect(flagged.flags == [PenaltyFlag(round: 3, contractor: contractor, afterClaim: 2, withoutClaim: 0)])
        history.reverted(second, round: 3)
        let after = try #require(history.fold())
        #expect(after == before)
        #expect(after.status == .rectified)
        #expect(after.failedRechecks == 1)
        #expect(after.flag == nil)
    }

    @Test func notesAreCleanedToOneTrimmedLine() throws {
        #expect(try DefectRules.cleanNote(nil) == nil)
        #expect(try DefectRules.cleanNote("   ") == nil)
        #expect(try DefectRules.cleanNote("  门锁\r\n卡阻\n严重 ") == "门锁 卡阻 严重")
        #expect(try DefectRules.cleanNote(String(repeating: "漏", count: 500)) == String(repeating: "漏", count: 500))
        #expect(throws: InspectionError.invalidValue("a note is at most 500 characters (this one has 501)")) {
            try DefectRules.cleanNote(String(repeating: "漏", count: 501))
        }
    }
}
