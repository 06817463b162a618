import Foundation
import InspectionCore
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

/// Mark codes drawn from a fixed sequence, so that whole screens showing a new code repeat.
struct FixedCodes: RandomNumberGenerator, Sendable {
    var state: UInt64 = 42
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}

/// A demo store whose new mark codes repeat from run to run.
func fixedCodeStore() throws -> InspectionStore {
    let store = try demoStore()
    store.codeGenerator = FixedCodes()
    return store
}

/// Correcting what was recorded from the walkthrough and the contractor's list.
@Suite struct CorrectionScreens {
    /// 1-2-0101 with a defect just recorded on DW-01 (phrase 1), DW-01 selected again.
    static let recorded = openUnit("1-2-0101") + "d1<enter>k"

    @Test func withdrawingADefectAsksThenTakesItBack() throws {
        let store = try fixedCodeStore()
        let app = try makeApp(store)
        var terminal = drive(app, Self.recorded + "w")
        let code = try #require(try roundTwoDefects(store).first?.code.text)
        #expect(app.overlay is ConfirmOverlay)
        #expect(terminal.shows("撤回问题") && terminal.shows(code))
        terminal = drive(app, "<enter>")
        #expect(try roundTwoDefects(store).isEmpty)
        #expect(terminal.shows("已撤回：\(code)"))
        let detail = try store.defect(code: code)
        #expect(detail.withdrawal?.by == "王建国")
        // Esc at the question withdraws nothing.
        let other = try fixedCodeStore()
        let asked = try makeApp(other)
        drive(asked, Self.recorded + "w<esc>")
        #expect(try roundTwoDefects(other).count == 1)
    }

    @Test func aPassIsWithdrawnWithOneKeyAndTheItemIsUnrecordedAgain() throws {
        let store = try demoStore()
        let app = try makeApp(store)
        let terminal = drive(app, openUnit("1-2-0101") + "<space>kw")
        let view = try store.unitRound(unit: try #require(try store.unit(code: "1-2-0101")), round: 2)
        #expect(view.progress.recorded == 0)
        #expect(terminal.shows("已撤回：DW-01 入户门"))
        // Nothing recorded: said so, nothing written.
        let before = try store.events().count
        let again = drive(app, "w")
        #expect(again.shows("这一项本轮还没有结果"))
        #expect(try store.events().count == before)
    }

    @Test func aRecheckResultIsWithdrawn() throws {
        let store = try demoStore()
        let app = try makeApp(store)
        drive(app, openUnit("1-2-0602") + "fk")
        let unit = try #require(try store.unit(code: "1-2-0602"))
        #expect(try store.unitRound(unit: unit, round: 2).progress.rechecksDone == 1)
        let terminal = drive(app, "w")
        #expect(try store.unitRound(unit: unit, round: 2).progress.rechecksDone == 0)
        #expect(terminal.shows("已撤回："))
    }

    @Test func theEditFormCorrectsNoteSeverityAndContractor() throws {
        let store = try fixedCodeStore()
        let app = try makeApp(store)
        // Note: two Backspaces and a new ending; severity one to the right; the contractor before it in the list.
        drive(app, Self.recorded)
        let original = try #require(try roundTwoDefects(store).first?.contractor)
        let names = app.contractors.map { Optional($0.name) } + [nil]
        let index = try #require(names.firstIndex { $0 == original })
        drive(app, "e<bs><bs>，约10cm<tab><right><tab><left><enter>")
        let defect = try #require(try roundTwoDefects(store).first)
        let phrase = try #require(try store.checklists().item("DW-01")?.phrases[0])
        #expect(defect.note == String(phrase.dropLast(2)) + "，约10cm")
        #expect(defect.severity != (try store.checklists().item("DW-01")?.severity))
        #expect(defect.contractor == names[(index + names.count - 1) % names.count])
        let history = try store.defect(code: defect.code.text).history.map(\.body.kind)
        #expect(history == ["defect.found", "defect.edited", "defect.reassigned"])
        // An edit that changes nothing is refused and the form stays open.
        let terminal = drive(app, "e<enter>")
        #expect(terminal.shows("没有要改的内容"))
        #expect(app.overlay is DefectForm)
    }

    @Test func theContractorTakesBackAClaim() throws {
        let store = try demoStore()
        let name = "云川建材防水工程有限公司"
        let app = try makeApp(store, contractor: name)
        drive(app, "")
        let claimed = try #require(try store.defects({ var f = DefectFilter(); f.contractor = name; return f }()).first { $0.status == .rectified })
        let screen = try #require(app.stack.last as? ContractorScreen)
        screen.state.selected = screen.index.first { $0.value.id == claimed.id }?.key
        var terminal = drive(app, "u")
        #expect(terminal.shows("撤回 \(claimed.code.text) 的整改申报"))
        terminal = drive(app, "<enter>")
        #expect(try store.defect(code: claimed.code.text).defect.status == .open)
        #expect(terminal.shows("\(claimed.code.text) 的整改申报已撤回"))
        // Claimed twice in a row: refused in one line.
        screen.state.selected = screen.index.first { $0.value.id == claimed.id }?.key
        drive(app, "r第一次<enter>")
        screen.state.selected = screen.index.first { $0.value.id == claimed.id }?.key
        terminal = drive(app, "r第二次<enter>")
        #expect(terminal.shows("已报整改完成，待复查"))
        #expect(try store.defect(code: claimed.code.text).defect.rectificationNote == "第一次")
    }

    @Test func aWithdrawnCodeAnswersInTheSearch() throws {
        let store = try fixedCodeStore()
        let app = try makeApp(store)
        drive(app, Self.recorded)
        let code = try #require(try roundTwoDefects(store).first?.code.text)
        drive(app, "w<enter><esc><esc>")
        let terminal = drive(app, "/\(code)")
        #expect(terminal.shows("已于 2026-11-23 由 王建国 撤回"))
        let opened = drive(app, "<enter>")
        #expect(app.stack.last is DefectScreen)
        #expect(opened.shows("撤回问题 \(code)"))
    }
}
