import Foundation
import InspectionCore
import Testing

@Suite struct RectificationTermsTests {
    var clock = Date(timeIntervalSince1970: 1_750_000_000)

    mutating func event(_ body: EventBody, round: Int = 1) -> Event {
        clock += 60
        return Event(id: UUID(), at: clock, actor: "组长", round: round, body: body)
    }

    mutating func close(_ number: Int, _ date: String, deadline: String? = nil) -> Event {
        event(.roundClosed(RoundClosed(number: number, date: Day(date)!, partial: false, unreachedUnits: [], pendingRechecks: [],
                                       deadline: deadline.flatMap(Day.init))), round: number)
    }

    mutating func days(_ n: Int) -> Event { event(.settingsChanged(SettingsChanged(rectificationDays: n))) }

    @Test mutating func aCloseSetsItsDeadlineAndALaterSettingDoesNotMoveIt() {
        let terms = RectificationTerms([close(1, "2026-06-10", deadline: "2026-06-17"), days(10), close(2, "2026-07-01", deadline: "2026-07-11")])
        #expect(terms.days == 10)
        #expect(terms.deadlines == [1: Day("2026-06-17")!, 2: Day("2026-07-11")!])
    }

    @Test mutating func aCloseRecordedBeforeDeadlinesTakesTheDaysInForceThen() {
        // Events without a deadline (older files): the close date plus the setting in force then.
        let terms = RectificationTerms([close(1, "2026-06-10"), days(14), close(2, "2026-07-01"), days(3)])
        #expect(terms.deadlines == [1: Day("2026-06-17")!, 2: Day("2026-07-15")!])
        #expect(terms.days == 3)
        #expect(terms.deadline(closingOn: Day("2026-08-01")!) == Day("2026-08-04")!)
    }

    /// With a plan and the days never set, a close gives the next round's planned start; set
    /// on purpose (even to 7), the days; a close on or after that start, the days too.
    @Test mutating func theRuleFollowsThePlanUntilTheDaysAreSetOnPurpose() {
        let d = { Day($0)! }
        let plan = ProjectPlan(rounds: [
            RoundPlan(number: 1, start: d("2026-06-01"), finish: d("2026-06-10"), batches: [], members: []),
            RoundPlan(number: 2, start: d("2026-06-24"), finish: d("2026-07-05"), batches: [], members: []),
        ])
        let never = RectificationTerms([event(.settingsChanged(SettingsChanged(penaltyThreshold: 3)))])
        #expect(!never.daysSet)
        #expect(never.rule(closing: 1, plan: plan) == .nextRoundStart(round: 2, start: d("2026-06-24"), days: 7))
        #expect(never.deadline(closingOn: d("2026-06-10"), round: 1, plan: plan) == d("2026-06-24"))
        #expect(never.deadline(closingOn: d("2026-06-24"), round: 1, plan: plan) == d("2026-07-01"))
        #expect(never.rule(closing: 2, plan: plan) == .daysAfterClose(7))
        #expect(never.deadline(closingOn: d("2026-07-05"), round: 2, plan: plan) == d("2026-07-12"))
        #expect(never.deadline(closingOn: d("2026-06-10"), round: 1, plan: nil) == d("2026-06-17"))
        let set = RectificationTerms([days(7)])
        #expect(set.daysSet)
        #expect(set.rule(closing: 1, plan: plan) == .daysAfterClose(7))
        #expect(set.deadline(closingOn: d("2026-06-10"), round: 1, plan: plan) == d("2026-06-17"))
        #expect(DeadlineRule.daysAfterClose(1).words.en == "1 day after a round closes")
        #expect(never.rule(closing: 1, plan: plan).words == Localized(zh: "至下一轮计划开始日（2026-06-24）", en: "until the next round's planned start (2026-06-24)"))
    }

    @Test mutating func theFirstCloseOfARoundStands() {
        let terms = RectificationTerms([close(1, "2026-06-10", deadline: "2026-06-17"), close(1, "2026-06-12", deadline: "2026-06-19")])
        #expect(terms.deadlines == [1: Day("2026-06-17")!])
    }

    @Test mutating func anOpenDefectHasTheLatestClosedRoundsDeadline() {
        let terms = RectificationTerms([close(1, "2026-06-10", deadline: "2026-06-17"), close(2, "2026-07-01", deadline: "2026-07-08")])
        #expect(terms.deadline(roundFound: 1, status: .open) == Day("2026-07-08")!)
        #expect(terms.deadline(roundFound: 2, status: .rectified) == Day("2026-07-08")!)
        // Found in round 3, which has not closed: no deadline yet.
        #expect(terms.deadline(roundFound: 3, status: .open) == nil)
        #expect(terms.deadline(roundFound: 1, status: .closed) == nil)
        #expect(terms.deadline(roundFound: 1, status: .waived) == nil)
        #expect(terms.deadline(roundFound: 1, asOfRound: 1) == Day("2026-06-17")!)
        #expect(terms.deadline(roundFound: 2, asOfRound: 1) == nil)
    }

    @Test func overdueIsOpenWithoutAClaimAfterTheDeadline() {
        let deadline = Day("2026-07-08")!
        #expect(!RectificationTerms.isOverdue(status: .open, deadline: deadline, today: Day("2026-07-08")!))
        #expect(RectificationTerms.isOverdue(status: .open, deadline: deadline, today: Day("2026-07-09")!))
        #expect(!RectificationTerms.isOverdue(status: .rectified, deadline: deadline, today: Day("2026-07-09")!))
        #expect(!RectificationTerms.isOverdue(status: .open, deadline: nil, today: Day("2026-07-09")!))
    }

    @Test func daysAreFromOneToNinety() {
        #expect(RectificationTerms.defaultDays == 7)
        #expect(throws: InspectionError.invalidValue("the rectification deadline is a number of days from 1 to 90 after a round closes, not 0")) {
            try RectificationTerms.validated(days: 0)
        }
    }
}
