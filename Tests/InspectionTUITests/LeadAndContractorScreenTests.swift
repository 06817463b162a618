import InspectionCore
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

@Suite struct LeadAndContractorScreens {
    @Test func boardMatrixTotalsMatchTheStore() throws {
        let store = try demoStore()
        let terminal = drive(try makeApp(store), "b")
        let board = try store.board(round: nil, today: testToday)
        let totalRow = try #require(terminal.screen.first { $0.contains(" 合计") && !$0.contains("门窗") })
        #expect(totalRow.hasSuffix(" \(board.tables.total.outstanding)") || totalRow.trimmingCharacters(in: .whitespaces).hasSuffix("\(board.tables.total.outstanding)"))
        #expect(terminal.shows("楼栋 × 类别：未销项"))
        #expect(terminal.shows("可交付率 \(board.readiness.ready)/86"))
    }

    @Test func boardSwitchesRoundsAndViews() throws {
        let terminal = drive(try makeApp(try demoStore()), "b[2")
        #expect(terminal.shows("第1轮已结束"))
        #expect(terminal.shows("江城建工第三建设"))
    }

    @Test func boardDrillsFromACellToUnitsToDefectsToHistory() throws {
        let app = try makeApp(try demoStore())
        let terminal = drive(app, "b<enter><enter><enter>")
        #expect(app.stack.last is DefectScreen)
        #expect(terminal.shows("记录"))
        #expect(terminal.shows("发现："))
    }

    @Test func contractorSeesOnlyItsOwnDefectsAndClaimsAFix() throws {
        let store = try demoStore()
        let name = "云川建材防水工程有限公司"
        let app = try makeApp(store, contractor: name)
        let own = try store.defects({ var f = DefectFilter(); f.contractor = name; return f }()).filter { $0.status.blocksDelivery }
        let others = try store.defects(DefectFilter()).filter { $0.contractor != name }
        let terminal = drive(app, "", height: 60)
        let text = terminal.screen.joined(separator: "\n")
        for d in own.prefix(5) { #expect(text.contains(d.code.text)) }
        for d in others { #expect(!text.contains(d.code.text)) }
        #expect(!text.contains("明远门窗"))
        let open = try #require(own.first { $0.status == .open })
        let screen = try #require(app.stack.last as? ContractorScreen)
        screen.state.selected = screen.index.first { $0.value.id == open.id }?.key
        drive(app, "r已重新打胶<enter>")
        #expect(try store.defect(code: open.code.text).defect.status == .rectified)
        #expect(try store.defect(code: open.code.text).defect.rectificationNote == "已重新打胶")
    }

    @Test func aListThatShrinksWhileOpenKeepsItsSelectionInside() throws {
        let store = try demoStore()
        let app = try makeApp(store)
        drive(app, "b3<end>")
        let board = try #require(app.stack.last as? BoardScreen)
        let last = try #require(board.board?.readiness.blockingUnits.last)
        // Another process waives every open defect of the last unit in the list.
        for defect in try store.defects({ var f = DefectFilter(); f.unitCode = last; return f }()) where defect.status.blocksDelivery {
            _ = try store.write(ActionContext(actor: "组长", at: testNow, today: testToday)) { tx in try tx.waive(code: defect.code.text, answer: "SC-01", approvedBy: "组长") }
        }
        app.reloadAll()
        drive(app, "<enter>")  // once indexed past the end
        #expect(app.stack.last is DefectListScreen)
        #expect(try #require(board.list.selected) < board.listCount)
    }

    @Test func drillingIntoTheTotalRowOfAPastRoundCountsThatRoundOnly() throws {
        let store = try demoStore()
        let app = try makeApp(store)
        drive(app, "b[mG<end>")  // round 1, counting new defects; the total row and column
        let board = try #require(app.stack.last as? BoardScreen)
        board.cell = (board.matrixRows.count - 1, board.matrixColumns.count - 1)
        drive(app, "<enter>")
        let units = try #require(app.stack.last as? UnitCountsScreen)
        let drilled = units.groups.reduce(0) { $0 + $1.defects.count }
        #expect(drilled == (try store.board(round: 1, today: testToday).tables.total.new))
        #expect(units.groups.allSatisfy { $0.defects.allSatisfy { $0.roundFound == 1 } })
    }

    @Test func reportPreviewDrawsBarsWithBlockCharacters() throws {
        let terminal = drive(try makeApp(try demoStore()), "r", height: 60)
        #expect(terminal.shows("模拟验收报告 · 第 2 轮"))
        #expect(terminal.shows("按类别（本轮新增）"))
        #expect(terminal.screen.contains { $0.contains("门窗") && $0.contains("█") })
    }
}
