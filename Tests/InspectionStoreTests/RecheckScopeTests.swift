import Foundation
import InspectionCore
import InspectionStore
import Testing

@Suite struct RecheckScopeTests {
    /// Round 1 finds a door and a tile problem; round 2 closes the door and fails the tile.
    func twoRounds() throws -> (World, door: String, tile: String) {
        let world = try World()
        try world.openRound()
        let door = try world.addDefect("1-1-0101")
        let tile = try world.addDefect("1-1-0102", "HL-01", room: "厨房")
        try world.passAllAndClose()
        try world.openRound()
        try world.recheck(door, passed: true)
        try world.recheck(tile, passed: false)
        try world.passAllAndClose()
        return (world, door, tile)
    }

    @Test func openScopeRechecksOnlyWhatIsStillOpen() throws {
        let (world, door, tile) = try twoRounds()
        #expect(try world.openRound().rechecks == 1)
        #expect(try world.recheckList("1-1-0102", round: 3) == [tile])
        #expect(throws: InspectionError.defectClosed(door)) { try world.recheck(door, passed: true) }
    }

    @Test func allScopeRechecksEveryProblemRecordedEarlierClosedOnesIncluded() throws {
        let (world, door, tile) = try twoRounds()
        try world.write(as: "组长") { try $0.changeSettings(penaltyThreshold: nil, readinessTarget: nil, delivery: nil, recheckScope: .all) }
        #expect(try world.store.rectificationTerms().recheckScope == .all)
        #expect(try world.openRound().rechecks == 2)
        #expect(try world.recheckList("1-1-0101", round: 3) == [door])
        #expect(try world.recheckList("1-1-0102", round: 3) == [tile])
        // The closed door's re-check is work of the round: closing waits for it.
        for unit in try world.store.units() { try world.write { _ = try $0.passRemaining(unit: unit.code) } }
        try world.recheck(tile, passed: true)
        #expect(throws: InspectionError.roundIncomplete(RoundBlockers(round: 3, units: [], rechecks: [door]))) { try world.closeRound() }
        // The damage came back: the door opens again, one more failure.
        try world.recheck(door, passed: false)
        let reopened = try world.store.defect(code: door)
        #expect(reopened.defect.status == .open)
        #expect(reopened.defect.closedRound == nil)
        #expect(reopened.defect.failedRechecks == 1)
        #expect(reopened.defect.rechecks.map(\.round) == [2, 3])
        try world.closeRound()
        // A pass confirms a closed one and leaves it closed, in the round it closed.
        try world.openRound()
        try world.recheck(door, passed: true)
        try world.recheck(tile, passed: true)
        #expect(try world.store.defect(code: tile).defect.status == .closed)
        #expect(try world.store.defect(code: tile).defect.closedRound == 3)
        #expect(try world.store.defect(code: tile).defect.rechecks.map(\.passed) == [false, true, true])
    }
}
