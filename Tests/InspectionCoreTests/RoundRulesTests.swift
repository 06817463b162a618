import Foundation
import InspectionCore
import Testing

@Suite struct RoundRulesTests {
    @Test func firstRoundIsRoundOne() throws {
        #expect(try RoundRules.nextRound(after: []) == 1)
    }

    @Test func roundOpensOnlyWhenThePreviousIsClosed() {
        let rounds = [Fixture.round(1, closed: true), Fixture.round(2, closed: false)]
        #expect(throws: InspectionError.roundAlreadyOpen(2)) { try RoundRules.nextRound(after: rounds) }
        #expect(throws: InspectionError.roundAlreadyOpen(1)) { try RoundRules.nextRound(after: [Fixture.round(1, closed: false)]) }
    }

    @Test func roundsOpenInOrder() throws {
        let rounds = [Fixture.round(1, closed: true), Fixture.round(2, closed: true)]
        #expect(try RoundRules.nextRound(after: rounds) == 3)
        #expect(try RoundRules.nextRound(after: rounds, requested: 3) == 3)
        #expect(throws: InspectionError.wrongRoundNumber(requested: 5, next: 3)) {
            try RoundRules.nextRound(after: rounds, requested: 5)
        }
        #expect(throws: InspectionError.wrongRoundNumber(requested: 2, next: 3)) {
            try RoundRules.nextRound(after: rounds, requested: 2)
        }
    }

    @Test func roundTwoRechecksRoundOnesOpenAndRectifiedOnly() {
        #expect(RoundRules.carriesOver(roundFound: 1, status: .open, into: 2))
        #expect(RoundRules.carriesOver(roundFound: 1, status: .rectified, into: 2))
        #expect(!RoundRules.carriesOver(roundFound: 1, status: .closed, into: 2))
        #expect(!RoundRules.carriesOver(roundFound: 1, status: .waived, into: 2))
    }

    @Test func roundThreeRechecksRoundsOneAndTwo() {
        #expect(RoundRules.carriesOver(roundFound: 1, status: .open, into: 3))
        #expect(RoundRules.carriesOver(roundFound: 2, status: .rectified, into: 3))
        #expect(!RoundRules.carriesOver(roundFound: 3, status: .open, into: 3))
        #expect(!RoundRules.carriesOver(roundFound: 2, status: .closed, into: 3))
    }

    @Test func defectIsNeverRecheckedInTheRoundItWasFound() {
        var history = History()
        history.found(round: 2)
        let defect = history.fold()!
        #expect(!RoundRules.carriesOver(defect, into: 2))
        #expect(RoundRules.carriesOver(defect, into: 3))
        #expect(throws: InspectionError.recheckInSameRound(code: "1-K7P3Q", round: 2)) {
            try DefectRules.recheck(defect, openRound: 2)
        }
    }

    @Test func closeIsRefusedWhileWorkIsUnrecorded() {
        let blockers = RoundBlockers(round: 1, units: ["3-1-0502"], rechecks: [])
        #expect(throws: InspectionError.roundIncomplete(blockers)) {
            try RoundRules.close(Fixture.round(1, closed: false), blockers: blockers, partial: false)
        }
        let recheckOnly = RoundBlockers(round: 2, units: [], rechecks: ["1-K7P3Q"])
        #expect(throws: InspectionError.roundIncomplete(recheckOnly)) {
            try RoundRules.close(Fixture.round(2, closed: false), blockers: recheckOnly, partial: false)
        }
    }

    @Test func partialCloseIsAllowedWithBlockers() throws {
        let blockers = RoundBlockers(round: 1, units: ["3-1-0502"], rechecks: ["1-K7P3Q"])
        try RoundRules.close(Fixture.round(1, closed: false), blockers: blockers, partial: true)
        try RoundRules.close(Fixture.round(1, closed: false), blockers: RoundBlockers(round: 1, units: [], rechecks: []), partial: false)
    }

    @Test func closedRoundCannotCloseAgain() {
        #expect(throws: InspectionError.noOpenRound) {
            try RoundRules.close(Fixture.round(1, closed: true), blockers: RoundBlockers(round: 1, units: [], rechecks: []), partial: true)
        }
    }

    @Test func blockersSummaryNamesUnitsAndRechecks() {
        let one = RoundBlockers(round: 1, units: ["3-1-0502"], rechecks: ["1-K7P3Q", "1-22222"])
        #expect(one.summary == "1 unit with unrecorded items (3-1-0502) and 2 re-checks unrecorded (1-K7P3Q, 1-22222)")
        let many = RoundBlockers(round: 1, units: ["a", "b", "c", "d", "e", "f"], rechecks: [])
        #expect(many.summary == "6 units with unrecorded items (a, b, c, d, e, …)")
        #expect(InspectionError.roundIncomplete(one).description
            == "round 1 cannot close: 1 unit with unrecorded items (3-1-0502) and 2 re-checks unrecorded (1-K7P3Q, 1-22222) (use --partial to close it anyway and record what was not reached)")
        #expect(RoundBlockers(round: 1, units: [], rechecks: []).isEmpty)
        #expect(!one.isEmpty)
    }
}

@Suite struct RecheckScopeRules {
    @Test func allScopeCarriesClosedDefectsOverButNotWaivedOnes() {
        #expect(RoundRules.carriesOver(roundFound: 1, status: .closed, into: 3, scope: .all))
        #expect(RoundRules.carriesOver(roundFound: 2, status: .open, into: 3, scope: .all))
        #expect(!RoundRules.carriesOver(roundFound: 1, status: .waived, into: 3, scope: .all))
        #expect(!RoundRules.carriesOver(roundFound: 3, status: .closed, into: 3, scope: .all))
        #expect(!RoundRules.carriesOver(roundFound: 1, status: .closed, into: 3, scope: .open))
    }

    @Test func aClosedDefectIsRecheckedOnlyWhenTheRoundListsIt() throws {
        var history = History()
        history.found(round: 1)
        history.rechecked(round: 2, passed: true)
        let closed = try #require(history.fold())
        #expect(throws: InspectionError.defectClosed("1-K7P3Q")) { try DefectRules.recheck(closed, openRound: 3) }
        try DefectRules.recheck(closed, openRound: 3, listed: true)
        history.rechecked(round: 3, passed: false)
        let reopened = try #require(history.fold())
        #expect(reopened.status == .open)
        #expect(reopened.failedRechecks == 1)
        #expect(reopened.rechecks.map(\.afterClaim) == [false, false])
    }
}
