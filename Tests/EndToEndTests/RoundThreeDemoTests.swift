import Foundation
import Testing

/// `yanfang demo` as a person first meets it: round 3 under way, with repeat failures.
@Suite struct RoundThreeDemoCommandTests {
    /// The penalties of the round-3 demo: the scripted stories (云川's ponding leak failing
    /// after two claims, 明远's sliding door never touched, 栖木's worktop failing after one
    /// claim and then with none) and the walk's own failures; the kitchen pipe handed from
    /// 云川 to 沐源 after its first failure counts for neither.
    static let penalties = """
        defects failing 2+ re-checks with one contractor count against it, all rounds:
          contractor                     defects  after claim  no claim
          江城建工第三建设有限公司             2            1         3  1-38DV6 1-3RD5X
          明远门窗工程有限公司                 2            0         4  1-33HDE 1-3C2CJ
          栖木精装部品有限公司                 2            1         3  1-32PB4 1-3AZFE
          云川建材防水工程有限公司             1            2         0  1-35K7M
          恒砌瓷砖铺贴工程队                   1            1         1  1-38HY2
          沐源机电安装有限公司                 1            0         2  1-35F5R
          澄安防盗门业有限公司                 0            0         0
          松岚木门装饰有限公司                 0            0         0

        """

    @Test func theDefaultDemoIsInRoundThreeWithRepeatFailuresThatARebuildKeeps() throws {
        let ws = try Workspace()
        let db = ws.path("demo.db")
        try ws.yanfangOK("demo", "--no-interface", "--db", db)
        #expect(try ws.yanfangOK("penalties", "--db", db) == Self.penalties)
        let status = try ws.yanfangOK("round", "status", "--db", db)
        #expect(status.contains("\nRound 3: open since 2026-11-19;"), "\(status)")
        let board = try ws.yanfangOK("board", "--db", db, "--json")
        let list = try ws.yanfangOK("defect", "list", "--db", db, "--json")
        let penalties = try ws.yanfangOK("penalties", "--db", db, "--json")

        // The history alone makes the same project.
        let rebuilt = try ws.yanfangOK("rebuild", "--db", db)
        #expect(rebuilt.hasSuffix(" events: 86 units, 3 rounds, 171 defects.\n"), "\(rebuilt)")
        #expect(try ws.yanfangOK("penalties", "--db", db) == Self.penalties)
        #expect(try ws.yanfangOK("penalties", "--db", db, "--json") == penalties)
        #expect(try ws.yanfangOK("board", "--db", db, "--json") == board)
        #expect(try ws.yanfangOK("defect", "list", "--db", db, "--json") == list)
        #expect(try ws.yanfangOK("check", "--db", db) == "\(db): ok (integrity check passed; defects agree with their history)\n")
    }

    @Test func theRoundTwoDemoHasNoRepeatFailuresYet() throws {
        let ws = try Workspace()
        let db = try ws.makeDemo()
        let json = try ws.yanfangOK("penalties", "--db", db, "--json")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(list.count == 8 && list.allSatisfy { $0["count"] as? Int == 0 }, "\(json)")
    }

    @Test func aDemoRoundOtherThanTwoOrThreeIsRefusedInOneLine() throws {
        let ws = try Workspace()
        for bad in ["4", "x"] {
            let result = try ws.yanfang("demo", "--no-interface", "--round", bad, "--db", ws.path("demo.db"))
            #expect(result.status == 64)
            #expect(result.stderr == "yanfang: --round \(bad) must be 2 or 3\n")
            #expect(!FileManager.default.fileExists(atPath: ws.path("demo.db")))
        }
    }
}

/// In the serialized tmux suite: a tmux test beside the others' competes for the processor.
extension EndToEndTests {
    /// The round-3 demo as `yanfang demo` builds it (with its plan), opened by the real binary:
    /// the board's repeat-failure tab lists the contractors with their counts, whole.
    @Test func theRoundThreeDemoShowsItsRepeatFailuresOnTheBoard() async throws {
        let ws = try Workspace()
        let db = try ws.makeDemo(plan: true, round: 3)
        let tui = try Tmux("penalties", command: ws.interfaceCommand(["--db", db]), directory: ws.url, width: 100, height: 30)
        defer { tui.kill() }
        try await tui.waitFor("the name prompt", timeout: 60) { $0.contains("Inspector's name") }
        try tui.type("Chen")
        try tui.send("Enter")
        try await tui.waitFor("home", timeout: 60) { $0.contains("Next unit") && !$0.contains("Inspector's name") }
        try tui.send("b")
        try await tui.waitFor("the board", timeout: 60) { $0.contains("Buildings × categories") }
        try tui.send("4")
        let screen = try await tui.waitFor("the repeat failures", timeout: 60) { $0.contains("4 repeat failures") && $0.contains("松岚木门装饰有限公司") }
        #expect(screen.lines == [
            " yanfang · 云栖花园二期 · delivery 2027-01-23 (61 days left) · round 3 open          Chen · demo.db",
            " defect board · round 3 open   [ ] switch round   readiness 0/86 = 0.0% (target 98.0%)",
            "  1   2   3   4 repeat failures   5   6   7",
            "",
            " defects failing 2+ re-checks with one contractor count against it",
            "",
            " Contractor              round  total after claim no claim mark codes",
            " 江城建工第三建设有限…       2      2           1        3 1-38DV6 1-3RD5X",
            " 明远门窗工程有限公司        2      2           0        4 1-33HDE 1-3C2CJ",
            " 栖木精装部品有限公司        2      2           1        3 1-32PB4 1-3AZFE",
            " 云川建材防水工程有限…       1      1           2        0 1-35K7M",
            " 恒砌瓷砖铺贴工程队          1      1           1        1 1-38HY2",
            " 沐源机电安装有限公司        1      1           0        2 1-35F5R",
            " 澄安防盗门业有限公司        0      0           0        0",
            " 松岚木门装饰有限公司        0      0           0        0",
        ] + Array(repeating: "", count: 14) + [
            " 1-7 views  [ ] switch round  Enter drill down  Esc q back  / find  ? help",
        ], "\(screen)")
        try tui.send("q", "q", "q")
        try await tui.waitUntilGone(timeout: 60)
    }
}
