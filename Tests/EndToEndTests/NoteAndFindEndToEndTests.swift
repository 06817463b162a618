import Foundation
import Testing

/// The field trial's path through the real binary in tmux (100×30, LANG=C.UTF-8): find a
/// unit typed without the floor's zero, record a defect whose note starts with a digit, pass
/// the next item with one key, withdraw the defect, find its code again with `/` (it answers
/// as withdrawn), and read it all back through `--json`.
extension EndToEndTests {
    @Test func aNoteStartingWithADigitIsKeptAndTheNextItemPassesWithOneKey() async throws {
        let ws = try Workspace()
        let db = try ws.makeDemo()
        let unit = "3-1-0502"
        // The inspector named in the environment: no prompt.
        let command = shellCommand(["env"] + Tmux.paneEnvironmentUnset + Tmux.paneEnvironment + ["YANFANG_INSPECTOR=Chen", ws.binary, "--db", db])
        let tui = try Tmux("note-and-find", command: command, directory: ws.url)
        defer { tui.kill() }
        let home = try await tui.waitFor("home without a name prompt", timeout: 30) { $0.contains("Next unit") }
        #expect(!home.contains("Inspector's name"), "\(home)")
        #expect(home.lines.first?.contains("Chen") == true, "the inspector in the title bar\n\(home)")

        try tui.send("/")
        try await tui.waitFor("the search box") { $0.contains("Find a unit or a mark code") }
        try tui.type("3-1-502")
        let found = try await tui.waitFor("one match for 3-1-502") { $0.contains("1 match") && $0.contains("\(unit)  Bldg 3") }
        #expect(found.contains("\(unit)  Bldg 3 · Entr. 1 · 0502"), "\(found)")
        try tui.send("Enter")
        try await tui.waitFor("the walkthrough of \(unit)") { $0.lines.dropFirst().first?.hasPrefix(" \(unit)  ") == true && !$0.contains("Find a unit") }

        try tui.send("Tab")  // past the re-check queue to the first room's first item
        try await tui.waitFor("DW-01 selected") { $0.lastBox.first?.contains("DW-01 Entry door opens and closes") == true }
        try tui.send("d")
        try await tui.waitFor("the defect form") { $0.contains("Common problems") }
        try tui.send("Tab")  // to the note: digits are text from here
        try tui.type("3处墙根渗水")
        try await tui.waitFor("the note typed") { $0.contains("3处墙根渗水") }
        try tui.send("Enter")
        let saved = try await tui.waitFor("the mark code shown large") { $0.contains("Mark code (write it on the sticker)") }
        #expect(saved.contains("3处墙根渗水"), "\(saved)")
        let code = try #require(markCodes(in: saved.lastBox.joined(separator: "\n")).first, "\(saved)")
        try tui.send("Space")
        try await tui.waitFor("two items recorded") { $0.contains("items 2/") }
        let recorded = try ws.json(UnitJSON.self, "--db", db, "unit", unit, "--json")
        #expect(recorded.recorded == 2 && recorded.found == [code])
        #expect(recorded.items.first { $0.item == "DW-02" && $0.room == "入户门" }?.result == "pass", "the next item passed with one Space")

        // Back on DW-01, withdraw its defect: asked first, then gone from the unit.
        try tui.send("k", "k")
        try await tui.waitFor("DW-01 selected again") { $0.lastBox.first?.contains("DW-01 Entry door opens and closes") == true }
        try tui.send("w")
        let asked = try await tui.waitFor("the withdrawal asked") { $0.contains("Withdraw the defect") }
        #expect(asked.contains(code) && asked.contains("3处墙根渗水"), "\(asked)")
        try tui.send("Enter")
        try await tui.waitFor("the defect withdrawn") { $0.contains("withdrawn: \(code)") && $0.contains("items 1/") }

        // Its code still answers with `/`, as withdrawn.
        try tui.send("/")
        try await tui.waitFor("the search box") { $0.contains("Find a unit or a mark code") }
        try tui.type(code)
        let answer = try await tui.waitFor("the withdrawn code found") { $0.contains("withdrawn on") }
        #expect(answer.contains("\(code)  \(unit) · withdrawn on") && answer.contains(", by Chen"), "\(answer)")
        try tui.send("Enter")
        let story = try await tui.waitFor("the withdrawn defect's history") { $0.contains("withdrew the defect \(code): 3处墙根渗水") }
        #expect(story.contains("withdrawn on") && story.contains(", by Chen"), "\(story)")
        try tui.send("q", "q", "q", "q")
        try await tui.waitUntilGone()

        let view = try ws.json(UnitJSON.self, "--db", db, "unit", unit, "--json")
        #expect(view.round == 2)
        #expect(view.recorded == 1, "DW-01 is unrecorded again")
        #expect(view.found.isEmpty)
        #expect(view.items.first { $0.item == "DW-01" && $0.room == "入户门" }?.result == nil)
        #expect(view.items.first { $0.item == "DW-02" && $0.room == "入户门" }?.result == "pass")
        let defect = try ws.json(DefectJSON.self, "--db", db, "defect", "show", code, "--json")
        #expect(defect.note == "3处墙根渗水", "the note stored as typed")
        #expect(defect.unit == unit)
        #expect(defect.status == "withdrawn")
        #expect(defect.withdrawn?.by == "Chen" && defect.withdrawn?.round == 2)
        #expect(defect.history.last?.correction == "withdrew the defect \(code): 3处墙根渗水")
        #expect(try ws.yanfangOK("--db", db, "defect", "show", code).contains("withdrawn on "))
    }
}
