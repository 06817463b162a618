import DefaultData
import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import ProjectFiles
import Testing

/// User text in documents stays text: Markdown cannot be injected, a spreadsheet runs no
/// formula, and a name matches however its characters were composed.
@Suite struct HostileTextTests {
    static let today = Day(year: 2026, month: 11, day: 23)!
    static let contractor = "Cafe\u{301} 门窗"  // e + combining acute, as some keyboards type it

    func store(project: String) throws -> (InspectionStore, String) {
        let store = try InspectionStore.inMemory()
        let rows = try LayoutFile.rows(data: Data("building,entrance,floor,unit,type\n1,1,1,1,A\n".utf8), file: "layout.csv").get()
        let context = ActionContext(actor: "测试", at: Date(), today: Self.today)
        try store.write(context) { tx in
            _ = try tx.createProject(name: project, delivery: Self.today.adding(days: 90), checklists: try DefaultData.checklists(), source: "test")
            _ = try tx.importLayout(rows: rows, file: "layout.csv")
            _ = try tx.addContractor(name: Self.contractor, trades: ["windows"], buildings: nil)
        }
        _ = try store.write(context) { tx in try tx.openRound(date: Self.today) }
        let code = try store.write(context) { tx in
            try tx.addDefect(unit: "1-1-0101", item: "DW-10", room: "客厅", note: "＝1+1", severity: nil).code.text
        }
        return (store, code)
    }

    @Test func theRectificationNoticeHeadingEscapesTheProjectName() throws {
        let (store, _) = try store(project: "*粗体* [链接](http://x) <b>")
        let md = try RectificationList.load(store: store, contractor: Self.contractor, all: false, today: Self.today).markdown()
        let heading = try #require(md.split(separator: "\n").first)
        #expect(heading.hasSuffix("\\*粗体\\* \\[链接\\](http://x) \\<b\\>"), "\(heading)")
    }

    @Test func fullWidthFormulaSignsAreNeutralisedLikeASCIIOnes() {
        for sign in ["＝", "＋", "－", "＠"] {
            #expect(Escape.spreadsheetCell(sign + "SUM(A1)") == "'" + sign + "SUM(A1)")
        }
    }

    @Test func aContractorNameTypedInAnotherNormalFormFindsItsDefects() throws {
        let (store, code) = try store(project: "项目")
        for typed in ["Caf\u{E9} 门窗", Self.contractor] {
            let list = try RectificationList.load(store: store, contractor: typed, all: false, today: Self.today)
            #expect(list.defects.map(\.code.text) == [code], "typed as \(Array(typed.unicodeScalars))")
        }
        // Without the accent it is another name: refused, with the close one suggested.
        let refused = #expect(throws: ContractorNameError.self) {
            try RectificationList.load(store: store, contractor: "Cafe 门窗", all: false, today: Self.today)
        }
        #expect(refused?.candidates == [Self.contractor.precomposedStringWithCanonicalMapping])
    }
}
