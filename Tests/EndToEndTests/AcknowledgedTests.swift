import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Acknowledged means committed: a command killed (SIGKILL) the moment its first line
/// reaches a terminal has already committed what that line reports.
@Suite(.serialized, .timeLimit(.minutes(3))) struct AcknowledgedTests {
    /// One building, ten floors of two units: a unit per attempt.
    func project(_ ws: Workspace) throws -> (db: String, units: [String]) {
        let db = try ws.makeProject(rows: Workspace.twentyUnits.rows)
        try ws.yanfangOK("round", "open", "--db", db)
        let units = Workspace.twentyUnits.codes
        return (db, units)
    }

    /// Runs `yanfang ARGS` on a pseudo-terminal and kills it with SIGKILL as soon as any
    /// output appears; returns that output (empty when the command ended first).
    func killedAtFirstOutput(_ ws: Workspace, _ arguments: [String]) throws -> String {
        let terminal = try PseudoTerminal()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ws.binary)
        process.arguments = arguments
        process.environment = ws.environment
        process.currentDirectoryURL = ws.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = terminal.terminal
        process.standardError = terminal.terminal
        try withCleanSignalMask { try process.run() }
        var seen = ""
        let deadline = Date().addingTimeInterval(20)
        while seen.isEmpty && process.isRunning && Date() < deadline {
            seen = terminal.written()
            if seen.isEmpty { usleep(100) }
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return seen + terminal.written()
    }

    @Test func everyAcknowledgedResultIsInTheFileAfterKill9() throws {
        let ws = try Workspace()
        let (db, units) = try project(ws)
        var acknowledged: [(unit: String, line: String)] = []
        for unit in units.prefix(12) {
            let line = try killedAtFirstOutput(ws, ["inspect", unit, "--db", db, "--item", "DW-01", "--pass"])
            if line.contains("passed") { acknowledged.append((unit, line)) }
        }
        #expect(acknowledged.count >= 6, "most attempts print their line before the kill lands")
        for (unit, line) in acknowledged {
            let view = try ws.json(UnitJSON.self, "unit", unit, "--db", db, "--json")
            let result = view.items.first { $0.item == "DW-01" }?.result
            #expect(result == "pass", "\(unit) printed \(line.debugDescription) but the file has \(result ?? "nothing")")
        }

        var codes: [String] = []
        for unit in units.suffix(8) {
            let printed = try killedAtFirstOutput(ws, ["defect", "add", "--db", db, "--unit", unit, "--item", "DW-01", "--note", "划痕"])
            codes += markCodes(in: printed)
        }
        #expect(codes.count >= 4)
        for code in codes {
            let shown = try ws.yanfang("defect", "show", code, "--db", db, "--json")
            #expect(shown.status == 0, "mark code \(code) was printed but is not in the file: \(shown.stderr)")
        }
        for code in codes {
            let printed = try killedAtFirstOutput(ws, ["defect", "rectify", code, "--db", db, "--note", "已修"])
            guard printed.contains("rectified") else { continue }
            let defect = try ws.json(DefectJSON.self, "defect", "show", code, "--db", db, "--json")
            #expect(defect.status == "rectified", "\(code) acknowledged as rectified but is \(defect.status)")
        }

        // Waive half of them, take back a pass, add contractors, close the round: each line
        // printed is already in the file.
        try ws.yanfangOK("answer", "define", "JG-01", "--db", db, "--title", "结构", "--text", "统一口径", "--action", "出具说明",
                         "--owner", "工程部", "--due", "2027-01-31", "--buyer-questions", "工程师解释")
        for code in codes.prefix(2) where try killedAtFirstOutput(ws, ["defect", "waive", code, "--db", db, "--answer", "JG-01", "--approved-by", "王经理"]).contains("waived") {
            #expect(try ws.json(DefectJSON.self, "defect", "show", code, "--db", db, "--json").status == "waived")
        }
        for (unit, _) in acknowledged.prefix(3) where try killedAtFirstOutput(ws, ["undo", unit, "--db", db]).contains("took back") {
            let result = try ws.json(UnitJSON.self, "unit", unit, "--db", db, "--json").items.first { $0.item == "DW-01" }?.result
            #expect(result == nil, "\(unit): the pass was taken back but the file has \(result ?? "nothing")")
        }
        struct ContractorJSON: Decodable { var name: String }
        for index in 1...3 where try killedAtFirstOutput(ws, ["contractor", "add", "承包\(index)", "--trades", "windows", "--db", db]).contains("Added") {
            #expect(try ws.json([ContractorJSON].self, "contractor", "list", "--db", db, "--json").contains { $0.name == "承包\(index)" })
        }
        struct StatusJSON: Decodable { struct Round: Decodable { var open: Bool }; var rounds: [Round] }
        if try killedAtFirstOutput(ws, ["round", "close", "--partial", "--db", db]).contains("closed") {
            #expect(try ws.json(StatusJSON.self, "round", "status", "--db", db, "--json").rounds.map(\.open) == [false])
        }
    }
}
