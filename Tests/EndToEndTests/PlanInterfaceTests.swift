import Foundation
import Testing

/// The real binary in tmux: two members of the plan, each on a laptop of their own, walk the
/// same unit by category (Lin the doors and windows, Zhou everything else), sync through a
/// folder, and the unit is complete on both.
@Suite(.serialized) struct PlanInterfaceTests {
    /// The demo (as of 2026-11-23, round 2 open since 11-17) planned in three rounds, without
    /// batches, Lin and Zhou dividing the categories.
    static let plan = """
        rounds:
          - round: 1
            start: 2026-10-12
            finish: 2026-10-26
          - round: 2
            start: 2026-11-17
            finish: 2026-12-07
            members:
              - name: Lin
                role: 客服
                categories: [doors-windows]
              - name: Zhou
                role: 工程
                categories: [hollowness, leaks, protection]
          - round: 3
            start: 2026-12-15
            finish: 2027-01-10

        """

    @Test func twoMembersWalkOneUnitByCategoryOnTwoFilesAndSync() async throws {
        let ws = try Workspace()
        let lead = try ws.makeDemo("lead.db")
        let planFile = ws.path("plan.yaml")
        try Data(Self.plan.utf8).write(to: URL(fileURLWithPath: planFile))
        try ws.yanfangOK("plan", "import", planFile, "--db", lead)
        let b = ws.path("b.db"), share = ws.path("share")
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        let start = try untouchedUnit(ws, lead)
        let unit = start.unit, applicable = start.applicable
        // Its ponding tests were started a day before, so that `a` passes them too.
        try ws.startPondingADayAgo(lead, [unit])
        try ws.yanfangOK("join", lead, "--db", b)
        let checklist = try ws.json(ChecklistJSON.self, "checklist", "list", "--json", "--db", lead)
        let category = Dictionary(uniqueKeysWithValues: checklist.items.map { ($0.id, $0.category) })
        // The rooms with items of each member's categories, and how many.
        let doorItems = start.items.filter { category[$0.item] == "doors-windows" }
        let doorRooms = Set(doorItems.map(\.room)).count, otherRooms = Set(start.items.filter { category[$0.item] != "doors-windows" }.map(\.room)).count
        try #require(!doorItems.isEmpty && doorRooms > 0 && otherRooms > 0)

        func laptop(_ label: String, _ db: String, as name: String) throws -> Tmux {
            try Tmux(label, command: shellCommand(["env"] + Tmux.paneEnvironmentUnset + Tmux.paneEnvironment
                                                  + ["YANFANG_INSPECTOR=\(name)", ws.binary, "--db", db, "--lang", "en"]), directory: ws.url)
        }
        let lin = try laptop("lin", lead, as: "Lin")
        defer { lin.kill() }
        let zhou = try laptop("zhou", b, as: "Zhou")
        defer { zhou.kill() }
        func recorded(_ s: Screen) -> Int? {
            guard s.lines.count > 2, let r = s.lines[2].range(of: #"items \d+/\d+"#, options: .regularExpression) else { return nil }
            return Int(s.lines[2][r].dropFirst(6).split(separator: "/")[0])
        }
        for (tui, mine, rooms) in [(lin, "mine: Doors and windows · m all", doorRooms),
                                   (zhou, "mine: Hollowness, Leaks, Finished-product protection · m all", otherRooms)] {
            try await tui.waitFor("home", timeout: 30) { $0.contains("Next unit") }
            try await openUnit(unit, in: tui)
            let walk = try await tui.waitFor("\(unit): only my categories") { s in s.lines.count > 2 && s.lines[1].contains(mine) }
            #expect(walk.lines[2].contains("items 0/\(applicable)"), "\(walk)")
            // `a` passes the rest of the room's items of my categories and moves on to the next room with some.
            try tui.send(contentsOf: Array(repeating: "a", count: rooms))
        }
        let doors = doorItems.count, others = applicable - doors
        try await lin.waitFor("Lin: the doors and windows recorded") { recorded($0) == doors }
        try await zhou.waitFor("Zhou: the rest recorded") { recorded($0) == others }

        // Each file has its own half before the sync, and the unit is complete on neither.
        for (db, doorsRecorded) in [(lead, true), (b, false)] {
            let half = try ws.json(UnitJSON.self, "unit", unit, "--json", "--db", db)
            #expect(!half.complete)
            for item in half.items {
                #expect((item.result != nil) == ((category[item.item] == "doors-windows") == doorsRecorded), "\(db): \(item.room) \(item.item)")
            }
        }

        // The sync, both interfaces still open: lead, b, lead.
        try ws.yanfangOK("sync", share, "--db", lead)
        try ws.yanfangOK("sync", share, "--db", b)
        try ws.yanfangOK("sync", share, "--db", lead)
        let view1 = try ws.yanfangOK("unit", unit, "--json", "--db", lead)
        #expect(view1 == (try ws.yanfangOK("unit", unit, "--json", "--db", b)))
        let merged = try JSONDecoder().decode(UnitJSON.self, from: Data(view1.utf8))
        #expect(merged.complete && merged.recorded == applicable, "recorded \(merged.recorded)/\(applicable)")
        // Each "pass the rest" named the other member's items as left alone: nothing contradicts.
        #expect(try ws.yanfangOK("conflicts", "--db", lead) == "No conflicts.\n")

        // Both screens re-read the file: the walkthrough says every item is recorded, and the
        // unit list marks the unit done.
        for (tui, label) in [(lin, "Lin"), (zhou, "Zhou")] {
            try await tui.waitFor("\(label): \(unit) complete") { s in s.lines.count > 2 && s.lines[2].contains("items \(applicable)/\(applicable)") }
            try tui.send("Escape")
            let list = try await tui.waitFor("\(label): the unit list with \(unit) done") { s in
                s.lines.contains { $0.hasPrefix(" ✓ \(unit) ") || $0.hasPrefix(" ● \(unit) ") }
            }
            #expect(list.line(containing: " \(unit) ")?.contains("items \(applicable)/\(applicable)") == true, "\(label)\n\(list)")
        }
    }
}

extension PlanInterfaceTests {
    /// `yanfang training`: the real interface on a throwaway copy, at the plan's demonstration
    /// unit, saying on screen that it is practice; what the trainee records never reaches the
    /// project file, and the copy is gone after quitting.
    @Test func trainingPractisesOnTheDemonstrationUnitAndLeavesTheProjectAsItWas() async throws {
        let ws = try Workspace()
        let lead = try ws.makeDemo("lead.db")
        let unit = try untouchedUnit(ws, lead).unit
        let planFile = ws.path("plan.yaml")
        try Data(("demonstration_unit: \(unit)\n" + Self.plan).utf8).write(to: URL(fileURLWithPath: planFile))
        try ws.yanfangOK("plan", "import", planFile, "--db", lead)
        let before = try Data(contentsOf: URL(fileURLWithPath: lead))
        let scratch = ws.path("tmp")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)

        let tui = try Tmux("training", command: shellCommand(["env"] + Tmux.paneEnvironmentUnset + Tmux.paneEnvironment
            + ["TMPDIR=\(scratch)", "YANFANG_INSPECTOR=Trainee", ws.binary, "training", "--db", lead, "--lang", "en"]), directory: ws.url)
        defer { tui.kill() }
        let walk = try await tui.waitFor("the demonstration unit, as practice", timeout: 30) { s in
            s.lines.count > 2 && s.lines[0].hasPrefix(" PRACTICE (nothing reaches the project) ") && s.lines[1].hasPrefix(" \(unit)  ")
        }
        #expect(walk.lines[2].contains("items 0/"), "\(walk)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).count == 1, "the throwaway copy's folder")
        try tui.send("Space")
        try await tui.waitFor("a pass recorded in the copy") { $0.lines.count > 2 && $0.lines[2].contains("items 1/") }
        try tui.send("Escape")
        try await tui.waitFor("the unit list") { $0.lines.count > 1 && $0.lines[0].hasPrefix(" PRACTICE") && $0.contains("units inspected") }
        try tui.send("Escape")
        try await tui.waitFor("home, still practice") { $0.lines[0].hasPrefix(" PRACTICE") && $0.contains("Next unit") }
        try tui.send("q")
        try await tui.waitUntilGone()

        #expect(try Data(contentsOf: URL(fileURLWithPath: lead)) == before, "the project file is byte for byte as it was")
        #expect(try ws.json(UnitJSON.self, "unit", unit, "--json", "--db", lead).recorded == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty, "the copy is deleted on quitting")
    }

    @Test func trainingWithoutADemonstrationUnitIsRefused() throws {
        let ws = try Workspace()
        let db = try ws.makeProject(rows: "1,1,1,1,A\n")
        let result = try ws.yanfang("training", "--db", db)
        #expect(result.status == 1)
        #expect(result.stderr == "yanfang: the plan names no demonstration unit (demonstration_unit: in the plan file); give one with --unit CODE\n")
        let unknown = try ws.yanfang("training", "--db", db, "--unit", "9-9-0909")
        #expect(unknown.status == 1 && unknown.stderr == "yanfang: no unit 9-9-0909 in this project\n")
    }
}
