import Foundation
import InspectionCore
import InspectionStore
import Testing

/// The lead's progress against the plan, with exact figures: two batches (building 1 from
/// 06-08 to 06-14, building 2 from 06-15 to 06-21) and three members — 王工 on 空鼓 and 渗漏
/// everywhere, 李工 only on 门窗, 张工 on everything in the second batch. Each unit (type S)
/// has six items: one 门窗, three 空鼓, two 渗漏.
@Suite struct PlanProgressTests {
    static func world() throws -> World {
        let d = Fixture.day
        let world = try World(units: PlanStoreTests.units)
        let plan = ProjectPlan(rounds: [
            RoundPlan(number: 1, start: d("2025-06-08"), finish: d("2025-06-21"), batches: [
                PlanBatch(name: "第一批", start: d("2025-06-08"), finish: d("2025-06-14"), buildings: ["1"]),
                PlanBatch(name: "第二批", start: d("2025-06-15"), finish: d("2025-06-21"), buildings: ["2"]),
            ], members: [
                PlanMember(name: "王工", role: "工程", categories: ["hollowness", "leaks"]),
                PlanMember(name: "李工", role: "客服", categories: ["doors-windows"]),
                PlanMember(name: "张工", role: "监理", batches: ["第二批"]),
            ]),
        ])
        try world.write(as: "组长") { _ = try $0.importPlan(plan, source: "plan.yaml") }
        try world.openRound()  // 2025-06-08
        for unit in ["1-1-0101", "1-1-0102"] {
            try world.write(as: "王工") { _ = try $0.passRemaining(unit: unit, categories: ["hollowness", "leaks"]) }
        }
        try world.write(as: "李工") { _ = try $0.passRemaining(unit: "1-1-0101", categories: ["doors-windows"]) }
        try world.write(as: "张工") { _ = try $0.passRemaining(unit: "2-1-0101") }
        return world
    }


    func figures(_ l: PlanProgress.Line) -> [String] {
        ["\(l.unitsDone)/\(l.unitsAssigned)", "\(l.unitsExpected)", "\(l.unitsAhead)", "\(l.itemsDone)/\(l.itemsAssigned)", "\(l.itemsExpected)",
         "\(l.unitsPerDay)", l.forecastFinish.map { "\($0)" } ?? "-", l.afterPlannedFinish.map { "\($0)" } ?? "-", l.afterRiskCutoff.map { "\($0)" } ?? "-"]
    }

    @Test func progressPerBatchAndMemberOnTheFourthDay() throws {
        let progress = try #require(try Self.world().store.planProgress(round: 1, today: Fixture.day("2025-06-11")))
        // done/assigned units, expected, ahead, done/assigned items, expected items, units per day, forecast, after planned finish, after cutoff
        #expect(figures(progress.total) == ["2/4", "1", "1", "17/24", "6", "0.5", "2025-06-15", "false", "false"])
        #expect(progress.batches.map(\.name) == ["第一批", "第二批"])
        #expect(figures(progress.batches[0]) == ["1/2", "1", "0", "11/12", "6", "0.25", "2025-06-15", "true", "false"])
        #expect(figures(progress.batches[1]) == ["1/2", "0", "1", "6/12", "0", "1.0", "2025-06-12", "false", "false"])
        #expect(progress.members.map(\.name) == ["王工", "李工", "张工"])
        #expect(figures(progress.members[0]) == ["3/4", "1", "2", "15/20", "5", "0.75", "2025-06-13", "false", "false"])
        #expect(figures(progress.members[1]) == ["2/4", "1", "1", "2/4", "1", "0.5", "2025-06-15", "false", "false"])
        #expect(figures(progress.members[2]) == ["1/2", "0", "1", "6/12", "0", "1.0", "2025-06-12", "false", "false"])
        #expect(progress.members.map(\.role) == ["工程", "客服", "监理"])
        #expect(progress.members[2].start == Fixture.day("2025-06-15"))
        #expect(progress.unitsPerDay.map(\.units) == [3])
        #expect(progress.riskCutoff == Fixture.day("2025-10-01"))
    }

    /// Past the first batch's planned finish with nothing more done: behind, and a forecast
    /// past the cutoff once the pace is slow enough: 1 unit in 85 days leaves 85 more.
    @Test func behindAndForecastPastTheCutoff() throws {
        let progress = try #require(try Self.world().store.planProgress(round: 1, today: Fixture.day("2025-08-31")))
        #expect(figures(progress.batches[0]) == ["1/2", "2", "-1", "11/12", "12", "0.01", "2025-11-24", "true", "true"])
        #expect(figures(progress.total) == ["2/4", "4", "-2", "17/24", "24", "0.02", "2025-11-24", "true", "true"])
    }

    @Test func withoutAPlanThereIsNoProgressAgainstIt() throws {
        let world = try World(units: PlanStoreTests.units)
        try world.openRound()
        #expect(try world.store.planProgress(round: 1, today: Fixture.day("2025-06-11")) == nil)
        #expect(try world.store.board(round: 1, today: Fixture.day("2025-06-11")).planProgress == nil)
    }
}
