import Foundation
import InspectionCore
import InspectionStore
import Testing

@Suite struct RewardStoreTests {
    /// Round 1 (closed 2025-06-15, deadline 2025-06-22) finds a door (门企) and a leak (防水甲).
    /// 门企 claims the door on time and it passes its first re-check; the leak is handed to
    /// 防水乙, which claims it ten days late, and it fails.
    @Test func firstTimePassRateAndClaimsByTheDeadlineFollowTheContractorOfTheMoment() throws {
        let world = try World()
        try world.openRound()
        let door = try world.addDefect("1-1-0101")
        let leak = try world.addDefect("1-1-0102", "LK-01", room: "主卫")
        try world.passAllAndClose()
        try world.rectify(door)
        try world.reassign(leak, to: "防水乙")
        world.clock += 10 * 86_400
        try world.rectify(leak)
        try world.openRound()
        try world.recheck(door, passed: true)
        try world.recheck(leak, passed: false)
        let rewards = Dictionary(uniqueKeysWithValues: try world.store.rewards().map { ($0.contractor, $0) })
        #expect(rewards["门企"] == ContractorRewards(contractor: "门企", firstRechecks: 1, firstRechecksPassed: 1, claims: 1, claimsOnTime: 1))
        #expect(rewards["防水乙"] == ContractorRewards(contractor: "防水乙", firstRechecks: 1, firstRechecksPassed: 0, claims: 1, claimsOnTime: 0,
                                                      outstanding: 1))
        #expect(rewards["防水甲"] == ContractorRewards(contractor: "防水甲"))
        // The board carries the same figures.
        #expect(try world.store.board(round: nil, today: world.today).rewards == world.store.rewards())
    }
}
