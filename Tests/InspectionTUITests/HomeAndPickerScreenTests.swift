import InspectionCore
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

@Suite struct HomeAndPickerScreens {
    @Test func firstStartAsksTheInspectorOnceAndRemembersIt() throws {
        let store = try demoStore(named: false)
        let app = try makeApp(store)
        let terminal = drive(app, "李敏<enter>")
        #expect(terminal.frames[0].lines().contains { $0.contains("验收人姓名") })
        #expect(try store.setting(InspectionApp.inspectorKey) == "李敏")
        #expect(terminal.shows("验收人    李敏"))
        let again = try makeApp(store)
        #expect(!drive(again, "").shows("验收人姓名"))
    }

    @Test func homeShowsProjectDeliveryRoundAndProgressAt80x24() throws {
        let app = try makeApp(try demoStore())
        let screen = drive(app, "").trimmedScreen
        #expect(screen.count == 24)
        #expect(screen[0].hasPrefix(" 验房 · 云栖花园二期 · 交付 2027-02-15（剩 84 天） · 第2轮进行中"))
        #expect(screen.contains { $0.contains("项目      云栖花园二期") })
        #expect(screen.contains { $0.contains("第 2 轮进行中（2026-11-17 开始）") })
        #expect(screen.contains { $0.contains("已验 16/86 户") })
        #expect(screen.contains { $0.contains("下一户    1-2-0101") })
        #expect(screen[23].contains("Enter 户号列表"))
        for line in drive(try makeApp(try demoStore()), "").screen { #expect(DisplayWidth.of(line) == 80) }
    }

    @Test func unitListGroupsByBuildingAndEntranceWithColumnsAligned() throws {
        let terminal = drive(try makeApp(try demoStore()), "<enter>")
        let screen = terminal.screen
        #expect(screen.contains { $0.contains("1栋 1单元") })
        #expect(screen.contains { $0.contains("1-1-0101") })
        let unitRows = screen.filter { $0.contains("1-1-0") }
        #expect(unitRows.count >= 10)
        let codeColumns = Set(unitRows.compactMap { column(of: "1-1-0", in: $0) })
        let floorColumns = Set(unitRows.compactMap { line in line.range(of: "层").map { DisplayWidth.of(String(line[..<$0.lowerBound])) } })
        #expect(codeColumns.count == 1)
        #expect(floorColumns.count <= 2)  // "1层" and "10层" end one column apart; the starts align
        let typeColumns = Set(unitRows.compactMap { line in line.range(of: "室").map { _ in column(of: "A ", in: line) ?? column(of: "B ", in: line) } })
        #expect(typeColumns.count == 1)
    }

    @Test func searchByPartOfACodeOpensTheHighlightedUnit() throws {
        let app = try makeApp(try demoStore())
        let terminal = drive(app, "<enter>/0502<down><enter>")
        #expect((app.stack.last as? UnitScreen)?.unit.code == "1-2-0502")
        #expect((app.stack.dropLast().last as? UnitPickerScreen)?.selectedUnit?.code == "1-2-0502")
        #expect(terminal.frames.contains { $0.lines().contains { $0.contains("查找户号或问题编号") } })
    }

    @Test func searchByMarkCodeOpensTheUnitAtThatDefect() throws {
        let store = try demoStore()
        let code = try #require(store.defects({ var f = DefectFilter(); f.unitCode = "1-2-0602"; return f }()).first?.code.text)
        let app = try makeApp(store)
        let terminal = drive(app, "/" + code.lowercased().replacingOccurrences(of: "-", with: "") + "<enter>")
        let unit = try #require(app.stack.last as? UnitScreen)
        #expect(unit.unit.code == "1-2-0602")
        #expect(terminal.screen.suffix(7).contains { $0.contains(code) })
    }

    @Test func nextUnitOpensTheFirstUnitWithWorkLeft() throws {
        let app = try makeApp(try demoStore())
        drive(app, "n")
        #expect((app.stack.last as? UnitScreen)?.unit.code == "1-2-0101")
    }

    @Test func englishInterfaceTextsComeFromTheEnglishTable() throws {
        let screen = drive(try makeApp(try demoStore(), language: .en), "").screen
        #expect(screen[0].hasPrefix(" 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open"))  // the program's name gives way at 80
        #expect(drive(try makeApp(try demoStore(), language: .en), "", width: 100, height: 30).screen[0]
            .hasPrefix(" yanfang · 云栖花园二期 · delivery 2027-02-15 (84 days left) · round 2 open"))
        #expect(screen.contains { $0.contains("16/86 units inspected") })
        #expect(!screen.joined().contains("已验"))
    }

    @Test func helpOverlayListsTheKeysAndCloses() throws {
        let terminal = drive(try makeApp(try demoStore()), "?")
        #expect(terminal.shows("按键说明"))
        #expect(terminal.shows("开启新一轮"))
        let closed = drive(try makeApp(try demoStore()), "?x")
        #expect(!closed.shows("按键说明"))
    }

    @Test func tooSmallTerminalSaysSoUntilEnlarged() throws {
        let app = try makeApp(try demoStore())
        let terminal = TestTerminal(width: 70, height: 20, events: [.resize(Size(width: 80, height: 24))])
        run(app, on: terminal, tooSmallMessage: app.tooSmallMessage)
        #expect(terminal.frames[0].lines().contains { $0.contains("terminal too small (needs 80×24)") })
        #expect(terminal.screen[0].contains("云栖花园二期"))
    }

    @Test func monochromeSchemeUsesNoColours() throws {
        let app = try makeApp(try demoStore())
        app.adopt(.monochrome)
        let frame = try #require(drive(app, "<enter>").frames.last)
        #expect(frame.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
    }
}

@Suite struct InspectorName {
    @Test func theNameFromTheEnvironmentIsUsedWithoutAsking() throws {
        let store = try demoStore(named: false)
        let app = try InspectionApp(store: store, configuration: AppConfiguration(
            language: .zh, colorSupport: .eight, inspector: "赵工", clock: { testNow }, today: { testToday }))
        let terminal = drive(app, openUnit("1-2-0101") + "<space>")
        #expect(!terminal.frames[0].lines().contains { $0.contains("验收人姓名") })
        #expect(terminal.screen[0].contains("赵工"))
        #expect(try store.events().last?.actor == "赵工")
    }

    @Test func aDismissedPromptLeavesTheInterfaceReadOnlyUntilANameIsGiven() throws {
        let store = try demoStore(named: false)
        let app = try makeApp(store)
        let events = try store.events().count
        let terminal = drive(app, "<esc>" + openUnit("1-2-0101") + "<space>")
        #expect(terminal.shows("只读：按 i 填写验收人姓名后才能记录"))
        #expect(try store.events().count == events)
        let home = drive(app, "<esc><esc>i李敏<enter>" + openUnit("1-2-0101") + "<space>")
        #expect(try store.events().count == events + 1)
        #expect(home.screen[0].contains("李敏"))
    }
}
