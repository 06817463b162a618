import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sync`'s snapshot in the shared folder under kill -9, and merging from a file that the
/// interface has open.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct TeamSnapshotTests {

    /// A sync killed at several moments of writing its snapshot leaves, under the final name,
    /// the old complete snapshot or the new complete one, never half of one; another laptop
    /// merges from the folder after each kill.
    @Test func aSyncKilledWhileWritingItsSnapshotLeavesTheOldOrTheNew() async throws {
        let ws = try Workspace()
        let gen = ws.path("gen.db"), a = ws.path("a.db"), share = ws.path("share")
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        try ws.yanfangOK("demo", "--generate", "--units", "150", "--rounds", "2", "--db", gen)
        let joined = try ws.yanfangOK("join", gen, "--db", a)
        let tag = try #require(joined.range(of: #"(?<=as replica )\S+(?=:)"#, options: .regularExpression).map { String(joined[$0]) }, "\(joined)")
        let snapshot = URL(fileURLWithPath: share).appendingPathComponent("replica-\(tag).yanfang").path
        try ws.yanfangOK("sync", share, "--db", a)
        #expect(try eventCount(snapshot) == (try eventCount(a)))
        // The generated project's rounds are closed: a third one opens, to record in.
        try ws.yanfangOK("round", "open", "--db", a)
        let units = try ws.json([LayoutUnitJSON].self, "layout", "list", "--json", "--db", a).map(\.code)

        var recordedUnits = 0
        /// Something new in a.db, so that its next snapshot differs from the one in the folder.
        func recordSomething() throws {
            try ws.yanfangOK("inspect", units[recordedUnits % units.count], "--pass-remaining", "--db", a)
            recordedUnits += 1
        }
        try recordSomething()

        // Kill 0 waits for nothing; the others wait until the temporary file exists, then
        // a little longer each time.
        let delays: [Int?] = [nil, 0, 5_000, 15_000, 30_000, 45_000, 60_000, 80_000, 120_000, 400_000]
        var outcomes: [String] = []
        var leftovers: Set<String> = []
        for (attempt, delay) in delays.enumerated() {
            let before = try eventCount(snapshot)
            var after = try eventCount(a)
            if after == before {
                try recordSomething()
                after = try eventCount(a)
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ws.binary)
            process.arguments = ["sync", share, "--db", a]
            process.environment = ws.environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try withCleanSignalMask { try process.run() }
            let temporary = snapshot + ".writing-\(process.processIdentifier)"
            var sawTemporary = false
            if let delay {
                let deadline = Date().addingTimeInterval(20)
                while process.isRunning && Date() < deadline {
                    if FileManager.default.fileExists(atPath: temporary) { sawTemporary = true; break }
                    usleep(1_000)
                }
                usleep(UInt32(delay))
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let killed = process.terminationReason == .uncaughtSignal

            let check = try runProcess("/usr/bin/env", ["sqlite3", snapshot, "PRAGMA integrity_check; SELECT count(*) FROM event;"])
            let lines = check.stdout.split(separator: "\n").map(String.init)
            #expect(check.status == 0 && lines.first == "ok", "after kill \(attempt): \(check.stdout) \(check.stderr)")
            let count = lines.count == 2 ? Int(lines[1]) : nil
            #expect(count == before || count == after, "after kill \(attempt): \(count.map(String.init) ?? "?") events, expected \(before) or \(after)")
            let names = try FileManager.default.contentsOfDirectory(atPath: share)
            let temporaries = names.filter { $0.contains(".writing-") }
            leftovers.formUnion(temporaries)
            #expect(names.filter { $0.hasSuffix(".yanfang") } == ["replica-\(tag).yanfang"], "\(names)")
            let when: String = delay.map { "\($0 / 1000) ms after the temporary file" } ?? "at once"
            let how: String = killed ? "killed" + (sawTemporary ? " while writing" : "") : "completed before the kill"
            let which: String = count == after && count != before ? "new" : "old"
            let mine = temporaries.filter { $0.hasPrefix((temporary as NSString).lastPathComponent) }.sorted()
            outcomes.append("kill \(attempt) (\(when)): \(how), snapshot \(which) (\(count ?? -1) events), left \(mine.isEmpty ? "nothing" : "\(mine)"), \(temporaries.count) temporary files in the folder")

            // The lead's laptop merges from the folder: whatever the snapshot is, it is whole.
            let merged = try ws.yanfang("merge", snapshot, "--db", gen)
            #expect(merged.status == 0, "merge after kill \(attempt): \(merged.stderr)")
        }
        print("TeamSnapshotTests outcomes:\n" + outcomes.joined(separator: "\n"))
        // At least one kill fell while the snapshot was being written.
        #expect(outcomes.contains { $0.contains("killed while writing") }, "\(outcomes)")

        // A sync that completes: the snapshot is a.db's whole history.
        let last = try ws.yanfangOK("sync", share, "--db", a)
        #expect(try eventCount(snapshot) == (try eventCount(a)), "\(last)")
        let remaining = try FileManager.default.contentsOfDirectory(atPath: share).filter { $0.contains(".writing-") }
        // The temporary files of killed syncs carry the pid of the process that wrote them;
        // a later sync (another pid) removes only its own. What stays is reported here.
        print("TeamSnapshotTests: \(leftovers.count) temporary files left by the kills, \(remaining.count) of them still there after a completed sync")
        // A completed sync removes the temporary files that killed syncs of this replica left.
        #expect(remaining.isEmpty, "left in the folder after a completed sync: \(remaining)")
        // A second laptop's sync ignores them: it merges the one replica file.
        let other = try ws.yanfangOK("sync", share, "--db", gen)
        #expect(other.contains("1 replica file") || other.contains("already had every event of 1 replica file"), "\(other)")
        #expect(try ws.yanfangOK("board", "--db", gen, "--json", "--round", "3") == (try ws.yanfangOK("board", "--db", a, "--json", "--round", "3")))
    }

    /// The interface has lead.db open and has just recorded a result; a merge from lead.db
    /// into another replica works while it stays open and brings that result; the interface
    /// goes on recording afterwards.
    @Test func mergingFromAFileTheInterfaceHasOpenBringsItsResult() async throws {
        let ws = try Workspace()
        let lead = try ws.makeDemo("lead.db")
        let b = ws.path("b.db")
        try ws.yanfangOK("join", lead, "--db", b)
        let codes = try ws.json([LayoutUnitJSON].self, "layout", "list", "--json", "--db", lead).map(\.code)
        var picked: UnitJSON?
        for code in codes {
            let view = try ws.json(UnitJSON.self, "unit", code, "--json", "--db", lead)
            if view.recorded == 0 && view.rechecks == 0 { picked = view; break }
        }
        let start = try #require(picked, "a unit not started in the demo's open round")
        let unit = start.unit, first = start.items[0], second = start.items[1]

        let tui = try Tmux("open", command: ws.interfaceCommand(["--db", lead, "--lang", "en"]), directory: ws.url)
        defer { tui.kill() }
        try await tui.waitFor("the name prompt") { $0.contains("Inspector's name") }
        try tui.type("Lin")
        try tui.send("Enter")
        try await tui.waitFor("home") { $0.contains("Next unit") && !$0.contains("Inspector's name") }
        try tui.send("/")
        try await tui.waitFor("the search box") { $0.contains("Find a unit or a mark code") }
        try tui.type(unit)
        try await tui.waitFor("the match for \(unit)") { $0.contains("\(unit)  Bldg ") }
        try tui.send("Enter")
        try await tui.waitFor("\(unit), nothing recorded") { $0.lines.count > 2 && $0.lines[2].contains("items 0/\(start.applicable)") }
        try tui.send("Space")
        let passed = try await tui.waitFor("one result") { $0.lines.count > 2 && $0.lines[2].contains("items 1/\(start.applicable)") }
        #expect(passed.lines.contains { $0.hasPrefix("   ✓ \(first.item)  ") }, "\(passed)")
        // The interface is still running, lead.db open in it.
        #expect(try yanfangPIDs(matching: lead).count == 1)

        let merge = try ws.yanfang("merge", lead, "--db", b)
        #expect(merge.status == 0, "merge from a file open in the interface: \(merge.stderr)")
        #expect(merge.stdout.hasPrefix("Merged \(lead) into \(b): "), "\(merge.stdout)")
        let view = try ws.json(UnitJSON.self, "unit", unit, "--json", "--db", b)
        #expect(view.recorded == 1)
        #expect(view.items.first { $0.room == first.room && $0.item == first.item }?.result == "pass", "\(view.items.prefix(3))")

        // The interface goes on: the next Space records the next item, and a second merge brings it.
        try tui.send("Space")
        try await tui.waitFor("two results") { $0.lines.count > 2 && $0.lines[2].contains("items 2/\(start.applicable)") }
        let again = try ws.yanfang("merge", lead, "--db", b)
        #expect(again.status == 0, "\(again.stderr)")
        let view2 = try ws.json(UnitJSON.self, "unit", unit, "--json", "--db", b)
        #expect(view2.items.first { $0.room == second.room && $0.item == second.item }?.result == "pass")
        try tui.send("q", "q", "q")
        try await tui.waitUntilGone()
    }

    func eventCount(_ path: String) throws -> Int {
        let result = try runProcess("/usr/bin/env", ["sqlite3", path, "SELECT count(*) FROM event;"])
        guard result.status == 0, let count = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw E2EFailure("sqlite3 \(path): \(result.stderr)")
        }
        return count
    }
}
