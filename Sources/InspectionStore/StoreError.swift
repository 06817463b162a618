import Foundation

/// Why a database file cannot be used. The file is left exactly as it was.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case exists(path: String)
    case notAFile(path: String)
    case notSQLite(path: String, reason: String)
    case otherApplication(path: String, applicationID: UInt32)
    case newerSchema(path: String, version: Int, supported: Int)
    case unreadable(path: String, reason: String)
    case corrupt(path: String, reason: String)
    /// The file, or its folder, cannot be written; it can still be read.
    case readOnly(path: String)
    /// Another program held the file longer than the busy timeout.
    case busy(path: String)
    case cannotCreate(path: String, reason: String)
    case database(path: String, reason: String)
    /// A file copied by hand from another replica: it would record under that one's identity.
    case copiedReplica(path: String, project: String)
    /// A sync folder that is not there.
    case missingFolder(path: String)
    /// Another project's file given to a merge.
    case otherProject(path: String, project: String, mine: String)
    /// An event in a history that does not read (a kind this yanfang does not know, or a
    /// payload that is not what its kind says).
    case unreadableEvent(path: String, event: UUID, kind: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no such database (create one with `yanfang init`, or try `yanfang demo`)"
        case .exists(let path):
            return "\(path): already exists; choose another file or move it away first"
        case .notAFile(let path):
            return "\(path): not a file"
        case let .notSQLite(path, reason):
            return "\(path): not a yanfang database (\(reason))"
        case let .otherApplication(path, id):
            let hex = String(id, radix: 16, uppercase: true)
            return "\(path): a SQLite database of another application (application_id 0x\(hex)), not a yanfang file"
        case let .newerSchema(path, version, supported):
            return "\(path): written by a newer yanfang (schema version \(version); this one reads up to \(supported)); upgrade yanfang to open it"
        case let .unreadable(path, reason):
            return "\(path): cannot read (\(reason))"
        case let .corrupt(path, reason):
            return "\(path) is damaged: \(reason) (run yanfang check)"
        case .readOnly(let path):
            return "\(path): read-only; nothing was changed (it can still be read)"
        case .busy(let path):
            return "\(path): busy (another program is writing to it); try again"
        case let .cannotCreate(path, reason):
            return "\(path): cannot create (\(reason))"
        case let .database(path, reason):
            return "\(path): \(reason)"
        case .missingFolder(let path):
            return "\(path): no such folder (create it, or mount the shared folder, first)"
        case let .unreadableEvent(path, event, kind):
            return "\(path): its history holds an event that does not read (\(kind) \(event.uuidString)); nothing was changed"
        case let .otherProject(path, project, mine):
            if project == mine {
                return "\(path): another project that is also called \(project) (made by its own init or demo, not joined from this one); nothing was merged"
            }
            return "\(path): a file of another project (\(project)), not of \(mine); nothing was merged"
        case let .copiedReplica(path, project):
            return "\(path): a copy of another laptop's file of \(project), which records under that file's identity; make this laptop's own replica with `yanfang join ORIGINAL --db \(path)` instead"
        }
    }
}
