import Foundation
import InspectionCore
import InspectionDemo
import InspectionStore
import Testing

/// `yanfang demo` imports fixtures/demo/plan.yaml before round 1, its dates moved with the
/// demo's day: built on 2026-11-23 (9 days before the day the file is written for), round 2
/// is planned from 11-17, the day the demo opens it.
@Suite struct DemoPlanTests {
    @Test func theDemosPlanFitsTheDemosDates() throws {
        let store = try InspectionStore.inMemory()
        _ = try DemoProject.build(into: store, today: testToday, now: testNow, withPlan: true, stage: .round2)
        let plan = try #require(try store.plan())
        let rounds = try store.rounds()
        #expect(plan.rounds.map { "\($0.start)..\($0.finish)" } == ["2026-10-12..2026-10-26", "2026-11-17..2026-12-05", "2026-12-12..2027-01-06"])
        #expect(rounds.map { "\($0.opened)..\($0.closed.map { "\($0)" } ?? "")" } == ["2026-10-12..2026-10-26", "2026-11-17.."])
        #expect(plan.rounds[1].batches.map { "\($0.name) \($0.start)..\($0.finish)" } == ["第一批 2026-11-17..2026-11-25", "第二批 2026-11-26..2026-12-05"])
        // Round 1 closed with the plan in force: its defects have until round 2's planned start.
        #expect(try store.rectificationTerms().deadlines == [1: Day("2026-11-17")!])
        #expect(try store.deadlineRule() == .nextRoundStart(round: 3, start: Day("2026-12-12")!, days: 7))
        // Progress against the plan: building 1 (32 units) is the first batch, 16 done.
        let progress = try #require(try store.planProgress(round: nil, today: testToday))
        #expect(progress.batches.map { "\($0.name) \($0.unitsDone)/\($0.unitsAssigned)" } == ["第一批 16/32", "第二批 0/54"])
        #expect(progress.members.map(\.name) == ["王建国", "李敏", "张磊", "陈晓燕"])
        // The screen tests' demo keeps none.
        #expect(try demoStore().plan() == nil)
    }
}
