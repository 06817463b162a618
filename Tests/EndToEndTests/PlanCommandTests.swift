import Foundation
import Testing

/// `yanfang plan`: a plan file imported, shown and exported, and a bad one refused whole.
@Suite(.serialized) struct PlanCommandTests {
    static let rows = "1,1,1,1,A\n1,1,1,2,B\n2,1,1,1,A\n2,1,1,2,B\n"
    static let plan = """
        demonstration_unit: 1-1-0101
        rounds:
          - round: 1
            start: 2026-11-02
            finish: 2026-11-20
            batches:
              - name: 第一批
                buildings: ["1"]
                start: 2026-11-02
                finish: 2026-11-10
              - name: 第二批
                buildings: ["2"]
                start: 2026-11-11
                finish: 2026-11-20
            members:
              - name: 王工
                role: 工程
                categories: [空鼓, 渗漏]
              - name: 李敏
                role: 客服
                categories: [doors-windows]

        """

    func write(_ ws: Workspace, _ name: String, _ text: String) throws -> String {
        let path = ws.path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aPlanIsImportedShownAndExportedBackToTheSamePlan() throws {
        let ws = try Workspace()
        let db = try ws.makeProject(rows: Self.rows)
        let file = try write(ws, "plan.yaml", Self.plan)
        #expect(try ws.yanfangOK("plan", "import", file, "--db", db) == "Imported the plan: 1 round, 2 batches, 2 members.\n")
        #expect(try ws.yanfangOK("plan", "show", "--db", db) == """
            Demonstration unit (示范户): 1-1-0101 · rectification between rounds: 7 days (a project setting)
            Rectification deadline (整改期限) at the next close: 7 days after a round closes
            Round 1: 2026-11-02 to 2026-11-20, 4 units in scope
              batch 第一批 (1): 2026-11-02 to 2026-11-10, 2 units
              batch 第二批 (2): 2026-11-11 to 2026-11-20, 2 units
              member 王工 (工程): every batch; 空鼓 hollowness, 渗漏 leaks
              member 李敏 (客服): every batch; 门窗 doors-windows
              materials: 空鼓锤, 粉笔, 标示贴, 手电, 水桶/闭水用具, 淋水设备, 卷尺, 靠尺, 塞尺

            """)
        let exported = ws.path("exported.yaml")
        try ws.yanfangOK("plan", "export", "--db", db, "--out", exported)
        let first = try String(contentsOfFile: exported, encoding: .utf8)
        try ws.yanfangOK("plan", "import", exported, "--db", db)
        #expect(try ws.yanfangOK("plan", "export", "--db", db) == first)
        struct Shown: Decodable {
            struct Round: Decodable { var number: Int; var units: Int; var batches: [Batch] }
            struct Batch: Decodable { var name: String; var units: Int }
            var rounds: [Round]
        }
        let shown = try ws.json(Shown.self, "plan", "show", "--round", "1", "--json", "--db", db)
        #expect(shown.rounds.map(\.number) == [1])
        #expect(shown.rounds[0].batches.map(\.name) == ["第一批", "第二批"])
        // The plan is in the history: a rebuild gives it back.
        try ws.yanfangOK("rebuild", "--db", db)
        #expect(try ws.yanfangOK("plan", "export", "--db", db) == first)
    }

    @Test func aBadPlanIsRefusedWholeWithItsLinesAndTheFileIsUntouched() throws {
        let ws = try Workspace()
        let db = try ws.makeProject(rows: Self.rows)
        let bad = Self.plan.replacingOccurrences(of: "buildings: [\"2\"]", with: "buildings: [\"5\"]")
            .replacingOccurrences(of: "[doors-windows]", with: "[油漆]")
        let file = try write(ws, "bad.yaml", bad)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let result = try ws.yanfang("plan", "import", file, "--db", db)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            \(file):12: batch 第二批: unknown building 5 (buildings: 1, 2)
            \(file):21: member 李敏: unknown category 油漆 (categories: doors-windows, hollowness, leaks, protection)
            yanfang: 2 problems; nothing was changed

            """)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        let none = try ws.yanfang("plan", "show", "--db", db)
        #expect(none.status == 1 && none.stderr == "yanfang: the project has no plan yet (yanfang plan import plan.yaml)\n")
    }
}

extension PlanCommandTests {
    /// On the fixed day (2026-11-23; delivery 2027-03-01), the plan above: one round, starting
    /// after round 1's latest start (2026-12-01 is not passed, but 11-02 is fine), so what it
    /// says is fewer rounds, no one on 成品保护, and a round not opened three weeks after its start.
    @Test func planCheckSaysWhatThePlanMisses() throws {
        let ws = try Workspace()
        let db = try ws.makeProject(rows: Self.rows)
        try ws.yanfangOK("plan", "import", try write(ws, "plan.yaml", Self.plan), "--db", db)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        #expect(try ws.yanfangOK("plan", "check", "--db", db) == """
            warning: only 1 round planned (at least 3)
            warning: round 1: no one covers Finished-product protection
            warning: round 1 was planned to start 2026-11-02 and has not opened

            """)
        struct Warning: Decodable { var kind: String; var messageZh: String }
        let json = try ws.json([Warning].self, "plan", "check", "--json", "--db", db)
        #expect(json.map(\.kind) == ["plan-fewer-than-three-rounds", "plan-category-uncovered", "plan-behind"])
        #expect(json[1].messageZh == "第 1 轮：无人负责成品保护")
        // The board says the same.
        struct Board: Decodable { struct W: Decodable { var kind: String }; var planWarnings: [W] }
        #expect(try ws.json(Board.self, "board", "--json", "--db", db).planWarnings.map(\.kind) == json.map(\.kind))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }
}

extension PlanCommandTests {
    @Test func aRoundsPrintablePlanIsExportedAsHTMLOrMarkdown() throws {
        let ws = try Workspace()
        let db = try ws.makeProject(rows: Self.rows)
        try ws.yanfangOK("plan", "import", try write(ws, "plan.yaml", Self.plan), "--db", db)
        let md = try ws.yanfangOK("plan", "export", "--round", "1", "--format", "md", "--db", db)
        #expect(md.hasPrefix("# 单轮验收计划 · 第 1 轮 · 测试项目\n"))
        #expect(md.contains("| 第二批 | 2 | 2 | 2026-11-11 | 2026-11-20 |\n"))
        let html = ws.path("round1.html")
        let wrote = try ws.yanfang("plan", "export", "--round", "1", "--format", "html", "--out", html, "--db", db)
        #expect(wrote.status == 0 && wrote.stderr == "Wrote \(html)\n")
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<h2>三、人员及分工</h2>"))
        let english = try ws.yanfangOK("--lang", "en", "plan", "export", "--round", "1", "--format", "md", "--db", db)
        #expect(english.hasPrefix("# Round inspection plan · Round 1 · 测试项目\n"))
        let noRound = try ws.yanfang("plan", "export", "--format", "html", "--db", db)
        #expect(noRound.status == 64 && noRound.stderr.hasPrefix("Error: --format html prints one round's plan: give --round N\n"))
        let unknown = try ws.yanfang("plan", "export", "--round", "4", "--format", "md", "--db", db)
        #expect(unknown.status == 1 && unknown.stderr == "yanfang: the plan has no round 4 (rounds 1 to 1)\n")
    }
}

extension PlanCommandTests {
    /// The plan's reading commands leave the file byte for byte as it was, and nothing beside it.
    @Test func readingThePlanNeverWrites() throws {
        let ws = try Workspace()
        let db = try ws.makeProject(rows: Self.rows)
        try ws.yanfangOK("plan", "import", try write(ws, "plan.yaml", Self.plan), "--db", db)
        try ws.yanfangOK("round", "open", "--db", db)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let sidecars = { ["-wal", "-shm", "-journal"].filter { FileManager.default.fileExists(atPath: db + $0) } }
        #expect(sidecars() == [])
        for arguments in [["plan", "show"], ["plan", "show", "--round", "1", "--json"], ["plan", "export"],
                          ["plan", "export", "--round", "1", "--format", "md"], ["plan", "export", "--round", "1", "--format", "html", "--out", ws.path("p.html")],
                          ["plan", "check"], ["plan", "check", "--json"], ["board", "--json"], ["report", "--format", "md"]] {
            let result = try ws.yanfang(arguments + ["--db", db])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "\(arguments) changed the file")
            #expect(sidecars() == [], "\(arguments) left \(sidecars())")
        }
    }
}

extension PlanCommandTests {
    /// The days for rectification between rounds are a project setting: `plan check` warns
    /// when the plan leaves fewer.
    @Test func rectificationDaysAreSetWithSettingsAndCheckedAgainstThePlan() throws {
        let ws = try Workspace()
        let db = try ws.makeProject(rows: Self.rows)
        let three = """
            rounds:
              - round: 1
                start: 2026-11-02
                finish: 2026-11-20
              - round: 2
                start: 2026-11-30
                finish: 2026-12-10
              - round: 3
                start: 2026-12-20
                finish: 2027-01-10

            """
        try ws.yanfangOK("plan", "import", try write(ws, "plan.yaml", three), "--db", db)
        let check = { try ws.yanfangOK("plan", "check", "--db", db).split(separator: "\n").filter { $0.contains("rectification") } }
        #expect(try check() == [])
        // The days never set, the plan gives round 1's close the next round's planned start.
        #expect(try ws.yanfangOK("settings", "--db", db).contains("rectification deadline: until the next round's planned start (2026-11-30)\n"))
        #expect(try ws.yanfangOK("settings", "--rectification-days", "10", "--db", db).contains("rectification deadline: 10 days after a round closes\n"))
        #expect(try check() == ["warning: 9 days for rectification between round 1 (finishes 2026-11-20) and round 2 (starts 2026-11-30); the project's setting is 10 (yanfang settings --rectification-days)",
                                "warning: 9 days for rectification between round 2 (finishes 2026-12-10) and round 3 (starts 2026-12-20); the project's setting is 10 (yanfang settings --rectification-days)"])
        let bad = try ws.yanfang("settings", "--rectification-days", "400", "--db", db)
        #expect(bad.status == 1 && bad.stderr == "yanfang: the rectification deadline is a number of days from 1 to 90 after a round closes, not 400\n")
    }
}

extension PlanCommandTests {
    /// `yanfang demo` comes with its plan, dated for the day it is built (2026-11-23 here, so
    /// round 2 is planned from 11-17, when the demo opens it); --no-plan leaves it out.
    @Test func theDemoComesWithItsPlanDatedForItsDay() throws {
        let ws = try Workspace()
        let db = try ws.makeDemo(plan: true)
        let shown = try ws.yanfangOK("plan", "show", "--db", db)
        #expect(shown.contains("Round 2: 2026-11-17 to 2026-12-05, 86 units in scope\n"), "\(shown)")
        #expect(shown.contains("Rectification deadline (整改期限) at the next close: until the next round's planned start (2026-12-12)\n"))
        #expect(try ws.yanfangOK("settings", "--db", db).contains("rectification deadline: until the next round's planned start (2026-12-12)\n"))
        let bare = try ws.makeDemo("bare.db")
        #expect(try ws.yanfang("plan", "show", "--db", bare).status != 0)
    }
}
