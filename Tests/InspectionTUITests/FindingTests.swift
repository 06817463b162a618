import InspectionCore
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

@Suite struct Finding {
    @Test(arguments: ["3-1-502", "3-1-0502", "3栋1单元502", "3-1-502室", "3栋 1单元 0502室"])
    func aWholeUnitCodeInAnySpellingOpensThatUnit(typed: String) throws {
        let app = try makeApp(try demoStore())
        drive(app, "/\(typed)<enter>")
        #expect((app.stack.last as? UnitScreen)?.unit.code == "3-1-0502")
    }

    @Test func typedUnitCodesNormalise() {
        #expect(UnitCode.typed("3-1-502") == "3-1-0502")
        #expect(UnitCode.typed("12栋2单元1802室") == "12-2-1802")
        #expect(UnitCode.typed("0502") == nil)
        #expect(UnitCode.dashed("3栋1单元") == "3-1-")
    }

    @Test func searchWorksInsideAUnitAndShowsHowManyMatch() throws {
        let app = try makeApp(try demoStore())
        drive(app, openUnit("1-1-0101"))
        let terminal = drive(app, "/0502")
        let count = try store86Count(of: "0502")
        #expect(terminal.shows("找到 \(count) 个"))
        drive(app, "<down><down><enter>")
        #expect((app.stack.last as? UnitScreen)?.unit.code == "2-1-0502")
        #expect(app.stack.count == 3)  // home, unit list, the unit: not piled on the first unit
    }

    @Test func theMatchListScrollsThroughAllMatches() throws {
        let app = try makeApp(try demoStore())
        let expected = try store86Count(of: "-1-")
        let terminal = drive(app, "/-1-" + String(repeating: "<pgdn>", count: 10) + "<up>")
        let search = try #require(app.overlay as? SearchOverlay)
        #expect(search.matches.count == expected)
        #expect(search.list.selected == expected - 2)
        #expect(terminal.shows("找到 \(expected) 个"))
        #expect(terminal.shows(try #require(store86Units(containing: "-1-").dropLast().last)))
    }

    @Test func escapeAtHomeDoesNotQuit() throws {
        let app = try makeApp(try demoStore())
        let terminal = TestTerminal(events: keys("<esc>"))
        run(app, on: terminal, tooSmallMessage: "")
        #expect(terminal.frames.count == 2)  // drawn again after Esc, and ended only by the script
        let quits = TestTerminal(events: keys("q<esc>"))
        run(try makeApp(try demoStore()), on: quits, tooSmallMessage: "")
        #expect(quits.frames.count == 1)
    }
}

/// The demo's unit codes that contain `part`, in layout order.
func store86Units(containing part: String) throws -> [String] {
    try demoStore().units().map(\.code).filter { $0.contains(part) }
}

func store86Count(of part: String) throws -> Int { try store86Units(containing: part).count }

@Suite struct ContractorFinding {
    @Test func aContractorNamedByPartOfItsNameFindsOnlyItsOwnMarkCodes() throws {
        let store = try demoStore()
        let app = try makeApp(store, contractor: "建材")
        #expect(app.configuration.contractor == "云川建材防水工程有限公司")
        let own = try #require(store.defects({ var f = DefectFilter(); f.contractor = "云川建材防水工程有限公司"; return f }()).first)
        let other = try #require(store.defects(DefectFilter()).first { $0.contractor != "云川建材防水工程有限公司" })
        let refused = drive(app, "/\(other.code.text)")
        #expect(refused.shows("没有匹配的户号或问题"))
        drive(app, "<esc>/\(own.code.text)<enter>")
        #expect((app.stack.last as? DefectScreen)?.code == own.code.text)
    }

    @Test func severalOrNoContractorsFittingAreRefusedWithTheCloseNames() throws {
        #expect(throws: ContractorNameError.self) { try makeApp(try demoStore(), contractor: "有限公司") }
        do {
            _ = try makeApp(try demoStore(), contractor: "华健门窗")
            Issue.record("a misspelt name should be refused")
        } catch let error as ContractorNameError {
            #expect(error.candidates == ["明远门窗工程有限公司"])
        }
    }
}
