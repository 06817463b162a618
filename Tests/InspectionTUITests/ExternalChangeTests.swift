import Foundation
import InspectionCore
import InspectionDemo
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

@Suite struct ExternalChanges {
    /// The demo in a temporary file, opened twice: once by the interface, once as "another
    /// program".
    func twoOpenings() throws -> (app: InspectionApp, other: InspectionStore, cleanup: () -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yanfang-ext-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("p.db").path
        let made = try InspectionStore.create(path: path)
        _ = try DemoProject.build(into: made, today: testToday, now: testNow, stage: .round2)
        try made.setSetting(InspectionApp.inspectorKey, "王建国")
        try made.close()
        let app = try makeApp(try InspectionStore.open(path: path))
        return (app, try InspectionStore.open(path: path), { try? FileManager.default.removeItem(at: dir) })
    }

    @Test func theHomeScreenShowsAnotherProgramsWriteWithoutAKey() throws {
        let (app, other, cleanup) = try twoOpenings()
        defer { cleanup() }
        let home = try #require(app.stack.last as? HomeScreen)
        let unit = try #require(try other.unit(code: "1-2-0101"))
        // Its ponding tests started a day before, so that passing the rest completes it.
        _ = try other.write(ActionContext(actor: "李四", at: testNow.addingTimeInterval(-86_400), today: testToday)) { tx in
            try tx.startPondingTests(unit: "1-2-0101")
        }
        app.refresh()
        let before = home.progress[unit.id]?.recorded
        app.refresh()  // nothing written: nothing re-read
        _ = try other.write(ActionContext(actor: "李四", at: testNow, today: testToday)) { tx in
            try tx.passRemaining(unit: "1-2-0101", room: nil)
        }
        #expect(home.progress[unit.id]?.recorded == before)
        app.refresh()  // the input timeout's poll
        #expect(home.progress[unit.id]?.recorded != before)
        #expect(home.progress[unit.id]?.recorded == home.progress[unit.id]?.applicable)
    }

    @Test func ourOwnWritesDoNotCountAsAnotherProgram() throws {
        let (app, _, cleanup) = try twoOpenings()
        defer { cleanup() }
        let before = try app.store.externalChangeCount()
        app.perform { tx in try tx.passRemaining(unit: "1-2-0101", room: nil) }
        #expect(try app.store.externalChangeCount() == before)
    }
}
