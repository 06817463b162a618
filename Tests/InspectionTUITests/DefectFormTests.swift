import InspectionCore
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

/// The defects recorded in 1-2-0101 in round 2 of the demo.
func roundTwoDefects(_ store: InspectionStore, unit: String = "1-2-0101") throws -> [DefectSummary] {
    try store.defects({ var f = DefectFilter(); f.unitCode = unit; f.roundFound = 2; return f }())
}

@Suite struct DefectFormRules {
    @Test func aLeadingDigitTypedAfterTabIsTextNotAPhrase() throws {
        let store = try demoStore()
        drive(try makeApp(store), openUnit("1-2-0101") + "d<tab>3处墙根渗水<enter>")
        #expect(try roundTwoDefects(store).map(\.note) == ["3处墙根渗水"])
    }

    @Test func digitsAfterTypingHasStartedAreText() throws {
        let store = try demoStore()
        drive(try makeApp(store), openUnit("1-2-0101") + "d墙根3处渗水<enter>")
        #expect(try roundTwoDefects(store).map(\.note) == ["墙根3处渗水"])
    }

    @Test func typingAfterAPickedPhraseAppendsAndBackspaceEdits() throws {
        let store = try demoStore()
        let phrase = try #require(try store.checklists().item("DW-01")?.phrases[1])
        drive(try makeApp(store), openUnit("1-2-0101") + "d2，约10cmx<bs><enter>")
        #expect(try roundTwoDefects(store).map(\.note) == [phrase + "，约10cm"])
    }

    @Test func anEmptyNoteIsRefusedWithAMessage() throws {
        let store = try demoStore()
        let app = try makeApp(store)
        let terminal = drive(app, openUnit("1-2-0101") + "d<enter>")
        #expect(try roundTwoDefects(store).isEmpty)
        #expect(terminal.shows("请填写问题描述"))
        #expect(app.overlay is DefectForm)
    }

    @Test func savingADefectMovesToTheNextUnrecordedItem() throws {
        let store = try demoStore()
        let app = try makeApp(store)
        drive(app, openUnit("1-2-0101") + "d1<enter>")
        let unit = try #require(app.stack.last as? UnitScreen)
        guard case .item(_, let item)? = unit.selectedRow else { Issue.record("an item should be selected"); return }
        #expect(item.id == "DW-02")
        drive(app, "<space>")
        let view = try store.unitRound(unit: try #require(try store.unit(code: "1-2-0101")), round: 2)
        #expect(view.progress.recorded == 2)
    }
}
