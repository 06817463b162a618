import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a file is opened so that reading it never writes: no header rewritten, no -wal or
/// -shm left beside it, and a read-only file or folder readable.
///
/// A writable open on a WAL file with no log would make GRDB write (and checkpoint) a
/// throw-away table to create the log; a plain read-only SQLite connection creates -wal and
/// -shm and leaves them. So: when a log exists (a writer is at work, or one was killed), a
/// read-only connection reads through it; when none exists, the file alone is the whole
/// database and is opened `immutable`, while a read lock on SQLite's shared-lock bytes keeps
/// a writer that starts meanwhile from checkpointing into it as it closes.
enum FileAccess {
    /// Whether yanfang may write to `path`: the file and its folder writable, and for root
    /// (whom permissions do not stop) not marked read-only either.
    static func isWritable(_ path: String) -> Bool {
        let folder = (URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path)
        for target in [path, folder] {
            if access(target, W_OK) != 0 { return false }
            if geteuid() == 0 {
                var info = stat()
                if stat(target, &info) == 0 && info.st_mode & 0o222 == 0 { return false }
            }
        }
        return true
    }

    /// A connection that only reads, and what must stay alive beside it.
    static func readOnlyQueue(_ path: String, configuration base: Configuration) throws -> (DatabaseQueue, ReadLock?) {
        var configuration = base
        configuration.readonly = true
        if FileManager.default.fileExists(atPath: path + "-wal") {
            return (try DatabaseQueue(path: path, configuration: configuration), nil)
        }
        let lock = ReadLock(path)
        // A writer may have finished between the first look and the lock.
        if FileManager.default.fileExists(atPath: path + "-wal") {
            return (try DatabaseQueue(path: path, configuration: configuration), nil)
        }
        return (try DatabaseQueue(path: immutableURI(path), configuration: configuration), lock)
    }

    /// `file:PATH?immutable=1`, the path made absolute and percent-encoded.
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Whether the file holds yanfang's tables: refused when it has none (a file that only
    /// carries the application_id); true when migrations are still to run.
    static func needsMigration(_ db: Database, path: String) throws -> Bool {
        let applied = try Schema.migrator.appliedIdentifiers(db)
        if applied.isEmpty {
            throw StoreError.notSQLite(path: path, reason: "yanfang's application_id without yanfang's tables")
        }
        return !Set(Schema.migrator.migrations).isSubset(of: applied)
    }
}

/// A POSIX read lock on the bytes SQLite's shared locks use. A connection closing last
/// takes an exclusive lock on them before it folds its log into the file; while this lock
/// is held it cannot, so the file does not change under an `immutable` reader.
final class ReadLock: @unchecked Sendable {
    private let descriptor: Int32

    init?(_ path: String) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var lock = flock()
        lock.l_type = Int16(F_RDLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0x4000_0002  // SQLite's PENDING_BYTE + 2: the shared range
        lock.l_len = 510
        while fcntl(descriptor, F_SETLKW, &lock) != 0 && errno == EINTR {}
    }

    deinit { close(descriptor) }
}

extension InspectionStore {
    /// For the interface: the file opened to change it, or, when it is read-only, only to
    /// read it (every write then refused as read-only, with nothing created beside it).
    public static func openForInterface(path: String) throws -> InspectionStore {
        try FileCheck.checkExisting(path: path)
        return try FileAccess.isWritable(path) ? open(path: path) : openForReading(path: path)
    }
}
