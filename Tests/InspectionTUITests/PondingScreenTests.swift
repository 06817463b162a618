import Foundation
import InspectionCore
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

/// The ponding tests' two visits on screen: `s` starts one on the walkthrough's selected
/// ponding item; home lists those due for checking (24 h stood) and those still running.
@Suite struct PondingScreens {
    static let sizes = [(80, 24), (100, 30)]

    /// The demo (2026-11-23 10:00, round 2 open) with 3-1-0101's ponding tests started 25 h
    /// ago (due) and 3-1-0102's master bathroom one 2 h ago (running).
    func storeWithPonding() throws -> InspectionStore {
        let store = try demoStore()
        _ = try store.write(ActionContext(actor: "李敏", at: testNow.addingTimeInterval(-25 * 3600), today: testToday.adding(days: -1))) { tx in
            try tx.startPondingTests(unit: "3-1-0101")
        }
        _ = try store.write(ActionContext(actor: "李敏", at: testNow.addingTimeInterval(-2 * 3600), today: testToday)) { tx in
            try tx.startPonding(unit: "3-1-0102", item: "LK-01", room: "主卫")
        }
        return store
    }

    /// The keys that open `unit` and select its first item `item` in room `room`, counted on
    /// the walkthrough's rows.
    func keysToItem(_ store: InspectionStore, unit: String, room: String, item: String) throws -> String {
        let app = try makeApp(store)
        drive(app, openUnit(unit))
        let screen = try #require(app.stack.last as? UnitScreen)
        let start = try #require(screen.state.selected)
        let target = try #require(screen.rows.firstIndex {
            if case let .item(r, i) = $0 { return r.key == room && i.id == item } else { return false }
        })
        let downs = screen.rows[start..<target].filter(\.isSelectable).count
        return openUnit(unit) + String(repeating: "<down>", count: downs)
    }

    @Test(arguments: [Language.zh, .en], sizes)
    func startingAPondingTestInTheWalkthrough(language: Language, size: (Int, Int)) throws {
        let store = try demoStore()
        let script = try keysToItem(store, unit: "3-1-0101", room: "主卫", item: "LK-01") + "s"
        let screen = try wholeScreen(store, script, language: language, width: size.0, height: size.1)
        #expect(screen == Self.expected["walk_\(language)_\(size.0)x\(size.1)"]!)
        let test = try #require(try store.pondingTests(round: 2).first)
        #expect(test.unitCode == "3-1-0101")
        #expect(test.pair == RoomItem(room: "主卫", item: "LK-01"))
        #expect(test.started == testNow)
    }

    /// Space on the ponding item just started is refused on the status bar; `a` passes the
    /// rest of the room and says it left the ponding check.
    @Test func theCheckWaits24hAndPassTheRestLeavesIt() throws {
        let store = try demoStore()
        let script = try keysToItem(store, unit: "3-1-0101", room: "主卫", item: "LK-01") + "s<up><space>"
        let refused = try wholeScreen(store, script, language: .zh, width: 100, height: 30)
        #expect(refused.last == " 主卫 LK-01 的闭水试验 2026-11-23 10:00 开始，已蓄水 0 小时 0 分；2026-11-24 10:00 起才能检查")
        let bathroom = try wholeScreen(store, try keysToItem(store, unit: "3-1-0101", room: "主卫", item: "HL-01") + "a", language: .en, width: 100, height: 30)
        #expect(bathroom.last?.contains("; 1 ponding check not 24 h old left unrecorded") == true)
        let view = try store.unitRound(unit: try #require(try store.unit(code: "3-1-0101")), round: 2)
        #expect(view.results.result(RoomItem(room: "主卫", item: "LK-01")) == nil)
        #expect(view.results.result(RoomItem(room: "主卫", item: "HL-01")) == .pass)
    }

    @Test(arguments: [Language.zh, .en], sizes)
    func homeListsPondingTestsDueAndRunning(language: Language, size: (Int, Int)) throws {
        let screen = try wholeScreen(try storeWithPonding(), "", language: language, width: size.0, height: size.1)
        #expect(screen == Self.expected["home_\(language)_\(size.0)x\(size.1)"]!)
    }

    static let expected: [String: [String]] = [
        "home_en_100x30": [
            " yanfang · 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open                  王建国",
            "",
            "  Project    云栖花园二期",
            "  Delivery   2027-02-15  84 days left  risk cutoff 2027-01-16 (54 days left)",
            "  Round      round 2 open since 2026-11-17  1 closed, at least 3 needed",
            "  Progress   16/86 units inspected  █████▍░░░░░░░░░░░░░░░░░░░░░░░  18.6%",
            "             28/109 re-checks done",
            "  Ponding    5 due for checking · 1 running",
            "  Inspector  王建国  i to change",
            "  Team       not synced yet · 1 replica heard of  S to sync",
            "",
            "  Next unit  1-2-0101  Bldg 1 · Entr. 2 · 0101  press n",
            "",
            "  due      3-1-0101 Master bathroom LK-01  started 11-22 09:00",
            "  due      3-1-0101 Shared bathroom LK-01  started 11-22 09:00",
            "  due      3-1-0101 Kitchen LK-02  started 11-22 09:00",
            "  due      3-1-0101 Living balcony LK-02  started 11-22 09:00",
            "  due      3-1-0101 Service balcony LK-02  started 11-22 09:00",
            "  running  3-1-0102 Master bathroom LK-01  due 11-24 08:00",
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
        "home_en_80x24": [
            " 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open        王建国",
            "",
            "  Project    云栖花园二期",
            "  Delivery   2027-02-15  84 days left  risk cutoff 2027-01-16 (54 days left)",
            "  Round      round 2 open since 2026-11-17  1 closed, at least 3 needed",
            "  Progress   16/86 units inspected  █████▍░░░░░░░░░░░░░░░░░░░░░░░  18.6%",
            "             28/109 re-checks done",
            "  Ponding    5 due for checking · 1 running",
            "  Inspector  王建国  i to change",
            "  Team       not synced yet · 1 replica heard of  S to sync",
            "",
            "  Next unit  1-2-0101  Bldg 1 · Entr. 2 · 0101  press n",
            "",
            "  due      3-1-0101 Master bathroom LK-01  started 11-22 09:00",
            "  due      3-1-0101 Shared bathroom LK-01  started 11-22 09:00",
            "  due      3-1-0101 Kitchen LK-02  started 11-22 09:00",
            "  due      3-1-0101 Living balcony LK-02  started 11-22 09:00",
            "  due      3-1-0101 Service balcony LK-02  started 11-22 09:00",
            "  running  3-1-0102 Master bathroom LK-01  due 11-24 08:00",
            "",
            "",
            "",
            "",
            " Enter units  n next unit  b defect board  q quit  / find  ? help",
        ],
        "home_zh_100x30": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中                             王建国",
            "",
            "  项目      云栖花园二期",
            "  交付日期  2027-02-15  剩 84 天  风险排查截止 2027-01-16（剩 54 天）",
            "  轮次      第 2 轮进行中（2026-11-17 开始）  已完成 1 轮，至少需 3 轮",
            "  本轮进度  已验 16/86 户  █████▍░░░░░░░░░░░░░░░░░░░░░░░  18.6%",
            "            复查 28/109 项",
            "  闭水试验  5 项待检查 · 1 项蓄水中",
            "  验收人    王建国  i 更换",
            "  协同      尚未同步 · 已知 1 台电脑  S 同步",
            "",
            "  下一户    1-2-0101  1栋 2单元 0101  按 n 进入",
            "",
            "  待检查  3-1-0101 主卫 LK-01  11-22 09:00 开始",
            "  待检查  3-1-0101 公卫 LK-01  11-22 09:00 开始",
            "  待检查  3-1-0101 厨房 LK-02  11-22 09:00 开始",
            "  待检查  3-1-0101 景观阳台 LK-02  11-22 09:00 开始",
            "  待检查  3-1-0101 生活阳台 LK-02  11-22 09:00 开始",
            "  蓄水中  3-1-0102 主卫 LK-01  11-24 08:00 起可检查",
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
        "home_zh_80x24": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中         王建国",
            "",
            "  项目      云栖花园二期",
            "  交付日期  2027-02-15  剩 84 天  风险排查截止 2027-01-16（剩 54 天）",
            "  轮次      第 2 轮进行中（2026-11-17 开始）  已完成 1 轮，至少需 3 轮",
            "  本轮进度  已验 16/86 户  █████▍░░░░░░░░░░░░░░░░░░░░░░░  18.6%",
            "            复查 28/109 项",
            "  闭水试验  5 项待检查 · 1 项蓄水中",
            "  验收人    王建国  i 更换",
            "  协同      尚未同步 · 已知 1 台电脑  S 同步",
            "",
            "  下一户    1-2-0101  1栋 2单元 0101  按 n 进入",
            "",
            "  待检查  3-1-0101 主卫 LK-01  11-22 09:00 开始",
            "  待检查  3-1-0101 公卫 LK-01  11-22 09:00 开始",
            "  待检查  3-1-0101 厨房 LK-02  11-22 09:00 开始",
            "  待检查  3-1-0101 景观阳台 LK-02  11-22 09:00 开始",
            "  待检查  3-1-0101 生活阳台 LK-02  11-22 09:00 开始",
            "  蓄水中  3-1-0102 主卫 LK-01  11-24 08:00 起可检查",
            "",
            "",
            "",
            "",
            " Enter 户号列表  n 下一户  b 问题看板  q 退出  / 查找  ? 帮助",
        ],
        "walk_en_100x30": [
            " yanfang · 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open                  王建国",
            " 3-1-0101  Bldg 3 · Entr. 1 · 0101  C 4 bedrooms, 2 living, 2 baths",
            " round 2  items 0/583  re-checks 0/1  ░░░░░░░░░░░░░░░░░░░░░░░   0.0%",
            "■ Master bathroom  0/53",
            "   · DW-23  Guard at a low window sill                                                             │",
            "   Hollowness                                                                                      │",
            "   · HL-01  Floor tiles hollow                                                                     │",
            "   · HL-02  Wall tiles hollow                                                                      │",
            "   · HL-03  Cracked floor tiles                                                                    │",
            "   · HL-04  Wall plaster hollow                                                                    │",
            "   · HL-06  Wall cracks                                                                            │",
            "   · HL-07  Ceiling cracks                                                                         │",
            "   · HL-09  Window reveals and corners plaster                                                     │",
            "   · HL-11  Window sill board hollow                                                               │",
            "   · HL-12  Threshold stone hollow                                                                 │",
            "   · HL-14  Tile joints and grout                                                                  █",
            "   · HL-15  Tile colour difference                                                                 │",
            "   · HL-16  Flatness and corners                                                                   │",
            "   · HL-17  Suspended ceiling                                                                      │",
            "   Leaks                                                                                           │",
            "   · LK-01  Bathroom floor ponding test                                         due 11-24 10:00    │",
            "   · LK-03  Window leaks                                                                           │",
            "┌──────────────────────────────────────────────────────────────────────────────────────────────────┐",
            "│ LK-03 Window leaks  Master bathroom                                                              │",
            "│ Method observe   Severity severe   Buyers high   Trade Aluminium windows and doors               │",
            "│ Criterion No water or stains at frames, sash joints, sill or surrounding wall (the spray test is │",
            "│ recorded per entrance and band of floors; the leaks it finds are recorded here)                  │",
            "│                                                                                                  │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────┘",
            " Space pass  d defect  ? help Master bathroom: ponding test started; check it from 2026-11-24 10:00",
        ],
        "walk_en_80x24": [
            " 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open        王建国",
            " 3-1-0101  Bldg 3 · Entr. 1 · 0101  C 4 bedrooms, 2 living, 2 baths",
            " round 2  items 0/583  re-checks 0/1  ░░░░░░░░░░░░░░░░░░░░░░░   0.0%",
            "■ Master bathroom  0/53",
            "   · HL-06  Wall cracks                                                        │",
            "   · HL-07  Ceiling cracks                                                     │",
            "   · HL-09  Window reveals and corners plaster                                 │",
            "   · HL-11  Window sill board hollow                                           │",
            "   · HL-12  Threshold stone hollow                                             │",
            "   · HL-14  Tile joints and grout                                              │",
            "   · HL-15  Tile colour difference                                             │",
            "   · HL-16  Flatness and corners                                               █",
            "   · HL-17  Suspended ceiling                                                  │",
            "   Leaks                                                                       │",
            "   · LK-01  Bathroom floor ponding test                     due 11-24 10:00    │",
            "   · LK-03  Window leaks                                                       │",
            "┌──────────────────────────────────────────────────────────────────────────────┐",
            "│ LK-03 Window leaks  Master bathroom                                          │",
            "│ Method observe   Severity severe   Buyers high   Trade Aluminium windows and │",
            "│ Criterion No water or stains at frames, sash joints, sill or surrounding     │",
            "│ wall (the spray test is recorded per entrance and band of floors; the leaks  │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            " ? help   Master bathroom: ponding test started; check it from 2026-11-24 10:00",
        ],
        "walk_zh_100x30": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中                             王建国",
            " 3-1-0101  3栋 1单元 0101  C 四室两厅两卫",
            " 第2轮  项 0/583  复查 0/1  ░░░░░░░░░░░░░░░░░░░░░░░   0.0%",
            "■ 主卫  0/53",
            "   · DW-23  低窗台防护                                                                             │",
            "   空鼓                                                                                            │",
            "   · HL-01  地砖空鼓                                                                               │",
            "   · HL-02  墙砖空鼓                                                                               │",
            "   · HL-03  地砖开裂                                                                               │",
            "   · HL-04  墙面抹灰空鼓                                                                           │",
            "   · HL-06  墙面裂缝                                                                               │",
            "   · HL-07  顶棚裂缝                                                                               │",
            "   · HL-09  窗洞口及阳角抹灰                                                                       │",
            "   · HL-11  窗台板空鼓                                                                             │",
            "   · HL-12  门槛石空鼓                                                                             │",
            "   · HL-14  砖缝及勾缝                                                                             █",
            "   · HL-15  地砖墙砖色差                                                                           │",
            "   · HL-16  墙地面平整及阴阳角                                                                     │",
            "   · HL-17  吊顶                                                                                   │",
            "   渗漏                                                                                            │",
            "   · LK-01  卫生间闭水试验                                                      11-24 10:00 可检查 │",
            "   · LK-03  外窗渗漏                                                                               │",
            "┌──────────────────────────────────────────────────────────────────────────────────────────────────┐",
            "│ LK-03 外窗渗漏  主卫                                                                             │",
            "│ 方法 观察   严重程度 严重   业主敏感度 高   专业 铝合金门窗                                      │",
            "│ 标准                                                                                             │",
            "│ 窗框、窗扇拼接处、窗台及周边墙面无渗漏、无水渍（淋水试验按单元和楼层段另行记录，其发现的渗漏记在 │",
            "│                                                                                                  │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────┘",
            " Space 合格  d 记问题  x 不适用  u 撤销  ? 帮助     主卫：闭水试验已开始，2026-11-24 10:00 起可检查",
        ],
        "walk_zh_80x24": [
            " 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中         王建国",
            " 3-1-0101  3栋 1单元 0101  C 四室两厅两卫",
            " 第2轮  项 0/583  复查 0/1  ░░░░░░░░░░░░░░░░░░░░░░░   0.0%",
            "■ 主卫  0/53",
            "   · HL-06  墙面裂缝                                                           │",
            "   · HL-07  顶棚裂缝                                                           │",
            "   · HL-09  窗洞口及阳角抹灰                                                   │",
            "   · HL-11  窗台板空鼓                                                         │",
            "   · HL-12  门槛石空鼓                                                         │",
            "   · HL-14  砖缝及勾缝                                                         │",
            "   · HL-15  地砖墙砖色差                                                       │",
            "   · HL-16  墙地面平整及阴阳角                                                 █",
            "   · HL-17  吊顶                                                               │",
            "   渗漏                                                                        │",
            "   · LK-01  卫生间闭水试验                                  11-24 10:00 可检查 │",
            "   · LK-03  外窗渗漏                                                           │",
            "┌──────────────────────────────────────────────────────────────────────────────┐",
            "│ LK-03 外窗渗漏  主卫                                                         │",
            "│ 方法 观察   严重程度 严重   业主敏感度 高   专业 铝合金门窗                  │",
            "│ 标准                                                                         │",
            "│ 窗框、窗扇拼接处、窗台及周边墙面无渗漏、无水渍（淋水试验按单元和楼层段另行记 │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            " Space 合格  d 记问题  ? 帮助   主卫：闭水试验已开始，2026-11-24 10:00 起可检查",
        ],
    ]
}
