import Foundation
import InspectionCore
import Testing

@Suite struct PenaltyTests {
    let windows = Contractor(id: UUID(), name: "窗企", trades: ["windows"])
    let tiles = Contractor(id: UUID(), name: "瓷砖分包", trades: ["tiling"])

    @Test func flaggedExactlyOnceAtTheSecondFailedRecheck() throws {
        var history = History()
        history.found(round: 1, contractor: windows.id)
        history.rechecked(round: 2, passed: false)
        #expect(history.fold(threshold: 2)?.flag == nil)
        history.rechecked(round: 3, passed: false)
        #expect(history.fold(threshold: 2)?.flags == [PenaltyFlag(round: 3, contractor: windows.id, afterClaim: 0, withoutClaim: 2)])
        history.rechecked(round: 4, passed: false)
        let defect = try #require(history.fold(threshold: 2))
        #expect(defect.failedRechecks == 3)
        #expect(defect.flags == [PenaltyFlag(round: 3, contractor: windows.id, afterClaim: 0, withoutClaim: 3)])
    }

    @Test func aReassignedDefectStartsAfreshForItsNewContractor() throws {
        var history = History()
        history.found(round: 1, contractor: windows.id)
        history.rechecked(round: 2, passed: false)
        history.reassigned(round: 2, to: tiles.id)
        history.rechecked(round: 3, passed: false)
        // One failure each: neither reached 2.
        #expect(try #require(history.fold(threshold: 2)).flags == [])
        #expect(try #require(history.fold(threshold: 2)).responsibility.failures == 1)
        history.rectified(round: 3)
        history.rechecked(round: 4, passed: false)
        history.reassigned(round: 4, to: windows.id)
        let defect = try #require(history.fold(threshold: 2))
        #expect(defect.failedRechecks == 3)
        #expect(defect.flags == [PenaltyFlag(round: 4, contractor: tiles.id, afterClaim: 1, withoutClaim: 1)])
        #expect(defect.contractor == windows.id)
        // Back with the first contractor: it starts from nothing again, and can be counted too.
        #expect(defect.responsibility.failures == 0)
        var more = history
        more.rechecked(round: 5, passed: false)
        more.rechecked(round: 6, passed: false)
        #expect(try #require(more.fold(threshold: 2)).flags == [
            PenaltyFlag(round: 4, contractor: tiles.id, afterClaim: 1, withoutClaim: 1),
            PenaltyFlag(round: 6, contractor: windows.id, afterClaim: 0, withoutClaim: 2),
        ])
    }

    @Test func handingItToTheSameContractorDoesNotStartAfresh() throws {
        var history = History()
        history.found(round: 1, contractor: windows.id)
        history.rechecked(round: 2, passed: false)
        history.reassigned(round: 2, to: windows.id)
        history.rechecked(round: 3, passed: false)
        #expect(history.fold(threshold: 2)?.flags == [PenaltyFlag(round: 3, contractor: windows.id, afterClaim: 0, withoutClaim: 2)])
    }

    @Test func failuresAreSplitByWhetherAClaimPrecededThem() throws {
        var history = History()
        history.found(round: 1, contractor: windows.id)
        history.rectified(round: 1)
        history.rechecked(round: 2, passed: false)   // after a claim
        history.rechecked(round: 3, passed: false)   // no claim since the last failure
        history.rectified(round: 3)
        history.rechecked(round: 4, passed: false)   // after a claim
        let defect = try #require(history.fold(threshold: 2))
        #expect(defect.rechecks.map(\.afterClaim) == [true, false, true])
        #expect(defect.flags == [PenaltyFlag(round: 3, contractor: windows.id, afterClaim: 2, withoutClaim: 1)])
    }

    @Test func aFailureWithoutAnyClaimStillCounts() throws {
        var history = History()
        history.found(round: 1, contractor: windows.id)
        history.rechecked(round: 2, passed: false)
        history.rechecked(round: 3, passed: false)
        #expect(history.fold(threshold: 2)?.flags == [PenaltyFlag(round: 3, contractor: windows.id, afterClaim: 0, withoutClaim: 2)])
    }

    @Test func atThresholdThreeTheThirdFailureWithOneContractorFlags() throws {
        var history = History()
        history.found(round: 1, contractor: windows.id)
        history.rechecked(round: 2, passed: false)
        history.rectified(round: 2)
        history.rechecked(round: 3, passed: false)
        #expect(history.fold(threshold: 3)?.flags == [])
        history.rectified(round: 3)
        history.rechecked(round: 4, passed: false)
        #expect(history.fold(threshold: 3)?.flags == [PenaltyFlag(round: 4, contractor: windows.id, afterClaim: 2, withoutClaim: 1)])
        history.reassigned(round: 4, to: tiles.id)
        history.rechecked(round: 5, passed: false)
        history.rechecked(round: 6, passed: false)
        #expect(history.fold(threshold: 3)?.flags.count == 1)
    }

    @Test func laterPassClosesButKeepsTheFlag() throws {
        var history = History()
        history.found(round: 1, contractor: windows.id)
        history.rechecked(round: 2, passed: false)
        history.rechecked(round: 3, passed: false)
        history.rectified(round: 3)
        history.rechecked(round: 4, passed: true)
        let defect = try #require(history.fold(threshold: 2))
        #expect(defect.status == .closed)
        #expect(defect.closedRound == 4)
        #expect(defect.failedRechecks == 2)
        #expect(defect.flags == [PenaltyFlag(round: 3, contractor: windows.id, afterClaim: 0, withoutClaim: 2)])
    }

    @Test func thresholdDecidesWhichFailureFlags() throws {
        var history = History()
        history.found(round: 1, contractor: windows.id)
        history.rechecked(round: 2, passed: false)
        history.rechecked(round: 3, passed: false)
        #expect(history.fold(threshold: 1)?.flags == [PenaltyFlag(round: 2, contractor: windows.id, afterClaim: 0, withoutClaim: 2)])
        #expect(history.fold(threshold: 2)?.flags == [PenaltyFlag(round: 3, contractor: windows.id, afterClaim: 0, withoutClaim: 2)])
        #expect(history.fold(threshold: 3)?.flags == [])
    }

    @Test func waivedAfterRepeatedFailureKeepsTheFlag() throws {
        var history = History()
        history.found(round: 1, contractor: windows.id)
        history.rechecked(round: 2, passed: false)
        history.rechecked(round: 3, passed: false)
        history.waived(round: 3)
        #expect(history.fold(threshold: 2)?.flags == [PenaltyFlag(round: 3, contractor: windows.id, afterClaim: 0, withoutClaim: 2)])
        #expect(history.fold(threshold: 2)?.status == .waived)
    }

    @Test func tallyCountsPerRoundAndCumulatively() {
        let flags: [(code: String, flag: PenaltyFlag)] = [
            ("2-AAAAA", PenaltyFlag(round: 3, contractor: windows.id, afterClaim: 2, withoutClaim: 0)),
            ("1-BBBBB", PenaltyFlag(round: 3, contractor: windows.id, afterClaim: 1, withoutClaim: 1)),
            ("1-CCCCC", PenaltyFlag(round: 4, contractor: tiles.id, afterClaim: 0, withoutClaim: 3)),
            ("1-DDDDD", PenaltyFlag(round: 4, contractor: nil, afterClaim: 0, withoutClaim: 2)),
            ("1-EEEEE", PenaltyFlag(round: 4, contractor: UUID(), afterClaim: 1, withoutClaim: 1)),
        ]
        let contractors = [tiles, windows]
        #expect(PenaltyRules.tally(flags: flags, contractors: contractors, round: 3) == [
            ContractorPenalties(contractor: "窗企", count: 2, defects: ["1-BBBBB", "2-AAAAA"], afterClaim: 3, withoutClaim: 1),
            ContractorPenalties(contractor: "瓷砖分包", count: 0, defects: []),
        ])
        #expect(PenaltyRules.tally(flags: flags, contractors: contractors, round: 4) == [
            ContractorPenalties(contractor: PenaltyRules.unassigned, count: 2, defects: ["1-DDDDD", "1-EEEEE"], afterClaim: 1, withoutClaim: 3),
            ContractorPenalties(contractor: "瓷砖分包", count: 1, defects: ["1-CCCCC"], afterClaim: 0, withoutClaim: 3),
            ContractorPenalties(contractor: "窗企", count: 0, defects: []),
        ])
        #expect(PenaltyRules.tally(flags: flags, contractors: contractors, round: nil) == [
            ContractorPenalties(contractor: "窗企", count: 2, defects: ["1-BBBBB", "2-AAAAA"], afterClaim: 3, withoutClaim: 1),
            ContractorPenalties(contractor: PenaltyRules.unassigned, count: 2, defects: ["1-DDDDD", "1-EEEEE"], afterClaim: 1, withoutClaim: 3),
            ContractorPenalties(contractor: "瓷砖分包", count: 1, defects: ["1-CCCCC"], afterClaim: 0, withoutClaim: 3),
        ])
        #expect(PenaltyRules.tally(flags: flags, contractors: contractors, round: 2) == [
            ContractorPenalties(contractor: "瓷砖分包", count: 0, defects: []),
            ContractorPenalties(contractor: "窗企", count: 0, defects: []),
        ])
    }

    @Test func theRuleSentenceCarriesTheThresholdInForce() {
        #expect(RuleSentences.penalty(threshold: 3).zh == "同一问题在同一责任单位名下复查未过 3 次及以上，计入该单位奖罚")
        #expect(RuleSentences.penalty(threshold: 3).en == "defects failing 3+ re-checks with one contractor count against it")
        #expect(RuleSentences.flagged(code: "2-K7P3Q", threshold: 3).zh == "2-K7P3Q 在本责任单位名下已复查未过 3 次，计入该单位奖罚")
    }

    @Test func defaultThresholdIsTwoFailedRechecks() {
        #expect(ProjectSettings().penaltyThreshold == 2)
        #expect(throws: InspectionError.invalidValue("the penalty threshold is a number of failed re-checks from 1 to 10, not 0")) {
            try ProjectSettings.validated(penaltyThreshold: 0, readinessTarget: nil)
        }
    }
}
