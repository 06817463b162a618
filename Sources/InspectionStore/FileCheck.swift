import Foundation

/// Reads a file's SQLite header without opening it in SQLite, so a file that is refused is
/// left byte-for-byte as it was, with no journal or WAL created beside it.
enum FileCheck {
    static let sqliteMagic = Array("SQLite format 3\u{0}".utf8)

    /// Throws unless `path` is a yanfang database this binary can read (an older schema is
    /// fine: it is migrated on open). Returns whether it is a demo file.
    @discardableResult
    static func checkExisting(path: String) throws(StoreError) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missing(path: path) }
        guard !isDirectory.boolValue else { throw .notAFile(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let header: Data
        do {
            header = try handle.read(upToCount: 100) ?? Data()
        } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        if header.isEmpty { throw .notSQLite(path: path, reason: "empty file") }
        guard header.count == 100, Array(header.prefix(16)) == sqliteMagic else {
            throw .notSQLite(path: path, reason: "not a SQLite file")
        }
        let bytes = [UInt8](header)
        func int32(at offset: Int) -> UInt32 {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
        }
        let applicationID = int32(at: 68)
        let userVersion = Int(Int32(bitPattern: int32(at: 60)))
        let isDemo = applicationID == UInt32(bitPattern: Schema.demoApplicationID)
        guard applicationID == UInt32(bitPattern: Schema.applicationID) || isDemo else {
            if applicationID == 0 {
                throw .notSQLite(path: path, reason: "a SQLite database without yanfang's application_id")
            }
            throw .otherApplication(path: path, applicationID: applicationID)
        }
        if userVersion > Schema.version {
            throw .newerSchema(path: path, version: userVersion, supported: Schema.version)
        }
        return isDemo
    }
}
