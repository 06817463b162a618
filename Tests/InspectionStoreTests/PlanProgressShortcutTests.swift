import Foundation
import InspectionCore
@testable import InspectionStore
import Testing

/// Progress against the plan replays only the units part-way through the round; the others
/// are counted from their projection rows. Both ways give the same figures, whatever the
/// units' states: untouched, part-way, complete, with a defect, taken back, in a later round.
@Suite struct PlanProgressShortcutTests {
    func bothWays(_ world: World, round: Int?, today: String = "2025-06-11") throws {
        let day = Fixture.day(today)
        let (fast, slow) = try world.store.read { db in
            (try InspectionStore.planProgress(db, round: round, today: day),
             try InspectionStore.planProgress(db, round: round, today: day, replayingEveryUnit: true))
        }
        #expect(fast != nil)
        #expect(fast == slow)
    }

    @Test func theShortcutGivesWhatReplayingEveryUnitGives() throws {
        let world = try PlanProgressTests.world()
        try bothWays(world, round: 1)
        // A defect on an untouched unit, a pass taken back on a complete one.
        _ = try world.addDefect("2-1-0102", "HL-01", room: "厨房")
        try bothWays(world, round: 1)
        _ = try world.undo("2-1-0101")
        try bothWays(world, round: 1)
        try world.write(as: "张工") { _ = try $0.passRemaining(unit: "2-1-0101") }
        try world.write(as: "张工") { _ = try $0.passRemaining(unit: "2-1-0102") }
        try world.write(as: "王工") { _ = try $0.passRemaining(unit: "1-1-0102") }
        try bothWays(world, round: 1)
        // Every unit complete, the round closed; the next round planned and opened.
        try world.closeRound()
        try bothWays(world, round: 1, today: "2025-06-30")
        var plan = try #require(try world.store.plan())
        let d = Fixture.day
        plan.rounds.append(RoundPlan(number: 2, start: d("2025-06-22"), finish: d("2025-07-05"), batches: plan.rounds[0].batches.map { var b = $0; b.start = d("2025-06-22"); b.finish = d("2025-07-05"); return b },
                                     members: plan.rounds[0].members))
        try world.write(as: "组长") { _ = try $0.importPlan(plan, source: "plan.yaml") }
        try bothWays(world, round: 2, today: "2025-06-20")      // planned, not opened
        try world.openRound()
        try bothWays(world, round: 2, today: "2025-06-25")      // opened, a re-check pending, nothing recorded
        try world.write(as: "李工") { _ = try $0.passRemaining(unit: "1-1-0101", categories: ["doors-windows"]) }
        try bothWays(world, round: nil, today: "2025-06-25")
    }
}
