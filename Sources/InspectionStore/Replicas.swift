import Foundation
import GRDB
import InspectionCore

/// This file's identity as a replica of its project: every event it records carries it.
enum Replicas {
    static func current(_ db: Database) throws -> UUID {
        guard let id = try UUID.fetchOne(db.cachedStatement(sql: "SELECT id FROM replica WHERE self = 1")) else {
            throw StoreError.database(path: "the database", reason: "the file has no replica identity")
        }
        return id
    }
}
