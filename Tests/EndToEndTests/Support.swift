import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure with a message meant for the person reading the test log.
struct E2EFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The fixed day every run works on, so dates and "days left" read the same each time.
let fixedToday = "2026-11-23"

// MARK: - The binary

enum Yanfang {
    /// `$YANFANG_BIN`, else `yanfang` beside the test bundle (`<scratch>/debug/`).
    static func binary() throws -> String {
        let manager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["YANFANG_BIN"], !path.isEmpty {
            guard manager.isExecutableFile(atPath: path) else {
                throw E2EFailure("YANFANG_BIN=\(path) is not an executable file")
            }
            return path
        }
        var candidates: [URL] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        candidates.append(argument0.deletingLastPathComponent().appendingPathComponent("yanfang"))
        candidates.append(argument0.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("yanfang"))
        // macOS: <scratch>/debug/X.xctest/Contents/MacOS/X; the binary sits beside the bundle.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("yanfang"))
        }
        if let found = candidates.first(where: { manager.isExecutableFile(atPath: $0.path) }) {
            return found.path
        }
        throw E2EFailure("""
            cannot find the yanfang executable; looked at:
            \(candidates.map { "  " + $0.path }.joined(separator: "\n"))
            Build it (swift build --scratch-path .build-e2e) or set YANFANG_BIN=/path/to/yanfang.
            """)
    }
}

// MARK: - Running commands

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The environment of the test process without what would change how yanfang behaves.
func cleanEnvironment() -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    for key in env.keys where key.hasPrefix("LC_") || key.hasPrefix("YANFANG_") {
        env.removeValue(forKey: key)
    }
    for key in ["LANG", "LANGUAGE", "TERM", "NO_COLOR", "TMUX", "TMUX_PANE", "COLUMNS", "LINES"] {
        env.removeValue(forKey: key)
    }
    return env
}

/// Runs a program to its end, its output in temporary files (no pipe can fill up).
@discardableResult
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                directory: URL? = nil, stdin: FileHandle? = nil, stdout: FileHandle? = nil,
                pipedStdout: Bool = false) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment ?? cleanEnvironment()
    if let directory { process.currentDirectoryURL = directory }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("yanfang-e2e-out-\(UUID().uuidString)")
    let outURL = scratch.appendingPathExtension("out"), errURL = scratch.appendingPathExtension("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
    process.standardInput = stdin ?? FileHandle.nullDevice
    let pipe = Pipe()
    process.standardOutput = pipedStdout ? pipe : (stdout ?? outHandle)
    process.standardError = errHandle
    try withCleanSignalMask { try process.run() }
    // Only for short output: read the pipe to its end, which comes when the process exits.
    let piped = pipedStdout ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    let out = pipedStdout ? String(decoding: piped, as: UTF8.self) : ((try? String(contentsOf: outURL, encoding: .utf8)) ?? "")
    let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    return CommandResult(status: process.terminationStatus, stdout: out, stderr: err)
}

/// Runs `body` (a spawn) with no signal blocked in the calling thread.
///
/// Tests run on Swift concurrency's worker threads, which block most signals, and a child
/// inherits the mask of the thread that spawns it. Through tmux it would reach yanfang, which
/// would then never see SIGTERM or SIGWINCH, unlike in any terminal a person uses.
func withCleanSignalMask<T>(_ body: () throws -> T) rethrows -> T {
    var none = sigset_t(), previous = sigset_t()
    sigemptyset(&none)
    pthread_sigmask(SIG_SETMASK, &none, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    return try body()
}

/// A test's own directory, removed at the end.
final class Workspace {
    let url: URL
    let binary: String

    init() throws {
        binary = try Yanfang.binary()
        url = FileManager.default.temporaryDirectory.appendingPathComponent("yanfang-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The environment the command line gets: UTF-8, the fixed day, a known inspector.
    var environment: [String: String] {
        var env = cleanEnvironment()
        env["LANG"] = "C.UTF-8"
        env["YANFANG_TODAY"] = fixedToday
        env["YANFANG_INSPECTOR"] = "e2e"
        return env
    }

    /// Starts every ponding test of `units` 25 h ago (`YANFANG_NOW`), so that walking them now
    /// checks them and "pass the rest" completes them.
    func startPondingADayAgo(_ db: String, _ units: [String]) throws {
        var env = environment
        let formatter = ISO8601DateFormatter()
        env["YANFANG_NOW"] = formatter.string(from: Date().addingTimeInterval(-25 * 3600))
        for unit in units {
            let result = try runProcess(binary, ["ponding", "start", unit, "--all", "--db", db], environment: env, directory: url)
            guard result.status == 0 else { throw E2EFailure("ponding start \(unit) exited \(result.status): \(result.stderr)") }
        }
    }

    /// `yanfang ARGS` in this directory.
    @discardableResult
    func yanfang(_ arguments: String...) throws -> CommandResult {
        try yanfang(arguments)
    }

    @discardableResult
    func yanfang(_ arguments: [String]) throws -> CommandResult {
        try runProcess(binary, arguments, environment: environment, directory: url)
    }

    /// `yanfang ARGS`, which must succeed.
    @discardableResult
    func yanfangOK(_ arguments: String...) throws -> String {
        let result = try runProcess(binary, arguments, environment: environment, directory: url)
        guard result.status == 0 else {
            throw E2EFailure("yanfang \(arguments.joined(separator: " ")) exited \(result.status)\nstdout: \(result.stdout)\nstderr: \(result.stderr)")
        }
        return result.stdout
    }

    /// `yanfang ... --json`, decoded.
    func json<T: Decodable>(_ type: T.Type, _ arguments: String...) throws -> T {
        let result = try runProcess(binary, arguments, environment: environment, directory: url)
        guard result.status == 0 else {
            throw E2EFailure("yanfang \(arguments.joined(separator: " ")) exited \(result.status)\nstderr: \(result.stderr)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(result.stdout.utf8))
        } catch {
            throw E2EFailure("cannot decode the output of yanfang \(arguments.joined(separator: " ")): \(error)\n\(result.stdout.prefix(2000))")
        }
    }

    /// `yanfang init` of `name` in this directory from a layout of `rows` (the lines after
    /// the header); returns the database's path.
    func makeProject(_ name: String = "project.db", rows: String, project: String = "测试项目") throws -> String {
        let csv = path("layout.csv")
        try Data("building,entrance,floor,unit,type\n\(rows)".utf8).write(to: URL(fileURLWithPath: csv))
        let db = path(name)
        try yanfangOK("init", "--db", db, "--project", project, "--delivery", "2027-03-01", "--layout", csv)
        return db
    }

    /// Ten floors of two units in building 1, entrance 1: the rows and the unit codes.
    static let twentyUnits = (rows: (1...10).flatMap { floor in (1...2).map { "1,1,\(floor),\($0),A\n" } }.joined(),
                              codes: (1...10).flatMap { floor in (1...2).map { "1-1-\(String(format: "%02d", floor))0\($0)" } })

    /// The demo project, built by the command line as of the fixed day, in the middle of round
    /// 2 unless `round` says 3, without its plan unless `plan` (the tests were written for the
    /// round-2 demo without one).
    func makeDemo(_ name: String = "demo.db", plan: Bool = false, round: Int = 2) throws -> String {
        let db = path(name)
        if plan {
            try yanfangOK("demo", "--no-interface", "--round", "\(round)", "--db", db)
        } else {
            try yanfangOK("demo", "--no-interface", "--round", "\(round)", "--no-plan", "--db", db)
        }
        return db
    }

    /// The command that starts the interface in a tmux pane, with the environment it needs.
    func interfaceCommand(_ arguments: [String]) -> String {
        shellCommand(["env"] + Tmux.paneEnvironmentUnset + Tmux.paneEnvironment + [binary] + arguments)
    }
}

// MARK: - Shell quoting

func shellQuote(_ word: String) -> String {
    if !word.isEmpty, word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0)) }) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

func shellCommand(_ words: [String]) -> String { words.map(shellQuote).joined(separator: " ") }

// MARK: - Processes

/// Pids of running yanfang processes whose command line matches `pattern` (`pgrep -f`).
/// Only processes whose program is yanfang count: a tmux server's command line can
/// mention the same file.
func yanfangPIDs(matching pattern: String) throws -> [Int32] {
    let result = try runProcess("/usr/bin/env", ["pgrep", "-f", NSRegularExpression.escapedPattern(for: pattern)])
    return result.stdout.split(separator: "\n").compactMap { Int32($0.trimmingCharacters(in: .whitespaces)) }.filter { pid in
        let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        return comm == "yanfang"
    }
}

/// Whether `signal` is blocked in process `pid` (from /proc/PID/status).
func signalBlocked(_ signal: Int32, pid: Int32) -> Bool {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigBlk:") }),
          let mask = UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16) else { return false }
    return mask & (1 << UInt64(signal - 1)) != 0
}

// MARK: - Display width

/// Columns a string takes in a terminal: CJK and full-width characters count 2.
func displayWidth<S: StringProtocol>(_ text: S) -> Int {
    text.unicodeScalars.reduce(0) { $0 + scalarWidth($1) }
}

func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v == 0 { return 0 }
    // Combining marks and zero-width characters take no column of their own.
    if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFE0F { return 0 }
    let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
    ]
    return wide.contains { $0.contains(v) } ? 2 : 1
}

/// The display column where the first match of `pattern` starts in `line`.
func displayColumn(of pattern: String, in line: String) -> Int? {
    guard let range = line.range(of: pattern, options: .regularExpression) else { return nil }
    return displayWidth(line[..<range.lowerBound])
}

// MARK: - Mark codes

/// A mark code as yanfang prints it: round, dash, five characters of its alphabet.
let markCodePattern = #"(?<![0-9A-Za-z-])[1-9][0-9]{0,2}-[2-9A-HJKMNP-TV-Z]{5,7}(?![0-9A-Za-z-])"#

func markCodes(in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: markCodePattern)
    let range = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
}

// MARK: - JSON the command line prints

struct UnitJSON: Decodable {
    struct Item: Decodable { var room: String; var item: String; var result: String?; var defects: [String] }
    struct Recheck: Decodable { var code: String; var roundFound: Int; var result: String?; var status: String; var failedRechecks: Int }
    var unit: String
    var round: Int
    var applicable: Int
    var recorded: Int
    var rechecks: Int
    var rechecksDone: Int
    var complete: Bool
    var items: [Item]
    var recheckList: [Recheck]
    var found: [String]
}

struct DefectJSON: Decodable {
    struct Withdrawal: Decodable { var by: String; var round: Int }
    struct Step: Decodable { var kind: String; var actor: String; var correction: String? }
    var code: String
    var unit: String
    var room: String
    var item: String
    var note: String
    var status: String
    var failedRechecks: Int
    var roundFound: Int
    var withdrawn: Withdrawal?
    var history: [Step]
}

struct DefectRowJSON: Decodable {
    var code: String
    var unit: String
    var room: String
    var item: String
    var note: String
    var status: String
    var roundFound: Int
}

// MARK: - A pseudo-terminal for the preflight checks

/// A pseudo-terminal pair: the child gets `terminal` as a real tty.
final class PseudoTerminal {
    let controller: Int32
    let terminal: FileHandle

    init() throws {
        // posix_openpt and friends are not in the Swift Glibc module; look them up in libc.
        typealias IntFunction = @convention(c) (Int32) -> Int32
        typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        let libc = dlopen(nil, RTLD_NOW)
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let pointer = dlsym(libc, name) else { throw E2EFailure("\(name) not found in libc") }
            return unsafeBitCast(pointer, to: type)
        }
        let openController = try symbol("posix_openpt", as: IntFunction.self)
        let grant = try symbol("grantpt", as: IntFunction.self)
        let unlock = try symbol("unlockpt", as: IntFunction.self)
        let terminalName = try symbol("ptsname", as: NameFunction.self)
        let fd = openController(O_RDWR | O_NOCTTY)
        guard fd >= 0, grant(fd) == 0, unlock(fd) == 0, let name = terminalName(fd) else {
            throw E2EFailure("cannot open a pseudo-terminal (errno \(errno))")
        }
        let path = String(cString: name)
        let child = open(path, O_RDWR | O_NOCTTY)
        guard child >= 0 else { close(fd); throw E2EFailure("cannot open \(path) (errno \(errno))") }
        controller = fd
        terminal = FileHandle(fileDescriptor: child, closeOnDealloc: true)
    }

    /// What the child wrote to the terminal so far (without waiting).
    func written() -> String {
        _ = fcntl(controller, F_SETFL, fcntl(controller, F_GETFL) | O_NONBLOCK)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(controller, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    deinit { close(controller) }
}
