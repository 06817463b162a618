import Foundation
import InspectionCore
@testable import InspectionStore
import Testing

/// Issue 10's default deadline: with a plan and the days never set on purpose, a round's
/// close gives every open defect until the next round's planned start; otherwise the close
/// plus the days (7 unless set). The deadline is fixed in the close's event.
@Suite struct PlanDeadlineTests {
    /// Rounds 1 to 3 planned: round 1 from 06-08, round 2 from 06-25, round 3 from 07-20.
    static func plan(roundTwoStart: String = "2025-06-25", rounds: Int = 3) -> ProjectPlan {
        let d = Fixture.day
        let all = [
            RoundPlan(number: 1, start: d("2025-06-08"), finish: d("2025-06-15"), batches: [], members: []),
            RoundPlan(number: 2, start: d(roundTwoStart), finish: d("2025-07-10"), batches: [], members: []),
            RoundPlan(number: 3, start: d("2025-07-20"), finish: d("2025-07-31"), batches: [], members: []),
        ]
        return ProjectPlan(rounds: Array(all.prefix(rounds)))
    }

    func closedDeadline(_ world: World, round: Int) throws -> Day? {
        try world.store.events().compactMap { event -> Day?? in
            if case .roundClosed(let c) = event.body, c.number == round { return c.deadline }
            return nil
        }.first ?? nil
    }

    func words(_ world: World) throws -> String { try world.store.deadlineRule().words.en }

    @Test func withAPlanTheDeadlineIsTheNextRoundsPlannedStartAndStaysWhenThePlanChanges() throws {
        let world = try World()
        try world.write(as: "组长") { _ = try $0.importPlan(Self.plan(), source: "plan.yaml") }
        #expect(try words(world) == "until the next round's planned start (2025-06-25)")
        #expect(try world.store.deadlineRule().words.zh == "至下一轮计划开始日（2025-06-25）")
        try world.openRound()                                   // 2025-06-08
        let door = try world.addDefect("1-1-0101")
        try world.passAllAndClose()                             // closed 2025-06-15; 7 days would give 06-22
        #expect(try closedDeadline(world, round: 1) == Fixture.day("2025-06-25"))
        #expect(try world.store.defect(code: door).summary.deadline == Fixture.day("2025-06-25"))
        // Round 2 is next to close: its next is round 3.
        #expect(try words(world) == "until the next round's planned start (2025-07-20)")

        // The plan changes after the close: the deadline set stays, and a rebuild gives it again.
        try world.write(as: "组长") { _ = try $0.importPlan(Self.plan(roundTwoStart: "2025-06-30"), source: "plan.yaml") }
        #expect(try world.store.defect(code: door).summary.deadline == Fixture.day("2025-06-25"))
        _ = try world.store.rebuild()
        #expect(try world.store.defect(code: door).summary.deadline == Fixture.day("2025-06-25"))
        #expect(try world.store.rectificationTerms().deadlines == [1: Fixture.day("2025-06-25")])

        try world.openRound()                                   // 2025-06-22
        try world.recheck(door, passed: false)
        try world.passAllAndClose()                             // closed 2025-06-29
        #expect(try world.store.defect(code: door).summary.deadline == Fixture.day("2025-07-20"))
        // Round 3 is the plan's last: a close of it gives the days.
        #expect(try words(world) == "7 days after a round closes")
    }

    @Test func daysSetOnPurposeHoldEvenWithAPlanAndEvenWhenSetToSeven() throws {
        let world = try World()
        try world.write(as: "组长") { _ = try $0.importPlan(Self.plan(), source: "plan.yaml") }
        try world.write(as: "组长") { try $0.changeSettings(penaltyThreshold: nil, readinessTarget: nil, delivery: nil, rectificationDays: 7) }
        #expect(try words(world) == "7 days after a round closes")
        try world.openRound()
        let door = try world.addDefect("1-1-0101")
        try world.passAllAndClose()                             // closed 2025-06-15
        #expect(try world.store.defect(code: door).summary.deadline == Fixture.day("2025-06-22"))
        // Another setting (not the days) does not count as setting the days.
        let other = try World()
        try other.write(as: "组长") { _ = try $0.importPlan(Self.plan(), source: "plan.yaml") }
        try other.write(as: "组长") { try $0.changeSettings(penaltyThreshold: 3, readinessTarget: nil, delivery: nil) }
        #expect(try words(other) == "until the next round's planned start (2025-06-25)")
    }

    @Test func withoutAPlanOrWithoutANextRoundTheDaysApply() throws {
        let bare = try World()
        #expect(try words(bare) == "7 days after a round closes")
        #expect(try bare.store.deadlineRule().words.zh == "每轮结束后 7 天")
        try bare.openRound()
        let a = try bare.addDefect("1-1-0101")
        try bare.passAllAndClose()                              // closed 2025-06-15
        #expect(try bare.store.defect(code: a).summary.deadline == Fixture.day("2025-06-22"))

        let single = try World()
        try single.write(as: "组长") { _ = try $0.importPlan(Self.plan(rounds: 1), source: "plan.yaml") }
        #expect(try words(single) == "7 days after a round closes")
        try single.openRound()
        let b = try single.addDefect("1-1-0101")
        try single.passAllAndClose()
        #expect(try single.store.defect(code: b).summary.deadline == Fixture.day("2025-06-22"))
    }

    /// A round that closes on or after the next one's planned start: the days, not a deadline
    /// already passed.
    @Test func aRoundClosingAfterTheNextPlannedStartGetsTheDays() throws {
        let world = try World()
        try world.write(as: "组长") { _ = try $0.importPlan(Self.plan(roundTwoStart: "2025-06-15"), source: "plan.yaml") }
        try world.openRound()                                   // 2025-06-08
        let door = try world.addDefect("1-1-0101")
        try world.passAllAndClose()                             // closed 2025-06-15, the day round 2 was to start
        #expect(try world.store.defect(code: door).summary.deadline == Fixture.day("2025-06-22"))
    }
}
