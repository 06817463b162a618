import Foundation
import InspectionCore
import Testing

/// `yanfang plan check`: each warning from the plan and the day, with its exact words.
@Suite struct PlanCheckTests {
    let d = Fixture.day
    /// Delivery 2025-10-31: round 1 by 2025-07-31, risk cutoff 2025-10-01.
    let delivery = Fixture.day("2025-10-31")
    let categories = Fixture.checklists.categories
    /// Building 1 (four units) and building 2 (four units).
    let units: [ProjectUnit] = (1...2).flatMap { b in (1...4).map { n in
        ProjectUnit(id: UUID(), building: "\(b)", entrance: 1, floor: 1, number: n, type: "S")
    } }

    /// Three rounds on time, a week apart, everyone covering everything.
    func plan() -> ProjectPlan {
        ProjectPlan(rounds: [
            round(1, "2025-07-01", "2025-07-20"), round(2, "2025-08-01", "2025-08-20"), round(3, "2025-09-01", "2025-09-20"),
        ])
    }

    func round(_ n: Int, _ start: String, _ finish: String, batches: [PlanBatch] = [], members: [PlanMember]? = nil) -> RoundPlan {
        RoundPlan(number: n, start: d(start), finish: d(finish), batches: batches, members: members ?? [PlanMember(name: "王工", role: "工程")])
    }

    func warnings(_ plan: ProjectPlan, days: Int = 7, today: String = "2025-06-01", rounds: [Round] = [], done: Set<Int> = []) -> [String] {
        let progress = Dictionary(uniqueKeysWithValues: units.enumerated().map { i, unit in
            (unit.id, UnitProgress(applicable: 6, recorded: done.contains(i) ? 6 : 0, rechecks: 0, rechecksDone: 0))
        })
        return PlanCheck.warnings(plan, rectificationDays: days, categories: categories, delivery: delivery, today: d(today), rounds: rounds,
                                  units: units, progress: progress).map { "\($0.kind): \($0.message.en)" }
    }

    @Test func aPlanOnScheduleWithEverythingCoveredHasNoWarnings() {
        #expect(warnings(plan()) == [])
    }

    @Test func roundOnePlannedLaterThanThreeMonthsBeforeDelivery() {
        var p = plan()
        p.rounds[0].start = d("2025-08-01")
        p.rounds[0].finish = d("2025-08-05")
        p.rounds[1].start = d("2025-08-13")
        #expect(warnings(p) == ["plan-round-1-late: round 1 is planned to start 2025-08-01, later than three months before delivery (2025-07-31)"])
        p.rounds[0].start = d("2025-07-31")
        #expect(warnings(p) == [])
    }

    @Test func lastRoundFinishingAfterTheRiskCutoff() {
        var p = plan()
        p.rounds[2].finish = d("2025-10-02")
        #expect(warnings(p) == ["plan-after-cutoff: round 3 is planned to finish 2025-10-02, after the risk-screening cutoff (30 days before delivery, 2025-10-01)"])
        p.rounds[2].finish = d("2025-10-01")
        #expect(warnings(p) == [])
    }

    @Test func fewerThanThreeRoundsPlanned() {
        var p = plan()
        p.rounds.removeLast()
        #expect(warnings(p) == ["plan-fewer-than-three-rounds: only 2 rounds planned (at least 3)"])
    }

    @Test func tooLittleTimeToRectifyBetweenRounds() {
        var p = plan()
        // Round 1 finishes on the 20th; round 2 starting on the 27th leaves the 21st to the 26th: six days.
        p.rounds[1].start = d("2025-07-27")
        #expect(warnings(p) == ["plan-no-rectification-time: 6 days for rectification between round 1 (finishes 2025-07-20) and round 2 (starts 2025-07-27); the project's setting is 7 (yanfang settings --rectification-days)"])
        p.rounds[1].start = d("2025-07-28")
        #expect(warnings(p) == [])
        // The project's setting, not the plan, says how many days rectification needs.
        #expect(warnings(p, days: 12).count == 2)
    }

    @Test func aBatchOrACategoryNoOneCovers() {
        var p = plan()
        let batches = [PlanBatch(name: "第一批", start: d("2025-07-01"), finish: d("2025-07-10"), buildings: ["1"]),
                       PlanBatch(name: "第二批", start: d("2025-07-11"), finish: d("2025-07-20"), buildings: ["2"])]
        p.rounds[0] = round(1, "2025-07-01", "2025-07-20", batches: batches, members: [
            PlanMember(name: "王工", role: "工程", batches: ["第一批"], categories: ["hollowness", "leaks"]),
            PlanMember(name: "李工", role: "客服", batches: ["第一批"], categories: ["doors-windows"]),
        ])
        p.rounds[1] = round(2, "2025-08-01", "2025-08-20", members: [PlanMember(name: "王工", role: "工程", categories: ["hollowness"])])
        #expect(warnings(p) == [
            "plan-batch-uncovered: round 1: no one covers batch 第二批",
            "plan-category-uncovered: round 2: no one covers Doors and windows, Leaks",
        ])
        p.rounds[0].members[1].batches = ["第一批", "第二批"]
        #expect(warnings(p).first == "plan-category-uncovered: round 1: no one covers Hollowness, Leaks in batch 第二批")
        p.rounds[2].members = []
        #expect(warnings(p).last == "plan-category-uncovered: round 3: no one covers Doors and windows, Hollowness, Leaks")
    }

    @Test func expectedUnitsArePlannedProRataBetweenTheDates() {
        // Ten days, the first and the last counted.
        let start = d("2025-07-01"), finish = d("2025-07-10")
        #expect(PlanCheck.expected(8, start: start, finish: finish, today: d("2025-06-30")) == 0)
        #expect(PlanCheck.expected(8, start: start, finish: finish, today: d("2025-07-01")) == 0)
        #expect(PlanCheck.expected(8, start: start, finish: finish, today: d("2025-07-02")) == 1)
        #expect(PlanCheck.expected(8, start: start, finish: finish, today: d("2025-07-05")) == 4)
        #expect(PlanCheck.expected(8, start: start, finish: finish, today: d("2025-07-10")) == 8)
        #expect(PlanCheck.expected(8, start: start, finish: finish, today: d("2025-08-10")) == 8)
    }

    @Test func aRoundRunningBehindItsPlan() {
        var p = plan()
        p.rounds[0].batches = [PlanBatch(name: "第一批", start: d("2025-07-01"), finish: d("2025-07-10"), buildings: ["1"]),
                               PlanBatch(name: "第二批", start: d("2025-07-11"), finish: d("2025-07-20"), buildings: ["2"])]
        // Not opened two days after its planned start.
        #expect(warnings(p, today: "2025-07-03") == ["plan-behind: round 1 was planned to start 2025-07-01 and has not opened"])
        let open = Round(number: 1, opened: d("2025-07-02"))
        // On 07-08, round 1 (20 days, 8 units) expects 3 units and batch 1 (10 days, 4 units) 3; two are done.
        #expect(warnings(p, today: "2025-07-08", rounds: [open], done: [0, 1]) == [
            "plan-behind: round 1 is behind its plan: 2 units done, 3 expected by today",
            "plan-behind: batch 第一批 is behind its plan: 2 of 4 units done, 3 expected by today",
        ])
        #expect(warnings(p, today: "2025-07-08", rounds: [open], done: [0, 1, 2]) == [])
        // Past its planned finish and still open.
        #expect(warnings(p, today: "2025-07-21", rounds: [open], done: [0, 1, 2, 3, 4]) == [
            "plan-behind: round 1 was planned to finish 2025-07-20; 3 units are not done",
        ])
        // Closed after its planned finish.
        let late = Round(number: 1, opened: d("2025-07-02"), closed: d("2025-07-23"))
        #expect(warnings(p, today: "2025-07-25", rounds: [late]) == ["plan-behind: round 1 closed 2025-07-23, after its planned finish (2025-07-20)"])
    }
}
