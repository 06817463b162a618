import InspectionCore
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

/// The board's repeat-failure tab, whole, in both languages and both sizes: the rule with the
/// threshold in force, and beside each contractor its failures after a claim and without one.
@Suite struct PenaltyScreens {
    /// The demo at threshold 1, with 1-3SJVA (claimed rectified) failing its round-2 re-check.
    func screen(language: Language, width: Int, height: Int) throws -> [String] {
        let store = try demoStore()
        _ = try store.write(ActionContext(actor: "组长", at: testNow, today: testToday)) { tx in
            try tx.changeSettings(penaltyThreshold: 1, readinessTarget: nil, delivery: nil)
            _ = try tx.recheck(code: "1-3SJVA", passed: false, note: "仍渗水")
        }
        return wholeScreen(try makeApp(store, language: language), "b4", size: (width, height))
    }

    @Test(arguments: [Language.zh, .en], WholeScreens.sizes)
    func penaltyTab(language: Language, size: (Int, Int)) throws {
        let lines = try screen(language: language, width: size.0, height: size.1)
        #expect(lines == Self.expected["\(language)_\(size.0)x\(size.1)"])
    }

    static let expected: [String: [String]] = [
        "zh_80x24": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中         王建国",
            " 问题看板 · 第2轮进行中   [ ] 切换轮次   可交付率 0/86 = 0.0%（目标 98.0%）",
            "  1 楼栋×类别   2 责任单位   3 准备度   4 重复整改   5 业主敏感   6 奖励",
            "",
            " 同一问题在同一责任单位名下复查未过 1 次及以上，计入该单位奖罚",
            "",
            " 责任单位                 本轮   累计 整改后仍不合格 未整改 问题编号",
            " 江城建工第三建设有限…       4      4              0      4 1-35TV4 1-38DV6 1-…",
            " 明远门窗工程有限公司        3      3              0      3 1-33HDE 1-3AZTR 1-…",
            " 云川建材防水工程有限…       3      3              3      0 1-35K7M 1-3F6D9 1-…",
            " 沐源机电安装有限公司        2      2              0      2 1-35F5R 1-36C34",
            " 栖木精装部品有限公司        2      2              1      1 1-32PB4 1-36NA2",
            " 恒砌瓷砖铺贴工程队          1      1              0      1 1-39S2J",
            " 澄安防盗门业有限公司        0      0              0      0",
            " 松岚木门装饰有限公司        0      0              0      0",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 1-6 切换视图  [ ] 切换轮次  Enter 逐级查看  Esc q 返回  / 查找  ? 帮助",
        ],
        "zh_100x30": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中                             王建国",
            " 问题看板 · 第2轮进行中   [ ] 切换轮次   可交付率 0/86 = 0.0%（目标 98.0%）",
            "  1 楼栋×类别   2 责任单位   3 准备度   4 重复整改   5 业主敏感   6 奖励",
            "",
            " 同一问题在同一责任单位名下复查未过 1 次及以上，计入该单位奖罚",
            "",
            " 责任单位                 本轮   累计 整改后仍不合格 未整改 问题编号",
            " 江城建工第三建设有限…       4      4              0      4 1-35TV4 1-38DV6 1-3FS7M 1-3K75P",
            " 明远门窗工程有限公司        3      3              0      3 1-33HDE 1-3AZTR 1-3FP65",
            " 云川建材防水工程有限…       3      3              3      0 1-35K7M 1-3F6D9 1-3SJVA",
            " 沐源机电安装有限公司        2      2              0      2 1-35F5R 1-36C34",
            " 栖木精装部品有限公司        2      2              1      1 1-32PB4 1-36NA2",
            " 恒砌瓷砖铺贴工程队          1      1              0      1 1-39S2J",
            " 澄安防盗门业有限公司        0      0              0      0",
            " 松岚木门装饰有限公司        0      0              0      0",
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
            " 1-6 切换视图  [ ] 切换轮次  Enter 逐级查看  Esc q 返回  / 查找  ? 帮助",
        ],
        "en_80x24": [
            " 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open        王建国",
            " defect board · round 2 open   readiness 0/86 = 0.0% (target 98.0%)",
            "  1   2   3   4 repeat failures   5   6",
            "",
            " defects failing 1+ re-checks with one contractor count against it",
            "",
            " Contractor              round  total after claim no claim mark codes",
            " 江城建工第三建设有限…       4      4           0        4 1-35TV4 1-38DV6 1-3…",
            " 明远门窗工程有限公司        3      3           0        3 1-33HDE 1-3AZTR 1-3…",
            " 云川建材防水工程有限…       3      3           3        0 1-35K7M 1-3F6D9 1-3…",
            " 沐源机电安装有限公司        2      2           0        2 1-35F5R 1-36C34",
            " 栖木精装部品有限公司        2      2           1        1 1-32PB4 1-36NA2",
            " 恒砌瓷砖铺贴工程队          1      1           0        1 1-39S2J",
            " 澄安防盗门业有限公司        0      0           0        0",
            " 松岚木门装饰有限公司        0      0           0        0",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 1-6 views  [ ] switch round  Enter drill down  Esc q back  / find  ? help",
        ],
        "en_100x30": [
            " yanfang · 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open                  王建国",
            " defect board · round 2 open   [ ] switch round   readiness 0/86 = 0.0% (target 98.0%)",
            "  1   2   3   4 repeat failures   5   6",
            "",
            " defects failing 1+ re-checks with one contractor count against it",
            "",
            " Contractor              round  total after claim no claim mark codes",
            " 江城建工第三建设有限…       4      4           0        4 1-35TV4 1-38DV6 1-3FS7M 1-3K75P",
            " 明远门窗工程有限公司        3      3           0        3 1-33HDE 1-3AZTR 1-3FP65",
            " 云川建材防水工程有限…       3      3           3        0 1-35K7M 1-3F6D9 1-3SJVA",
            " 沐源机电安装有限公司        2      2           0        2 1-35F5R 1-36C34",
            " 栖木精装部品有限公司        2      2           1        1 1-32PB4 1-36NA2",
            " 恒砌瓷砖铺贴工程队          1      1           0        1 1-39S2J",
            " 澄安防盗门业有限公司        0      0           0        0",
            " 松岚木门装饰有限公司        0      0           0        0",
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
            " 1-6 views  [ ] switch round  Enter drill down  Esc q back  / find  ? help",
        ],
    ]
}
