import DefaultData
import Foundation
import InspectionCore
import ProjectFiles
import Testing

@Suite struct PlanFileTests {
    /// Buildings 1 (entrances 1 and 2) and 2 (entrance 1), two units each entrance.
    static let context: PlanContext = {
        let codes = ["1-1-0101", "1-1-0102", "1-2-0101", "1-2-0102", "2-1-0101", "2-1-0102"]
        let units = codes.map { code -> ProjectUnit in
            let p = code.split(separator: "-")
            return ProjectUnit(id: UUID(), building: String(p[0]), entrance: Int(p[1])!, floor: 1, number: Int(p[2].suffix(2))!, type: "A")
        }
        return PlanContext(units: units, categories: try! DefaultData.checklists().categories)
    }()

    static let good = """
        # 验收计划
        demonstration_unit: 1-1-0101
        rounds:
          - round: 1
            start: 2026-08-01
            finish: 2026-08-20
            batches:
              - name: 第一批
                buildings: ["1"]
                start: 2026-08-01
                finish: 2026-08-10
              - name: 第二批
                entrances: [2-1]
                start: 2026-08-11
                finish: 2026-08-20
            members:
              - name: 王工
                role: 工程
                categories: [hollowness, 渗漏]
              - name: 李敏
                role: 客服
                batches: [第二批]
                categories: [Doors and windows]
          - round: 2
            start: 2026-09-01
            finish: 2026-09-10
            members:
              - name: 王工
                role: 工程
            materials: [空鼓锤, "粉笔, 白色"]
        """

    func load(_ text: String) -> Result<ProjectPlan, FileProblems> {
        PlanFile.load(SourceFile(name: "plan.yaml", text: text), context: Self.context)
    }

    func problems(_ text: String) -> [String] {
        if case .failure(let f) = load(text) { return f.problems.map(\.description) }
        return []
    }

    /// `good` with one line replaced.
    func changing(_ old: String, to new: String) -> String {
        precondition(Self.good.contains(old), old)
        return Self.good.replacingOccurrences(of: old, with: new)
    }

    @Test func aGoodPlanReadsWithCategoriesAsIdsAndDefaultMaterials() throws {
        let plan = try load(Self.good).get()
        #expect(plan.demonstrationUnit == "1-1-0101")
        #expect(plan.rounds.map(\.number) == [1, 2])
        let one = plan.rounds[0]
        #expect(one.batches.map(\.name) == ["第一批", "第二批"])
        #expect(one.batches[1].entrances == [PlanEntrance(building: "2", entrance: 1)])
        #expect(one.members == [
            PlanMember(name: "王工", role: "工程", batches: [], categories: ["hollowness", "leaks"]),
            PlanMember(name: "李敏", role: "客服", batches: ["第二批"], categories: ["doors-windows"]),
        ])
        #expect(one.materials == PlanDefaults.materials)
        #expect(plan.rounds[1].materials == ["空鼓锤", "粉笔, 白色"])
        #expect(plan.rounds[1].batches.isEmpty)
    }

    @Test func exportReadsBackToTheSamePlan() throws {
        let plan = try load(Self.good).get()
        let text = PlanFile.yaml(plan, categories: Self.context.categories)
        #expect(try load(text).get() == plan)
        #expect(text.contains("categories: [\"hollowness\", \"leaks\"]  # 空鼓、渗漏"))
    }

    @Test func awkwardNamesSurviveTheRoundTrip() throws {
        var plan = try load(Self.good).get()
        plan.rounds[0].members[0].name = "O'Brien \"老王\" # 1: \\ x"
        plan.rounds[0].materials = ["- 标示贴", "[手电]", "#粉笔", "yes", "null", "1"]
        #expect(try load(PlanFile.yaml(plan, categories: Self.context.categories)).get() == plan)
    }

    @Test func theDemoPlanFitsTheDemoLayout() throws {
        let layout = try #require(DefaultData.text("fixtures/demo/layout.csv"))
        let types = Set(try DefaultData.checklists().unitTypes.map(\.id))
        let units = try LayoutFile.rows(data: Data(layout.utf8), file: "layout.csv").flatMap {
            LayoutRules.units(from: $0, file: "layout.csv", unitTypes: types, existingCodes: [], makeID: { UUID() })
        }.get()
        let text = try #require(DefaultData.text("fixtures/demo/plan.yaml"))
        let plan = try PlanFile.load(SourceFile(name: "plan.yaml", text: text),
                                     context: PlanContext(units: units, categories: try DefaultData.checklists().categories)).get()
        #expect(plan.rounds.count == 3)
        #expect(plan.demonstrationUnit == "1-1-0101")
    }

    // MARK: - Refusals, each at its line

    @Test func unknownBuildingIsRefusedAtItsLine() {
        #expect(problems(changing("buildings: [\"1\"]", to: "buildings: [\"1\", \"7\"]"))
            == ["plan.yaml:9: batch 第一批: unknown building 7 (buildings: 1, 2)"])
    }

    @Test func unknownEntranceAndMalformedEntranceAreRefused() {
        #expect(problems(changing("entrances: [2-1]", to: "entrances: [2-3]"))
            == ["plan.yaml:13: batch 第二批: unknown entrance 2-3"])
        #expect(problems(changing("entrances: [2-1]", to: "entrances: [二单元]"))
            == ["plan.yaml:13: batch 第二批: entrance \"二单元\" must be written building-entrance (3-1)"])
    }

    @Test func unknownCategoryIsRefusedAtItsLine() {
        #expect(problems(changing("categories: [hollowness, 渗漏]", to: "categories: [hollowness, 油漆]"))
            == ["plan.yaml:19: member 王工: unknown category 油漆 (categories: doors-windows, hollowness, leaks, protection)"])
    }

    @Test func datesOutOfOrderAreRefused() {
        #expect(problems(changing("    finish: 2026-08-20\n    batches", to: "    finish: 2026-07-20\n    batches")) == [
            "plan.yaml:6: round 1 finishes 2026-07-20, before it starts (2026-08-01)",
            "plan.yaml:11: batch 第一批 (2026-08-01 to 2026-08-10) is outside round 1 (2026-08-01 to 2026-07-20)",
            "plan.yaml:15: batch 第二批 (2026-08-11 to 2026-08-20) is outside round 1 (2026-08-01 to 2026-07-20)",
        ])
        #expect(problems(changing("start: 2026-09-01", to: "start: 2026-08-15"))
            == ["plan.yaml:25: round 2 starts 2026-08-15, before round 1 finishes (2026-08-20)"])
        #expect(problems(changing("start: 2026-08-11", to: "start: 2026-08-21"))
            == ["plan.yaml:15: batch 第二批 finishes 2026-08-20, before it starts (2026-08-21)"])
        #expect(problems(changing("start: 2026-08-11", to: "start: 2026-07-30"))
            == ["plan.yaml:14: batch 第二批 (2026-07-30 to 2026-08-20) is outside round 1 (2026-08-01 to 2026-08-20)",
                "plan.yaml:14: batch 第二批 starts 2026-07-30, before batch 第一批 (2026-08-01): batches are listed in order"])
        #expect(problems(changing("start: 2026-08-11", to: "start: 2026-8-11"))
            == ["plan.yaml:14: batch 第二批: start \"2026-8-11\" is not a date (YYYY-MM-DD)"])
    }

    @Test func aMemberTwiceInARoundIsRefused() {
        #expect(problems(changing("      - name: 李敏", to: "      - name: 王工"))
            == ["plan.yaml:20: round 1: member 王工 twice"])
    }

    @Test func otherMistakesAreRefusedAtTheirLines() {
        #expect(problems(changing("batches: [第二批]", to: "batches: [第三批]"))
            == ["plan.yaml:22: member 李敏: unknown batch 第三批 (batches of round 1: 第一批, 第二批)"])
        #expect(problems(changing("demonstration_unit: 1-1-0101", to: "demonstration_unit: 9-1-0101"))
            == ["plan.yaml:2: demonstration unit 9-1-0101 is not in the layout"])
        #expect(problems(changing("  - round: 2", to: "  - round: 3"))
            == ["plan.yaml:24: round 3 is in place 2: rounds are numbered 1, 2, 3 … in order"])
        #expect(problems(changing("entrances: [2-1]", to: "buildings: [\"1\"]"))
            == ["plan.yaml:12: batch 第二批: unit 1-1-0101 is in batch 第一批 too"])
        // The days for rectification are a project setting (yanfang settings), not the plan's.
        #expect(problems(changing("# 验收计划", to: "rectification_days: 10"))
            == ["plan.yaml:1: the plan has unknown field \"rectification_days\" (fields: demonstration_unit, rounds)"])
        #expect(problems(changing("        role: 客服\n", to: ""))
            == ["plan.yaml:20: member is missing \"role\""])
        #expect(problems(changing("    members:\n      - name: 王工\n        role: 工程\n        categories", to: "    staff:\n      - name: 王工\n        role: 工程\n        categories"))
            .first == "plan.yaml:16: round has unknown field \"staff\" (fields: round, start, finish, batches, members, materials)")
        #expect(problems("rounds: [") == ["plan.yaml:2: YAML syntax: did not find expected node content"])
    }
}
