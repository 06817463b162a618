import Foundation
import InspectionCore
import Testing

@Suite struct DayTests {
    @Test func monthArithmeticClampsToTheMonthsLastDay() {
        #expect(Fixture.day("2025-10-31").adding(months: -3) == Fixture.day("2025-07-31"))
        #expect(Fixture.day("2025-05-31").adding(months: -3) == Fixture.day("2025-02-28"))
        #expect(Fixture.day("2024-05-31").adding(months: -3) == Fixture.day("2024-02-29"))
        #expect(Fixture.day("2000-05-31").adding(months: -3) == Fixture.day("2000-02-29"))
        #expect(Fixture.day("2100-05-31").adding(months: -3) == Fixture.day("2100-02-28"))
        #expect(Fixture.day("2025-12-31").adding(months: -3) == Fixture.day("2025-09-30"))
        #expect(Fixture.day("2025-02-15").adding(months: -3) == Fixture.day("2024-11-15"))
        #expect(Fixture.day("2025-01-31").adding(months: 1) == Fixture.day("2025-02-28"))
        #expect(Fixture.day("2025-11-30").adding(months: 2) == Fixture.day("2026-01-30"))
    }

    @Test func parsesOnlyValidISODates() {
        #expect(Day("2025-02-29") == nil)
        #expect(Day("2024-02-29") == Day(year: 2024, month: 2, day: 29))
        #expect(Day("2025-2-01") == nil)
        #expect(Day("2025-13-01") == nil)
        #expect(Day("20250101") == nil)
        #expect(Day(year: 2025, month: 4, day: 31) == nil)
        #expect(Fixture.day("2025-07-04").description == "2025-07-04")
    }

    @Test func dayNumbersCountFromTheEpoch() {
        #expect(Fixture.day("1970-01-01").dayNumber == 0)
        #expect(Fixture.day("2000-03-01").dayNumber == 11_017)
        #expect(Day(dayNumber: 11_017) == Fixture.day("2000-03-01"))
        #expect(Fixture.day("2025-10-01").days(until: Fixture.day("2025-10-31")) == 30)
        #expect(Fixture.day("2024-12-31").adding(days: 1) == Fixture.day("2025-01-01"))
    }
}

@Suite struct DeadlineTests {
    let delivery = Fixture.day("2025-10-31")

    func deadlines(today: String, started: String? = nil, open: Int = 0, closed: Int = 0) -> Deadlines {
        Deadlines(delivery: delivery, today: Fixture.day(today), roundOneStarted: started.map(Fixture.day),
                  openDefects: open, roundsClosed: closed)
    }

    @Test func roundOneShouldStartThreeMonthsBeforeDelivery() {
        let d = deadlines(today: "2025-06-01")
        #expect(d.latestRoundOneStart == Fixture.day("2025-07-31"))
        #expect(d.riskCutoff == Fixture.day("2025-10-01"))
        #expect(d.warnings.isEmpty)
        #expect(d.roundOneOnTime == nil)
        #expect(d.daysToDelivery == 152)
    }

    @Test func roundOneStartedLaterThanThreeMonthsBeforeDeliveryWarns() {
        let late = deadlines(today: "2025-08-05", started: "2025-08-01")
        #expect(late.warnings.map(\.kind) == ["round-1-late"])
        #expect(late.warnings.first?.message.en == "round 1 started 2025-08-01, later than three months before delivery (2025-07-31)")
        #expect(late.roundOneOnTime == false)

        let onTime = deadlines(today: "2025-08-05", started: "2025-07-31")
        #expect(onTime.warnings.isEmpty)
        #expect(onTime.roundOneOnTime == true)
    }

    @Test func roundOneNotStartedAfterItsLatestStartWarns() {
        #expect(deadlines(today: "2025-07-31").warnings.isEmpty)
        let d = deadlines(today: "2025-08-01")
        #expect(d.warnings.map(\.kind) == ["round-1-not-started"])
        #expect(d.roundOneOnTime == false)
    }

    @Test func openDefectsWithinThirtyDaysOfDeliveryWarn() {
        #expect(deadlines(today: "2025-09-30", started: "2025-07-01", open: 3, closed: 3).warnings.isEmpty)
        let d = deadlines(today: "2025-10-01", started: "2025-07-01", open: 3, closed: 3)
        #expect(d.warnings.map(\.kind) == ["open-defects-past-cutoff"])
        #expect(d.warnings.first?.message.en == "3 defects still open within 30 days of delivery (risk-screening cutoff 2025-10-01)")
        #expect(deadlines(today: "2025-10-01", started: "2025-07-01", open: 0, closed: 3).warnings.isEmpty)
    }

    @Test func fewerThanThreeRoundsAtTheCutoffWarns() {
        let d = deadlines(today: "2025-10-15", started: "2025-07-01", open: 0, closed: 2)
        #expect(d.warnings.map(\.kind) == ["fewer-than-three-rounds"])
        #expect(d.daysToRiskCutoff == -14)
    }

    @Test func deliveryPassedWarnsWithEverythingElseDue() {
        let d = deadlines(today: "2025-11-01", open: 1, closed: 0)
        #expect(d.warnings.map(\.kind) == ["round-1-not-started", "delivery-passed", "open-defects-past-cutoff", "fewer-than-three-rounds"])
        #expect(d.daysToDelivery == -1)
    }
}

@Suite struct ReadinessTests {
    static func three(_ codes: [String]) -> [String: Int] { Dictionary(uniqueKeysWithValues: codes.map { ($0, 3) }) }

    @Test func unitIsReadyIffItHasNoBlockingDefectsAndThreeRounds() {
        let codes = ["1-1-0101", "1-1-0102", "1-1-0201"]
        let r = Readiness.compute(unitCodes: codes, blockingDefects: ["1-1-0102": 2, "1-1-0201": 0],
                                  roundsInspected: Self.three(codes), target: 0.98)
        #expect(r.units == 3)
        #expect(r.ready == 2)
        #expect(r.blockingUnits == ["1-1-0102"])
        #expect(r.lackingRounds == [])
        #expect(r.rate == 2.0 / 3.0)
        #expect(!r.meetsTarget)
    }

    @Test func aUnitInspectedInFewerThanThreeRoundsIsNotReadyWhateverItsDefects() {
        let codes = ["1-1-0101", "1-1-0102", "1-1-0201", "1-1-0202"]
        // 0101 clean after three rounds; 0102 clean but reached in two (a partial close
        // skipped it); 0201 blocked and short of rounds; 0202 never reached.
        let r = Readiness.compute(unitCodes: codes, blockingDefects: ["1-1-0201": 1],
                                  roundsInspected: ["1-1-0101": 3, "1-1-0102": 2, "1-1-0201": 1], target: 0.98)
        #expect(r.ready == 1)
        #expect(r.blockingUnits == ["1-1-0201"])
        #expect(r.lackingRounds == ["1-1-0102", "1-1-0201", "1-1-0202"])
        #expect(r.roundsInspected == ["1-1-0102": 2, "1-1-0201": 1])
        #expect(r.rate == 0.25)
        #expect(!r.readyForDelivery(roundsClosed: 3))
    }

    @Test func defaultTargetIsNinetyEightPercent() {
        #expect(ProjectSettings().readinessTarget == 0.98)
        let codes = (1...50).map { "1-1-\(UnitCode.twoDigits($0))01" }
        let fortyNine = Readiness.compute(unitCodes: codes, blockingDefects: [codes[7]: 1], roundsInspected: Self.three(codes),
                                          target: ProjectSettings().readinessTarget)
        #expect(fortyNine.rate == 0.98)
        #expect(fortyNine.meetsTarget)
        #expect(fortyNine.readyForDelivery(roundsClosed: 3))
        let fortyEight = Readiness.compute(unitCodes: codes, blockingDefects: [codes[7]: 1, codes[9]: 4], roundsInspected: Self.three(codes),
                                           target: 0.98)
        #expect(fortyEight.rate == 0.96)
        #expect(!fortyEight.meetsTarget)
        #expect(fortyEight.blockingUnits == [codes[7], codes[9]])
    }

    @Test func noUnitsIsNotReady() {
        let r = Readiness.compute(unitCodes: [], blockingDefects: [:], roundsInspected: [:], target: 0.98)
        #expect(r.rate == 0)
        #expect(!r.meetsTarget)
    }
}
