import GRDB

extension InspectionStore {
    /// SQLite's count of commits by other connections (`PRAGMA data_version`), read on the
    /// writer's connection so that our own writes do not move it: when it changes, another
    /// program (a second laptop's merge, a command) has written the file.
    public func externalChangeCount() throws -> Int {
        try translatingErrors {
            try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        }
    }
}
