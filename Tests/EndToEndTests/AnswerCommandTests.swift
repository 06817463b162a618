import Foundation
import Testing

/// Unified answers from the command line: defined once, applied to many defects, refused in
/// one line when unknown, with the database untouched.
@Suite(.serialized) struct AnswerCommandTests {
    struct AnswerJSON: Decodable {
        struct Plan: Decodable { var action: String; var owner: String; var due: String; var buyerQuestions: String }
        struct Defect: Decodable { var code: String; var unit: String; var approvedBy: String? }
        var code: String
        var title: String
        var text: String
        var plan: Plan
        var revisions: Int
        var defects: [Defect]
    }

    @Test func anAnswerIsDefinedRevisedAndAppliedAndAnUnknownOneIsRefused() throws {
        let ws = try Workspace()
        let csv = ws.path("layout.csv")
        try Data(CommandLineTests.layout.utf8).write(to: URL(fileURLWithPath: csv))
        let db = ws.path("project.db")
        try ws.yanfangOK("init", "--db", db, "--project", "测试项目", "--delivery", "2027-03-01", "--layout", csv)
        try ws.yanfangOK("round", "open", "--db", db)
        let codes = try ["1-1-0101", "1-1-0102"].map { unit in
            try ws.yanfangOK("defect", "add", "--db", db, "--unit", unit, "--item", "HL-14", "--room", "客厅", "--note", "地砖色差")
                .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").first.map(String.init) ?? ""
        }
        #expect(try ws.yanfangOK("answer", "define", "sc-01", "--db", db, "--title", "瓷砖色差", "--text", "色差在允许范围内",
                                 "--action", "出示检测报告", "--owner", "客服中心", "--due", "2027-02-01",
                                 "--buyer-questions", "工程师现场比对") == "SC-01: defined (瓷砖色差).\n")

        // An unknown answer: one line, exit 1, the file's bytes as they were.
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let refused = try ws.yanfang("defect", "waive", codes[0], "--db", db, "--answer", "SC-09", "--approved-by", "周文")
        #expect(refused.status == 1)
        #expect(refused.stderr == "yanfang: no unified answer SC-09 (yanfang answer list; define one with yanfang answer define)\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        let twice = try ws.yanfang("answer", "define", "SC-01", "--db", db, "--title", "x", "--text", "x", "--action", "x",
                                   "--owner", "x", "--due", "2027-02-01", "--buyer-questions", "x")
        #expect(twice.status == 1 && twice.stderr == "yanfang: unified answer SC-01 already exists (yanfang answer revise SC-01 to change it)\n")
        let noApprover = try ws.yanfang("defect", "waive", codes[0], "--db", db, "--answer", "SC-01")
        #expect(noApprover.status == 64)

        for code in codes {
            #expect(try ws.yanfangOK("defect", "waive", code, "--db", db, "--answer", "sc-01", "--approved-by", "周文")
                    == "\(code): waived with unified answer SC-01, approved by 周文.\n")
        }
        try ws.yanfangOK("answer", "revise", "SC-01", "--db", db, "--owner", "客服中心 陈晓燕")
        let shown = try ws.json(AnswerJSON.self, "answer", "show", "SC-01", "--db", db, "--json")
        #expect(shown.code == "SC-01" && shown.title == "瓷砖色差" && shown.text == "色差在允许范围内" && shown.revisions == 1)
        #expect(shown.plan.owner == "客服中心 陈晓燕" && shown.plan.due == "2027-02-01" && shown.plan.action == "出示检测报告")
        #expect(shown.defects.map(\.unit) == ["1-1-0101", "1-1-0102"])
        #expect(shown.defects.map(\.code) == codes && shown.defects.allSatisfy { $0.approvedBy == "周文" })
        #expect(try ws.json([AnswerJSON].self, "answer", "list", "--db", db, "--json").map(\.code) == ["SC-01"])
        #expect(try ws.yanfangOK("answer", "list", "--db", db) == "SC-01  瓷砖色差  — 客服中心 陈晓燕 by 2027-02-01; 2 defects\n")
        let unknown = try ws.yanfang("answer", "show", "SC-09", "--db", db)
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("yanfang: no unified answer SC-09"))
        // The report lists the answer, its plan and its defects.
        let report = try ws.yanfangOK("report", "--db", db, "--format", "md")
        #expect(report.contains("### SC-01 · 瓷砖色差"))
        #expect(report.contains("| 责任人 | 客服中心 陈晓燕 |"))
        #expect(report.contains("| \(codes[0]) | 1-1-0101 | 客厅 |"))
        #expect(try ws.yanfangOK("check", "--db", db).contains(": ok"))
    }
}
