import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import Testing

/// The rectification deadline on a contractor's notice in every format, and overdue marked.
/// In the scripted project round 3 closed on 2026-10-19, so its deadline is 2026-10-26; on
/// 2026-11-23 the leak (failed in round 3, no claim since) is overdue.
@Suite struct DeadlineDocuments {
    @Test func theNoticeCarriesTheDeadlineAndMarksWhatIsOverdue() throws {
        let p = try ScriptedProject()
        let list = try RectificationList.load(store: p.store, contractor: ScriptedProject.waterproofing, all: false, today: ScriptedProject.today)
        #expect(list.deadline == Day("2026-10-26"))
        #expect(list.overdue == 1)
        let md = list.markdown()
        #expect(md.contains("- 整改期限：2026-10-26（逾期 1 项）\n"))
        #expect(md.contains("| 待整改 | 2026-10-26 逾期 |"))
        #expect(list.markdown(language: .en).contains("- Deadline: 2026-10-26 (1 overdue)\n"))
        let html = list.html()
        #expect(html.contains("<p class=\"meta deadline\"><strong>整改期限：2026-10-26（逾期 1 项）</strong></p>"))
        #expect(html.contains("<td class=\"deadline warn\">2026-10-26 逾期</td>"))
        // The same list the day of the deadline: nothing overdue yet.
        let onTime = try RectificationList.load(store: p.store, contractor: ScriptedProject.waterproofing, all: false, today: Day("2026-10-26")!)
        #expect(onTime.overdue == 0)
        #expect(onTime.markdown().contains("- 整改期限：2026-10-26\n"))
        // The CSV straight from the store says the same.
        let csv = String(decoding: try RectificationList.csv(store: p.store, contractor: ScriptedProject.waterproofing, all: false,
                                                             today: ScriptedProject.today), as: UTF8.self)
        #expect(csv.contains(",\"2026-10-26 逾期\","))
    }

    @Test func theReportOfAClosedRoundNamesTheDeadlineItSet() throws {
        let p = try ScriptedProject()
        let report = try AcceptanceReport.load(store: p.store, round: 3, today: ScriptedProject.today)
        #expect(report.actions(.zh).contains("整改期限：2026-10-26。施工单位须在此前完成本轮遗留的 2 项问题的整改并报整改。"))
        let round1 = try AcceptanceReport.load(store: p.store, round: 1, today: ScriptedProject.today)
        #expect(round1.board.roundDeadline == Day("2026-10-06"))
    }

    @Test func theBoardCountsOverdueDefectsPerContractor() throws {
        let p = try ScriptedProject()
        let board = try p.store.board(round: nil, today: ScriptedProject.today)
        #expect(board.rectificationDeadline == Day("2026-10-26"))
        let names = Dictionary(board.overdue.map { (board.contractorName($0.key), $0.value) }, uniquingKeysWith: +)
        // The leak failed in round 3 with no claim since; so did the scratched glass.
        #expect(names == [ScriptedProject.waterproofing: 1, ScriptedProject.windows: 1])
        let text = BoardText.render(board, checklists: try p.store.checklists())
        #expect(text.last == "rectification deadline: 2026-10-26; overdue (open without a claim after it): 2 — \(ScriptedProject.windows) 1, \(ScriptedProject.waterproofing) 1")
    }
}
