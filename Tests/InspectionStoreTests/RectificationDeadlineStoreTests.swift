import Foundation
import InspectionCore
@testable import InspectionStore
import Testing

@Suite struct RectificationDeadlineStoreTests {
    /// The deadline a close wrote into its round.closed event.
    func closedDeadline(_ world: World, round: Int) throws -> Day? {
        try world.store.events().compactMap { event -> Day?? in
            if case .roundClosed(let c) = event.body, c.number == round { return c.deadline }
            return nil
        }.first ?? nil
    }

    @Test func closingARoundSetsTheDeadlineOfEveryDefectStillOpen() throws {
        let world = try World()
        try world.openRound()                                   // 2025-06-08
        let door = try world.addDefect("1-1-0101")
        let tile = try world.addDefect("1-1-0102", "HL-01", room: "厨房")
        #expect(try world.store.defect(code: door).summary.deadline == nil)
        try world.passAllAndClose()                             // closed 2025-06-15
        #expect(try closedDeadline(world, round: 1) == Fixture.day("2025-06-22"))
        #expect(try world.store.defect(code: door).summary.deadline == Fixture.day("2025-06-22"))

        try world.write(as: "组长") { try $0.changeSettings(penaltyThreshold: nil, readinessTarget: nil, delivery: nil, rectificationDays: 10) }
        // A new setting leaves the deadline already set alone.
        #expect(try world.store.defect(code: door).summary.deadline == Fixture.day("2025-06-22"))
        #expect(try world.store.rectificationTerms().days == 10)

        try world.openRound()                                   // 2025-06-22
        try world.recheck(tile, passed: true)
        try world.recheck(door, passed: false)
        let late = try world.addDefect("1-1-0101", "HL-01", room: "厨房")
        #expect(try world.store.defect(code: late).summary.deadline == nil)
        try world.passAllAndClose()                             // closed 2025-06-29
        #expect(try closedDeadline(world, round: 2) == Fixture.day("2025-07-09"))
        #expect(try world.store.defect(code: door).summary.deadline == Fixture.day("2025-07-09"))
        #expect(try world.store.defect(code: late).summary.deadline == Fixture.day("2025-07-09"))
        #expect(try world.store.defect(code: tile).summary.deadline == nil)

        // Overdue: still open without a claim after the deadline.
        #expect(try world.store.board(round: nil, today: Fixture.day("2025-07-09")).overdueTotal == 0)
        let board = try world.store.board(round: nil, today: Fixture.day("2025-07-10"))
        #expect(board.rectificationDeadline == Fixture.day("2025-07-09"))
        #expect(board.overdue == [world.contractors["门企"]?.id: 1, world.contractors["瓷砖分包"]?.id: 1])
        try world.rectify(door)
        #expect(try world.store.board(round: nil, today: Fixture.day("2025-07-10")).overdue == [world.contractors["瓷砖分包"]?.id: 1])

        // The deadlines come from the history: a rebuild gives the same.
        _ = try world.store.rebuild()
        #expect(try world.store.defect(code: late).summary.deadline == Fixture.day("2025-07-09"))
        #expect(try world.store.rectificationTerms().deadlines == [1: Fixture.day("2025-06-22"), 2: Fixture.day("2025-07-09")])
    }

    @Test func aLaptopThatMergesTheCloseGetsTheSameDeadline() throws {
        let lead = try World()
        let laptop = try World(joining: lead)
        try lead.write(as: "组长") { try $0.changeSettings(penaltyThreshold: nil, readinessTarget: nil, delivery: nil, rectificationDays: 3) }
        try lead.openRound()
        let door = try lead.addDefect("1-1-0101")
        try lead.passAllAndClose()
        // The laptop changes the setting after the close; the merged close keeps its deadline.
        _ = try laptop.store.merge(from: lead.store)
        try laptop.write(as: "组长") { try $0.changeSettings(penaltyThreshold: nil, readinessTarget: nil, delivery: nil, rectificationDays: 20) }
        _ = try lead.store.merge(from: laptop.store)
        for world in [lead, laptop] {
            #expect(try world.store.defect(code: door).summary.deadline == Fixture.day("2025-06-18"))
            #expect(try world.store.rectificationTerms().days == 20)
        }
    }

    @Test func anInvalidNumberOfDaysIsRefusedAndNothingIsRecorded() throws {
        let world = try World()
        let before = try world.eventCount()
        #expect(throws: InspectionError.invalidValue("the rectification deadline is a number of days from 1 to 90 after a round closes, not 91")) {
            try world.write(as: "组长") { try $0.changeSettings(penaltyThreshold: nil, readinessTarget: nil, delivery: nil, rectificationDays: 91) }
        }
        #expect(try world.eventCount() == before)
    }
}
