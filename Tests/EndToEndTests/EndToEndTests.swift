import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real binary, driven through tmux the way a person uses it. One test at a time: each
/// runs its own tmux session on a private tmux server, in its own directory.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct EndToEndTests {

    // MARK: 1. The unit list in Chinese, aligned

    @Test func demoShowsUnitListWithChineseAligned() async throws {
        let ws = try Workspace()
        let db = try ws.makeDemo()
        let tmux = try await Tmux.shell("list", directory: ws.url)
        defer { tmux.kill() }
        try tmux.run(shellCommand([ws.binary, "--db", db, "--lang", "zh"]) + #"; echo "RC=$?""#)

        // First start: the name is asked before anything else.
        try await tmux.waitFor("the inspector's name prompt") { $0.contains("验收人姓名") }
        try tmux.type("张伟")
        try await tmux.waitFor("the typed name in the prompt") { $0.contains("张伟") }
        try tmux.send("Enter")
        let home = try await tmux.waitFor("the home screen with the inspector") { s in
            !s.contains("验收人姓名") && (s.line(containing: "验收人")?.contains("张伟") ?? false)
        }
        #expect(home.lines.first?.contains("云栖花园二期") == true, "title bar names the project\n\(home)")
        #expect(home.lines.first?.contains("张伟") == true, "title bar names the inspector\n\(home)")

        // Enter: the unit list, grouped by building and entrance.
        try tmux.send("Enter")
        let list = try await tmux.waitFor("the unit list") { $0.contains("1栋 1单元") && $0.contains("1-1-0101") }
        #expect(list.lines.contains { $0.hasPrefix("1栋 1单元") }, "a heading for building 1 entrance 1\n\(list)")
        #expect(list.contains("1栋 2单元"), "a heading for building 1 entrance 2\n\(list)")
        #expect(list.line(containing: "1-1-0301")?.contains("3层") == true, "1-1-0301 is on floor 3\n\(list)")

        // Alignment: each column starts at the same display column on every unit row, even
        // after columns of Chinese text of different lengths (已验·待整改2 / 可交付 / 未开始).
        let unitRows = list.lines.filter { $0.range(of: #"^\s+\S \d+-\d+-\d{4}\s"#, options: .regularExpression) != nil }
        #expect(unitRows.count >= 10, "several unit rows on screen\n\(list)")
        let columns: [(name: String, pattern: String)] = [
            ("unit code", #"\d+-\d+-\d{4}"#),
            ("floor label (N层)", #"\d+层"#),
            ("unit type", #"(?<=\s)[A-Z] \p{Han}"#),
            ("state", #"(已验|可交付|未开始|进行中)"#),
            ("item count (项 n/m)", #"项 \d+/\d+"#),
        ]
        for column in columns {
            let found = unitRows.map { displayColumn(of: column.pattern, in: $0) }
            #expect(!found.contains(nil), "every unit row has a \(column.name)\n\(list)")
            let distinct = Set(found.compactMap { $0 })
            #expect(distinct.count == 1, "the \(column.name) column starts at one display column on every row, found \(distinct.sorted())\n\(list)")
        }
        let codeColumn = displayColumn(of: #"\d+-\d+-\d{4}"#, in: unitRows[0]) ?? 0
        let floorColumn = displayColumn(of: #"\d+层"#, in: unitRows[0]) ?? 0
        #expect(floorColumn > codeColumn + 8, "the floor label comes after the whole unit code")
        // The state column holds texts of different widths on this screen, so the check above is meaningful.
        #expect(unitRows.contains { $0.contains("可交付") } && unitRows.contains { $0.contains("未开始") }, "rows of different states\n\(list)")
        // Columns do not run into each other: the item count ends before the re-check count begins.
        let runTogether = unitRows.filter { $0.range(of: #"项 \d+/\d+(\s|$)"#, options: .regularExpression) == nil }
        #expect(runTogether.isEmpty, "the item count is followed by a space on every row; run together:\n\(runTogether.joined(separator: "\n"))")

        // `/` 0502 Enter: the first unit whose code contains 0502 opens, over the unit list
        // with it selected.
        try tmux.send("/")
        try await tmux.waitFor("the search box") { $0.contains("查找户号或问题编号") }
        try tmux.type("0502")
        try await tmux.waitFor("the matches for 0502") { $0.contains("1-1-0502  1栋 1单元 0502") }
        try tmux.send("Enter")
        let found = try await tmux.waitFor("the unit after the search") { !$0.contains("查找户号或问题编号") && $0.lines.dropFirst().first?.hasPrefix(" 1-1-0502  ") == true }
        #expect(found.contains("1-1-0502"), "the unit found is on screen\n\(found)")
        try tmux.send("Escape")
        try await tmux.waitForStyled("one selected row, unit 1-1-0502") { styled in
            styled.selectedRows.count == 1 && styled.selectedRows[0].contains("1-1-0502")
        }

        // Esc back home, q quits, and the shell's prompt comes back.
        try tmux.send("Escape")
        try await tmux.waitFor("the home screen again") { $0.contains("下一户") && $0.contains("验收人") && !$0.contains("1栋 1单元  已验") }
        try tmux.send("q")
        let after = try await tmux.waitFor("the shell prompt after q") { $0.lines.contains("RC=0") && $0.lastNonEmptyLine == "E2E$" }
        #expect(!after.contains("云栖花园二期"), "the full screen is gone\n\(after)")
    }

    // MARK: 2. The terminal as it was, however the program ends

    @Test func terminalRestoredAfterQuitCtrlCAndSigterm() async throws {
        let ws = try Workspace()
        let db = try ws.makeDemo()
        // The modes are read before and after by a plain sh: an interactive bash puts back
        // the terminal itself when a job dies of a signal, which would hide a program that
        // does not.
        try """
            n=$1
            clear
            stty -g > before$n
            \(shellCommand([ws.binary, "--db", db]))
            echo "RC$n=$?"
            stty -g > after$n
            echo "DONE$n"

            """.write(toFile: ws.path("run.sh"), atomically: true, encoding: .utf8)
        let tmux = try await Tmux.shell("stty", directory: ws.url)
        defer { tmux.kill() }

        enum Way: String, CaseIterable { case q = "q", ctrlC = "Ctrl-C", sigterm = "SIGTERM", sigkill = "SIGKILL" }
        for (n, way) in Way.allCases.enumerated() {
            try tmux.run("sh run.sh \(n)")
            if n == 0 {
                try await tmux.waitFor("the name prompt") { $0.contains("Inspector's name") }
                try tmux.type("李敏")
                try tmux.send("Enter")
            }
            try await tmux.waitFor("the home screen (\(way.rawValue))") { s in
                s.contains("Next unit") && !s.contains("Inspector's name") && (s.lines.first?.contains("李敏") ?? false)
            }
            switch way {
            case .q:
                try tmux.send("q")
            case .ctrlC:
                try tmux.send("C-c")
            case .sigterm, .sigkill:
                let pids = try yanfangPIDs(matching: db)
                try #require(pids.count == 1, "one yanfang process on \(db), found \(pids)")
                try #require(!signalBlocked(SIGTERM, pid: pids[0]), "SIGTERM is blocked in yanfang: the test's environment is wrong")
                #expect(kill(pids[0], way == .sigterm ? SIGTERM : SIGKILL) == 0)
            }
            let screen = try await tmux.waitFor("the shell after \(way.rawValue)") { $0.lines.contains { $0.hasSuffix("DONE\(n)") } }
            let before = try String(contentsOfFile: ws.path("before\(n)"), encoding: .utf8)
            let after = try String(contentsOfFile: ws.path("after\(n)"), encoding: .utf8)
            #expect(!before.isEmpty)
            if way == .sigkill {
                // The control: nothing can restore the terminal after SIGKILL, and the
                // comparison sees it. Then the shell's terminal is put back by hand.
                #expect(before != after, "SIGKILL leaves the terminal changed, so the comparison can see a difference")
                try tmux.run("stty \(before.trimmingCharacters(in: .whitespacesAndNewlines)); clear")
                try await tmux.waitFor("the shell again") { $0.lastNonEmptyLine == "E2E$" }
                continue
            }
            #expect(before == after, "stty -g differs after \(way.rawValue):\nbefore \(before)after  \(after)")
            let status = way == .sigterm ? "143" : "0"
            #expect(screen.lines.contains { $0.hasSuffix("RC\(n)=\(status)") }, "exit status after \(way.rawValue) is \(status)\n\(screen)")
            #expect(!screen.contains("云栖花园二期"), "the full screen is gone after \(way.rawValue)\n\(screen)")
        }
    }

    // MARK: 3. Too small, then big enough

    @Test func tooSmallTerminalSaysSoAndRecovers() async throws {
        let ws = try Workspace()
        let db = try ws.makeDemo()
        let tmux = try Tmux("small", command: ws.interfaceCommand(["--db", db]), directory: ws.url, width: 70, height: 20)
        defer { tmux.kill() }
        let tooSmall = "terminal too small (needs 80×24)"
        try await tmux.waitFor("the too-small message at 70×20") { $0.contains(tooSmall) }

        try tmux.resize(width: 100, height: 30)
        try await tmux.waitFor("the home screen at 100×30") { s in
            !s.contains(tooSmall) && s.contains("Project") && s.contains("云栖花园二期") && s.contains("Inspector's name")
        }
        // One column short: too small again; exactly 80×24 is enough.
        try tmux.resize(width: 79, height: 24)
        try await tmux.waitFor("the too-small message at 79×24") { $0.contains(tooSmall) && !$0.contains("Project") }
        try tmux.resize(width: 80, height: 24)
        try await tmux.waitFor("the home screen at 80×24") { !$0.contains(tooSmall) && $0.contains("Project") }
        // While too small, q still quits.
        try tmux.resize(width: 60, height: 15)
        try await tmux.waitFor("the too-small message at 60×15") { $0.contains(tooSmall) }
        try tmux.send("q")
        try await tmux.waitUntilGone()
    }

    // MARK: 4. Where the full screen cannot run

    @Test func refusesDumbTerminalAndPipedOutput() throws {
        let ws = try Workspace()
        let db = try ws.makeDemo()
        func environment(_ changes: [String: String?]) -> [String: String] {
            var env = ws.environment
            env["TERM"] = "xterm-256color"
            for (key, value) in changes { env[key] = value }
            return env
        }
        func check(_ label: String, _ result: CommandResult, terminal: PseudoTerminal? = nil, mentions: [String]) {
            #expect(result.status == 2, "\(label): exit status 2, got \(result.status); stderr: \(result.stderr)")
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.isEmpty }
            #expect(lines.count == 1, "\(label): one line on stderr, got \(lines.count): \(result.stderr)")
            #expect(result.stderr.hasPrefix("yanfang: "), "\(label): the line names the program: \(result.stderr)")
            for fragment in mentions {
                #expect(result.stderr.contains(fragment), "\(label): the message mentions \(fragment): \(result.stderr)")
            }
            let written = result.stdout + (terminal?.written() ?? "")
            #expect(!written.contains("\u{1B}"), "\(label): nothing was drawn before refusing: \(written.debugDescription)")
        }

        // A real terminal (a pseudo-terminal) with TERM=dumb, and with no TERM at all.
        do {
            let pty = try PseudoTerminal()
            let result = try runProcess(ws.binary, ["--db", db], environment: environment(["TERM": "dumb"]), directory: ws.url,
                                        stdin: pty.terminal, stdout: pty.terminal)
            check("TERM=dumb", result, terminal: pty, mentions: ["TERM=dumb"])
        }
        do {
            let pty = try PseudoTerminal()
            let result = try runProcess(ws.binary, ["--db", db], environment: environment(["TERM": nil]), directory: ws.url,
                                        stdin: pty.terminal, stdout: pty.terminal)
            check("TERM unset", result, terminal: pty, mentions: ["TERM"])
        }
        // Standard output into a pipe (a script), input still a terminal.
        do {
            let pty = try PseudoTerminal()
            let result = try runProcess(ws.binary, ["--db", db], environment: environment([:]), directory: ws.url,
                                        stdin: pty.terminal, pipedStdout: true)
            check("stdout piped", result, terminal: pty, mentions: ["standard output"])
        }
        // A locale that is not UTF-8, on a real terminal.
        do {
            let pty = try PseudoTerminal()
            let result = try runProcess(ws.binary, ["--db", db], environment: environment(["LANG": "C"]), directory: ws.url,
                                        stdin: pty.terminal, stdout: pty.terminal)
            check("LANG=C", result, terminal: pty, mentions: ["LANG=C.UTF-8", "UTF-8"])
        }
        do {
            let pty = try PseudoTerminal()
            let result = try runProcess(ws.binary, ["--db", db], environment: environment(["LC_ALL": "C"]), directory: ws.url,
                                        stdin: pty.terminal, stdout: pty.terminal)
            check("LC_ALL=C", result, terminal: pty, mentions: ["LANG=C.UTF-8", "LC_ALL=C"])
        }
        // A UTF-8 locale that is not installed: said so, with the fix, not "not UTF-8".
        do {
            let pty = try PseudoTerminal()
            let result = try runProcess(ws.binary, ["--db", db], environment: environment(["LANG": "zz_ZZ.UTF-8"]), directory: ws.url,
                                        stdin: pty.terminal, stdout: pty.terminal)
            check("LANG=zz_ZZ.UTF-8", result, terminal: pty, mentions: ["LANG=zz_ZZ.UTF-8 is not installed", "locale-gen", "LANG=C.UTF-8"])
            #expect(!result.stderr.contains("not UTF-8"))
        }
        // The subcommands still work in a script.
        let board = try ws.yanfang("--db", db, "board", "--json")
        #expect(board.status == 0, "board --json works with piped output: \(board.stderr)")
    }

    // MARK: 5. A unit walked, a kill -9, a second round of re-checks

    @Test func inspectorWalksAUnitRechecksAndSurvivesKill9() async throws {
        let ws = try Workspace()
        let db = ws.path("p.db")
        try "building,entrance,floor,unit,type\n1,1,1,1,A\n1,1,1,2,B\n1,1,2,1,A\n1,1,2,2,B\n"
            .write(toFile: ws.path("L.csv"), atomically: true, encoding: .utf8)
        try ws.yanfangOK("--db", db, "init", "--project", "测试项目", "--delivery", "2027-03-01", "--layout", ws.path("L.csv"))
        try ws.yanfangOK("--db", db, "contractor", "add", "明远门窗工程有限公司", "--trades", "windows")
        try ws.yanfangOK("--db", db, "contractor", "add", "江城建工第三建设有限公司", "--trades",
                         "general,entry-door,interior-door,tiling,plastering,painting,waterproofing,plumbing,electrical,fitout")
        let unit = "1-1-0101"
        let command = ws.interfaceCommand(["--db", db, "--lang", "zh"])
        func progress(_ s: Screen) -> (recorded: Int, applicable: Int)? {
            guard let line = s.lines.dropFirst(2).first,
                  let r = line.range(of: #"项 \d+/\d+"#, options: .regularExpression) else { return nil }
            let numbers = line[r].dropFirst(2).split(separator: "/").compactMap { Int($0) }
            return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
        }
        func recorded(_ n: Int) -> (Screen) -> Bool { { progress($0)?.recorded == n } }
        /// The item id on a list row marked `mark` that also contains `fragment`.
        func itemRow(_ s: Screen, mark: String, item: String) -> Bool {
            s.lines.contains { $0.range(of: "^\\s+\(mark) \(NSRegularExpression.escapedPattern(for: item))\\s", options: .regularExpression) != nil }
        }

        var tui = try Tmux("walk", command: command, directory: ws.url)
        defer { tui.kill() }
        try await tui.waitFor("the name prompt") { $0.contains("验收人姓名") }
        try tui.type("王建国")
        try tui.send("Enter")
        try await tui.waitFor("home with no round open") { $0.contains("按 o 开启第 1 轮") && !$0.contains("验收人姓名") }

        // o, Enter: round 1 opens.
        try tui.send("o")
        try await tui.waitFor("the open-round question") { $0.contains("开启第 1 轮") && $0.contains("Enter") }
        try tui.send("Enter")
        try await tui.waitFor("round 1 open") { $0.contains("第 1 轮进行中") }

        // n: the first unit with work left.
        try tui.send("n")
        let start = try await tui.waitFor("unit \(unit)") { $0.lines.dropFirst().first?.hasPrefix(" \(unit)  1栋 1单元 0101") == true && progress($0) != nil }
        let applicable = try #require(progress(start)?.applicable)
        #expect(progress(start)?.recorded == 0)

        // Space × 3: three items pass.
        try tui.send("Space", "Space", "Space")
        let afterPasses = try await tui.waitFor("3 items recorded", recorded(3))
        let firstPassed = afterPasses.lines.compactMap { line -> String? in
            guard let r = line.range(of: #"^\s+✓ \S+"#, options: .regularExpression) else { return nil }
            return String(line[r].split(separator: " ").last!)
        }
        #expect(firstPassed.count == 3, "three ✓ rows\n\(afterPasses)")

        // d, 1, Enter: a defect with the first common phrase; its mark code shows big.
        try tui.send("d")
        let form1 = try await tui.waitFor("the defect form") { $0.contains("记录问题 · \(unit)") }
        let (room1, item1) = try formItem(form1)
        let phraseLine = try #require(form1.lines.first { $0.range(of: #"│\s+1  \S"#, options: .regularExpression) != nil }, "phrase 1\n\(form1)")
        let phrase1 = try #require(phraseLine.range(of: #"(?<=│  1  )[^│]+"#, options: .regularExpression).map {
            phraseLine[$0].trimmingCharacters(in: .whitespaces)
        }, "phrase 1 text in \(phraseLine)")
        try tui.send("1", "Enter")
        let marked1 = try await tui.waitFor("the mark code of the first defect") { s in
            s.contains("问题编号（写在贴纸上）") && !s.contains("记录问题") && !markCodes(in: s.lastBox.joined(separator: "\n")).isEmpty
        }
        let code1 = try #require(markCodes(in: marked1.lastBox.joined(separator: "\n")).first)
        #expect(marked1.lastBox.filter { $0.contains("█") }.count >= 5, "the code is drawn in big letters\n\(marked1)")
        #expect(marked1.lastBox.contains { $0.contains(phrase1) }, "the note shows under the code\n\(marked1)")
        #expect(marked1.lines.contains { $0.contains("✗ \(item1)") && $0.contains(code1) }, "the item row shows the code\n\(marked1)")
        #expect(progress(marked1)?.recorded == 4)

        // j, d, typed Chinese, Enter: a second defect with a note of one's own.
        let note2 = "窗框渗水明显"
        try tui.send("j", "d")
        let form2 = try await tui.waitFor("the second defect form") { $0.contains("记录问题 · \(unit)") }
        let (room2, item2) = try formItem(form2)
        #expect(item2 != item1, "j moved to the next item\n\(form2)")
        try tui.type(note2)
        try await tui.waitFor("the typed note in the form") { $0.contains("记录问题") && $0.contains(note2) }
        try tui.send("Enter")
        let marked2 = try await tui.waitFor("the mark code of the second defect") { s in
            !s.contains("记录问题") && s.contains("问题编号（写在贴纸上）") && markCodes(in: s.lastBox.joined(separator: "\n")).contains { $0 != code1 }
        }
        let code2 = try #require(markCodes(in: marked2.lastBox.joined(separator: "\n")).first)
        #expect(marked2.lastBox.contains { $0.contains(note2) }, "the typed note shows under the code\n\(marked2)")

        // j, Space, Space: two more passes; u takes back the last.
        try tui.send("j", "Space", "Space")
        let beforeUndo = try await tui.waitFor("7 items recorded", recorded(7))
        let code2Row = try #require(beforeUndo.lineIndex(containing: code2))
        let passedAfter = beforeUndo.lines[(code2Row + 1)...].compactMap { line -> String? in
            guard let r = line.range(of: #"^\s+✓ \S+"#, options: .regularExpression) else { return nil }
            return String(line[r].split(separator: " ").last!)
        }
        try #require(passedAfter.count == 2, "two items passed after the second defect\n\(beforeUndo)")
        let (kept, undone) = (passedAfter[0], passedAfter[1])
        try tui.send("u")
        let afterUndo = try await tui.waitFor("the undo") { $0.contains("已撤销") && progress($0)?.recorded == 6 }
        #expect(afterUndo.lastNonEmptyLine?.contains("已撤销：合格 \(undone)") == true, "the status bar names what was undone\n\(afterUndo)")
        #expect(itemRow(afterUndo, mark: "·", item: undone), "\(undone) is unrecorded again\n\(afterUndo)")
        #expect(itemRow(afterUndo, mark: "✓", item: kept), "\(kept) still passed\n\(afterUndo)")
        #expect(afterUndo.lastBox.first { $0.contains(undone) } != nil, "the cursor is back on \(undone)\n\(afterUndo)")

        // Three more passes (the first records the undone item again), then the process is
        // killed outright.
        try tui.send("Space", "Space", "Space")
        let beforeKill = try await tui.waitFor("9 items recorded", recorded(9))
        let pids = try yanfangPIDs(matching: db)
        try #require(pids.count == 1, "one yanfang process on \(db), found \(pids)")
        #expect(kill(pids[0], SIGKILL) == 0)
        try await tui.waitUntilGone()

        // Started again, it is back at the same unit with everything recorded.
        tui.kill()
        tui = try Tmux("walk-again", command: command, directory: ws.url)
        let back = try await tui.waitFor("the same unit after restart") {
            $0.lines.dropFirst().first?.hasPrefix(" \(unit)  1栋 1单元 0101") == true && progress($0) != nil
        }
        #expect(progress(back)?.recorded == 9, "9 results after the restart\n\(back)\nbefore the kill:\n\(beforeKill)")
        #expect(back.contains(code1) && back.contains(code2), "both defects on screen\n\(back)")
        #expect(itemRow(back, mark: "✓", item: undone), "the undone item was passed again\n\(back)")

        let view = try ws.json(UnitJSON.self, "--db", db, "unit", unit, "--json")
        #expect(view.round == 1)
        #expect(view.applicable == applicable)
        #expect(view.recorded == 9)
        #expect(view.items.filter { $0.result == "pass" }.count == 7, "7 passes")
        #expect(view.items.filter { $0.result == "defect" }.count == 2, "2 items with defects")
        #expect(Set(view.found) == [code1, code2])
        for id in firstPassed + [kept] {
            #expect(view.items.first { $0.item == id }?.result == "pass", "\(id) passed")
        }
        #expect(view.items.first { $0.room == room1 && $0.item == item1 }?.defects == [code1])
        #expect(view.items.first { $0.room == room2 && $0.item == item2 }?.defects == [code2])
        let undoneItem = try #require(view.items.first { $0.item == undone })
        #expect(undoneItem.result == "pass", "the undone item, recorded again: \(undoneItem)")
        let defect1 = try ws.json(DefectJSON.self, "--db", db, "defect", "show", code1, "--json")
        #expect(defect1.note == phrase1)
        #expect(defect1.unit == unit && defect1.item == item1 && defect1.room == room1)
        #expect(defect1.status == "open")
        let defect2 = try ws.json(DefectJSON.self, "--db", db, "defect", "show", code2, "--json")
        #expect(defect2.note == note2)
        #expect(defect2.unit == unit && defect2.item == item2 && defect2.room == room2)
        #expect(defect2.status == "open")

        // Out of the unit, the list and the program.
        try tui.send("q", "q", "q")
        try await tui.waitUntilGone()

        // Round 1 finished by the command line; round 2 opens with both defects to re-check.
        try ws.startPondingADayAgo(db, ["1-1-0101", "1-1-0102", "1-1-0201", "1-1-0202"])
        for code in ["1-1-0101", "1-1-0102", "1-1-0201", "1-1-0202"] {
            try ws.yanfangOK("--db", db, "inspect", code, "--pass-remaining")
        }
        try ws.yanfangOK("--db", db, "round", "close")
        let opened = try ws.yanfangOK("--db", db, "round", "open")
        #expect(opened.contains("Round 2 open") && opened.contains("2 defects to re-check"), "\(opened)")

        // In the interface: the unit's re-check queue comes first; p passes one, f fails the other.
        tui.kill()
        tui = try Tmux("recheck", command: command, directory: ws.url)
        try await tui.waitFor("home in round 2") { $0.contains("第 2 轮进行中") }
        try tui.send("n")
        let queue = try await tui.waitFor("the re-check queue of \(unit)") { s in
            s.lines.dropFirst().first?.hasPrefix(" \(unit)") == true && s.contains("复查（2 项")
        }
        let heading = try #require(queue.lineIndex(containing: "复查（2 项"))
        let firstRoom = try #require(queue.lineIndex(containing: "■ "))
        #expect(heading < firstRoom, "the re-checks come before the rooms\n\(queue)")
        let order = queue.lines[heading..<firstRoom].flatMap { markCodes(in: $0) }
        try #require(Set(order) == [code1, code2] && order.count == 2, "both defects in the queue\n\(queue)")
        let (passing, failing) = (order[0], order[1])
        try await tui.waitForStyled("the first re-check selected") { $0.selectedRows.count == 1 && $0.selectedRows[0].contains(passing) }
        #expect(queue.lastBox.first?.contains(passing) == true, "its details show below\n\(queue)")

        try tui.send("p")
        try await tui.waitFor("the first re-check passed") { s in
            s.lines.contains { $0.contains("✓ \(passing)") && $0.contains("复查通过") } && s.contains("复查 1/2")
        }
        try tui.send("f")
        try await tui.waitFor("the second re-check failed") { s in
            s.lines.contains { $0.contains("✗ \(failing)") && $0.contains("复查未过") } && s.contains("复查 2/2")
        }
        try tui.send("q", "q", "q")
        try await tui.waitUntilGone()

        let passed = try ws.json(DefectJSON.self, "--db", db, "defect", "show", passing, "--json")
        #expect(passed.status == "closed", "\(passing) closed after passing its re-check")
        #expect(passed.failedRechecks == 0)
        let failed = try ws.json(DefectJSON.self, "--db", db, "defect", "show", failing, "--json")
        #expect(failed.status == "open", "\(failing) still open after failing its re-check")
        #expect(failed.failedRechecks == 1)
        let round2 = try ws.json(UnitJSON.self, "--db", db, "unit", unit, "--json")
        #expect(round2.round == 2 && round2.rechecks == 2 && round2.rechecksDone == 2)
        #expect(round2.recheckList.first { $0.code == passing }?.result == "pass")
        #expect(round2.recheckList.first { $0.code == failing }?.result == "fail")
    }

    // MARK: 6. A mark code found by search

    @Test func searchByMarkCodeJumpsToDefect() async throws {
        let ws = try Workspace()
        let db = try ws.makeDemo()
        let defects = try ws.json([DefectRowJSON].self, "--db", db, "defect", "list", "--json")
        // One found in this round (on an item row) and one from round 1 awaiting its re-check.
        let foundNow = try #require(defects.first { $0.roundFound == 2 && $0.status == "open" }, "a round-2 defect in the demo")
        let toRecheck = try #require(defects.first { $0.roundFound == 1 && $0.status == "rectified" }, "a rectified round-1 defect in the demo")

        let tui = try Tmux("search", command: ws.interfaceCommand(["--db", db]), directory: ws.url)
        defer { tui.kill() }
        try await tui.waitFor("the name prompt") { $0.contains("Inspector's name") }
        try tui.type("Chen")
        try tui.send("Enter")
        try await tui.waitFor("home") { $0.contains("Next unit") && !$0.contains("Inspector's name") }

        for defect in [foundNow, toRecheck] {
            try tui.send("/")
            try await tui.waitFor("the search box") { $0.contains("Find a unit or a mark code") }
            try tui.type(defect.code)
            try await tui.waitFor("the match for \(defect.code)") { $0.contains("\(defect.code)  defect in \(defect.unit)") }
            try tui.send("Enter")
            let screen = try await tui.waitFor("unit \(defect.unit) with \(defect.code)") { s in
                s.lines.dropFirst().first?.hasPrefix(" \(defect.unit)  ") == true && !s.contains("Find a unit")
            }
            #expect(screen.lastBox.contains { $0.contains(defect.code) }, "\(defect.code) in the detail panel\n\(screen)")
            try await tui.waitForStyled("the row of \(defect.code) selected") { $0.selectedRows.count == 1 && $0.selectedRows[0].contains(defect.code) }
            if defect.roundFound == 2 {
                #expect(screen.lastBox.contains { $0.contains(defect.item) }, "the item \(defect.item) in the detail panel\n\(screen)")
            }
            try tui.send("Escape")
            try await tui.waitFor("the unit list") { $0.contains("Building 1 · Entrance 1") }
        }
        try tui.send("q", "q")
        try await tui.waitUntilGone()
    }

    /// The room and item a defect form is for, from its title `记录问题 · UNIT ROOM · ITEM NAME`.
    func formItem(_ screen: Screen) throws -> (room: String, item: String) {
        let line = try #require(screen.line(containing: "记录问题 · "), "the form's title\n\(screen)")
        let title = String(line[line.range(of: "记录问题 · ")!.upperBound...])
        let parts = title.components(separatedBy: " · ")
        try #require(parts.count >= 2, "title \(title)")
        let room = try #require(parts[0].split(separator: " ").dropFirst().first.map(String.init), "room in \(title)")
        let item = try #require(parts[1].split(separator: " ").first.map(String.init), "item in \(title)")
        return (room, item)
    }
}
