import Foundation
import Testing

/// Several laptops on one project, from the command line: join, sync through a folder,
/// merge, and the refusals that keep files apart.
@Suite struct TeamCommandTests {
    /// The lead's demo file and two inspectors' replicas joined from it record work apart;
    /// after each syncs with one folder (and the first once more), all three show the same
    /// board and lists, and no mark code repeats.
    @Test func threeLaptopsSyncThroughAFolderAndAgree() throws {
        let ws = try Workspace()
        let lead = try ws.makeDemo("lead.db")
        let a = ws.path("a.db"), b = ws.path("b.db"), share = ws.path("share")
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        let joined = try ws.yanfangOK("join", lead, "--db", a)
        #expect(joined.hasPrefix("Joined 云栖花园二期 as replica "), "\(joined)")
        try ws.yanfangOK("join", lead, "--db", b)

        let codeA = try ws.yanfangOK("defect", "add", "--db", a, "--unit", "1-1-0101", "--item", "DW-01", "--room", "入户门", "--note", "门吸缺失")
        let codeB = try ws.yanfangOK("defect", "add", "--db", b, "--unit", "1-1-0102", "--item", "DW-01", "--room", "入户门", "--note", "门锁松动")
        let codeLead = try ws.yanfangOK("defect", "add", "--db", lead, "--unit", "1-1-0201", "--item", "DW-01", "--room", "入户门", "--note", "门框划伤")
        let codes = [codeA, codeB, codeLead].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(Set(codes).count == 3)
        // A joined replica's codes are one character longer than the first's.
        #expect(codes[0].count == codes[2].count + 1 && codes[1].count == codes[2].count + 1)

        let first = try ws.yanfangOK("sync", share, "--db", a)
        #expect(first.contains("no other replica there yet"), "\(first)")
        try ws.yanfangOK("sync", share, "--db", b)
        try ws.yanfangOK("sync", share, "--db", lead)
        let last = try ws.yanfangOK("sync", share, "--db", a)
        #expect(last.contains("new events from 2 replicas"), "\(last)")

        let board = try ws.yanfangOK("board", "--db", lead, "--json")
        let list = try ws.yanfangOK("defect", "list", "--db", lead, "--json")
        for code in codes { #expect(list.contains("\"\(code)\"")) }
        #expect(try ws.yanfangOK("board", "--db", a, "--json") == board)
        #expect(try ws.yanfangOK("defect", "list", "--db", a, "--json") == list)
        // b has not synced since the lead and a did: once more and it agrees.
        try ws.yanfangOK("sync", share, "--db", b)
        #expect(try ws.yanfangOK("defect", "list", "--db", b, "--json") == list)
        // Again: nothing new, nothing changes.
        let again = try ws.yanfangOK("merge", a, "--db", b)
        #expect(again.hasPrefix("Nothing new: "), "\(again)")
        #expect(try ws.yanfangOK("defect", "list", "--db", b, "--json") == list)

        let replicas = try ws.yanfangOK("replicas", "--db", a)
        #expect(replicas.split(separator: "\n").count == 3, "\(replicas)")
        #expect(replicas.contains("(this file)"))
    }

    /// A file copied by hand is refused when it would record; files of another project, of a
    /// newer schema, or not yanfang's refuse a merge, and the file merged into keeps its history.
    @Test func copiesAndForeignFilesAreRefusedWithOneLine() throws {
        let ws = try Workspace()
        let lead = try ws.makeDemo("lead.db")
        let mine = ws.path("mine.db")
        try ws.yanfangOK("join", lead, "--db", mine)
        let copy = ws.path("copy.db")
        try FileManager.default.copyItem(atPath: mine, toPath: copy)
        let refused = try ws.yanfang("defect", "add", "--db", copy, "--unit", "1-1-0101", "--item", "DW-01", "--room", "入户门", "--note", "x")
        #expect(refused.status == 2)
        #expect(refused.stderr == "yanfang: \(copy): a copy of another laptop's file of 云栖花园二期, which records under that file's identity; make this laptop's own replica with `yanfang join ORIGINAL --db \(copy)` instead\n")
        // Reading a copy is fine.
        #expect(try ws.yanfang("board", "--db", copy).status == 0)

        let events = try eventCount(mine)
        let other = try ws.makeDemo("other.db")
        let foreign = try ws.yanfang("merge", other, "--db", mine)
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("\(other): another project that is also called 云栖花园二期"), "\(foreign.stderr)")

        let newer = ws.path("newer.db")
        try ws.yanfangOK("join", lead, "--db", newer)
        #expect(try runProcess("/usr/bin/env", ["sqlite3", newer, "PRAGMA user_version = 9;"]).status == 0)
        let future = try ws.yanfang("merge", lead, newer, "--db", mine)
        #expect(future.status == 2)
        #expect(future.stderr.contains("written by a newer yanfang"), "\(future.stderr)")

        let text = ws.path("notes.txt")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: text))
        let plain = try ws.yanfang("merge", text, "--db", mine)
        #expect(plain.status == 2)
        #expect(plain.stderr == "yanfang: \(text): not a yanfang database (not a SQLite file)\n")
        #expect(try eventCount(mine) == events)
    }

    /// kill -9 at any moment of a merge leaves the file with its history before the merge or
    /// after it, whole, and the next merge completes it.
    @Test func aMergeKilledAnywhereLeavesTheFileBeforeOrAfter() throws {
        let ws = try Workspace()
        let source = ws.path("gen.db")
        try ws.yanfangOK("demo", "--generate", "--units", "120", "--rounds", "2", "--db", source)
        let target = ws.path("t.db")
        try ws.yanfangOK("join", source, "--db", target)
        // Take the later half of the first replica's events out of the target, as if it had
        // joined half-way, and rebuild its tables from what is left.
        #expect(try runProcess("/usr/bin/env", ["sqlite3", target, """
            DELETE FROM event WHERE replica = (SELECT replica FROM event WHERE kind = 'project.created')
                AND hlc > (SELECT hlc FROM event ORDER BY hlc LIMIT 1 OFFSET (SELECT count(*) / 2 FROM event));
            """]).status == 0)
        try ws.yanfangOK("rebuild", "--db", target)
        let before = try eventCount(target)
        let all = try eventCount(source)
        #expect(before < all)
        var outcomes: Set<Int> = []
        for attempt in 0..<8 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ws.binary)
            process.arguments = ["merge", source, "--db", target]
            process.environment = ws.environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try withCleanSignalMask { try process.run() }
            usleep(UInt32(40_000 + attempt * 60_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let count = try eventCount(target)
            #expect(count == before || count == all, "after kill \(attempt): \(count) events")
            outcomes.insert(count)
            let check = try runProcess("/usr/bin/env", ["sqlite3", target, "PRAGMA integrity_check;"])
            #expect(check.stdout == "ok\n")
            if count == all { break }
        }
        try ws.yanfangOK("merge", source, "--db", target)
        #expect(try eventCount(target) == all)
        #expect(try ws.yanfangOK("board", "--db", target, "--json", "--round", "2") == (try ws.yanfangOK("board", "--db", source, "--json", "--round", "2")))
    }

    func eventCount(_ path: String) throws -> Int {
        let result = try runProcess("/usr/bin/env", ["sqlite3", path, "SELECT count(*) FROM event;"])
        guard result.status == 0, let count = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw E2EFailure("sqlite3 \(path): \(result.stderr)")
        }
        return count
    }
}
