import Foundation
import Testing

/// What a tmux pane shows: one string per row, trailing blanks trimmed by tmux.
struct Screen: CustomStringConvertible {
    let text: String
    let lines: [String]

    init(_ text: String) {
        self.text = text
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    func contains(_ fragment: String) -> Bool { text.contains(fragment) }

    func line(containing fragment: String) -> String? { lines.first { $0.contains(fragment) } }

    func lineIndex(containing fragment: String) -> Int? { lines.firstIndex { $0.contains(fragment) } }

    var lastNonEmptyLine: String? { lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } }

    /// The rows inside the last box drawn on the screen (between its ┌ and └ rows).
    var lastBox: [String] {
        guard let top = lines.lastIndex(where: { $0.hasPrefix("┌") }) else { return [] }
        let bottom = lines[(top + 1)...].firstIndex { $0.hasPrefix("└") } ?? lines.count
        return Array(lines[(top + 1)..<bottom])
    }

    var description: String {
        let rule = String(repeating: "─", count: 100)
        return "┄\(rule)\n" + lines.enumerated().map { String(format: "%2d│", $0.offset) + $0.element }.joined(separator: "\n") + "\n┄\(rule)"
    }
}

/// A screen captured with its attributes (`capture-pane -e`).
struct StyledScreen {
    let raw: String
    let rows: [(text: String, parameters: Set<String>)]

    init(_ raw: String) {
        self.raw = raw
        let sgr = try! NSRegularExpression(pattern: "\u{1B}\\[([0-9;:]*)m")
        var rows: [(String, Set<String>)] = []
        for line in raw.components(separatedBy: "\n") {
            let range = NSRange(line.startIndex..., in: line)
            var parameters = Set<String>()
            for match in sgr.matches(in: line, range: range) {
                if let r = Range(match.range(at: 1), in: line) {
                    parameters.formUnion(line[r].split(whereSeparator: { $0 == ";" || $0 == ":" }).map(String.init))
                }
            }
            rows.append((sgr.stringByReplacingMatches(in: line, range: range, withTemplate: ""), parameters))
        }
        self.rows = rows
    }

    /// Rows drawn in the "selected" style: black on yellow in colour, reverse video without.
    var selectedRows: [String] {
        rows.filter { $0.parameters.contains("43") || $0.parameters.contains("7") }.map(\.text)
    }
}

struct TimedOut: Error, CustomStringConvertible {
    var description: String
}

/// Drives one tmux session on a tmux server of its own (a socket private to this test run).
final class Tmux {
    /// One server per test process, so that no session of anyone else is touched.
    static let socket = "yanfang-e2e-\(ProcessInfo.processInfo.processIdentifier)"

    /// What every pane's program sees: UTF-8, a real terminal type, the fixed day.
    static let paneEnvironment = ["LANG=C.UTF-8", "TERM=xterm-256color", "YANFANG_TODAY=\(fixedToday)"]
    static let paneEnvironmentUnset = ["-u", "LC_ALL", "-u", "LC_CTYPE", "-u", "LC_MESSAGES", "-u", "NO_COLOR",
                                       "-u", "YANFANG_DB", "-u", "YANFANG_INSPECTOR"]

    let name: String
    private var killed = false

    /// Starts a detached session running `command` (one shell command line) in `directory`.
    init(_ label: String, command: String, directory: URL, width: Int = 100, height: Int = 30) throws {
        name = "e2e-\(label)-\(UUID().uuidString.prefix(8))"
        let result = try Self.tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                                    "-c", directory.path, command])
        guard result.status == 0 else {
            throw E2EFailure("tmux new-session failed (\(result.status)): \(result.stderr)")
        }
    }

    /// A session running an interactive bash with a recognisable prompt, ready for commands.
    static func shell(_ label: String, directory: URL, width: Int = 100, height: Int = 30) async throws -> Tmux {
        let command = shellCommand(["env"] + paneEnvironmentUnset + paneEnvironment + ["PS1=E2E$ ", "HISTFILE=/dev/null",
                                    "bash", "--norc", "--noprofile"])
        let session = try Tmux(label, command: command, directory: directory, width: width, height: height)
        try await session.waitFor("the shell prompt") { $0.lastNonEmptyLine == "E2E$" }
        return session
    }

    deinit { kill() }

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> CommandResult {
        var env = cleanEnvironment()
        env["LANG"] = "C.UTF-8"
        // The client that starts the server forks it, and the server would inherit every
        // descriptor the client has, among them the one Foundation's Process watches to learn
        // that the client ended: waitUntilExit would then last as long as the server. So a
        // new session starts from a shell that first closes all but stdin, stdout and stderr.
        if arguments.first == "new-session" {
            let closeInherited = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#
            return try runProcess("/bin/bash", ["-c", closeInherited, "bash", "tmux", "-L", socket] + arguments, environment: env)
        }
        return try runProcess("/usr/bin/env", ["tmux", "-L", socket] + arguments, environment: env)
    }

    /// Keys by their tmux names: `Enter`, `Escape`, `Space`, `C-c`, `q`.
    func send(_ keys: String...) throws {
        let result = try Self.tmux(["send-keys", "-t", "=\(name):"] + keys)
        guard result.status == 0 else { throw E2EFailure("tmux send-keys \(keys) failed: \(result.stderr)") }
    }

    /// Literal text, as typed (Chinese included).
    func type(_ text: String) throws {
        let result = try Self.tmux(["send-keys", "-t", "=\(name):", "-l", text])
        guard result.status == 0 else { throw E2EFailure("tmux send-keys -l \(text) failed: \(result.stderr)") }
    }

    /// Types a command line into the shell and presses Enter.
    func run(_ commandLine: String) throws {
        try type(commandLine)
        try send("Enter")
    }

    func capture() throws -> Screen {
        let result = try Self.tmux(["capture-pane", "-p", "-t", "=\(name):"])
        guard result.status == 0 else { throw E2EFailure("tmux capture-pane failed: \(result.stderr)") }
        return Screen(result.stdout)
    }

    private func captureStyled() throws -> StyledScreen {
        let result = try Self.tmux(["capture-pane", "-p", "-e", "-t", "=\(name):"])
        guard result.status == 0 else { throw E2EFailure("tmux capture-pane -e failed: \(result.stderr)") }
        return StyledScreen(result.stdout)
    }

    func resize(width: Int, height: Int) throws {
        let result = try Self.tmux(["resize-window", "-t", "=\(name):", "-x", "\(width)", "-y", "\(height)"])
        guard result.status == 0 else { throw E2EFailure("tmux resize-window failed: \(result.stderr)") }
    }

    var isAlive: Bool { (try? Self.tmux(["has-session", "-t", "=\(name)"]).status) == 0 }

    /// Polls the pane every 50 ms until `condition` holds on a settled screen (the same on two
    /// captures in a row: a big redraw reaches tmux in several writes, and a capture in
    /// between shows half of it); on timeout, fails showing the last screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 10, _ condition: (Screen) throws -> Bool) async throws -> Screen {
        try await poll(what, timeout: timeout, capture: { try self.capture() }, text: \.text, describe: \.description, condition)
    }

    /// The same, on the screen with its attributes (for what is selected).
    @discardableResult
    func waitForStyled(_ what: String, timeout: Double = 10, _ condition: (StyledScreen) throws -> Bool) async throws -> StyledScreen {
        try await poll(what, timeout: timeout, capture: { try self.captureStyled() }, text: \.raw,
                       describe: { Screen($0.rows.map(\.text).joined(separator: "\n")).description }, condition)
    }

    private func poll<S>(_ what: String, timeout: Double, capture: () throws -> S, text: (S) -> String, describe: (S) -> String,
                         _ condition: (S) throws -> Bool) async throws -> S {
        let deadline = Date().addingTimeInterval(timeout)
        var last: S?
        var previous: String?
        var capturesAfterDeadline = 0
        while true {
            // Judged on two captures taken after the deadline (the condition wants the screen
            // the same twice): a test task left waiting for a thread (the test runner's pool is
            // as small as the machine's cores, and other tests hold it) must not time out on
            // screens read before it slept.
            let capturedAt = Date()
            if let screen = try? capture() {
                last = screen
                let current = text(screen)
                if current == previous, try condition(screen) { return screen }
                previous = current
            }
            if capturedAt > deadline { capturesAfterDeadline += 1 }
            if capturesAfterDeadline >= 2 {
                let shown = last.map(describe) ?? "(no screen)"
                throw TimedOut(description: "timed out after \(timeout) s waiting for \(what) in tmux session \(name); last screen:\n\(shown)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits until the session has ended (its program exited or was killed).
    func waitUntilGone(timeout: Double = 10) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while isAlive {
            if Date() > deadline {
                let last = (try? capture())?.description ?? "(no screen)"
                throw TimedOut(description: "timed out after \(timeout) s waiting for tmux session \(name) to end; last screen:\n\(last)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? Self.tmux(["kill-session", "-t", "=\(name)"])
    }
}
