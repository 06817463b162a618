import Foundation
import Testing

/// A read never writes: commands that only read leave the file byte-for-byte as it was and
/// create nothing beside it; a refused command changes nothing; a read-only file can be
/// read and refuses writes in one line; a file that is not really yanfang's, or is damaged,
/// is refused untouched.
@Suite(.serialized) struct ReadNeverWritesTests {
    /// A small project with a round open, a contractor and a defect; nothing beside the file.
    func project(_ ws: Workspace) throws -> (db: String, code: String) {
        let db = try ws.makeProject(rows: "1,1,1,1,A\n1,1,1,2,B\n")
        try ws.yanfangOK("contractor", "add", "明远门窗", "--trades", "windows", "--db", db)
        try ws.yanfangOK("round", "open", "--db", db)
        let code = try ws.yanfangOK("defect", "add", "--db", db, "--unit", "1-1-0101", "--item", "DW-10", "--room", "客厅", "--note", "划痕")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return (db, code)
    }

    func sidecars(_ db: String) -> [String] {
        ["-wal", "-shm", "-journal"].map { db + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Runs `yanfang ARGS --db DB`, expects `status`, and checks the file kept its bytes
    /// and nothing was left beside it; returns the result.
    @discardableResult
    func runUnchanged(_ ws: Workspace, _ arguments: [String], db: String, bytes: Data, status: Int32,
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        let result = try runProcess(ws.binary, arguments + ["--db", db], environment: ws.environment, directory: ws.url)
        #expect(result.status == status, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == bytes, "\(arguments.prefix(2)) changed the file", sourceLocation: sourceLocation)
        #expect(sidecars(db) == [], "\(arguments.prefix(2)) left \(sidecars(db))", sourceLocation: sourceLocation)
        return result
    }

    func readCommands(_ db: String, _ code: String, out: String) -> [[String]] {
        [["board"], ["board", "--json"], ["penalties", "--json"], ["report", "--format", "md"],
         ["report", "--format", "html", "--out", out],
         ["export", "rectification", "--contractor", "明远门窗", "--format", "csv"],
         ["export", "rectification", "--contractor", "明远门窗", "--format", "md"],
         ["layout", "list"], ["checklist", "list", "--json"], ["contractor", "list"], ["round", "status"],
         ["unit", "1-1-0101"], ["defect", "show", code], ["defect", "list", "--json"], ["settings"],
         ["replicas"], ["conflicts", "list"], ["check"]]
    }

    @Test func readsLeaveTheFileByteIdenticalAndCreateNothingBesideIt() throws {
        let ws = try Workspace()
        let (db, code) = try project(ws)
        #expect(sidecars(db) == [], "the writes left files beside the database")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for arguments in readCommands(db, code, out: ws.path("r.html")) {
            try runUnchanged(ws, arguments, db: db, bytes: before, status: 0)
        }
    }

    @Test func aRefusedCommandLeavesTheFileByteIdentical() throws {
        let ws = try Workspace()
        let (db, _) = try project(ws)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for arguments in [["defect", "rectify", "9-ZZZZZ"], ["inspect", "9-9-9999", "--pass-remaining"], ["round", "open"],
                          ["contractor", "add", "明远门窗", "--trades", "windows"]] {
            try runUnchanged(ws, arguments, db: db, bytes: before, status: 1)
        }
    }

    @Test func aReadOnlyFileIsReadAndRefusesWritesInOneLine() throws {
        let ws = try Workspace()
        let (db, code) = try project(ws)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db) }
        for arguments in readCommands(db, code, out: ws.path("r.html")) {
            try runUnchanged(ws, arguments, db: db, bytes: before, status: 0)
        }
        let write = try runUnchanged(ws, ["defect", "rectify", code], db: db, bytes: before, status: 2)
        #expect(write.stderr == "yanfang: \(db): read-only; nothing was changed (it can still be read)\n")
    }

    @Test func aFileInAReadOnlyFolderIsReadAndRefusesWrites() throws {
        let ws = try Workspace()
        let (db, code) = try project(ws)
        let folder = ws.url.path
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        let board = try runProcess(ws.binary, ["board", "--db", db], environment: ws.environment)
        #expect(board.status == 0, "\(board.stderr)")
        let write = try runProcess(ws.binary, ["defect", "rectify", code, "--db", db], environment: ws.environment)
        #expect(write.status == 2 && write.stderr.contains("read-only"), "\(write.stderr)")
        #expect(sidecars(db) == [])
    }

    @Test func yanfangsApplicationIDWithoutItsTablesIsRefusedUntouched() throws {
        let ws = try Workspace()
        let db = ws.path("impostor.db")
        let sqlite = try runProcess("/usr/bin/env", ["sqlite3", db, "PRAGMA application_id = \(0x5946_4E47); CREATE TABLE t (x);"])
        #expect(sqlite.status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for arguments in [["board"], ["round", "open"]] {
            let result = try runUnchanged(ws, arguments, db: db, bytes: before, status: 2)
            #expect(result.stderr == "yanfang: \(db): not a yanfang database (yanfang's application_id without yanfang's tables)\n")
        }
    }

    @Test func checkFindsADefectTableThatDisagreesWithTheHistory() throws {
        let ws = try Workspace()
        let (db, code) = try project(ws)
        let edit = try runProcess("/usr/bin/env", ["sqlite3", db, "UPDATE defect_state SET status = 'closed' WHERE code = '\(code)'"])
        #expect(edit.status == 0)
        let check = try ws.yanfang("check", "--db", db)
        #expect(check.status == 2)
        // The defect's own line first, then the rows of every table that differ from a rebuild.
        let lines = check.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "defect \(code): the table says closed with 0 failed re-checks, its history open with 0 failed re-checks")
        #expect(lines.dropFirst().contains { $0.hasPrefix("table row not in the history: \"defect\"|") && $0.contains("\"closed\"") })
        #expect(lines.dropFirst().contains { $0.hasPrefix("history row missing from the tables: \"defect\"|") && $0.contains("\"open\"") })
        #expect(check.stderr == "yanfang: \(db) is damaged: \(lines.count) problems found\n")
    }

    @Test func damageIsReportedAsDamageAndCheckFindsIt() throws {
        let ws = try Workspace()
        let (db, _) = try project(ws)
        let check = try ws.yanfang("check", "--db", db)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("ok"))
        // Keep the first two pages (header and schema) and overwrite the rest.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        for i in 8192..<bytes.count { bytes[i] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: db))
        let board = try ws.yanfang("board", "--db", db)
        #expect(board.status == 2)
        #expect(board.stderr.hasPrefix("yanfang: \(db) is damaged: "), "\(board.stderr)")
        #expect(board.stderr.hasSuffix(" (run yanfang check)\n"))
        let write = try ws.yanfang("round", "close", "--partial", "--db", db)
        #expect(write.status == 2 && write.stderr.contains("is damaged"), "\(write.stderr)")
        let damaged = try ws.yanfang("check", "--db", db)
        #expect(damaged.status == 2, "\(damaged.stdout)\(damaged.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == bytes)
        #expect(sidecars(db) == [])
    }
}
