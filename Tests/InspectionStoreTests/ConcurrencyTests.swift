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
