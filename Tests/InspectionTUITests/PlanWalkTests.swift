import Foundation
import InspectionCore
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

/// Walking by the plan: `n` goes to the next unit with the inspector's own items left in
/// their batches, and `a` passes exactly the items the walkthrough shows.
@Suite struct PlanWalkTests {
    func store(as who: String) throws -> InspectionStore {
        let store = try planStore()
        try store.setSetting(InspectionApp.inspectorKey, who)
        return store
    }

    func write(_ store: InspectionStore, as who: String, _ body: (StoreTransaction) throws -> Void) throws {
        try store.write(ActionContext(actor: who, at: testNow, today: testToday), body)
    }

    /// 王建国 (空鼓, 渗漏) has done his items of 1-2-0101: `n` skips it, though it still has
    /// 李敏's doors and windows left, and from the walkthrough `n` goes on to the next.
    @Test func nSkipsAUnitWhereTheInspectorsOwnItemsAreDone() throws {
        let store = try self.store(as: "王建国")
        // His ponding tests there were started a day before, so that "pass the rest" checks them too.
        try store.write(ActionContext(actor: "王建国", at: testNow.addingTimeInterval(-86_400), today: testToday)) {
            _ = try $0.startPondingTests(unit: "1-2-0101")
        }
        try write(store, as: "王建国") { _ = try $0.passRemaining(unit: "1-2-0101", categories: ["hollowness", "leaks"]) }
        let home = try wholeScreen(store, "", language: .zh, width: 80, height: 24)
        #expect(home.contains { $0.hasPrefix("  下一户    1-2-0102  1栋 2单元 0102") })
        let walk = try wholeScreen(store, "n", language: .zh, width: 80, height: 24)
        #expect(walk[1].hasPrefix(" 1-2-0102  1栋 2单元 0102  我的类别 空鼓，渗漏"))
        let next = try wholeScreen(store, "nn", language: .zh, width: 80, height: 24)
        #expect(next[1].hasPrefix(" 1-2-0201  1栋 2单元 0201"))
        // The unit list's n, from its first unit, skips it too.
        let list = try makeApp(store)
        drive(list, "<enter>n")
        #expect((list.stack.last as? UnitScreen)?.unit.code == "1-2-0102")
        // 李敏 (门窗, 成品保护) still has her items of 1-2-0101 left: n takes her there.
        try store.setSetting(InspectionApp.inspectorKey, "李敏")
        let hers = try wholeScreen(store, "n", language: .zh, width: 80, height: 24)
        #expect(hers[1].hasPrefix(" 1-2-0101  1栋 2单元 0101  我的类别 门窗，成品保护"))
        // Widened (m: every unit), the list's n is the next unit with any work left: 1-2-0101.
        try store.setSetting(InspectionApp.inspectorKey, "王建国")
        let wide = try makeApp(store)
        drive(wide, "<enter>mn")
        #expect((wide.stack.last as? UnitScreen)?.unit.code == "1-2-0101")
    }

    /// 张磊 covers 门窗 in 第一批 (building 1); once his items of its 32 units are all
    /// recorded, `n` says his part is done rather than sending him elsewhere.
    @Test func nSaysSoWhenTheInspectorsPartIsDone() throws {
        let store = try self.store(as: "张磊")
        let checklists = try store.checklists()
        for unit in try store.units() where unit.building == "1" {
            try write(store, as: "张磊") { tx in
                _ = try tx.passRemaining(unit: unit.code, categories: ["doors-windows"])
                // His re-checks there too: the doors and windows found in round 1.
                let view = try tx.unitRound(unit, round: 2)
                for d in view.rechecks where checklists.item(d.item)?.category == "doors-windows"
                    && view.results.rechecks[d.id] == nil && d.status != .waived {
                    _ = try tx.recheck(code: d.code.text, passed: true, note: nil)
                }
            }
        }
        let app = try makeApp(store)
        let home = wholeScreen(app, "", size: (80, 24))
        #expect(home.contains { $0.hasPrefix("  下一户    你负责的户和类别本轮已验完") })
        let after = wholeScreen(app, "n", size: (80, 24))
        #expect(app.stack.count == 1)
        #expect(after[23].contains("你负责的户和类别本轮已验完"))
    }

    /// With an assignment, the help says what `n` does; the status bar keeps it short.
    @Test func theHelpSaysNGoesToTheInspectorsNextUnit() throws {
        for (language, help, hint) in [(Language.zh, "下一户（我负责的未验项）", "n 下一户"), (.en, "next unit with my items left", "n next unit")] {
            let app = try makeApp(try self.store(as: "王建国"), language: language)
            let terminal = drive(app, "?", width: 100, height: 40)
            #expect(terminal.shows(help), "\(language)")
            let walk = drive(try makeApp(try self.store(as: "王建国"), language: language), "n", width: 100, height: 30)
            #expect(walk.trimmedScreen[29].contains(hint), "\(language)")
        }
        // Without a plan, n is the next unit, as before.
        let plain = drive(try makeApp(try demoStore()), "?", width: 100, height: 40)
        #expect(!plain.shows("下一户（我负责的未验项）"))
    }

    /// The pairs of `room` the walkthrough shows as items.
    func shown(_ screen: UnitScreen, room: String) -> Set<RoomItem> {
        Set(screen.rows.compactMap { row -> RoomItem? in
            if case let .item(r, item) = row, r.key == room { return RoomItem(room: r.key, item: item.id) }
            return nil
        })
    }

    func recorded(_ store: InspectionStore, _ code: String) throws -> Set<RoomItem> {
        let unit = try #require(try store.unit(code: code))
        return Set(try store.unitRound(unit: unit, round: 2).results.outcomes.keys)
    }

    /// Narrowed, `a` passes exactly the room's items on the screen; widened (m), exactly
    /// those then shown: the rest of the room, the other categories included.
    @Test func aPassesExactlyTheItemsShownNarrowedThenWidened() throws {
        let store = try self.store(as: "王建国")
        let app = try makeApp(store)
        drive(app, "n")
        let walk = try #require(app.stack.last as? UnitScreen)
        let room = "客厅"
        let mine = shown(walk, room: room)
        #expect(mine.count == 21)
        // Past the hallway to the living room's first item, then a.
        drive(app, "<tab><tab>a")
        #expect(try recorded(store, "1-2-0101") == mine)
        let narrowed = wholeScreen(app, "<backtab>", size: (80, 24))
        #expect(narrowed.contains { $0.hasPrefix("■ 客厅  21/21") })

        // Widened, on the living room again (the screen above went back to it): a passes the rest shown.
        drive(app, "m")
        let all = shown(walk, room: room)
        #expect(all.count > mine.count && all.isSuperset(of: mine))
        drive(app, "a")
        #expect(try recorded(store, "1-2-0101") == all)
        let widened = wholeScreen(app, "<backtab>", size: (80, 24))
        #expect(widened.contains { $0.hasPrefix("■ 客厅  \(all.count)/\(all.count)") })
        #expect(try recorded(store, "1-2-0101").allSatisfy { $0.room == room })
    }
}
