import Foundation
import InspectionCore
@testable import InspectionStore
import Testing

/// A fresh temporary directory per test.
struct TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("yanfang-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Files beside `path` that SQLite would create when it opens it.
    func sidecars(of path: String) -> [String] {
        ["-wal", "-shm", "-journal"].map { path + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// A closed yanfang file `name` with units 1-1-0101 and 1-1-0102, round 1 open and one
    /// defect in 1-1-0101; its path, its world, the defect's code and the events written.
    func projectFile(_ name: String) throws -> (path: String, world: World, code: String, events: Int) {
        let path = self.path(name)
        let created = try InspectionStore.create(path: path)
        let world = try World(units: ["1-1-0101", "1-1-0102"], store: created)
        try world.openRound()
        let code = try world.addDefect("1-1-0101")
        let events = try created.events().count
        try created.close()
        return (path, world, code, events)
    }
}

/// Runs the sqlite3 command-line shell on a file.
func sqlite3(_ path: String, _ sql: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", path, sql]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
}

@Suite struct FileRefusalTests {
    /// Tries to open `path`, expects `expected`, and checks the file is untouched.
    func expectRefusal(_ path: String, in dir: TempDir, _ expected: StoreError, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = FileManager.default.contents(atPath: path)
        #expect(dir.sidecars(of: path) == [], "set-up left files beside \(path)", sourceLocation: sourceLocation)
        #expect(throws: expected, sourceLocation: sourceLocation) { try InspectionStore.open(path: path) }
        #expect(FileManager.default.contents(atPath: path) == bytes, "the file changed", sourceLocation: sourceLocation)
        #expect(dir.sidecars(of: path) == [], "a journal or WAL was left beside the file", sourceLocation: sourceLocation)
        #expect(expected.description.hasPrefix(path + ": "), sourceLocation: sourceLocation)
        #expect(!expected.description.contains("\n"), sourceLocation: sourceLocation)
    }

    @Test func textFileIsRefusedUntouched() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("notes.yanfang")
        try Data("楼栋,单元\n3,1\n".utf8).write(to: URL(fileURLWithPath: path))
        try expectRefusal(path, in: dir, .notSQLite(path: path, reason: "not a SQLite file"))
        #expect(StoreError.notSQLite(path: path, reason: "not a SQLite file").description
            == "\(path): not a yanfang database (not a SQLite file)")
    }

    @Test func emptyFileIsRefusedUntouched() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("empty.yanfang")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        try expectRefusal(path, in: dir, .notSQLite(path: path, reason: "empty file"))
    }

    @Test func anotherApplicationsDatabaseIsRefusedUntouched() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("other.db")
        try sqlite3(path, "PRAGMA application_id = 1234; CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        try expectRefusal(path, in: dir, .otherApplication(path: path, applicationID: 1234))
        #expect(StoreError.otherApplication(path: path, applicationID: 1234).description
            == "\(path): a SQLite database of another application (application_id 0x4D2), not a yanfang file")
    }

    @Test func plainSQLiteDatabaseIsRefusedUntouched() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("plain.db")
        try sqlite3(path, "CREATE TABLE t (x);")
        try expectRefusal(path, in: dir, .notSQLite(path: path, reason: "a SQLite database without yanfang's application_id"))
    }

    @Test func fileOfANewerSchemaIsRefusedUntouched() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("newer.yanfang")
        let created = try InspectionStore.create(path: path)
        _ = try World(units: ["1-1-0101"], store: created)
        try created.close()
        let newer = Schema.version + 4
        try sqlite3(path, "PRAGMA user_version = \(newer);")
        try expectRefusal(path, in: dir, .newerSchema(path: path, version: newer, supported: Schema.version))
        #expect(StoreError.newerSchema(path: path, version: 9, supported: 4).description
            == "\(path): written by a newer yanfang (schema version 9; this one reads up to 4); upgrade yanfang to open it")
    }

    @Test func damagedYanfangFileIsRefusedUntouched() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("damaged.yanfang")
        let created = try InspectionStore.create(path: path)
        _ = try World(units: ["1-1-0101"], store: created)
        try created.close()
        // Keep the 100-byte header (a yanfang file of this schema) and overwrite the rest.
        var bytes = try #require(FileManager.default.contents(atPath: path))
        for i in 100..<bytes.count { bytes[i] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: path))
        let thrown = #expect(throws: StoreError.self) { try InspectionStore.open(path: path) }
        guard case .corrupt(let at, _)? = thrown else {
            Issue.record("expected StoreError.corrupt, got \(String(describing: thrown))")
            return
        }
        #expect(at == path)
        #expect(FileManager.default.contents(atPath: path) == bytes)
        #expect(dir.sidecars(of: path) == [])
        #expect(thrown?.description.hasPrefix(path + " is damaged: ") == true)
        #expect(thrown?.description.hasSuffix(" (run yanfang check)") == true)
    }

    @Test func missingFileIsRefusedAndNotCreated() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("missing.yanfang")
        #expect(throws: StoreError.missing(path: path)) { try InspectionStore.open(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(dir.sidecars(of: path) == [])
        #expect(StoreError.missing(path: path).description
            == "\(path): no such database (create one with `yanfang init`, or try `yanfang demo`)")
    }

    @Test func directoryIsRefused() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        #expect(throws: StoreError.notAFile(path: dir.url.path)) { try InspectionStore.open(path: dir.url.path) }
    }

    @Test func createRefusesAnExistingFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("taken.yanfang")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.exists(path: path)) { try InspectionStore.create(path: path) }
        #expect(FileManager.default.contents(atPath: path) == Data("keep me".utf8))
    }

    @Test func yanfangFileReopensWithItsProject() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, _, code, events) = try dir.projectFile("project.yanfang")
        let reopened = try InspectionStore.open(path: path)
        #expect(try reopened.project()?.name == "滨江花园")
        #expect(try reopened.events().count == events)
        #expect(try reopened.defect(code: code).summary.unitCode == "1-1-0101")
        try reopened.close()
    }
}
