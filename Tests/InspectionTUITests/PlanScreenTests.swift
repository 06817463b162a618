import Foundation
import InspectionCore
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

/// The demo (as of 2026-11-23, round 2 open since 11-17, 16 of 86 units done) with a plan:
/// round 2 from 11-17 to 12-07 in two batches, building 1 then buildings 2 and 3.
func planStore() throws -> InspectionStore {
    let store = try demoStore()
    let d = { (text: String) in Day(text)! }
    let member = { (name: String, role: String, batches: [String], categories: [String]) in
        PlanMember(name: name, role: role, batches: batches, categories: categories)
    }
    let round2 = RoundPlan(number: 2, start: d("2026-11-17"), finish: d("2026-12-07"), batches: [
        PlanBatch(name: "第一批", start: d("2026-11-17"), finish: d("2026-11-24"), buildings: ["1"]),
        PlanBatch(name: "第二批", start: d("2026-11-25"), finish: d("2026-12-07"), buildings: ["2", "3"]),
    ], members: [
        member("王建国", "工程", [], ["hollowness", "leaks"]),
        member("李敏", "客服", [], ["doors-windows", "protection"]),
        member("张磊", "监理", ["第一批"], ["doors-windows"]),
    ])
    let plan = ProjectPlan(demonstrationUnit: "1-1-0101", rounds: [
        RoundPlan(number: 1, start: d("2026-10-12"), finish: d("2026-10-26"), batches: [], members: [member("王建国", "工程", [], [])]),
        round2,
        RoundPlan(number: 3, start: d("2026-12-15"), finish: d("2027-01-10"), batches: [], members: [member("王建国", "工程", [], [])]),
    ])
    try store.write(ActionContext(actor: "组长", at: testNow, today: testToday)) { _ = try $0.importPlan(plan, source: "plan.yaml") }
    return store
}

@Suite struct PlanScreens {
    func screen(_ script: String, language: Language, width: Int, height: Int) throws -> [String] {
        try wholeScreen(try planStore(), script, language: language, width: width, height: height)
    }

    static let sizes = [(80, 24), (100, 30)]

    /// Home says, on one wrapped line, the first of the plan's warnings and how many more.
    @Test(arguments: [Language.zh, .en], sizes)
    func homeWithAPlanBehind(language: Language, size: (Int, Int)) throws {
        #expect(try screen("", language: language, width: size.0, height: size.1) == Self.expected["home_\(language)_\(size.0)x\(size.1)"]!)
    }

    /// The board's readiness view lists every plan warning under its own heading.
    @Test(arguments: [Language.zh, .en], sizes)
    func boardReadinessWithAPlanBehind(language: Language, size: (Int, Int)) throws {
        #expect(try screen("b3", language: language, width: size.0, height: size.1) == Self.expected["readiness_\(language)_\(size.0)x\(size.1)"]!)
    }

    /// A store with the plan and `who` as the inspector.
    func store(as who: String) throws -> InspectionStore {
        let store = try planStore()
        try store.setSetting(InspectionApp.inspectorKey, who)
        return store
    }

    /// 王建国 covers 空鼓 and 渗漏: his walkthrough (n: the next unit with work left) shows only
    /// their items, and says so with the key that shows the rest.
    @Test(arguments: [Language.zh, .en], sizes)
    func walkthroughFilteredToOneMembersCategories(language: Language, size: (Int, Int)) throws {
        #expect(try wholeScreen(try store(as: "王建国"), "n", language: language, width: size.0, height: size.1)
            == Self.expected["walkMine_\(language)_\(size.0)x\(size.1)"]!)
    }

    /// 张磊 covers 第一批 (building 1): his unit list shows its 32 units.
    @Test(arguments: [Language.zh, .en], sizes)
    func unitListNarrowedToOneMembersBatch(language: Language, size: (Int, Int)) throws {
        #expect(try wholeScreen(try store(as: "张磊"), "<enter>", language: language, width: size.0, height: size.1)
            == Self.expected["pickerMine_\(language)_\(size.0)x\(size.1)"]!)
    }

    /// `m` shows everything (never hidden for good) and narrows again.
    @Test func mShowsTheOtherCategoriesAndUnitsAndNarrowsAgain() throws {
        let walk = try wholeScreen(try store(as: "王建国"), "nm", language: .zh, width: 80, height: 24)
        #expect(walk[1] == " 1-2-0101  1栋 2单元 0101  全部类别 · m 只看我的  A 三室两厅两卫")
        #expect(walk.contains { $0.hasPrefix("   门窗") })
        let again = try wholeScreen(try store(as: "王建国"), "nmm", language: .zh, width: 80, height: 24)
        #expect(!again.contains { $0.hasPrefix("   门窗") })
        let list = try wholeScreen(try store(as: "张磊"), "<enter>m", language: .zh, width: 80, height: 24)
        #expect(list[1] == " 第 2 轮 · 已验 16/86 户  全部户 · m 只看我的")
        // Someone the plan does not name sees everything, as without a plan.
        let other = try wholeScreen(try store(as: "赵六"), "<enter>", language: .zh, width: 80, height: 24)
        #expect(other[1] == " 第 2 轮 · 已验 16/86 户")
    }

    /// Narrowed, `a` passes the rest of the room's items of the inspector's categories only.
    @Test func passingTheRestOfARoomPassesOnlyTheInspectorsCategories() throws {
        let store = try store(as: "王建国")
        let app = try makeApp(store)
        drive(app, "na")
        let unit = try #require(try store.unit(code: "1-2-0101"))
        let view = try store.unitRound(unit: unit, round: 2)
        let checklists = try store.checklists()
        let recorded = Set(view.results.outcomes.keys.compactMap { checklists.item($0.item)?.category })
        #expect(recorded == ["hollowness", "leaks"])
        #expect(view.results.outcomes.keys.allSatisfy { $0.room == "入户门" })
    }

    /// The board's plan view (7, there only with a plan): a row per batch, per member and
    /// for the round, then units per day.
    @Test(arguments: [Language.zh, .en], sizes)
    func boardProgressAgainstThePlan(language: Language, size: (Int, Int)) throws {
        #expect(try wholeScreen(try planStore(), "b7", language: language, width: size.0, height: size.1)
            == Self.expected["boardPlan_\(language)_\(size.0)x\(size.1)"]!)
    }

    @Test func withoutAPlanTheBoardHasSixViews() throws {
        let screen = try wholeScreen(try demoStore(), "b7", language: .zh, width: 80, height: 24)
        #expect(screen[2] == "  1 楼栋×类别   2 责任单位   3 准备度   4 重复整改   5 业主敏感   6 奖励")
        #expect(screen[23].hasPrefix(" 1-6 切换视图"))
    }

    /// Home's next unit is in the inspector's batches first: 张磊 on the second batch is sent
    /// to building 2, where 王建国 (every batch) is sent to building 1's next.
    @Test func homesNextUnitIsInTheInspectorsBatch() throws {
        let store = try self.store(as: "张磊")
        var plan = try #require(try store.plan())
        plan.rounds[1].members[2].batches = ["第二批"]
        try store.write(ActionContext(actor: "组长", at: testNow, today: testToday)) { _ = try $0.importPlan(plan, source: "plan.yaml") }
        let screen = try wholeScreen(store, "", language: .zh, width: 80, height: 24)
        #expect(screen.contains { $0.hasPrefix("  下一户    2-1-0101  2栋 1单元 0101") })
        let other = try wholeScreen(try self.store(as: "王建国"), "", language: .zh, width: 80, height: 24)
        #expect(other.contains { $0.hasPrefix("  下一户    1-2-0101  1栋 2单元 0101") })
    }

    /// In `yanfang training` every screen's title bar starts by saying it is practice.
    @Test func practiceSaysSoFirstOnTheTitleBar() throws {
        for (language, banner) in [(Language.zh, " 练习（不会写入项目） "), (.en, " PRACTICE (nothing reaches the project) ")] {
            var configuration = AppConfiguration(language: language, colorSupport: .eight, clock: { testNow }, today: { testToday })
            configuration.practice = true
            let app = try InspectionApp(store: try planStore(), configuration: configuration)
            for script in ["", "<enter>", "n", "b7"] {
                let terminal = drive(app, script, width: 80, height: 24)
                #expect(terminal.trimmedScreen[0].hasPrefix(banner), "\(script): \(terminal.trimmedScreen[0])")
            }
        }
    }

    static let expected: [String: [String]] = [
        "home_zh_80x24": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中         王建国",
            "",
            "  项目      云栖花园二期",
            "  交付日期  2027-02-15  剩 84 天  风险排查截止 2027-01-16（剩 54 天）",
            "  轮次      第 2 轮进行中（2026-11-17 开始）  已完成 1 轮，至少需 3 轮",
            "  本轮进度  已验 16/86 户  █████▍░░░░░░░░░░░░░░░░░░░░░░░  18.6%",
            "            复查 28/109 项",
            "  验收人    王建国  i 更换",
            "  协同      尚未同步 · 已知 1 台电脑  S 同步",
            "",
            "  下一户    1-2-0101  1栋 2单元 0101  按 n 进入",
            "",
            "  ! 计划：第 2 轮落后于计划：已验完 16 户，按计划今日应完成 28 户（另有 1",
            "  项，见 yanfang plan check）",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter 户号列表  n 下一户  b 问题看板  q 退出  / 查找  ? 帮助",
        ],
        "readiness_zh_80x24": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中         王建国",
            " 问题看板 · 第2轮进行中   [ ] 切换轮次   可交付率 0/86 = 0.0%（目标 98.0%）",
            "  1   2   3 准备度   4   5   6   7",
            "",
            " 可交付率 0/86 = 0.0%（目标 98.0%）",
            " ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   0.0%",
            " 交付 2027-02-15（剩 84 天） · 风险排查截止 2027-01-16（剩 54 天） ·",
            " 第一轮应不晚于 2026-11-15，实际 2026-10-12",
            " 计划提醒",
            " ! 第 2 轮落后于计划：已验完 16 户，按计划今日应完成 28 户",
            " ! 第一批落后于计划：已验完 16/32 户，按计划今日应完成 28 户",
            "",
            " 未达交付条件的户：验房不足 3 轮（86）",
            "   1-1-0101(1) 1-1-0102(1) 1-1-0201(1) 1-1-0202(1) 1-1-0301(1) 1-1-0302(1)",
            "   1-1-0401(1) 1-1-0402(1) 1-1-0501(1) 1-1-0502(1) 1-1-0601(1) 1-1-0602(1) …",
            "",
            " 未达交付条件的户：有未销项问题（55）",
            "   1-1-0101                                                                   █",
            "   1-1-0102                                                                   │",
            "   1-1-0202                                                                   │",
            "   1-1-0301                                                                   │",
            "   1-1-0302                                                                   │",
            "   1-1-0401                                                                   │",
            " 1-7 切换视图  [ ] 切换轮次  Enter 逐级查看  Esc q 返回  / 查找  ? 帮助",
        ],
        "home_zh_100x30": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中                             王建国",
            "",
            "  项目      云栖花园二期",
            "  交付日期  2027-02-15  剩 84 天  风险排查截止 2027-01-16（剩 54 天）",
            "  轮次      第 2 轮进行中（2026-11-17 开始）  已完成 1 轮，至少需 3 轮",
            "  本轮进度  已验 16/86 户  █████▍░░░░░░░░░░░░░░░░░░░░░░░  18.6%",
            "            复查 28/109 项",
            "  验收人    王建国  i 更换",
            "  协同      尚未同步 · 已知 1 台电脑  S 同步",
            "",
            "  下一户    1-2-0101  1栋 2单元 0101  按 n 进入",
            "",
            "  ! 计划：第 2 轮落后于计划：已验完 16 户，按计划今日应完成 28 户（另有 1 项，见 yanfang plan",
            "  check）",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter 户号列表  n 下一户  b 问题看板  q 退出  / 查找  ? 帮助",
        ],
        "readiness_zh_100x30": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中                             王建国",
            " 问题看板 · 第2轮进行中   [ ] 切换轮次   可交付率 0/86 = 0.0%（目标 98.0%）",
            "  1 楼栋×类别   2 责任单位   3 准备度   4 重复整改   5 业主敏感   6 奖励   7 计划进度",
            "",
            " 可交付率 0/86 = 0.0%（目标 98.0%）",
            " ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   0.0%",
            " 交付 2027-02-15（剩 84 天） · 风险排查截止 2027-01-16（剩 54 天） · 第一轮应不晚于",
            " 2026-11-15，实际 2026-10-12",
            " 计划提醒",
            " ! 第 2 轮落后于计划：已验完 16 户，按计划今日应完成 28 户",
            " ! 第一批落后于计划：已验完 16/32 户，按计划今日应完成 28 户",
            "",
            " 未达交付条件的户：验房不足 3 轮（86）",
            "   1-1-0101(1) 1-1-0102(1) 1-1-0201(1) 1-1-0202(1) 1-1-0301(1) 1-1-0302(1) 1-1-0401(1)",
            "   1-1-0402(1) 1-1-0501(1) 1-1-0502(1) 1-1-0601(1) 1-1-0602(1) 1-1-0701(1) 1-1-0702(1) …",
            "",
            " 未达交付条件的户：有未销项问题（55）",
            "   1-1-0101                                                                                       █",
            "   1-1-0102                                                                                       █",
            "   1-1-0202                                                                                       │",
            "   1-1-0301                                                                                       │",
            "   1-1-0302                                                                                       │",
            "   1-1-0401                                                                                       │",
            "   1-1-0402                                                                                       │",
            "   1-1-0501                                                                                       │",
            "   1-1-0502                                                                                       │",
            "   1-1-0601                                                                                       │",
            "   1-1-0701                                                                                       │",
            "   1-1-0801                                                                                       │",
            " 1-7 切换视图  [ ] 切换轮次  Enter 逐级查看  Esc q 返回  / 查找  ? 帮助",
        ],
        "home_en_80x24": [
            " 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open        王建国",
            "",
            "  Project    云栖花园二期",
            "  Delivery   2027-02-15  84 days left  risk cutoff 2027-01-16 (54 days left)",
            "  Round      round 2 open since 2026-11-17  1 closed, at least 3 needed",
            "  Progress   16/86 units inspected  █████▍░░░░░░░░░░░░░░░░░░░░░░░  18.6%",
            "             28/109 re-checks done",
            "  Inspector  王建国  i to change",
            "  Team       not synced yet · 1 replica heard of  S to sync",
            "",
            "  Next unit  1-2-0101  Bldg 1 · Entr. 2 · 0101  press n",
            "",
            "  ! plan: round 2 is behind its plan: 16 units done, 28 expected by today (1",
            "  more: yanfang plan check)",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter units  n next unit  b defect board  q quit  / find  ? help",
        ],
        "readiness_en_80x24": [
            " 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open        王建国",
            " defect board · round 2 open   readiness 0/86 = 0.0% (target 98.0%)",
            "  1   2   3 readiness   4   5   6   7",
            "",
            " readiness 0/86 = 0.0% (target 98.0%)",
            " ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   0.0%",
            " delivery 2027-02-15 (84 days) · risk cutoff 2027-01-16 (54 days) · round 1 by",
            " 2026-11-15, started 2026-10-12",
            " Plan",
            " ! round 2 is behind its plan: 16 units done, 28 expected by today",
            " ! batch 第一批 is behind its plan: 16 of 32 units done, 28 expected by today",
            "",
            " Units not ready: inspected in fewer than 3 rounds (86)",
            "   1-1-0101(1) 1-1-0102(1) 1-1-0201(1) 1-1-0202(1) 1-1-0301(1) 1-1-0302(1)",
            "   1-1-0401(1) 1-1-0402(1) 1-1-0501(1) 1-1-0502(1) 1-1-0601(1) 1-1-0602(1) …",
            "",
            " Units not ready: defects outstanding (55)",
            "   1-1-0101                                                                   █",
            "   1-1-0102                                                                   │",
            "   1-1-0202                                                                   │",
            "   1-1-0301                                                                   │",
            "   1-1-0302                                                                   │",
            "   1-1-0401                                                                   │",
            " 1-7 views  [ ] switch round  Enter drill down  Esc q back  / find  ? help",
        ],
        "home_en_100x30": [
            " yanfang · 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open                  王建国",
            "",
            "  Project    云栖花园二期",
            "  Delivery   2027-02-15  84 days left  risk cutoff 2027-01-16 (54 days left)",
            "  Round      round 2 open since 2026-11-17  1 closed, at least 3 needed",
            "  Progress   16/86 units inspected  █████▍░░░░░░░░░░░░░░░░░░░░░░░  18.6%",
            "             28/109 re-checks done",
            "  Inspector  王建国  i to change",
            "  Team       not synced yet · 1 replica heard of  S to sync",
            "",
            "  Next unit  1-2-0101  Bldg 1 · Entr. 2 · 0101  press n",
            "",
            "  ! plan: round 2 is behind its plan: 16 units done, 28 expected by today (1 more: yanfang plan",
            "  check)",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter units  n next unit  b defect board  q quit  / find  ? help",
        ],
        "readiness_en_100x30": [
            " yanfang · 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open                  王建国",
            " defect board · round 2 open   [ ] switch round   readiness 0/86 = 0.0% (target 98.0%)",
            "  1   2   3 readiness   4   5   6   7",
            "",
            " readiness 0/86 = 0.0% (target 98.0%)",
            " ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   0.0%",
            " delivery 2027-02-15 (84 days) · risk cutoff 2027-01-16 (54 days) · round 1 by 2026-11-15, started",
            " 2026-10-12",
            " Plan",
            " ! round 2 is behind its plan: 16 units done, 28 expected by today",
            " ! batch 第一批 is behind its plan: 16 of 32 units done, 28 expected by today",
            "",
            " Units not ready: inspected in fewer than 3 rounds (86)",
            "   1-1-0101(1) 1-1-0102(1) 1-1-0201(1) 1-1-0202(1) 1-1-0301(1) 1-1-0302(1) 1-1-0401(1)",
            "   1-1-0402(1) 1-1-0501(1) 1-1-0502(1) 1-1-0601(1) 1-1-0602(1) 1-1-0701(1) 1-1-0702(1) …",
            "",
            " Units not ready: defects outstanding (55)",
            "   1-1-0101                                                                                       █",
            "   1-1-0102                                                                                       █",
            "   1-1-0202                                                                                       │",
            "   1-1-0301                                                                                       │",
            "   1-1-0302                                                                                       │",
            "   1-1-0401                                                                                       │",
            "   1-1-0402                                                                                       │",
            "   1-1-0501                                                                                       │",
            "   1-1-0502                                                                                       │",
            "   1-1-0601                                                                                       │",
            "   1-1-0701                                                                                       │",
            "   1-1-0801                                                                                       │",
            " 1-7 views  [ ] switch round  Enter drill down  Esc q back  / find  ? help",
        ],
        "walkMine_zh_80x24": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中         王建国",
            " 1-2-0101  1栋 2单元 0101  我的类别 空鼓，渗漏 · m 全部  A 三室两厅两卫",
            " 第2轮  项 0/446  复查 0/0  ░░░░░░░░░░░░░░░░░░░░░░░   0.0%",
            "■ 入户门  0/2                                                                  █",
            "   空鼓                                                                        │",
            "   · HL-12  门槛石空鼓                                                         │",
            "   渗漏                                                                        │",
            "   · LK-15  湿区相邻墙面返潮                                                   │",
            "■ 玄关/过道  0/14                                                              │",
            "   空鼓                                                                        │",
            "   · HL-01  地砖空鼓                                                           │",
            "   · HL-03  地砖开裂                                                           │",
            "   · HL-04  墙面抹灰空鼓                                                       │",
            "   · HL-05  顶棚抹灰空鼓                                                       │",
            "   · HL-06  墙面裂缝                                                           │",
            "   · HL-07  顶棚裂缝                                                           │",
            "┌──────────────────────────────────────────────────────────────────────────────┐",
            "│ HL-12 门槛石空鼓  入户门  · 仅精装户                                         │",
            "│ 方法 空鼓锤敲击   严重程度 轻微   业主敏感度 中   专业 瓷砖铺贴              │",
            "│ 标准 门槛石粘贴牢固，无空鼓、无松动、无裂纹                                  │",
            "│                                                                              │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            " Space 合格  d 记问题  x 不适用  u 撤销  n 下一户  Esc q 返回  / 查找  ? 帮助",
        ],
        "pickerMine_zh_80x24": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中           张磊",
            " 第 2 轮 · 已验 16/32 户  我的批次 第一批（32 户） · m 全部",
            "1栋 1单元  已验 16/16                                                          █",
            " ● 1-1-0101  1层 01户  A 三室两厅两卫  已验·待整改1  项 446/446  复查 1/1      █",
            " ● 1-1-0102  1层 02户  B 两室两厅一卫  已验·待整改2  项 353/353  复查 1/1      █",
            " ✓ 1-1-0201  2层 01户  A 三室两厅两卫  可交付        项 436/436  复查 1/1      █",
            " ● 1-1-0202  2层 02户  B 两室两厅一卫  已验·待整改1  项 346/346  复查 2/2      █",
            " ● 1-1-0301  3层 01户  A 三室两厅两卫  已验·待整改2  项 436/436  复查 3/3      █",
            " ● 1-1-0302  3层 02户  B 两室两厅一卫  已验·待整改2  项 346/346  复查 1/1      █",
            " ● 1-1-0401  4层 01户  A 三室两厅两卫  已验·待整改4  项 436/436  复查 3/3      █",
            " ● 1-1-0402  4层 02户  B 两室两厅一卫  已验·待整改1  项 346/346                █",
            " ● 1-1-0501  5层 01户  A 三室两厅两卫  已验·待整改1  项 436/436  复查 2/2      █",
            " ● 1-1-0502  5层 02户  B 两室两厅一卫  已验·待整改1  项 346/346                █",
            " ● 1-1-0601  6层 01户  A 三室两厅两卫  已验·待整改1  项 436/436  复查 1/1      █",
            " ✓ 1-1-0602  6层 02户  B 两室两厅一卫  可交付        项 346/346                │",
            " ● 1-1-0701  7层 01户  A 三室两厅两卫  已验·待整改2  项 436/436  复查 1/1      │",
            " ✓ 1-1-0702  7层 02户  B 两室两厅一卫  可交付        项 346/346  复查 1/1      │",
            " ● 1-1-0801  8层 01户  A 三室两厅两卫  已验·待整改1  项 447/447  复查 1/1      │",
            " ✓ 1-1-0802  8层 02户  B 两室两厅一卫  可交付        项 354/354  复查 1/1      │",
            "1栋 2单元  已验 0/16                                                           │",
            " ○ 1-2-0101  1层 01户  A 三室两厅两卫  未开始        项 0/446                  │",
            " ○ 1-2-0102  1层 02户  B 两室两厅一卫  未开始        项 0/353    复查 0/2      │",
            " ○ 1-2-0201  2层 01户  A 三室两厅两卫  未开始        项 0/436    复查 0/2      │",
            " Tab 下一个单元门  Enter 进入该户  n 下一户  Esc q 返回  / 查找  ? 帮助",
        ],
        "walkMine_zh_100x30": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中                             王建国",
            " 1-2-0101  1栋 2单元 0101  我的类别 空鼓，渗漏 · m 全部  A 三室两厅两卫",
            " 第2轮  项 0/446  复查 0/0  ░░░░░░░░░░░░░░░░░░░░░░░   0.0%",
            "■ 入户门  0/2                                                                                      █",
            "   空鼓                                                                                            │",
            "   · HL-12  门槛石空鼓                                                                             │",
            "   渗漏                                                                                            │",
            "   · LK-15  湿区相邻墙面返潮                                                                       │",
            "■ 玄关/过道  0/14                                                                                  │",
            "   空鼓                                                                                            │",
            "   · HL-01  地砖空鼓                                                                               │",
            "   · HL-03  地砖开裂                                                                               │",
            "   · HL-04  墙面抹灰空鼓                                                                           │",
            "   · HL-05  顶棚抹灰空鼓                                                                           │",
            "   · HL-06  墙面裂缝                                                                               │",
            "   · HL-07  顶棚裂缝                                                                               │",
            "   · HL-08  墙面腻子起皮                                                                           │",
            "   · HL-10  踢脚线空鼓                                                                             │",
            "   · HL-14  砖缝及勾缝                                                                             │",
            "   · HL-15  地砖墙砖色差                                                                           │",
            "   · HL-16  墙地面平整及阴阳角                                                                     │",
            "   · HL-17  吊顶                                                                                   │",
            "┌──────────────────────────────────────────────────────────────────────────────────────────────────┐",
            "│ HL-12 门槛石空鼓  入户门  · 仅精装户                                                             │",
            "│ 方法 空鼓锤敲击   严重程度 轻微   业主敏感度 中   专业 瓷砖铺贴                                  │",
            "│ 标准 门槛石粘贴牢固，无空鼓、无松动、无裂纹                                                      │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────┘",
            " Space 合格  d 记问题  x 不适用  u 撤销  n 下一户  Esc q 返回  / 查找  ? 帮助",
        ],
        "pickerMine_zh_100x30": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中                               张磊",
            " 第 2 轮 · 已验 16/32 户  我的批次 第一批（32 户） · m 全部",
            "1栋 1单元  已验 16/16                                                                              █",
            " ● 1-1-0101  1层 01户  A 三室两厅两卫  已验·待整改1  项 446/446  复查 1/1                          █",
            " ● 1-1-0102  1层 02户  B 两室两厅一卫  已验·待整改2  项 353/353  复查 1/1                          █",
            " ✓ 1-1-0201  2层 01户  A 三室两厅两卫  可交付        项 436/436  复查 1/1                          █",
            " ● 1-1-0202  2层 02户  B 两室两厅一卫  已验·待整改1  项 346/346  复查 2/2                          █",
            " ● 1-1-0301  3层 01户  A 三室两厅两卫  已验·待整改2  项 436/436  复查 3/3                          █",
            " ● 1-1-0302  3层 02户  B 两室两厅一卫  已验·待整改2  项 346/346  复查 1/1                          █",
            " ● 1-1-0401  4层 01户  A 三室两厅两卫  已验·待整改4  项 436/436  复查 3/3                          █",
            " ● 1-1-0402  4层 02户  B 两室两厅一卫  已验·待整改1  项 346/346                                    █",
            " ● 1-1-0501  5层 01户  A 三室两厅两卫  已验·待整改1  项 436/436  复查 2/2                          █",
            " ● 1-1-0502  5层 02户  B 两室两厅一卫  已验·待整改1  项 346/346                                    █",
            " ● 1-1-0601  6层 01户  A 三室两厅两卫  已验·待整改1  项 436/436  复查 1/1                          █",
            " ✓ 1-1-0602  6层 02户  B 两室两厅一卫  可交付        项 346/346                                    █",
            " ● 1-1-0701  7层 01户  A 三室两厅两卫  已验·待整改2  项 436/436  复查 1/1                          █",
            " ✓ 1-1-0702  7层 02户  B 两室两厅一卫  可交付        项 346/346  复查 1/1                          █",
            " ● 1-1-0801  8层 01户  A 三室两厅两卫  已验·待整改1  项 447/447  复查 1/1                          █",
            " ✓ 1-1-0802  8层 02户  B 两室两厅一卫  可交付        项 354/354  复查 1/1                          █",
            "1栋 2单元  已验 0/16                                                                               █",
            " ○ 1-2-0101  1层 01户  A 三室两厅两卫  未开始        项 0/446                                      █",
            " ○ 1-2-0102  1层 02户  B 两室两厅一卫  未开始        项 0/353    复查 0/2                          █",
            " ○ 1-2-0201  2层 01户  A 三室两厅两卫  未开始        项 0/436    复查 0/2                          █",
            " ○ 1-2-0202  2层 02户  B 两室两厅一卫  未开始        项 0/346    复查 0/2                          │",
            " ○ 1-2-0301  3层 01户  A 三室两厅两卫  未开始        项 0/436    复查 0/2                          │",
            " ○ 1-2-0302  3层 02户  B 两室两厅一卫  未开始        项 0/346    复查 0/1                          │",
            " ○ 1-2-0401  4层 01户  A 三室两厅两卫  未开始        项 0/436    复查 0/2                          │",
            " ○ 1-2-0402  4层 02户  B 两室两厅一卫  未开始        项 0/346    复查 0/2                          │",
            " ○ 1-2-0501  5层 01户  A 三室两厅两卫  未开始        项 0/436                                      │",
            " Tab 下一个单元门  Enter 进入该户  n 下一户  Esc q 返回  / 查找  ? 帮助",
        ],
        "walkMine_en_80x24": [
            " 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open        王建国",
            " 1-2-0101  Bldg 1 · Entr. 2 · 0101  mine: Hollowness, Leaks · m all  A 3 bedroom",
            " round 2  items 0/446  re-checks 0/0  ░░░░░░░░░░░░░░░░░░░░░░░   0.0%",
            "■ Entry door  0/2                                                              █",
            "   Hollowness                                                                  │",
            "   · HL-12  Threshold stone hollow                                             │",
            "   Leaks                                                                       │",
            "   · LK-15  Damp walls next to wet rooms                                       │",
            "■ Hallway  0/14                                                                │",
            "   Hollowness                                                                  │",
            "   · HL-01  Floor tiles hollow                                                 │",
            "   · HL-03  Cracked floor tiles                                                │",
            "   · HL-04  Wall plaster hollow                                                │",
            "   · HL-05  Ceiling plaster hollow                                             │",
            "   · HL-06  Wall cracks                                                        │",
            "   · HL-07  Ceiling cracks                                                     │",
            "┌──────────────────────────────────────────────────────────────────────────────┐",
            "│ HL-12 Threshold stone hollow  Entry door  · finished units only              │",
            "│ Method tap with a hollow-drum hammer   Severity minor   Buyers medium   Trad │",
            "│ Criterion Threshold stone bonded, not hollow, loose or cracked               │",
            "│                                                                              │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            " Space pass  d defect  x n/a  u undo  n next unit  Esc q back  / find  ? help",
        ],
        "pickerMine_en_80x24": [
            " 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open          张磊",
            " round 2 · 16/32 units inspected  my batches 第一批 (32 units) · m all",
            "Building 1 · Entrance 1  16/16 done                                            █",
            " ● 1-1-0101 F1 #01 A 3 bedrooms, 2 l… done, 1 open items 446/446 re-checks 1/1 █",
            " ● 1-1-0102 F1 #02 B 2 bedrooms, 2 l… done, 2 open items 353/353 re-checks 1/1 █",
            " ✓ 1-1-0201 F2 #01 A 3 bedrooms, 2 l… ready        items 436/436 re-checks 1/1 █",
            " ● 1-1-0202 F2 #02 B 2 bedrooms, 2 l… done, 1 open items 346/346 re-checks 2/2 █",
            " ● 1-1-0301 F3 #01 A 3 bedrooms, 2 l… done, 2 open items 436/436 re-checks 3/3 █",
            " ● 1-1-0302 F3 #02 B 2 bedrooms, 2 l… done, 2 open items 346/346 re-checks 1/1 █",
            " ● 1-1-0401 F4 #01 A 3 bedrooms, 2 l… done, 4 open items 436/436 re-checks 3/3 █",
            " ● 1-1-0402 F4 #02 B 2 bedrooms, 2 l… done, 1 open items 346/346               █",
            " ● 1-1-0501 F5 #01 A 3 bedrooms, 2 l… done, 1 open items 436/436 re-checks 2/2 █",
            " ● 1-1-0502 F5 #02 B 2 bedrooms, 2 l… done, 1 open items 346/346               █",
            " ● 1-1-0601 F6 #01 A 3 bedrooms, 2 l… done, 1 open items 436/436 re-checks 1/1 █",
            " ✓ 1-1-0602 F6 #02 B 2 bedrooms, 2 l… ready        items 346/346               │",
            " ● 1-1-0701 F7 #01 A 3 bedrooms, 2 l… done, 2 open items 436/436 re-checks 1/1 │",
            " ✓ 1-1-0702 F7 #02 B 2 bedrooms, 2 l… ready        items 346/346 re-checks 1/1 │",
            " ● 1-1-0801 F8 #01 A 3 bedrooms, 2 l… done, 1 open items 447/447 re-checks 1/1 │",
            " ✓ 1-1-0802 F8 #02 B 2 bedrooms, 2 l… ready        items 354/354 re-checks 1/1 │",
            "Building 1 · Entrance 2  0/16 done                                             │",
            " ○ 1-2-0101 F1 #01 A 3 bedrooms, 2 l… not started  items 0/446                 │",
            " ○ 1-2-0102 F1 #02 B 2 bedrooms, 2 l… not started  items 0/353   re-checks 0/2 │",
            " ○ 1-2-0201 F2 #01 A 3 bedrooms, 2 l… not started  items 0/436   re-checks 0/2 │",
            " Tab next entrance  Enter open unit  n next unit  Esc q back  / find  ? help",
        ],
        "walkMine_en_100x30": [
            " yanfang · 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open                  王建国",
            " 1-2-0101  Bldg 1 · Entr. 2 · 0101  mine: Hollowness, Leaks · m all  A 3 bedrooms, 2 living, 2 baths",
            " round 2  items 0/446  re-checks 0/0  ░░░░░░░░░░░░░░░░░░░░░░░   0.0%",
            "■ Entry door  0/2                                                                                  █",
            "   Hollowness                                                                                      │",
            "   · HL-12  Threshold stone hollow                                                                 │",
            "   Leaks                                                                                           │",
            "   · LK-15  Damp walls next to wet rooms                                                           │",
            "■ Hallway  0/14                                                                                    │",
            "   Hollowness                                                                                      │",
            "   · HL-01  Floor tiles hollow                                                                     │",
            "   · HL-03  Cracked floor tiles                                                                    │",
            "   · HL-04  Wall plaster hollow                                                                    │",
            "   · HL-05  Ceiling plaster hollow                                                                 │",
            "   · HL-06  Wall cracks                                                                            │",
            "   · HL-07  Ceiling cracks                                                                         │",
            "   · HL-08  Putty or paint peeling                                                                 │",
            "   · HL-10  Skirting hollow                                                                        │",
            "   · HL-14  Tile joints and grout                                                                  │",
            "   · HL-15  Tile colour difference                                                                 │",
            "   · HL-16  Flatness and corners                                                                   │",
            "   · HL-17  Suspended ceiling                                                                      │",
            "┌──────────────────────────────────────────────────────────────────────────────────────────────────┐",
            "│ HL-12 Threshold stone hollow  Entry door  · finished units only                                  │",
            "│ Method tap with a hollow-drum hammer   Severity minor   Buyers medium   Trade Tiling             │",
            "│ Criterion Threshold stone bonded, not hollow, loose or cracked                                   │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────┘",
            " Space pass  d defect  x n/a  u undo  n next unit  Esc q back  / find  ? help",
        ],
        "pickerMine_en_100x30": [
            " yanfang · 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open                    张磊",
            " round 2 · 16/32 units inspected  my batches 第一批 (32 units) · m all",
            "Building 1 · Entrance 1  16/16 done                                                                █",
            " ● 1-1-0101  F1 #01  A 3 bedrooms, 2 living, 2 baths  done, 1 open  items 446/446  re-checks 1/1   █",
            " ● 1-1-0102  F1 #02  B 2 bedrooms, 2 living, 1 bath   done, 2 open  items 353/353  re-checks 1/1   █",
            " ✓ 1-1-0201  F2 #01  A 3 bedrooms, 2 living, 2 baths  ready         items 436/436  re-checks 1/1   █",
            " ● 1-1-0202  F2 #02  B 2 bedrooms, 2 living, 1 bath   done, 1 open  items 346/346  re-checks 2/2   █",
            " ● 1-1-0301  F3 #01  A 3 bedrooms, 2 living, 2 baths  done, 2 open  items 436/436  re-checks 3/3   █",
            " ● 1-1-0302  F3 #02  B 2 bedrooms, 2 living, 1 bath   done, 2 open  items 346/346  re-checks 1/1   █",
            " ● 1-1-0401  F4 #01  A 3 bedrooms, 2 living, 2 baths  done, 4 open  items 436/436  re-checks 3/3   █",
            " ● 1-1-0402  F4 #02  B 2 bedrooms, 2 living, 1 bath   done, 1 open  items 346/346                  █",
            " ● 1-1-0501  F5 #01  A 3 bedrooms, 2 living, 2 baths  done, 1 open  items 436/436  re-checks 2/2   █",
            " ● 1-1-0502  F5 #02  B 2 bedrooms, 2 living, 1 bath   done, 1 open  items 346/346                  █",
            " ● 1-1-0601  F6 #01  A 3 bedrooms, 2 living, 2 baths  done, 1 open  items 436/436  re-checks 1/1   █",
            " ✓ 1-1-0602  F6 #02  B 2 bedrooms, 2 living, 1 bath   ready         items 346/346                  █",
            " ● 1-1-0701  F7 #01  A 3 bedrooms, 2 living, 2 baths  done, 2 open  items 436/436  re-checks 1/1   █",
            " ✓ 1-1-0702  F7 #02  B 2 bedrooms, 2 living, 1 bath   ready         items 346/346  re-checks 1/1   █",
            " ● 1-1-0801  F8 #01  A 3 bedrooms, 2 living, 2 baths  done, 1 open  items 447/447  re-checks 1/1   █",
            " ✓ 1-1-0802  F8 #02  B 2 bedrooms, 2 living, 1 bath   ready         items 354/354  re-checks 1/1   █",
            "Building 1 · Entrance 2  0/16 done                                                                 █",
            " ○ 1-2-0101  F1 #01  A 3 bedrooms, 2 living, 2 baths  not started   items 0/446                    █",
            " ○ 1-2-0102  F1 #02  B 2 bedrooms, 2 living, 1 bath   not started   items 0/353    re-checks 0/2   █",
            " ○ 1-2-0201  F2 #01  A 3 bedrooms, 2 living, 2 baths  not started   items 0/436    re-checks 0/2   █",
            " ○ 1-2-0202  F2 #02  B 2 bedrooms, 2 living, 1 bath   not started   items 0/346    re-checks 0/2   │",
            " ○ 1-2-0301  F3 #01  A 3 bedrooms, 2 living, 2 baths  not started   items 0/436    re-checks 0/2   │",
            " ○ 1-2-0302  F3 #02  B 2 bedrooms, 2 living, 1 bath   not started   items 0/346    re-checks 0/1   │",
            " ○ 1-2-0401  F4 #01  A 3 bedrooms, 2 living, 2 baths  not started   items 0/436    re-checks 0/2   │",
            " ○ 1-2-0402  F4 #02  B 2 bedrooms, 2 living, 1 bath   not started   items 0/346    re-checks 0/2   │",
            " ○ 1-2-0501  F5 #01  A 3 bedrooms, 2 living, 2 baths  not started   items 0/436                    │",
            " Tab next entrance  Enter open unit  n next unit  Esc q back  / find  ? help",
        ],
        "boardPlan_zh_80x24": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中         王建国",
            " 问题看板 · 第2轮进行中   [ ] 切换轮次   可交付率 0/86 = 0.0%（目标 98.0%）",
            "  1   2   3   4   5   6   7 计划进度",
            "",
            " 计划 2026-11-17 – 2026-12-07 · 风险排查截止 2027-01-16 · 应完＝按日折算",
            "",
            " 批次/成员       已验户 应完  超前          项 户/天 预计完成   计划完成",
            " 第一批           16/32   28   -12  6292/12584   2.3 2026-11-30 2026-11-24",
            " 第二批            0/54    0     0     0/23708   0.0 —          2026-12-07",
            " 王建国（工程）   16/86   28   -12  3140/18151   2.3 2026-12-24 2026-12-07",
            " 李敏（客服）     16/86   28   -12  3152/18141   2.3 2026-12-24 2026-12-07",
            " 张磊（监理）     16/32   28   -12   1696/3392   2.3 2026-11-30 2026-11-24",
            " 第2轮            16/86   28   -12  6292/36292   2.3 2026-12-24 2026-12-07",
            "",
            " 每日验收户数：11-18 9  11-19 4  11-20 4  11-21 4  11-22 5",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 1-7 切换视图  [ ] 切换轮次  Enter 逐级查看  Esc q 返回  / 查找  ? 帮助",
        ],
        "boardPlan_zh_100x30": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中                             王建国",
            " 问题看板 · 第2轮进行中   [ ] 切换轮次   可交付率 0/86 = 0.0%（目标 98.0%）",
            "  1 楼栋×类别   2 责任单位   3 准备度   4 重复整改   5 业主敏感   6 奖励   7 计划进度",
            "",
            " 计划 2026-11-17 – 2026-12-07 · 风险排查截止 2027-01-16 · 应完＝按日折算",
            "",
            " 批次/成员       已验户 应完  超前          项 户/天 预计完成   计划完成",
            " 第一批           16/32   28   -12  6292/12584   2.3 2026-11-30 2026-11-24",
            " 第二批            0/54    0     0     0/23708   0.0 —          2026-12-07",
            " 王建国（工程）   16/86   28   -12  3140/18151   2.3 2026-12-24 2026-12-07",
            " 李敏（客服）     16/86   28   -12  3152/18141   2.3 2026-12-24 2026-12-07",
            " 张磊（监理）     16/32   28   -12   1696/3392   2.3 2026-11-30 2026-11-24",
            " 第2轮            16/86   28   -12  6292/36292   2.3 2026-12-24 2026-12-07",
            "",
            " 每日验收户数：11-18 9  11-19 4  11-20 4  11-21 4  11-22 5",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 1-7 切换视图  [ ] 切换轮次  Enter 逐级查看  Esc q 返回  / 查找  ? 帮助",
        ],
        "boardPlan_en_80x24": [
            " 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open        王建国",
            " defect board · round 2 open   readiness 0/86 = 0.0% (target 98.0%)",
            "  1   2   3   4   5   6   7 plan",
            "",
            " planned 2026-11-17 – 2026-12-07 · cutoff 2027-01-16 · exp. = pro rata to today",
            "",
            " batch/member     units exp. ahead       items  /day forecast   planned",
            " 第一批           16/32   28   -12  6292/12584   2.3 2026-11-30 2026-11-24",
            " 第二批            0/54    0     0     0/23708   0.0 —          2026-12-07",
            " 王建国（工程）   16/86   28   -12  3140/18151   2.3 2026-12-24 2026-12-07",
            " 李敏（客服）     16/86   28   -12  3152/18141   2.3 2026-12-24 2026-12-07",
            " 张磊（监理）     16/32   28   -12   1696/3392   2.3 2026-11-30 2026-11-24",
            " round 2          16/86   28   -12  6292/36292   2.3 2026-12-24 2026-12-07",
            "",
            " units per day: 11-18 9  11-19 4  11-20 4  11-21 4  11-22 5",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 1-7 views  [ ] switch round  Enter drill down  Esc q back  / find  ? help",
        ],
        "boardPlan_en_100x30": [
            " yanfang · 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open                  王建国",
            " defect board · round 2 open   [ ] switch round   readiness 0/86 = 0.0% (target 98.0%)",
            "  1   2   3   4   5   6   7 plan",
            "",
            " planned 2026-11-17 – 2026-12-07 · cutoff 2027-01-16 · exp. = pro rata to today",
            "",
            " batch/member     units exp. ahead       items  /day forecast   planned",
            " 第一批           16/32   28   -12  6292/12584   2.3 2026-11-30 2026-11-24",
            " 第二批            0/54    0     0     0/23708   0.0 —          2026-12-07",
            " 王建国（工程）   16/86   28   -12  3140/18151   2.3 2026-12-24 2026-12-07",
            " 李敏（客服）     16/86   28   -12  3152/18141   2.3 2026-12-24 2026-12-07",
            " 张磊（监理）     16/32   28   -12   1696/3392   2.3 2026-11-30 2026-11-24",
            " round 2          16/86   28   -12  6292/36292   2.3 2026-12-24 2026-12-07",
            "",
            " units per day: 11-18 9  11-19 4  11-20 4  11-21 4  11-22 5",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 1-7 views  [ ] switch round  Enter drill down  Esc q back  / find  ? help",
        ],
    ]
}
