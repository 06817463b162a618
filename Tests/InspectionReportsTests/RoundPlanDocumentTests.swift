import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import Testing

/// The printable round plan (单轮验收计划), on the scripted project (buildings 1 and 2) with a
/// plan of two batches and three members, one of them with a name that is markup.
@Suite(.serialized) struct RoundPlanDocumentTests {
    static func document() throws -> RoundPlanDocument {
        let p = try ScriptedProject()
        let d = { (text: String) in Day(text)! }
        let round = RoundPlan(number: 1, start: d("2026-09-24"), finish: d("2026-10-10"), batches: [
            PlanBatch(name: "第一批", start: d("2026-09-24"), finish: d("2026-10-01"), buildings: ["1"]),
            PlanBatch(name: "第二批", start: d("2026-10-02"), finish: d("2026-10-10"), buildings: ["2"]),
        ], members: [
            PlanMember(name: "王建国", role: "工程", categories: ["hollowness", "leaks"]),
            PlanMember(name: "李敏", role: "客服", categories: ["doors-windows"]),
            PlanMember(name: "<b>张|磊</b>", role: "监理", batches: ["第二批"]),
        ], materials: ["空鼓锤", "粉笔", "标示贴"])
        let plan = ProjectPlan(demonstrationUnit: "1-1-0101", rounds: [round])
        try p.store.write(ScriptedProject.context(0)) { _ = try $0.importPlan(plan, source: "plan.yaml") }
        return try RoundPlanDocument.load(store: p.store, round: 1)
    }

    @Test func theMarkdownPlanHasDatesBatchesTeamStandardsAndMaterials() throws {
        let md = try Self.document().markdown()
        #expect(md.hasPrefix("# 单轮验收计划 · 第 1 轮 · 脚本项目\n\n## 一、时间安排\n\n"))
        for line in [
            "| 本轮时间 | 2026-09-24 – 2026-10-10 |",
            "| 示范户（培训） | 1-1-0101 |",
            "| 第一批 | 1 | 2 | 2026-09-24 | 2026-10-01 |",
            "| 第二批 | 2 | 1 | 2026-10-02 | 2026-10-10 |",
            "| 王建国 | 工程 | 全部批次 | 空鼓、渗漏 |",
            "| 李敏 | 客服 | 全部批次 | 门窗 |",
            "| \\<b\\>张\\|磊\\</b\\> | 监理 | 第二批 | 全部类别 |",
            "负责人：王建国、\\<b\\>张\\|磊\\</b\\>",
            "| DW-16 | 窗框与墙体缝隙（有外窗的房间） | 观察 | 窗框与墙体间缝隙填嵌饱满，并采用密封胶密封；打胶连续、无漏打、无开裂 | GB 50210-2018 §6.3.7 |",
            "- [ ] 空鼓锤",
            "- [ ] 标示贴",
        ] {
            #expect(md.contains(line + "\n"), "missing: \(line)")
        }
        for heading in ["## 二、分批验收", "## 三、人员及分工", "## 四、验收内容与验收标准", "### 门窗", "### 成品保护", "## 五、物资准备"] {
            #expect(md.contains("\n" + heading + "\n"), "missing: \(heading)")
        }
    }

    @Test func theHTMLPlanIsEscapedAndPrintsOnA4() throws {
        let html = try Self.document().html()
        #expect(html.contains("@page { size: A4;"))
        #expect(html.contains("<td>&lt;b&gt;张|磊&lt;/b&gt;</td>"))
        #expect(!html.contains("<b>张"))
        #expect(html.contains("<li>☐ 空鼓锤</li>"))
        let english = try Self.document().html(language: .en)
        #expect(english.contains("<h1>Round inspection plan · Round 1</h1>"))
        #expect(english.contains("<h2>4. What is checked, and the standard</h2>"))
    }

    @Test func thePrintedPlanKeepsItsChineseHeadings() throws {
        let text = try printedText(ofHTML: try Self.document().html())
        for heading in ["单轮验收计划", "一、时间安排", "二、分批验收", "三、人员及分工", "四、验收内容与验收标准", "五、物资准备",
                        "第一批", "王建国", "空鼓锤", "GB 50210-2018"] {
            #expect(text.contains(heading), "missing \(heading)")
        }
    }
}

/// The mock acceptance report of a round with a plan compares the two.
@Suite struct ReportAgainstThePlanTests {
    @Test func theReportComparesTheRoundWithItsPlan() throws {
        let p = try ScriptedProject()
        let rounds = try p.store.rounds()
        let three = try #require(rounds.first { $0.number == 3 })
        let d = { (text: String) in Day(text)! }
        let plan = ProjectPlan(rounds: (1...3).map { n in
            RoundPlan(number: n, start: d(["2026-08-01", "2026-08-20", "2026-09-03"][n - 1]),
                      finish: d(["2026-08-10", "2026-08-30", "2026-09-13"][n - 1]), batches: n < 3 ? [] : [
                PlanBatch(name: "第一批", start: d("2026-09-03"), finish: d("2026-09-08"), buildings: ["1"]),
                PlanBatch(name: "第二批", start: d("2026-09-09"), finish: d("2026-09-13"), buildings: ["2"]),
            ], members: [PlanMember(name: "王建国", role: "工程"), PlanMember(name: "李敏", role: "客服", categories: ["doors-windows"])])
        })
        try p.store.write(ScriptedProject.context(70)) { _ = try $0.importPlan(plan, source: "plan.yaml") }
        let report = try AcceptanceReport.load(store: p.store, round: 3, today: ScriptedProject.today)
        let recorded = try p.store.resultsByActor(round: 3)["王建国"] ?? 0
        #expect(recorded > 0)
        let md = report.markdown()
        #expect(md.contains("\n## 九、与计划对比\n\n|  |  |\n|---|---|\n| 计划时间 | 2026-09-03 – 2026-09-13 |\n| 实际时间 | \(three.opened) – \(three.closed.map { "\($0)" } ?? "进行中") |\n"))
        #expect(md.contains("| 第一批 | 2 / 2 | 2026-09-08 | 已完成 |\n"))
        #expect(md.contains("| 第二批 | 1 / 1 | 2026-09-13 | 已完成 |\n"))
        #expect(md.contains("| 王建国 | 工程 | 3 / 3 |"))
        #expect(md.contains(" | \(recorded) |\n"))
        #expect(report.html().contains("<h2>九、与计划对比</h2>"))
        // Without a plan the report has no such section.
        #expect(!(try AcceptanceReport.load(store: ScriptedProject().store, round: 3, today: ScriptedProject.today).markdown().contains("九、")))
    }
}
