import Foundation
import InspectionCore
import InspectionStore
import Testing

/// Once a store has met damage in its file, it attempts no further write to it.
@Suite struct DamagedFileTests {
    @Test func noWriteIsAttemptedOnceTheFileIsKnownDamaged() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, world, _, _) = try dir.projectFile("damaged.yanfang")

        // Garbage over the defect table's first page only; the rest of the file is sound.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, "SELECT rootpage FROM sqlite_master WHERE name = 'defect_state'"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let page = try #require(Int(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64((page - 1) * 4096))
        handle.write(Data(repeating: 0xA5, count: 4096))
        try handle.close()

        let store = try InspectionStore.open(path: path)
        let thrown = #expect(throws: StoreError.self) { try store.defects(DefectFilter()) }
        guard case .corrupt? = thrown else { Issue.record("expected damage, got \(String(describing: thrown))"); return }
        // A write that would touch only sound pages (the project's settings) is refused all the same.
        let context = ActionContext(actor: "组长", at: Date(), today: world.today)
        let refused = #expect(throws: StoreError.self) {
            try store.write(context) { tx in try tx.changeSettings(penaltyThreshold: nil, readinessTarget: 0.9, delivery: nil) }
        }
        guard case .corrupt? = refused else { Issue.record("expected the write refused as damage, got \(String(describing: refused))"); return }
        #expect(try store.project()?.settings.readinessTarget == 0.98)
    }
}
