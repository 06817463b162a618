import CSV
import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import Testing

@Suite struct RectificationExports {
    @Test func csvRoundTripsChineseAndNeutralisesFormulas() throws {
        let p = try ScriptedProject()
        let list = try RectificationList.load(store: p.store, contractor: ScriptedProject.windows, all: true, today: ScriptedProject.today)
        let data = try list.csv()
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        #expect(reader.headerRow?.first == "编号")
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        #expect(rows.map { $0[0] }.sorted() == [p.codes["glass"]!, p.codes["window"]!].sorted())
        let glass = try #require(rows.first { $0[0] == p.codes["glass"]! })
        #expect(glass[8] == "'=HYPERLINK(\"http://x\") 玻璃划痕, 2处")  // note kept whole, made text
        #expect(glass[5] == "客厅")
        #expect(rows.allSatisfy { row in !row.contains { $0.hasPrefix("=") || $0.hasPrefix("+") || $0.hasPrefix("@") } })
    }

    @Test func spreadsheetCellsThatLookLikeFormulasGetAnApostrophe() {
        #expect(Escape.spreadsheetCell("=1+2") == "'=1+2")
        #expect(Escape.spreadsheetCell("+86 138") == "'+86 138")
        #expect(Escape.spreadsheetCell("-3") == "'-3")
        #expect(Escape.spreadsheetCell("@SUM(A1)") == "'@SUM(A1)")
        #expect(Escape.spreadsheetCell("窗框渗水") == "窗框渗水")
    }

    @Test func anExportHoldsOnlyThatContractorsRows() throws {
        let p = try ScriptedProject()
        let list = try RectificationList.load(store: p.store, contractor: ScriptedProject.waterproofing, all: true, today: ScriptedProject.today)
        #expect(list.defects.map(\.code.text) == [p.codes["leak"]!])
        let html = list.html()
        #expect(!html.contains(p.codes["glass"]!) && !html.contains(p.codes["window"]!) && !html.contains(ScriptedProject.windows))
        let md = list.markdown()
        #expect(md.contains(p.codes["leak"]!) && !md.contains(p.codes["tile"]!))
    }

    @Test func htmlEscapesEveryUserText() throws {
        let p = try ScriptedProject()
        _ = try p.store.write(ScriptedProject.context(26)) { tx in try tx.openRound(date: ScriptedProject.today) }
        let code = try p.store.write(ScriptedProject.context(27)) { tx in
            try tx.addDefect(unit: "2-1-0101", item: "DW-10", room: "客厅", note: "<script>alert('x')</script> & \"q\"", severity: nil).code.text
        }
        let html = try RectificationList.load(store: p.store, contractor: ScriptedProject.windows, all: false, today: ScriptedProject.today).html()
        #expect(html.contains(code))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"))
        #expect(html.contains("@page { size: A4"))
    }

    @Test func anUnknownContractorIsRefused() throws {
        let p = try ScriptedProject()
        #expect(throws: ContractorNameError(typed: "无此单位", candidates: [], ambiguous: false)) {
            try RectificationList.load(store: p.store, contractor: "无此单位", all: false, today: ScriptedProject.today)
        }
    }

    @Test func aUniquePartOfTheNameWillDoAndCloseNamesAreSuggested() throws {
        let p = try ScriptedProject()
        let list = try RectificationList.load(store: p.store, contractor: "明远", all: false, today: ScriptedProject.today)
        #expect(list.contractor == ScriptedProject.windows)
        #expect(throws: ContractorNameError(typed: "工程", candidates: [ScriptedProject.windows, ScriptedProject.waterproofing, ScriptedProject.tiling], ambiguous: true)) {
            try RectificationList.load(store: p.store, contractor: "工程", all: false, today: ScriptedProject.today)
        }
        #expect(throws: ContractorNameError(typed: "华健门窗", candidates: [ScriptedProject.windows], ambiguous: false)) {
            try RectificationList.load(store: p.store, contractor: "华健门窗", all: false, today: ScriptedProject.today)
        }
    }
}
