import Foundation
import InspectionCore
import InspectionStore
import Testing

@Suite struct PlanStoreTests {
    static let units = ["1-1-0101", "1-1-0102", "2-1-0101", "2-1-0102"]

    static func plan(demonstration: String = "1-1-0101", firstBatch: [String] = ["1"]) -> ProjectPlan {
        let d = Fixture.day
        return ProjectPlan(demonstrationUnit: demonstration, rounds: [
            RoundPlan(number: 1, start: d("2025-06-08"), finish: d("2025-06-20"), batches: [
                PlanBatch(name: "第一批", start: d("2025-06-08"), finish: d("2025-06-14"), buildings: firstBatch),
                PlanBatch(name: "第二批", start: d("2025-06-15"), finish: d("2025-06-20"), buildings: ["2"]),
            ], members: [
                PlanMember(name: "王工", role: "工程", categories: ["空鼓", "leaks"]),
                PlanMember(name: "李工", role: "客服", batches: ["第二批"], categories: ["doors-windows"]),
            ]),
        ])
    }

    @Test func anImportedPlanIsOneEventProjectedWithCategoriesAsIds() throws {
        let world = try World(units: Self.units)
        let before = try world.eventCount()
        try world.write(as: "组长") { _ = try $0.importPlan(Self.plan(), source: "plan.yaml") }
        #expect(try world.eventCount() == before + 1)
        let stored = try #require(try world.store.plan())
        #expect(stored.rounds[0].members[0].categories == ["hollowness", "leaks"])
        #expect(stored.rounds[0].batches.map(\.name) == ["第一批", "第二批"])
        let dump = try world.store.projectionDump()
        #expect(dump.filter { $0.hasPrefix("\"plan_batch\"|") }
            == ["\"plan_batch\"|1|0|\"第一批\"|\"2025-06-08\"|\"2025-06-14\"", "\"plan_batch\"|1|1|\"第二批\"|\"2025-06-15\"|\"2025-06-20\""])
        _ = try world.store.rebuild()
        #expect(try world.store.projectionDump() == dump)
        #expect(try world.store.plan() == stored)
    }

    @Test func aPlanThatDoesNotFitIsRefusedAndNothingChanges() throws {
        let world = try World(units: Self.units)
        let before = try world.store.events()
        #expect(throws: InspectionError.invalidValue("the plan does not fit the project: batch 第一批: unknown building 7 (buildings: 1, 2)")) {
            try world.write(as: "组长") { _ = try $0.importPlan(Self.plan(firstBatch: ["7"]), source: "plan.yaml") }
        }
        #expect(try world.store.events() == before)
        #expect(try world.store.plan() == nil)
    }

    @Test func aLaterImportReplacesThePlanWhole() throws {
        let world = try World(units: Self.units)
        try world.write(as: "组长") { _ = try $0.importPlan(Self.plan(), source: "plan.yaml") }
        var second = Self.plan(demonstration: "2-1-0101")
        second.rounds[0].batches.removeLast()
        second.rounds[0].members.removeLast()
        try world.write(as: "组长") { _ = try $0.importPlan(second, source: "plan2.yaml") }
        #expect(try world.store.plan()?.demonstrationUnit == "2-1-0101")
        #expect(try world.store.projectionDump().filter { $0.hasPrefix("\"plan_batch\"|") }.count == 1)
    }

    /// The days for rectification between rounds are a project setting, in the history: a
    /// rebuild keeps them, the deadlines set at round close read the same value, and a value outside 1…90 is refused.
    @Test func rectificationDaysAreAProjectSetting() throws {
        let world = try World(units: PlanStoreTests.units)
        #expect(try world.store.rectificationDays() == 7)
        try world.write(as: "组长") { try $0.changeSettings(penaltyThreshold: nil, readinessTarget: nil, delivery: nil, rectificationDays: 12) }
        #expect(try world.store.rectificationDays() == 12)
        #expect(try world.store.rectificationTerms().days == 12)
        _ = try world.store.rebuild()
        #expect(try world.store.rectificationDays() == 12)
        #expect(try world.store.rectificationTerms().days == 12)
        #expect(throws: InspectionError.invalidValue("the rectification deadline is a number of days from 1 to 90 after a round closes, not 400")) {
            try world.write(as: "组长") { try $0.changeSettings(penaltyThreshold: nil, readinessTarget: nil, delivery: nil, rectificationDays: 400) }
        }
    }

    /// Two laptops import different plans without having seen each other's: after merging
    /// both ways, both have the one later in the history's order, whatever the merge order.
    @Test func plansImportedOnTwoLaptopsMergeToTheSameOne() throws {
        let a = try World(units: Self.units)
        let b = try World(joining: a, clockSkew: 3_600)
        try a.write(as: "组长") { _ = try $0.importPlan(Self.plan(demonstration: "1-1-0101"), source: "a.yaml") }
        try b.write(as: "组长") { _ = try $0.importPlan(Self.plan(demonstration: "2-1-0101"), source: "b.yaml") }
        _ = try a.store.merge(from: b.store)
        _ = try b.store.merge(from: a.store)
        // b's clock runs an hour behind, so a's import is the later one.
        #expect(try a.store.plan()?.demonstrationUnit == "1-1-0101")
        #expect(try b.store.plan()?.demonstrationUnit == "1-1-0101")
        #expect(try a.store.projectionDump() == (try b.store.projectionDump()))
    }
}

/// Work follows the plan: a round's scope is its batches; a unit is complete when every
/// applicable item is recorded, by whoever covers it, once the laptops have synced.
@Suite struct PlanScopeTests {
    /// Round 1 planned for building 1 only; the world's round 1 opens on 2025-06-08.
    static func plan() -> ProjectPlan {
        let d = Fixture.day
        return ProjectPlan(rounds: [
            RoundPlan(number: 1, start: d("2025-06-08"), finish: d("2025-06-20"), batches: [
                PlanBatch(name: "第一批", start: d("2025-06-08"), finish: d("2025-06-20"), buildings: ["1"]),
            ], members: [
                PlanMember(name: "王工", role: "工程", categories: ["hollowness", "leaks"]),
                PlanMember(name: "李工", role: "客服", categories: ["doors-windows"]),
            ]),
        ])
    }

    @Test func roundCloseCountsOnlyTheUnitsInTheRoundsBatches() throws {
        let world = try World(units: PlanStoreTests.units)
        try world.write(as: "组长") { _ = try $0.importPlan(Self.plan(), source: "plan.yaml") }
        try world.openRound()
        #expect(try world.store.blockers()?.units == ["1-1-0101", "1-1-0102"])
        #expect(try world.store.progress(round: 1).count == 2)
        for code in ["1-1-0101", "1-1-0102"] { try world.write { _ = try $0.passRemaining(unit: code) } }
        let closed = try world.closeRound()
        #expect(!closed.partial && closed.unreachedUnits.isEmpty)
    }

    @Test func withoutAPlanEveryUnitIsInEveryRound() throws {
        let world = try World(units: PlanStoreTests.units)
        try world.openRound()
        #expect(try world.store.blockers()?.units == PlanStoreTests.units)
        #expect(try world.store.scope(round: 1) == nil)
    }

    /// Re-checks of a unit outside the round's batches do not hold the round either.
    @Test func rechecksOutsideTheBatchesDoNotHoldTheRound() throws {
        let world = try World(units: PlanStoreTests.units)
        try world.openRound()
        let code = try world.addDefect("2-1-0101")
        _ = try world.passAllAndClose()
        var plan = Self.plan()
        plan.rounds.append(RoundPlan(number: 2, start: Fixture.day("2025-06-30"), finish: Fixture.day("2025-07-10"), batches: [
            PlanBatch(name: "第一批", start: Fixture.day("2025-06-30"), finish: Fixture.day("2025-07-10"), buildings: ["1"]),
        ], members: [PlanMember(name: "王工", role: "工程")]))
        try world.write(as: "组长") { _ = try $0.importPlan(plan, source: "plan.yaml") }
        try world.openRound()
        #expect(try world.store.blockers()?.rechecks == [])
        for unit in ["1-1-0101", "1-1-0102"] { try world.write { _ = try $0.passRemaining(unit: unit) } }
        _ = try world.closeRound()
        // Still open, it is on round 3's list.
        #expect(try world.store.defect(code: code).summary.status == .open)
    }

    /// 王工 and 李工 on two laptops each pass their own categories of one unit: neither
    /// laptop sees it complete alone; after syncing both do, with no conflict.
    @Test func twoMembersCompleteAUnitByCategoryOnceSynced() throws {
        let a = try World(units: PlanStoreTests.units)
        try a.write(as: "组长") { _ = try $0.importPlan(Self.plan(), source: "plan.yaml") }
        try a.openRound()
        let b = try World(joining: a)
        let unit = try a.unit("1-1-0101")
        try a.write(as: "王工") { _ = try $0.passRemaining(unit: unit.code, categories: ["hollowness", "leaks"]) }
        try b.write(as: "李工") { _ = try $0.passRemaining(unit: unit.code, categories: ["doors-windows"]) }
        #expect(try a.store.progress(round: 1)[unit.id]?.isComplete == false)
        #expect(try b.store.progress(round: 1)[unit.id]?.isComplete == false)
        _ = try a.store.merge(from: b.store)
        _ = try b.store.merge(from: a.store)
        #expect(try a.store.progress(round: 1)[unit.id]?.isComplete == true)
        #expect(try b.store.progress(round: 1)[unit.id]?.isComplete == true)
        #expect(try a.store.conflictCount() == 0)
        #expect(try a.store.projectionDump() == (try b.store.projectionDump()))
    }
}
