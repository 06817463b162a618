import CSV
import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import Testing

@Suite struct ContractorListSaysWhy {
    /// The leak of the scripted project: found in round 1, claimed, failed in round 2 ("仍渗水"),
    /// claimed again, failed in round 3 ("楼下仍有水渍").
    func leakList() throws -> (RectificationList, String) {
        let p = try ScriptedProject()
        let list = try RectificationList.load(store: p.store, contractor: "建材", all: false, today: ScriptedProject.today)
        return (list, p.codes["leak"]!)
    }

    @Test func theStoryHasEveryFailedRecheckAndClaimInOrder() throws {
        let (list, code) = try leakList()
        let leak = try #require(list.defects.first { $0.code.text == code })
        let lines = StoryText.lines(list.stories[leak.id], language: .zh)
        #expect(lines == [
            "报整改完成（2026-09-30）：已重做防水",
            "第2轮复查未过（2026-10-05）：仍渗水",
            "报整改完成（2026-10-10）：再次修补",
            "第3轮复查未过（2026-10-15）：楼下仍有水渍",
        ])
        #expect(StoryText.lines(list.stories[leak.id], language: .en)[1] == "round 2 re-check failed (2026-10-05): 仍渗水")
    }

    @Test func csvHasTheNoteTheFailuresAndTheClaims() throws {
        let (list, code) = try leakList()
        let text = String(decoding: try list.csv().dropFirst(3), as: UTF8.self)
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        let header = try #require(reader.headerRow)
        #expect(header.suffix(2) == ["复查未过原因", "报整改记录"])
        let row = try #require(reader.next())
        #expect(row[0] == code)
        #expect(row[8] == "闭水试验后楼下渗水")
        #expect(header[13] == "整改期限")
        #expect(row[13] == "2026-10-26 逾期")
        #expect(row[14] == "第2轮复查未过（2026-10-05）：仍渗水\n第3轮复查未过（2026-10-15）：楼下仍有水渍")
        #expect(row[15] == "报整改完成（2026-09-30）：已重做防水\n报整改完成（2026-10-10）：再次修补")
    }

    @Test func markdownAndHTMLSayWhyToo() throws {
        let (list, _) = try leakList()
        let md = list.markdown(language: .en)
        #expect(md.contains("| Re-checks and claims |"))
        #expect(md.contains("round 3 re-check failed (2026-10-15): 楼下仍有水渍"))
        let html = list.html()
        #expect(html.contains("<td class=\"why\">报整改完成（2026-09-30）：已重做防水<br>第2轮复查未过（2026-10-05）：仍渗水<br>"))
        #expect(html.contains("<td class=\"\">主卫</td>"))
        #expect(list.html(language: .en).contains("<td class=\"\">Master bathroom</td>"))
    }
}
