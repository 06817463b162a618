import Foundation
import InspectionCore
import InspectionDemo
import InspectionStore
import Testing

/// The demo is written through the store's ordinary actions, so its history alone makes its
/// tables: `yanfang rebuild` on it changes no projection row, in either stage, with its plan
/// as `yanfang demo` builds it.
@Suite struct DemoHistoryTests {
    @Test(arguments: DemoProject.Stage.allCases)
    func rebuildReproducesEveryProjectionOfTheDemo(stage: DemoProject.Stage) throws {
        let store = try InspectionStore.inMemory()
        _ = try DemoProject.build(into: store, today: Fixture.day("2026-11-23"), now: Date(timeIntervalSince1970: 1_795_428_000),
                                  withPlan: true, stage: stage)
        #expect(try store.rounds().map(\.number) == Array(1...stage.rawValue))
        try expectRebuildReproducesTheProjections(store)
    }
}
