import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Two laptops on one project, one of them (or both) in the real interface in tmux: the
/// same unit walked apart and brought together through a shared folder.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct TeamInterfaceTests {

    /// Laptop 1 (the lead's demo file) passes the doors-and-windows items of a unit not yet
    /// started, room by room, in the interface, with one defect; laptop 2 (a replica joined
    /// from it), in a second interface, passes every other item, after recording two
    /// hollowness defects from the command line. Both sync through one folder (lead, b, lead),
    /// both interfaces, going back to the unit list, show the unit done with the three open
    /// defects, and both files tell the same unit view.
    @Test func twoLaptopsWalkOneUnitAndSyncThroughAFolder() async throws {
        let ws = try Workspace()
        let lead = try ws.makeDemo("lead.db")
        let b = ws.path("b.db"), share = ws.path("share")
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        let start = try untouchedUnit(ws, lead)
        let unit = start.unit
        // Its ponding tests were started a day before, so that every item can be checked now.
        try ws.startPondingADayAgo(lead, [unit])
        try ws.yanfangOK("join", lead, "--db", b)
        let checklist = try ws.json(ChecklistJSON.self, "checklist", "list", "--json", "--db", lead)
        let category = Dictionary(uniqueKeysWithValues: checklist.items.map { ($0.id, $0.category) })

        // The rooms in the order the unit view (and the walkthrough) lists them, each with its
        // doors-and-windows items first (the walkthrough groups a room's items by category,
        // doors and windows first).
        var rooms: [(room: String, doors: [String], others: [String])] = []
        for item in start.items {
            if rooms.last?.room != item.room {
                try #require(!rooms.contains { $0.room == item.room }, "the items of room \(item.room) are together")
                rooms.append((item.room, [], []))
            }
            if category[item.item] == "doors-windows" {
                try #require(rooms[rooms.count - 1].others.isEmpty, "in \(item.room), doors and windows come first")
                rooms[rooms.count - 1].doors.append(item.item)
            } else {
                rooms[rooms.count - 1].others.append(item.item)
            }
        }
        let doorCount = rooms.reduce(0) { $0 + $1.doors.count }
        let otherCount = rooms.reduce(0) { $0 + $1.others.count }
        try #require(doorCount > 0 && otherCount > 0 && rooms.count >= 3)
        // Laptop 1's defect: the first doors-and-windows item of the second room that has two.
        let defectRoom1 = try #require(rooms.indices.first { $0 > 0 && rooms[$0].doors.count >= 2 })
        // Laptop 2's defects: a hollowness item, not the first of its room's others, in two rooms.
        var hollow: [(room: Int, item: String)] = []
        for index in rooms.indices where hollow.count < 2 {
            if let item = rooms[index].others.dropFirst().first(where: { category[$0] == "hollowness" }) { hollow.append((index, item)) }
        }
        try #require(hollow.count == 2, "two rooms with a hollowness item\n\(rooms)")

        let lap1 = try Tmux("lap1", command: ws.interfaceCommand(["--db", lead, "--lang", "en"]), directory: ws.url)
        defer { lap1.kill() }
        let lap2 = try Tmux("lap2", command: ws.interfaceCommand(["--db", b, "--lang", "en"]), directory: ws.url)
        defer { lap2.kill() }

        // Laptop 2 first writes its two defects down from the command line.
        let notes = ["地砖空鼓", "墙砖空鼓"]
        var codes2: [String] = []
        for (n, defect) in hollow.enumerated() {
            let out = try ws.yanfangOK("defect", "add", "--db", b, "--unit", unit, "--item", defect.item,
                                       "--room", rooms[defect.room].room, "--note", notes[n])
            codes2.append(out.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        // A joined replica's codes carry its longer tag (Support's markCodes sees only the first's).
        #expect(codes2.allSatisfy { $0.range(of: "^\(start.round)-[2-9A-HJKMNP-TV-Z]{6}$", options: .regularExpression) != nil }, "\(codes2)")

        var listRows: [String] = []
        for (tui, name) in [(lap1, "Lin"), (lap2, "Zhou")] {
            try await tui.waitFor("the name prompt") { $0.contains("Inspector's name") }
            try tui.type(name)
            try tui.send("Enter")
            try await tui.waitFor("home") { $0.contains("Next unit") && !$0.contains("Inspector's name") }
            listRows.append(try await openUnit(unit, in: tui))
        }
        func recorded(_ s: Screen) -> Int? {
            guard s.lines.count > 2, let r = s.lines[2].range(of: #"items \d+/\d+"#, options: .regularExpression) else { return nil }
            return Int(s.lines[2][r].dropFirst(6).split(separator: "/")[0])
        }
        let applicable = start.applicable
        try await lap1.waitFor("laptop 1 in \(unit), nothing recorded") { $0.lines.count > 2 && $0.lines[2].contains("items 0/\(applicable)") }
        try await lap2.waitFor("laptop 2 in \(unit), its two defects") { $0.lines.count > 2 && $0.lines[2].contains("items 2/\(applicable)") }

        // Laptop 1: room by room, Space on each doors-and-windows item (d 1 Enter on one: the
        // digit picks the first common phrase, the note being untouched), Tab.
        var done1 = 0
        var code1 = ""
        for (index, room) in rooms.enumerated() {
            var passes = room.doors.count
            if index == defectRoom1 {
                try lap1.send("d")
                try await lap1.waitFor("the defect form in \(room.room)") { $0.contains("Defect · \(unit)") }
                try lap1.send("1", "Enter")
                let marked = try await lap1.waitFor("the mark code of laptop 1's defect") { s in
                    s.contains("Mark code (write it on the sticker)") && !markCodes(in: s.lastBox.joined(separator: "\n")).isEmpty
                }
                code1 = try #require(markCodes(in: marked.lastBox.joined(separator: "\n")).first)
                #expect(marked.lines.contains { $0.hasPrefix("   ✗ \(room.doors[0])  ") && $0.contains(code1) }, "the item's row shows ✗ and the code\n\(marked)")
                // Saving the defect selects the next unrecorded item (as a pass does): the
                // room's second door or window, which the Spaces below pass.
                passes -= 1
                done1 += 1
            }
            if passes > 0 { try lap1.send(contentsOf: Array(repeating: "Space", count: passes)) }
            done1 += passes
            let expected = done1
            let screen = try await lap1.waitFor("laptop 1: \(expected) recorded after room \(room.room)") { recorded($0) == expected }
            for item in room.doors.dropFirst(index == defectRoom1 ? 1 : 0) {
                #expect(screen.lines.contains { $0.hasPrefix("   ✓ \(item)  ") && $0.hasSuffix(" pass") || $0.range(of: "^   ✓ \(item)  .* pass\\s+[│█]$", options: .regularExpression) != nil },
                        "\(item) passed in \(room.room)\n\(screen)")
            }
            if index < rooms.count - 1 { try lap1.send("Tab") }
        }

        // Laptop 2: room by room, down past the doors and windows, Space on every other item
        // (the two with defects are skipped by the cursor; after a room's last, it moves to
        // the next room's first item still to do, the next room's first door or window).
        var done2 = 2
        for (index, room) in rooms.enumerated() {
            if !room.doors.isEmpty { try lap2.send(contentsOf: Array(repeating: "j", count: room.doors.count)) }
            let passes = room.others.count - hollow.filter { $0.room == index }.count
            if passes > 0 { try lap2.send(contentsOf: Array(repeating: "Space", count: passes)) }
            done2 += passes
            let expected = done2
            try await lap2.waitFor("laptop 2: \(expected) recorded after room \(room.room)") { recorded($0) == expected }
        }
        #expect(done1 == doorCount && done2 == otherCount)

        // Each file has its own half, and only it, before the sync.
        let half1 = try ws.json(UnitJSON.self, "unit", unit, "--json", "--db", lead)
        let half2 = try ws.json(UnitJSON.self, "unit", unit, "--json", "--db", b)
        for item in half1.items {
            let isDoor = category[item.item] == "doors-windows"
            #expect((item.result != nil) == isDoor, "lead: \(item.room) \(item.item) \(item.result ?? "unrecorded")")
        }
        for item in half2.items {
            let isDoor = category[item.item] == "doors-windows"
            #expect((item.result != nil) == !isDoor, "b: \(item.room) \(item.item) \(item.result ?? "unrecorded")")
        }
        #expect(half1.found == [code1] && Set(half2.found) == Set(codes2))

        // The sync, with both interfaces still open on their files: lead, b, lead.
        let first = try ws.yanfangOK("sync", share, "--db", lead)
        #expect(first.contains("no other replica there yet"), "\(first)")
        let second = try ws.yanfangOK("sync", share, "--db", b)
        #expect(second.contains("merged 1 replica file into \(b)"), "\(second)")
        let third = try ws.yanfangOK("sync", share, "--db", lead)
        #expect(third.contains("merged 1 replica file into \(lead)"), "\(third)")

        let view1 = try ws.yanfangOK("unit", unit, "--json", "--db", lead)
        let view2 = try ws.yanfangOK("unit", unit, "--json", "--db", b)
        #expect(view1 == view2, "the unit view on both files\nlead:\n\(view1)\nb:\n\(view2)")
        let merged = try JSONDecoder().decode(UnitJSON.self, from: Data(view1.utf8))
        #expect(merged.complete && merged.recorded == applicable, "recorded \(merged.recorded)/\(applicable)")
        #expect(Set(merged.found) == Set([code1] + codes2) && merged.found.count == 3, "\(merged.found)")
        #expect(merged.items.allSatisfy { $0.result != nil })

        // Both interfaces: back to the unit list (which reads the file again), the unit's
        // row done with three open; into the unit again, every room whole and every defect.
        // Before the walk, the row read (laptop 2 had its two defects already, so in progress),
        // columns two spaces apart at 100 columns, the state column as wide as "done, 3 open":
        //  ○ 1-2-0101  F1 #01   A 3 bedrooms, 2 living, 2 baths  not started   items 0/382
        #expect(listRows[0].hasPrefix(" ○ \(unit)  ") && listRows[0].hasSuffix("  not started   items 0/\(applicable)"), "\(listRows[0])")
        #expect(listRows[1] == listRows[0].replacingOccurrences(of: " ○ ", with: " ◐ ")
            .replacingOccurrences(of: "not started   items 0/", with: "in progress   items 2/"), "\(listRows[1])")
        let doneRow = listRows[0].replacingOccurrences(of: " ○ ", with: " ● ")
            .replacingOccurrences(of: "not started   items 0/", with: "done, 3 open  items \(applicable)/")
        for (tui, label) in [(lap1, "laptop 1"), (lap2, "laptop 2")] {
            try tui.send("Escape")
            let list = try await tui.waitFor("\(label): the unit list with \(unit) done") { s in
                s.lines.contains { $0.hasPrefix(" ● \(unit) ") }
            }
            let row = try #require(list.line(containing: " \(unit) "))
            #expect(withoutScrollBar(row) == doneRow, "\(label): the unit's row\n\(list)")
            try tui.send("Enter")
            let walk = try await tui.waitFor("\(label): \(unit) complete") { s in
                s.lines.count > 2 && s.lines[1].hasPrefix(" \(unit)  ") && s.lines[2].contains("items \(applicable)/\(applicable)")
            }
            #expect(walk.lines[2].hasPrefix(" round \(merged.round)  items \(applicable)/\(applicable)  re-checks 0/0  "), "\(label)\n\(walk)")
            #expect(walk.lines[2].hasSuffix(" 100.0%"), "\(label): the progress bar full\n\(walk)")
            // The first room is on screen: its heading says all its items are recorded.
            let firstRoom = try #require(walk.lines.first { $0.hasPrefix("■ ") }, "\(label): a room heading\n\(walk)")
            let total = rooms[0].doors.count + rooms[0].others.count
            #expect(withoutScrollBar(firstRoom).hasSuffix("  \(total)/\(total)"), "\(label): \(firstRoom)")
            // Every defect of both laptops, by search from inside the unit's list of rooms:
            // End and Home go through the rows; each code shows on its item's row.
            for code in [code1] + codes2 {
                try tui.send("Escape")
                try await tui.waitFor("\(label): the unit list") { $0.lines.contains { $0.hasPrefix(" ● \(unit) ") } }
                try tui.send("/")
                try await tui.waitFor("\(label): the search box") { $0.contains("Find a unit or a mark code") }
                try tui.type(code)
                try await tui.waitFor("\(label): the match for \(code)") { $0.contains("\(code)  defect in \(unit)") }
                try tui.send("Enter")
                let shown = try await tui.waitFor("\(label): \(unit) at \(code)") { s in
                    s.lines.count > 1 && s.lines[1].hasPrefix(" \(unit)  ") && !s.contains("Find a unit")
                }
                let row = try #require(shown.lines.first { $0.hasPrefix("   ✗ ") && $0.contains(code) }, "\(label): \(code)'s row\n\(shown)")
                let defect = try ws.json(DefectJSON.self, "defect", "show", code, "--json", "--db", lead)
                #expect(row.hasPrefix("   ✗ \(defect.item)  "), "\(label): \(row)")
                #expect(shown.lastBox.contains { $0.contains(code) }, "\(label): \(code) in the detail panel\n\(shown)")
            }
        }
        for tui in [lap1, lap2] {
            try tui.send("Escape")
            try tui.send("q", "q")
            try await tui.waitUntilGone()
        }
        // The defects read the same on both laptops.
        #expect(try ws.yanfangOK("defect", "list", "--unit", unit, "--json", "--db", lead)
                == (try ws.yanfangOK("defect", "list", "--unit", unit, "--json", "--db", b)))
    }
}

/// A unit of the open round of `db` with nothing recorded and nothing to re-check.
func untouchedUnit(_ ws: Workspace, _ db: String) throws -> UnitJSON {
    let codes = try ws.json([LayoutUnitJSON].self, "layout", "list", "--json", "--db", db).map(\.code)
    for code in codes {
        let view = try ws.json(UnitJSON.self, "unit", code, "--json", "--db", db)
        if view.recorded == 0 && view.rechecks == 0 && view.found.isEmpty { return view }
    }
    throw E2EFailure("no unit with no results and no re-checks in the open round of \(db)")
}

/// Opens UNIT's walkthrough from the home screen: `/`, its code, Enter (the search opens
/// the unit over the unit list); Esc shows the list with it selected, Enter walks it again.
/// Returns the unit's row in the unit list, without the scroll bar.
@discardableResult
func openUnit(_ unit: String, in tui: Tmux) async throws -> String {
    try tui.send("/")
    try await tui.waitFor("the search box") { $0.contains("Find a unit or a mark code") }
    try tui.type(unit)
    try await tui.waitFor("the match for \(unit)") { $0.contains("\(unit)  Bldg ") }
    try tui.send("Enter")
    try await tui.waitFor("\(unit) open") { s in s.lines.count > 1 && s.lines[1].hasPrefix(" \(unit)  ") && !s.contains("Find a unit") }
    try tui.send("Escape")
    let list = try await tui.waitForStyled("the unit list, \(unit) selected") { $0.selectedRows.count == 1 && $0.selectedRows[0].contains(" \(unit) ") }
    try tui.send("Enter")
    return withoutScrollBar(list.selectedRows[0])
}

/// A screen row without the list's scroll bar in the last column, trailing blanks trimmed.
func withoutScrollBar(_ line: String) -> String {
    var text = line
    if let last = text.last, "│█".contains(last) { text.removeLast() }
    while text.last == " " { text.removeLast() }
    return text
}

struct LayoutUnitJSON: Decodable {
    var code: String
}

struct ChecklistJSON: Decodable {
    struct Item: Decodable { var id: String; var category: String }
    var items: [Item]
}

extension Tmux {
    /// Many keys in one `send-keys` (they queue in the pane and are read one at a time).
    func send(contentsOf keys: [String]) throws {
        for chunk in stride(from: 0, to: keys.count, by: 50) {
            let result = try Self.tmux(["send-keys", "-t", "=\(name):"] + keys[chunk..<min(keys.count, chunk + 50)])
            guard result.status == 0 else { throw E2EFailure("tmux send-keys failed: \(result.stderr)") }
        }
    }
}
