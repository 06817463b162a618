import Foundation
import Testing

/// Text typed on the command line is cleaned on the way in, names match in any Unicode
/// composition, and values echoed in errors cannot drive the terminal.
@Suite(.serialized) struct HostileInputTests {
    @Test func notesNamesAndProjectNamesAreStoredAsOnePlainLine() throws {
        let ws = try Workspace()
        let db = try ws.makeProject(rows: "1,1,1,1,A\n", project: "云栖\u{1B}[2J花园\n二期\u{202E}")
        struct Status: Decodable { var project: String }
        #expect(try ws.json(Status.self, "round", "status", "--db", db, "--json").project == "云栖[2J花园 二期")
        try ws.yanfangOK("contractor", "add", "Cafe\u{301} 门窗\u{7}", "--trades", "windows", "--db", db)
        try ws.yanfangOK("round", "open", "--db", db)
        let code = try ws.yanfangOK("defect", "add", "--db", db, "--unit", "1-1-0101", "--item", "DW-10", "--room", "客厅",
                                    "--note", "玻璃\u{8}\u{8}划痕\r\t两处\u{9B}").trimmingCharacters(in: .whitespacesAndNewlines)
        let defect = try ws.json(DefectJSON.self, "defect", "show", code, "--db", db, "--json")
        #expect(defect.note == "玻璃划痕  两处")
        struct ContractorJSON: Decodable { var name: String }
        let names = try ws.json([ContractorJSON].self, "contractor", "list", "--db", db, "--json").map(\.name)
        #expect(names.map { Array($0.unicodeScalars) } == [Array("Caf\u{E9} 门窗".unicodeScalars)])

        // The name typed with a combining accent finds the same contractor's defects.
        for typed in ["Caf\u{E9} 门窗", "Cafe\u{301} 门窗"] {
            let md = try ws.yanfangOK("export", "rectification", "--db", db, "--contractor", typed, "--format", "md")
            #expect(md.contains(code), "typed \(Array(typed.unicodeScalars))")
        }
        let unknown = try ws.yanfang("export", "rectification", "--db", db, "--contractor", "Cafe 门窗", "--format", "csv")
        #expect(unknown.status == 1 && unknown.stdout.isEmpty)
    }

    @Test func layoutTextIsCleanedOnTheWayIn() throws {
        let ws = try Workspace()
        let db = try ws.makeProject(rows: "7\u{1B},1,1,1,A\u{7}\n")
        struct UnitRow: Decodable { var code: String; var building: String; var type: String }
        let units = try ws.json([UnitRow].self, "layout", "list", "--db", db, "--json")
        #expect(units.map(\.code) == ["7-1-0101"])
        #expect(units.map(\.building) == ["7"] && units.map(\.type) == ["A"])
    }

    @Test func valuesEchoedInErrorsAreEscaped() throws {
        let ws = try Workspace()
        let db = try ws.makeDemo()
        let result = try ws.yanfang("defect", "show", "2-\u{1B}]0;owned\u{7}", "--db", db)
        #expect(result.status == 1)
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{7}"))
        #expect(result.stderr.contains("\\u{1B}]0;owned\\u{7}"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
