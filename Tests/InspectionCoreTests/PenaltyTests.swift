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
        #expect(history.fold(threshold: 2)?.flag == PenaltyFlag(round: 3, contractor: windows.id))
        history.rechecked(round: 4, passed: false)
        let defect = try #require(history.fold(threshold: 2))
        #expect(defect.failedRechecks == 3)
        #expect(defect.flag == PenaltyFlag(round: 3, contractor: windows.id))
    }

    @Test func flagNamesTheContractorResponsibleAtTheThresholdFailure() throws {
        var history = History()
        history.found(round: 1, contractor: windows.id)
        history.rechecked(round: 2, passed: false)
        history.reassigned(round: 2, to: tiles.id)
        history.rechecked(round: 3, passed: false)
        history.reassigned(round: 3, to: windows.id)
        let defect = try #require(history.fold(threshold: 2))
        #expect(defect.flag == PenaltyFlag(round: 3, contractor: tiles.id))
        #expect(defect.contractor == windows.id)
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
        #expect(defect.flag == PenaltyFlag(round: 3, contractor: windows.id))
    }

    @Test func thresholdDecidesWhichFailureFlags() throws {
        var history = History()
        history.found(round: 1, contractor: windows.id)
        history.rechecked(round: 2, passed: false)
        history.rechecked(round: 3, passed: false)
        #expect(history.fold(threshold: 1)?.flag == PenaltyFlag(round: 2, contractor: windows.id))
        #expect(history.fold(threshold: 2)?.flag == PenaltyFlag(round: 3, contractor: windows.id))
        #expect(history.fold(threshold: 3)?.flag == nil)
    }

    @Test func waivedAfterRepeatedFailureKeepsTheFlag() throws {
        var history = History()
        history.found(round: 1, contractor: windows.id)
        history.rechecked(round: 2, passed: false)
        history.rechecked(round: 3, passed: false)
        history.waived(round: 3)
        #expect(history.fold(threshold: 2)?.flag == PenaltyFlag(round: 3, contractor: windows.id))
        #expect(history.fold(threshold: 2)?.status == .waived)
    }

    @Test func tallyCountsPerRoundAndCumulatively() {
        let flags: [(code: String, flag: PenaltyFlag)] = [
            ("2-AAAAA", PenaltyFlag(round: 3, contractor: windows.id)),
            ("1-BBBBB", PenaltyFlag(round: 3, contractor: windows.id)),
            ("1-CCCCC", PenaltyFlag(round: 4, contractor: tiles.id)),
            ("1-DDDDD", PenaltyFlag(round: 4, contractor: nil)),
        ]
        let contractors = [tiles, windows]
        #expect(PenaltyRules.tally(flags: flags, contractors: contractors, round: 3) == [
            ContractorPenalties(contractor: "窗企", count: 2, defects: ["1-BBBBB", "2-AAAAA"]),
            ContractorPenalties(contractor: "瓷砖分包", count: 0, defects: []),
        ])
        #expect(PenaltyRules.tally(flags: flags, contractors: contractors, round: 4) == [
            ContractorPenalties(contractor: "瓷砖分包", count: 1, defects: ["1-CCCCC"]),
            ContractorPenalties(contractor: PenaltyRules.unassigned, count: 1, defects: ["1-DDDDD"]),
            ContractorPenalties(contractor: "窗企", count: 0, defects: []),
        ])
        #expect(PenaltyRules.tally(flags: flags, contractors: contractors, round: nil) == [
            ContractorPenalties(contractor: "窗企", count: 2, defects: ["1-BBBBB", "2-AAAAA"]),
            ContractorPenalties(contractor: "瓷砖分包", count: 1, defects: ["1-CCCCC"]),
            ContractorPenalties(contractor: PenaltyRules.unassigned, count: 1, defects: ["1-DDDDD"]),
        ])
        #expect(PenaltyRules.tally(flags: flags, contractors: contractors, round: 2) == [
            ContractorPenalties(contractor: "瓷砖分包", count: 0, defects: []),
            ContractorPenalties(contractor: "窗企", count: 0, defects: []),
        ])
    }

    @Test func defaultThresholdIsTwoFailedRechecks() {
        #expect(ProjectSettings().penaltyThreshold == 2)
        #expect(throws: InspectionError.invalidValue("the penalty threshold is a number of failed re-checks from 1 to 10, not 0")) {
            try ProjectSettings.validated(penaltyThreshold: 0, readinessTarget: nil)
        }
    }
}
