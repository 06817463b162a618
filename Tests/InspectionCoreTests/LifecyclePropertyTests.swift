import Foundation
import InspectionCore
import PropertyBased
import Testing

/// Properties of the fold over random histories, checked against a direct count.
@Suite struct LifecyclePropertyTests {
    /// One re-check per round from round 2 on (true: pass), with random reassignments
    /// between them; a flag must sit at the threshold-th failure since a contractor became
    /// responsible, against that contractor; after a pass, a failure opens it again.
    @Test func flagFallsOnTheThresholdFailureOfEachContractorInTurn() async {
        let contractors = [UUID(), UUID(), UUID()]
        await propertyCheck(count: 300, input: Gen.bool.array(of: 0...8), Gen.int(in: 0...2).array(of: 9), Gen.int(in: 1...4)) {
            outcomes, owners, threshold in
            var history = History()
            history.found(round: 1, contractor: contractors[owners[0]])
            var current = contractors[owners[0]]
            var failures = 0, sinceAssigned = 0
            var expectedFlags: [PenaltyFlag] = []
            var expectedStatus = DefectStatus.open
            var closedRound: Int?
            for (index, passed) in outcomes.enumerated() {
                let round = index + 2
                if expectedStatus.blocksDelivery && owners[index + 1] != owners[index] {
                    history.reassigned(round: round - 1, to: contractors[owners[index + 1]])
                    // Handed to the one who has it already: nothing starts afresh.
                    if contractors[owners[index + 1]] != current { sinceAssigned = 0 }
                    current = contractors[owners[index + 1]]
                }
                history.rechecked(round: round, passed: passed)
                // A closed defect re-checked again (a round of scope `all`): a pass confirms
                // it, a failure opens it again.
                if expectedStatus == .closed && passed { continue }
                if expectedStatus == .closed {
                    closedRound = nil
                    expectedStatus = .open
                }
                if passed {
                    expectedStatus = .closed
                    closedRound = round
                } else {
                    failures += 1
                    sinceAssigned += 1
                    if sinceAssigned == threshold {
                        expectedFlags.append(PenaltyFlag(round: round, contractor: current, afterClaim: 0, withoutClaim: threshold))
                    } else if sinceAssigned > threshold {
                        expectedFlags[expectedFlags.count - 1].withoutClaim = sinceAssigned
                    }
                }
            }
            let defect = history.fold(threshold: threshold)
            #expect(defect?.status == expectedStatus)
            #expect(defect?.failedRechecks == failures)
            #expect(defect?.flags == expectedFlags)
            #expect(defect?.closedRound == closedRound)
        }
    }

    /// Reverting any one event folds to the same defect as leaving that event out.
    @Test func revertingAnEventEqualsNeverHavingIt() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...3).array(of: 1...8), Gen.int(in: 0...100)) { steps, pick in
            var history = History()
            history.found(round: 1)
            for (index, step) in steps.enumerated() {
                let round = index + 2
                switch step {
                case 0: history.rectified(round: round)
                case 1: history.rechecked(round: round, passed: false)
                case 2: history.rechecked(round: round, passed: true)
                default: history.waived(round: round)
                }
            }
            let all = history.events
            let target = all[pick % all.count]
            var reverted = all
            reverted.append(Event(id: UUID(), at: Date(), actor: "x", round: 9, unit: history.unit, defect: history.defect,
                                  body: .reverted(Reverted(target: target.id))))
            let without = all.filter { $0.id != target.id }
            #expect(DefectLifecycle.fold(reverted, penaltyThreshold: 2) == DefectLifecycle.fold(without, penaltyThreshold: 2))
        }
    }

    /// Month arithmetic lands in the right month, never past its end, and keeps the day
    /// when the month has it.
    @Test func addingMonthsClampsAndKeepsTheDayWhenItCan() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...50_000), Gen.int(in: -36...36)) { number, months in
            let start = Day(dayNumber: number)
            let moved = start.adding(months: months)
            #expect((moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months)
            #expect(moved.day == min(start.day, Day.daysIn(month: moved.month, year: moved.year)))
            #expect(Day(dayNumber: start.dayNumber) == start)
            #expect(Day(start.description) == start)
        }
    }
}
