import Foundation
import InspectionCore
import InspectionDemo
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

/// The demo as `yanfang demo` builds it by default: round 2 walked and closed, round 3 open
/// and partly walked, so the board's repeat-failure tab lists the contractors whose defects
/// failed their re-checks in rounds 2 and 3, counted by the rules over the demo's history.
@Suite struct RoundThreeDemo {
    /// The round-3 demo in memory, as of 2026-11-23, with an inspector named.
    static func store() throws -> InspectionStore {
        let store = try InspectionStore.inMemory()
        _ = try DemoProject.build(into: store, today: testToday, now: testNow)
        try store.setSetting(InspectionApp.inspectorKey, "王建国")
        return store
    }

    @Test(arguments: [Language.zh, .en], WholeScreens.sizes)
    func penaltyTabListsTheRepeatFailures(language: Language, size: (Int, Int)) throws {
        let lines = wholeScreen(try makeApp(try Self.store(), language: language), "b4", size: size)
        #expect(lines == Self.expected["\(language)_\(size.0)x\(size.1)"])
    }

    static let expected: [String: [String]] = [
        "zh_80x24": [
            " 验房 · 云栖花园二期 · 交付 2027-01-23（剩 61 天） · 第3轮进行中         王建国",
            " 问题看板 · 第3轮进行中   [ ] 切换轮次   可交付率 0/86 = 0.0%（目标 98.0%）",
            "  1 楼栋×类别   2 责任单位   3 准备度   4 重复整改   5 业主敏感   6 奖励",
            "",
            " 同一问题在同一责任单位名下复查未过 2 次及以上，计入该单位奖罚",
            "",
            " 责任单位                 本轮   累计 整改后仍不合格 未整改 问题编号",
            " 江城建工第三建设有限…       2      2              1      3 1-38DV6 1-3RD5X",
            " 明远门窗工程有限公司        2      2              0      4 1-33HDE 1-3C2CJ",
            " 栖木精装部品有限公司        2      2              1      3 1-32PB4 1-3AZFE",
            " 云川建材防水工程有限…       1      1              2      0 1-35K7M",
            " 恒砌瓷砖铺贴工程队          1      1              1      1 1-38HY2",
            " 沐源机电安装有限公司        1      1              0      2 1-35F5R",
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
            " 验房 · 云栖花园二期 · 交付 2027-01-23（剩 61 天） · 第3轮进行中                             王建国",
            " 问题看板 · 第3轮进行中   [ ] 切换轮次   可交付率 0/86 = 0.0%（目标 98.0%）",
            "  1 楼栋×类别   2 责任单位   3 准备度   4 重复整改   5 业主敏感   6 奖励",
            "",
            " 同一问题在同一责任单位名下复查未过 2 次及以上，计入该单位奖罚",
            "",
            " 责任单位                 本轮   累计 整改后仍不合格 未整改 问题编号",
            " 江城建工第三建设有限…       2      2              1      3 1-38DV6 1-3RD5X",
            " 明远门窗工程有限公司        2      2              0      4 1-33HDE 1-3C2CJ",
            " 栖木精装部品有限公司        2      2              1      3 1-32PB4 1-3AZFE",
            " 云川建材防水工程有限…       1      1              2      0 1-35K7M",
            " 恒砌瓷砖铺贴工程队          1      1              1      1 1-38HY2",
            " 沐源机电安装有限公司        1      1              0      2 1-35F5R",
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
            " 云栖花园二期 · delivery 2027-01-23 (61 days left) · round 3 open        王建国",
            " defect board · round 3 open   readiness 0/86 = 0.0% (target 98.0%)",
            "  1   2   3   4 repeat failures   5   6",
            "",
            " defects failing 2+ re-checks with one contractor count against it",
            "",
            " Contractor              round  total after claim no claim mark codes",
            " 江城建工第三建设有限…       2      2           1        3 1-38DV6 1-3RD5X",
            " 明远门窗工程有限公司        2      2           0        4 1-33HDE 1-3C2CJ",
            " 栖木精装部品有限公司        2      2           1        3 1-32PB4 1-3AZFE",
            " 云川建材防水工程有限…       1      1           2        0 1-35K7M",
            " 恒砌瓷砖铺贴工程队          1      1           1        1 1-38HY2",
            " 沐源机电安装有限公司        1      1           0        2 1-35F5R",
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
            " yanfang · 云栖花园二期 · delivery 2027-01-23 (61 days left) · round 3 open                  王建国",
            " defect board · round 3 open   [ ] switch round   readiness 0/86 = 0.0% (target 98.0%)",
            "  1   2   3   4 repeat failures   5   6",
            "",
            " defects failing 2+ re-checks with one contractor count against it",
            "",
            " Contractor              round  total after claim no claim mark codes",
            " 江城建工第三建设有限…       2      2           1        3 1-38DV6 1-3RD5X",
            " 明远门窗工程有限公司        2      2           0        4 1-33HDE 1-3C2CJ",
            " 栖木精装部品有限公司        2      2           1        3 1-32PB4 1-3AZFE",
            " 云川建材防水工程有限…       1      1           2        0 1-35K7M",
            " 恒砌瓷砖铺贴工程队          1      1           1        1 1-38HY2",
            " 沐源机电安装有限公司        1      1           0        2 1-35F5R",
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
