import DefaultData
import Foundation
import InspectionCore
import InspectionStore
import ProjectFiles
import Testing

@Suite struct LayoutImportTests {
    func rows(_ csv: String) throws -> [LayoutRow] {
        try LayoutFile.rows(data: Data(csv.utf8), file: "more.csv").get()
    }

    @Test func importAddsUnitsWithTheirCodes() throws {
        let world = try World(units: ["1-1-0101"])
        let units = try world.write(as: "组长") { try $0.importLayout(rows: try rows("building,entrance,floor,unit,type\n3,1,5,2,S\n3,1,5,1,S\n"), file: "more.csv") }
        #expect(units.map(\.code) == ["3-1-0502", "3-1-0501"])
        #expect(try world.store.units().map(\.code) == ["1-1-0101", "3-1-0501", "3-1-0502"])
        guard case .layoutImported(let event)? = try world.store.events().last?.body else {
            Issue.record("no layout.imported event")
            return
        }
        // The event carries the units themselves, so the history can rebuild them.
        #expect(event == LayoutImported(source: "more.csv", units: 2, added: units))
    }

    @Test func importWithAnyProblemChangesNothing() throws {
        let world = try World(units: ["1-1-0101", "1-1-0102"])
        let events = try world.eventCount()
        let csv = """
            building,entrance,floor,unit,type
            3,1,5,2,S
            3,1,5,3,Q
            3,1,五,4,S
            3,1,5,2,S
            1,1,1,2,S

            """
        let thrown = #expect(throws: FileProblems.self) {
            try world.write(as: "组长") { try $0.importLayout(rows: try rows(csv), file: "more.csv") }
        }
        #expect(thrown?.problems == [
            LineProblem(file: "more.csv", line: 3, message: "unknown unit type \"Q\" (known: S)"),
            LineProblem(file: "more.csv", line: 4, message: "floor \"五\" is not a number"),
            LineProblem(file: "more.csv", line: 5, message: "duplicate unit 3-1-0502 (first at line 2)"),
            LineProblem(file: "more.csv", line: 6, message: "unit 1-1-0102 is already in the project"),
        ])
        #expect(try world.eventCount() == events)
        #expect(try world.store.units().map(\.code) == ["1-1-0101", "1-1-0102"])
    }

    @Test func unitAddedDuringARoundIsInItsScope() throws {
        let world = try World(units: ["1-1-0101"])
        try world.openRound()
        try world.write(as: "组长") { _ = try $0.importLayout(rows: try rows("building,entrance,floor,unit,type\n2,1,3,1,S\n"), file: "more.csv") }
        let unit = try world.unit("2-1-0301")
        #expect(try world.store.progress(round: 1)[unit.id] == UnitProgress(applicable: 6, recorded: 0, rechecks: 0, rechecksDone: 0))
        try world.write { _ = try $0.passRemaining(unit: "1-1-0101") }
        #expect(throws: InspectionError.roundIncomplete(RoundBlockers(round: 1, units: ["2-1-0301"], rechecks: []))) {
            try world.closeRound()
        }
    }

    @Test func shippedChecklistsAndDemoLayoutImport() throws {
        let store = try InspectionStore.inMemory()
        let checklists = try DefaultData.checklists()
        let layout = try #require(DefaultData.text("fixtures/demo/layout.csv"))
        let rows = try LayoutFile.rows(data: Data(layout.utf8), file: "layout.csv").get()
        let units = try store.write(ActionContext(actor: "组长", at: Date(), today: Fixture.day("2025-06-01"))) { tx in
            _ = try tx.createProject(name: "demo", delivery: Fixture.day("2025-10-31"), checklists: checklists, source: "shipped")
            return try tx.importLayout(rows: rows, file: "layout.csv")
        }
        #expect(units.count == rows.count)
        #expect(try store.units().count == rows.count)
        #expect(Set(units.map(\.code)).count == units.count)
    }
}
