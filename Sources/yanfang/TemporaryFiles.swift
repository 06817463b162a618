import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary file a new database is built in (`FILE.creating-PID`, with its -wal and
/// -shm) until it is moved into place. A killed `init` or `demo` leaves one behind; the
/// next one for the same path removes those whose process is gone.
enum TemporaryFiles {
    static let marker = ".creating-"

    static func name(for path: String) -> String {
        path + marker + String(ProcessInfo.processInfo.processIdentifier)
    }

    /// Removes `FILE.creating-PID*` beside `path` for every PID that is not running (its own
    /// included, left by an earlier process that had the same number).
    static func removeStale(for path: String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + marker
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let own = ProcessInfo.processInfo.processIdentifier
        for name in names where name.hasPrefix(prefix) {
            var rest = name.dropFirst(prefix.count)
            for suffix in ["-wal", "-shm"] where rest.hasSuffix(suffix) { rest = rest.dropLast(suffix.count) }
            guard let pid = Int32(rest), pid > 0, pid == own || !isRunning(pid) else { continue }
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// Whether a process with this id exists (one of another user's counts as running).
    static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
