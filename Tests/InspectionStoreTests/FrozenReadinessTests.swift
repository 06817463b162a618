import Foundation
import InspectionCore
import InspectionStore
import Testing

@Suite struct FrozenReadinessTests {
    @Test func aClosedRoundsReadinessStaysAsItClosed() throws {
        let world = try World()
        try world.openRound()
        let door = try world.addDefect("1-1-0101")
        try world.passAllAndClose()
        let closing = try world.store.board(round: 1, today: world.today).readiness
        #expect(closing.blockingUnits == ["1-1-0101"])
        #expect(closing.lackingRounds == ["1-1-0101", "1-1-0102"])
        #expect(closing.roundsInspected == ["1-1-0101": 1, "1-1-0102": 1])
        #expect(closing.ready == 0)

        // Between rounds and in round 2 the door is fixed and closed, a new defect found.
        try world.rectify(door)
        #expect(try world.store.board(round: 1, today: world.today).readiness == closing)
        try world.openRound()
        try world.recheck(door, passed: true)
        _ = try world.addDefect("1-1-0102", "HL-01", room: "厨房")
        try world.passAllAndClose()
        #expect(try world.store.board(round: 1, today: world.today).readiness == closing)
        let second = try world.store.board(round: 2, today: world.today).readiness
        #expect(second.blockingUnits == ["1-1-0102"])
        #expect(second.roundsInspected == ["1-1-0101": 2, "1-1-0102": 2])
        // A rebuild gives the same frozen figures.
        _ = try world.store.rebuild()
        #expect(try world.store.board(round: 1, today: world.today).readiness == closing)
    }

    @Test func aProjectWalkedOnceAndClosedPartiallyTwiceIsNotReady() throws {
        let world = try World()
        try world.write(as: "组长") { try $0.changeSettings(penaltyThreshold: nil, readinessTarget: 0.5, delivery: nil) }
        try world.openRound()
        try world.passAllAndClose()
        for _ in 0..<2 {
            try world.openRound()
            try world.write { _ = try $0.passRemaining(unit: "1-1-0101") }
            try world.closeRound(partial: true)   // 1-1-0102 not reached
        }
        let r = try world.store.readiness()
        #expect(r.blockingUnits == [])
        #expect(r.lackingRounds == ["1-1-0102"])
        #expect(r.roundsInspected == ["1-1-0102": 1])
        #expect(r.ready == 1)
        #expect(r.readyForDelivery(roundsClosed: 3))

        // Nobody reached anything in rounds 2 and 3: no defect anywhere, and nothing ready.
        let idle = try World()
        try idle.openRound()
        try idle.passAllAndClose()
        for _ in 0..<2 {
            try idle.openRound()
            try idle.closeRound(partial: true)
        }
        let none = try idle.store.readiness()
        #expect(none.blockingUnits == [])
        #expect(none.ready == 0)
        #expect(none.rate == 0)
        #expect(!none.readyForDelivery(roundsClosed: 3))
    }
}
