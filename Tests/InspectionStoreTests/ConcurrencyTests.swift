import Foundation
@testable import InspectionStore
import InspectionCore
import Testing

/// A lead's board and an inspector share one file: a reader never blocks the writer.
@Suite struct ConcurrentProcesses {
    @Test func aLongReadInAnotherConnectionNeverBlocksTheInspectorsWrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yanfang-concurrency-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("shared.db").path
        let inspector = try InspectionStore.create(path: path)
        let world = try World(store: inspector)
        try world.openRound()
        let lead = try InspectionStore.open(path: path)

        // The lead holds a read transaction open (a board being built) while the inspector
        // records results; each write commits at once and the reader keeps its snapshot.
        try lead.read { db in
            let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM event")!
            let started = Date()
            for unit in try inspector.units() {
                _ = try inspector.write(world.context("王工")) { tx in try tx.passRemaining(unit: unit.code) }
            }
            #expect(Date().timeIntervalSince(started) < 5, "writes waited for the reader")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM event")! == before)
        }
        let progress = try lead.progress(round: 1)
        #expect(!progress.isEmpty && progress.values.allSatisfy(\.isComplete))
    }
}

@Suite struct DurabilityAndFiles {
    @Test func everyCommitWaitsForTheDiskSoAPowerCutLosesNoResult() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yanfang-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try InspectionStore.create(path: folder.appendingPathComponent("x.db").path)
        // 2 is FULL; GRDB's WAL set-up would have left NORMAL (1).
        #expect(try store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
        let reopened = try InspectionStore.open(path: folder.appendingPathComponent("x.db").path)
        #expect(try reopened.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
    }

    @Test func aDemoIsToldFromAProjectByItsHeaderAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yanfang-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let projectPath = folder.appendingPathComponent("project.db").path
        let project = try InspectionStore.create(path: projectPath)
        try project.close()
        let demoPath = folder.appendingPathComponent("demo.db").path
        let demo = try InspectionStore.create(path: demoPath)
        try demo.markAsDemo()
        try demo.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: projectPath))
        #expect(try InspectionStore.isDemoFile(path: projectPath) == false)
        #expect(try InspectionStore.isDemoFile(path: demoPath) == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: projectPath)) == bytes)
        #expect(try InspectionStore.open(path: demoPath).project() == nil)  // a demo file is a yanfang file
    }
}
