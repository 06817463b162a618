import InspectionCore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

@Suite struct KeyBindings {
    /// Every screen the demo reaches: home, unit list, walkthrough, defect, board, report, contractor.
    func screens() throws -> [(InspectionApp, any Screen)] {
        var found: [(InspectionApp, any Screen)] = []
        for script in ["", "<enter>", openUnit("1-2-0602"), openUnit("1-2-0602") + "<enter>", "b", "b<enter>", "b<enter><enter>", "r"] {
            let app = try makeApp(try demoStore())
            drive(app, script)
            found.append((app, try #require(app.stack.last)))
        }
        let contractor = try makeApp(try demoStore(), contractor: "建材")
        found.append((contractor, try #require(contractor.stack.last)))
        return found
    }

    @Test func hintsAndHelpComeFromTheSameBindingsAndNoKeyIsBoundTwice() throws {
        for (app, screen) in try screens() {
            let bindings = screen.bindings(app)
            let help = screen.help(app)
            for hint in screen.hints(app) {
                #expect(help.contains { $0.key == hint.key }, "\(type(of: screen)): hint \(hint.key) is in the help")
            }
            let keys = bindings.flatMap(\.keys) + app.globalBindings.flatMap(\.keys)
            #expect(Set(keys.map { "\($0)" }).count == keys.count, "\(type(of: screen)): a key bound twice")
        }
    }

    @Test func theHelpOverlayListsEveryBindingOfTheScreen() throws {
        let app = try makeApp(try demoStore())
        let terminal = drive(app, openUnit("1-2-0101") + "?", height: 40)
        let unit = try #require(app.stack.last as? UnitScreen)
        for binding in unit.bindings(app) { #expect(terminal.shows(binding.label), "\(binding.label)") }
        #expect(terminal.shows("按房号或问题编号查找"))
    }
}
