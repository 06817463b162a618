import Foundation
import InspectionCore
import InspectionStore
import Testing

@Suite struct DefectStoreTests {
    /// A world with one defect found in round 1 on 1-1-0101's entry door, round 2 open.
    func worldInRoundTwo(item: String = "DW-01", room: String? = nil) throws -> (World, String) {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101", item, room: room)
        try world.passAllAndClose()
        try world.openRound()
        return (world, code)
    }

    @Test func newDefectIsOpenWithTheTradesContractor() throws {
        let world = try World()
        try world.openRound()
        let code = try world.addDefect("1-1-0101", "LK-01", room: "主卫")
        let detail = try world.store.defect(code: code)
        #expect(detail.defect.status == .open)
        #expect(detail.defect.roundFound == 1)
        #expect(detail.defect.contractor == world.contractors["防水甲"]?.id)
        #expect(detail.summary.contractor == "防水甲")
        #expect(detail.summary.unitCode == "1-1-0101")
        #expect(detail.summary.room == "主卫")
        #expect(detail.summary.category == "leaks")
        #expect(detail.summary.inspector == "王工")
        #expect(detail.history.map(\.body.kind) == ["defect.found"])
    }

    @Test func rectifiedDefectClosesOnAPassingRecheck() throws {
        let (world, code) = try worldInRoundTwo()
        try world.rectify(code)
        #expect(try world.status(code) == .rectified)
        try world.recheck(code, passed: true)
        let detail = try world.store.defect(code: code)
        #expect(detail.defect.status == .closed)
        #expect(detail.summary.closedRound == 2)
        #expect(detail.summary.failedRechecks == 0)
        #expect(detail.summary.rectificationNote == "已整改")
    }

    @Test func failingRecheckReopensWithOneMoreFailure() throws {
        let (world, code) = try worldInRoundTwo()
        try world.rectify(code)
        try world.recheck(code, passed: false)
        let summary = try world.store.defect(code: code).summary
        #expect(summary.status == .open)
        #expect(summary.failedRechecks == 1)
        #expect(summary.closedRound == nil)
    }

    @Test func failingRecheckWorksWithoutARectification() throws {
        let (world, code) = try worldInRoundTwo()
        try world.recheck(code, passed: false)
        #expect(try world.status(code) == .open)
        #expect(try world.store.defect(code: code).summary.failedRechecks == 1)
    }

    @Test func waiveNeedsAKnownAnswerAndAnApproverAndStopsBlockingReadiness() throws {
        let (world, code) = try worldInRoundTwo()
        #expect(try world.store.readiness().blockingUnits == ["1-1-0101"])
        var beam = World.structuralAnswer
        beam.code = "JG-02"
        beam.text = "  结构梁位置，设计如此 "
        try world.defineAnswer(beam)
        let before = try world.eventCount()
        #expect(throws: InspectionError.unknownAnswer("   ")) { try world.waive(code, answer: "   ") }
        #expect(throws: InspectionError.unknownAnswer("JG-09")) { try world.waive(code, answer: "JG-09") }
        #expect(throws: InspectionError.approverRequired) { try world.waive(code, answer: "JG-02", approvedBy: "  ") }
        #expect(try world.eventCount() == before)
        try world.waive(code, answer: "jg-02", approvedBy: "王经理")
        let summary = try world.store.defect(code: code).summary
        #expect(summary.status == .waived)
        #expect(summary.waiver == "结构梁位置，设计如此")
        #expect(summary.answerCode == "JG-02")
        #expect(summary.approvedBy == "王经理")
        #expect(try world.store.readiness().blockingUnits == [])
        // Nothing blocks, but one closed round is not three.
        #expect(try world.store.readiness().lackingRounds == ["1-1-0101", "1-1-0102"])
        #expect(try world.store.readiness().ready == 0)
    }

    @Test func closedDefectRefusesEveryFurtherStep() throws {
        let (world, code) = try worldInRoundTwo()
        try world.recheck(code, passed: true)
        let before = try world.eventCount()
        #expect(throws: InspectionError.defectClosed(code)) { try world.rectify(code) }
        #expect(throws: InspectionError.defectClosed(code)) { try world.waive(code) }
        #expect(throws: InspectionError.defectClosed(code)) { try world.reassign(code, to: "防水乙") }
        try world.passAllAndClose()
        try world.openRound()
        let opened = try world.eventCount()
        #expect(throws: InspectionError.defectClosed(code)) { try world.recheck(code, passed: true) }
        #expect(try world.eventCount() == opened)
        #expect(opened == before + 4)  // pass remaining in both units, close, open
    }

    @Test func waivedDefectRefusesEveryFurtherStep() throws {
        let (world, code) = try worldInRoundTwo()
        try world.waive(code)
        let before = try world.eventCount()
        #expect(throws: InspectionError.defectWaived(code)) { try world.rectify(code) }
        #expect(throws: InspectionError.defectWaived(code)) { try world.recheck(code, passed: true) }
        #expect(throws: InspectionError.defectWaived(code)) { try world.waive(code) }
        #expect(try world.eventCount() == before)
    }

    @Test func markCodesAreShortUniqueAndFoundHoweverTyped() throws {
        let world = try World()
        try world.openRound()
        var codes: [String] = []
        for unit in ["1-1-0101", "1-1-0102"] {
            for (item, room) in [("DW-01", nil), ("HL-01", "厨房"), ("HL-01", "主卫"), ("LK-01", "主卫"), ("HL-01", "公卫"), ("LK-01", "公卫")] {
                for _ in 0..<5 { codes.append(try world.addDefect(unit, item, room: room)) }
            }
        }
        #expect(codes.count == 60)
        #expect(Set(codes).count == 60)
        for code in codes {
            #expect(code.count <= 10)
            #expect(code.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(code.hasPrefix("1-"))
        }
        let code = codes[17]
        let typed = code.lowercased().replacingOccurrences(of: "-", with: "")
        #expect(try world.store.defect(code: typed).summary.code.text == code)
        #expect(try world.store.defect(code: code.lowercased()).summary.code.text == code)
        #expect(try world.store.defectCodes(matching: String(typed.prefix(3))).contains(code))
        #expect(try world.store.defectCodes(matching: code.lowercased()) == [code])
        try world.write(as: "施工单位") { _ = try $0.rectify(code: typed, note: nil) }
        #expect(try world.status(code) == .rectified)
    }

    @Test func unknownDefectCodesAreRefused() throws {
        let (world, _) = try worldInRoundTwo()
        let before = try world.eventCount()
        #expect(throws: InspectionError.unknownDefect("1-ZZZZZ")) { try world.rectify("1-ZZZZZ") }
        #expect(throws: InspectionError.unknownDefect("not-a-code")) { try world.recheck("not-a-code", passed: true) }
        #expect(throws: InspectionError.unknownDefect("9-22222")) { try world.waive("9-22222") }
        #expect(throws: InspectionError.unknownDefect("1-ZZZZZ")) { try world.store.defect(code: "1-ZZZZZ") }
        #expect(try world.eventCount() == before)
    }

    @Test func defectListsFilterByUnitContractorStatusAndRound() throws {
        let world = try World()
        try world.openRound()
        let a = try world.addDefect("1-1-0101", "LK-01", room: "主卫")
        let b = try world.addDefect("1-1-0102", "DW-01")
        let c = try world.addDefect("1-1-0101", "DW-01", contractor: .none)
        try world.rectify(b)
        var byUnit = DefectFilter()
        byUnit.unitCode = "1-1-0101"
        #expect(Set(try world.store.defects(byUnit).map(\.code.text)) == [a, c])
        var byContractor = DefectFilter()
        byContractor.contractor = "防水甲"
        #expect(try world.store.defects(byContractor).map(\.code.text) == [a])
        var byStatus = DefectFilter()
        byStatus.status = .rectified
        #expect(try world.store.defects(byStatus).map(\.code.text) == [b])
        #expect(try world.store.defect(code: c).summary.contractor == nil)
    }
}
