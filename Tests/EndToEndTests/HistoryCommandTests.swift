import Foundation
import Testing

/// The history as the source of truth, from the command line.
@Suite struct HistoryCommandTests {
    /// `rebuild` makes the same board and lists from the events, and restores projection rows
    /// lost outside yanfang (the history has them).
    @Test func rebuildRestoresTheTablesFromTheHistory() throws {
        let ws = try Workspace()
        let db = try ws.makeDemo()
        let board = try ws.yanfangOK("board", "--db", db, "--json")
        let list = try ws.yanfangOK("defect", "list", "--db", db, "--json")
        #expect(list.contains("\"code\""))

        let out = try ws.yanfangOK("rebuild", "--db", db)
        #expect(out.hasPrefix("Rebuilt \(db) from "))
        #expect(out.hasSuffix(" units, 2 rounds, 121 defects.\n"), "\(out)")
        #expect(try ws.yanfangOK("board", "--db", db, "--json") == board)
        #expect(try ws.yanfangOK("defect", "list", "--db", db, "--json") == list)

        let sqlite = try runProcess("/usr/bin/env", ["sqlite3", db, "DELETE FROM unit_round; DELETE FROM recheck; UPDATE defect_state SET status = 'closed';"])
        #expect(sqlite.status == 0, "\(sqlite.stderr)")
        #expect(try ws.yanfangOK("board", "--db", db, "--json") != board)
        try ws.yanfangOK("rebuild", "--db", db)
        #expect(try ws.yanfangOK("board", "--db", db, "--json") == board)
        #expect(try ws.yanfangOK("defect", "list", "--db", db, "--json") == list)
    }
}
