import Foundation
import GRDB
import InspectionCore

/// This file's identity as a replica of its project: every event it records carries it, and
/// its tag starts every mark code it gives. The row is the file's own (never merged, never
/// rebuilt); the replicas a project has are a projection of its `replica.joined` events.
struct ThisReplica {
    var id: UUID
    var tag: String

    static func load(_ db: Database) throws -> ThisReplica {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, tag FROM this_replica")) else {
            throw StoreError.database(path: "the database", reason: "the file has no replica identity")
        }
        return ThisReplica(id: row["id"], tag: row["tag"])
    }

    /// A new identity with a random one-character tag (the first replica of a project).
    static func makeFirst() -> ThisReplica {
        var generator = SystemRandomNumberGenerator()
        return ThisReplica(id: UUID(), tag: String(MarkCode.randomCharacter(using: &generator)))
    }

    static func create(_ db: Database, _ replica: ThisReplica) throws {
        try db.execute(sql: "DELETE FROM this_replica")
        try db.execute(sql: "INSERT INTO this_replica (id, tag) VALUES (?, ?)", arguments: [replica.id, replica.tag])
    }

    /// Refuses to record in a file copied by hand from another replica's file: it would
    /// share that replica's identity. The file's device and inode are remembered at its first
    /// write; a file moved in place keeps them, a copy does not.
    static func checkNotACopy(_ db: Database, path: String?) throws {
        guard let path else { return }
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let device = Int64(bitPattern: UInt64(info.st_dev))
        let inode = Int64(bitPattern: UInt64(info.st_ino))
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT file_device, file_inode FROM this_replica")) else { return }
        let known: (Int64?, Int64?) = (row["file_device"], row["file_inode"])
        if known.0 == nil || known.1 == nil {
            try db.execute(sql: "UPDATE this_replica SET file_device = ?, file_inode = ?", arguments: [device, inode])
        } else if known.0 != device || known.1 != inode {
            let project = try String.fetchOne(db, sql: "SELECT name FROM project") ?? "its project"
            throw StoreError.copiedReplica(path: path, project: project)
        }
    }
}
