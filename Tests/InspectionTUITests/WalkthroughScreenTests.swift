import InspectionCore
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

/// Opens `code` through search (the exact match comes first and Enter opens it).
func openUnit(_ code: String) -> String { "/\(code)<enter>" }

@Suite struct WalkthroughScreen {
    @Test func recheckQueueComesFirstAndOneKeyRecordsIt() throws {
        let store = try demoStore()
        let app = try makeApp(store)
        let terminal = drive(app, openUnit("1-2-0602"))
        let screen = terminal.screen
        let queueRow = try #require(screen.firstIndex { $0.contains("复查（") })
        let firstRoom = try #require(screen.firstIndex { $0.contains("■ 入户门") })
        #expect(queueRow < firstRoom)
        let unit = try #require(app.stack.last as? UnitScreen)
        guard case .recheck(let defect)? = unit.selectedRow else { Issue.record("a re-check should be selected"); return }
        drive(app, "p")
        #expect(try store.defect(code: defect.code.text).defect.status == .closed)
        #expect(drive(app, "").screen.contains { $0.contains(defect.code.text) && $0.contains("复查通过") })
    }

    @Test func spacePassesTheItemAndMovesToTheNextUnrecorded() throws {
        let store = try demoStore()
        let app = try makeApp(store)
        drive(app, openUnit("1-2-0101") + "<space><space>")
        let view = try store.unitRound(unit: try #require(try store.unit(code: "1-2-0101")), round: 2)
        #expect(view.progress.recorded == 2)
        let unit = try #require(app.stack.last as? UnitScreen)
        guard case .item(_, let item)? = unit.selectedRow else { Issue.record("an item should be selected"); return }
        #expect(item.id == "DW-03")
    }

    @Test func aCommonDefectTakesThreeKeysAndShowsTheMarkCodeLarge() throws {
        let store = try demoStore()
        let app = try makeApp(store)
        let terminal = drive(app, openUnit("1-2-0101") + "d2<enter>")
        let found = try store.defects({ var f = DefectFilter(); f.unitCode = "1-2-0101"; f.roundFound = 2; return f }())
        let defect = try #require(found.first)
        let phrases = try store.checklists().item("DW-01")!.phrases
        #expect(defect.note == phrases[1])
        #expect(defect.contractor == "澄安防盗门业有限公司")
        #expect(terminal.shows("问题编号（写在贴纸上）"))
        #expect(terminal.shows(defect.code.text))
        #expect(terminal.screen.contains { $0.contains("███") })
    }

    @Test func typedChineseBecomesTheDefectNoteAndSeverityCanChange() throws {
        let store = try demoStore()
        let app = try makeApp(store)
        drive(app, openUnit("1-2-0101") + "d窗框渗水明显<tab><right><enter>")
        let defect = try #require(store.defects({ var f = DefectFilter(); f.unitCode = "1-2-0101"; f.roundFound = 2; return f }()).first)
        #expect(defect.note == "窗框渗水明显")
        #expect(defect.severity == .minor)  // DW-01 is major; → moves one step
    }

    @Test func undoTakesBackTheLastResultAsACorrection() throws {
        let store = try demoStore()
        let app = try makeApp(store)
        let before = try store.events().count
        let terminal = drive(app, openUnit("1-2-0101") + "<space><space>u")
        let unit = try #require(try store.unit(code: "1-2-0101"))
        #expect(try store.unitRound(unit: unit, round: 2).progress.recorded == 1)
        #expect(try store.events().count == before + 3)  // two passes and a reversion, nothing deleted
        #expect(terminal.shows("已撤销"))
    }

    @Test func passingAnItemWithADefectIsRefusedOnTheStatusBar() throws {
        let store = try demoStore()
        let app = try makeApp(store)
        let terminal = drive(app, openUnit("1-2-0101") + "d1<enter><up><space>")
        #expect(terminal.shows("本轮已有问题"))
        #expect(try store.unitRound(unit: try #require(try store.unit(code: "1-2-0101")), round: 2).progress.recorded == 1)
    }

    @Test func walkthroughFitsEightyColumnsWithChineseAligned() throws {
        let terminal = drive(try makeApp(try demoStore()), openUnit("3-1-0101"))
        let screen = terminal.screen
        for line in screen { #expect(DisplayWidth.of(line) == 80) }
        let items = screen.filter { $0.hasPrefix("   · ") }
        #expect(!items.isEmpty)
        #expect(Set(items.compactMap { column(of: "·", in: $0) }).count == 1, "\(items)")
        #expect(screen[1].contains("3-1-0101") && screen[1].contains("3栋 1单元 0101") && screen[1].contains("四室两厅两卫"))
    }

    @Test func theWalkthroughReopensAtTheSameUnitAfterARestart() throws {
        let store = try demoStore()
        // Opening a unit writes nothing; the program remembers it on its way out (or when idle).
        let app = try makeApp(store)
        drive(app, openUnit("2-2-0301"))
        app.flushRemembered()
        #expect((try makeApp(store).stack.last as? UnitScreen)?.unit.code == "2-2-0301")
        // Killed instead: the unit went with the first result recorded in it.
        drive(try makeApp(store), "<esc><esc>" + openUnit("1-2-0101") + "<space>")
        #expect((try makeApp(store).stack.last as? UnitScreen)?.unit.code == "1-2-0101")
    }
}
