import Foundation
import InspectionCore
import Testing

@Suite struct RewardTests {
    let windows = Contractor(id: UUID(), name: "窗企", trades: ["windows"])
    let tiles = Contractor(id: UUID(), name: "瓷砖分包", trades: ["tiling"])

    @Test func figuresPerContractor() {
        let deadline = Day("2026-06-17")!
        let rewards = RewardRules.tally(
            contractors: [windows, tiles],
            firstRechecks: [(windows.id, true, 2), (windows.id, false, 1), (windows.id, true, 1), (tiles.id, false, 1)],
            claims: [ClaimRecord(contractor: windows.id, day: Day("2026-06-17")!, deadline: deadline),
                     ClaimRecord(contractor: windows.id, day: Day("2026-06-18")!, deadline: deadline),
                     ClaimRecord(contractor: tiles.id, day: Day("2026-06-01")!, deadline: nil),
                     ClaimRecord(contractor: nil, day: Day("2026-06-01")!, deadline: deadline)],
            outstanding: [windows.id: 3, nil: 1],
            penalties: [ContractorPenalties(contractor: "瓷砖分包", count: 1, defects: ["1-AAAAA"])])
        #expect(rewards == [
            ContractorRewards(contractor: "窗企", firstRechecks: 4, firstRechecksPassed: 3, claims: 2, claimsOnTime: 1, outstanding: 3, repeatFailures: 0),
            ContractorRewards(contractor: "瓷砖分包", firstRechecks: 1, firstRechecksPassed: 0, claims: 1, claimsOnTime: 1, outstanding: 0, repeatFailures: 1),
            ContractorRewards(contractor: PenaltyRules.unassigned, claims: 1, claimsOnTime: 1, outstanding: 1),
        ])
        #expect(rewards[0].firstTimePassRate == 0.75)
        #expect(rewards[0].passRateText(.zh) == "75.0%（3/4）")
        #expect(rewards[0].passRateText(.en) == "75.0% (3/4)")
        #expect(rewards[2].passRateText(.zh) == "—")
        #expect(rewards[0].claimsText == "1/2")
    }
}
