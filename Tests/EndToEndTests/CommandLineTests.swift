import Foundation
import Testing

/// The command line as a script uses it: exit statuses and one-line messages.
@Suite(.serialized) struct CommandLineTests {
    static let layout = "building,entrance,floor,unit,type\n1,1,1,1,A\n1,1,1,2,B\n"

    func project(_ ws: Workspace) throws -> String {
        let csv = ws.path("layout.csv")
        try Data(Self.layout.utf8).write(to: URL(fileURLWithPath: csv))
        let db = ws.path("project.db")
        try ws.yanfangOK("init", "--db", db, "--project", "测试项目", "--delivery", "2027-03-01", "--layout", csv)
        return db
    }

    @Test func theDemoRefusesToReplaceAProjectAndLeavesItsBytesAsTheyWere() throws {
        let ws = try Workspace()
        let db = try project(ws)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let result = try ws.yanfang("demo", "--no-interface", "--db", db)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(db): a yanfang project, not a demo"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
        // An earlier demo is replaced.
        let demo = try ws.makeDemo("again.db")
        #expect(try ws.yanfang("demo", "--no-interface", "--db", demo).status == 0)
    }

    @Test func unknownNamesInAListAreRefusedNotAnsweredWithNothing() throws {
        let ws = try Workspace()
        let db = try project(ws)
        let unit = try ws.yanfang("defect", "list", "--db", db, "--unit", "9-9-9999")
        #expect(unit.status == 1 && unit.stderr == "yanfang: no unit 9-9-9999 in this project\n")
        let contractor = try ws.yanfang("defect", "list", "--db", db, "--contractor", "无此单位")
        #expect(contractor.status == 1 && contractor.stderr.contains("无此单位"))
    }

    @Test func filesThatCannotBeWrittenOrCreatedAreOneLineAndExitTwo() throws {
        let ws = try Workspace()
        let db = try project(ws)
        try ws.yanfangOK("round", "open", "--db", db)
        let report = try ws.yanfang("report", "--db", db, "--format", "md", "--out", "/nonexistent/dir/r.md")
        #expect(report.status == 2)
        #expect(report.stderr.hasPrefix("yanfang: /nonexistent/dir/r.md: cannot write"))
        let create = try ws.yanfang("init", "--db", "/nonexistent/dir/x.db", "--project", "p", "--delivery", "2027-03-01")
        #expect(create.status == 2)
        #expect(create.stderr.hasPrefix("yanfang: /nonexistent/dir/x.db: cannot create"))
        #expect(create.stderr.split(separator: "\n").count == 1)
    }

    @Test func datesOutsideAnyProjectAreRefused() throws {
        let ws = try Workspace()
        let result = try ws.yanfang("init", "--db", ws.path("x.db"), "--project", "p", "--delivery", "0001-02-01")
        #expect(result.status == 64)
        #expect(result.stderr.contains("--delivery 0001-02-01 is not a date"))
        #expect(!FileManager.default.fileExists(atPath: ws.path("x.db")))
    }

    @Test func openingAndClosingRoundsWarnAboutTheSchedule() throws {
        let ws = try Workspace()
        let db = try project(ws)  // delivery 2027-03-01: round 1 should have started by 2026-12-01
        let open = try ws.yanfang("round", "open", "--db", db, "--date", "2026-12-20")
        #expect(open.status == 0)
        #expect(open.stderr.contains("warning: round 1 started 2026-12-20, later than three months before delivery (2026-12-01)"))
    }
}

/// The rectification terms from the command line: the deadline a close sets, on the list and
/// the defect; the settings that govern them, refused when out of range.
@Suite(.serialized) struct RectificationTermsCommandTests {
    @Test func aCloseSetsTheDeadlineTheListsAndTheDefectShow() throws {
        let ws = try Workspace()
        let db = try CommandLineTests().project(ws)
        try ws.yanfangOK("contractor", "add", "门窗甲", "--trades", "windows", "--db", db)
        try ws.yanfangOK("settings", "--rectification-days", "3", "--db", db)
        try ws.yanfangOK("round", "open", "--date", "2026-01-05", "--db", db)
        let code = try ws.yanfangOK("defect", "add", "--unit", "1-1-0101", "--item", "DW-01", "--note", "门锁卡阻", "--contractor", "门窗甲",
                                    "--db", db).split(separator: "\n").first.map(String.init)?.components(separatedBy: " ").first ?? ""
        try ws.startPondingADayAgo(db, ["1-1-0101", "1-1-0102"])
        for unit in ["1-1-0101", "1-1-0102"] { try ws.yanfangOK("inspect", unit, "--pass-remaining", "--db", db) }
        let close = try ws.yanfangOK("round", "close", "--date", "2026-01-10", "--db", db)
        #expect(close.contains("Rectification deadline for every defect still open: 2026-01-13.\n"))
        let list = try ws.yanfangOK("defect", "list", "--db", db)
        #expect(list.contains(" 2026-01-13! 门锁卡阻"), "\(list)")   // the fixed today is later: overdue
        let show = try ws.yanfangOK("defect", "show", code, "--db", db)
        #expect(show.contains("rectification deadline: 2026-01-13 (overdue: still open without a claim)\n"), "\(show)")
        let settings = try ws.yanfangOK("settings", "--recheck-scope", "all", "--db", db)
        #expect(settings.contains("rectification deadline: 3 days after a round closes\n"))
        #expect(settings.contains("re-check scope: all (every problem recorded earlier, closed ones included)\n"))
        let bad = try ws.yanfang("settings", "--rectification-days", "0", "--db", db)
        #expect(bad.status == 1)
        #expect(bad.stderr == "yanfang: the rectification deadline is a number of days from 1 to 90 after a round closes, not 0\n")
        #expect(try ws.yanfang("settings", "--recheck-scope", "some", "--db", db).status == 64)
    }
}
