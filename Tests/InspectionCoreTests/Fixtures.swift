import Foundation
import InspectionCore
import InspectionFixtures

/// The small checklist (see SmallChecklist) and helpers for these tests.
enum Fixture {
    static let checklists = SmallChecklist.checklists
    static let pairsOfS = SmallChecklist.pairsOfS
    static func day(_ text: String) -> Day { SmallChecklist.day(text) }

    static let unit = ProjectUnit(id: UUID(), building: "3", entrance: 1, floor: 5, number: 2, type: "S")


    static func round(_ number: Int, closed: Bool) -> Round {
        let opened = Day(year: 2025, month: number + 5, day: 1)!
        return Round(number: number, opened: opened, closed: closed ? opened.adding(days: 10) : nil)
    }
}

/// One defect's history, written event by event as the store would append it.
struct History {
    let defect = UUID()
    let unit = UUID()
    let code: MarkCode
    private(set) var events: [Event] = []
    private var clock = Date(timeIntervalSince1970: 1_750_000_000)

    init(code: String = "1-K7P3Q") {
        self.code = MarkCode(code)!
    }

    @discardableResult
    private mutating func append(_ body: EventBody, round: Int, actor: String = "王工") -> UUID {
        clock += 60
        let event = Event(id: UUID(), at: clock, actor: actor, round: round, unit: unit, defect: defect, body: body)
        events.append(event)
        return event.id
    }

    @discardableResult
    mutating func found(round: Int = 1, contractor: UUID? = nil, room: String = "入户门", item: String = "DW-01") -> UUID {
        append(.defectFound(DefectFound(code: code, room: room, item: item, note: "门锁卡阻", severity: .major, contractor: contractor)), round: round)
    }

    @discardableResult
    mutating func rectified(round: Int, note: String? = "已更换") -> UUID {
        append(.defectRectified(DefectRectified(note: note)), round: round, actor: "施工单位")
    }

    @discardableResult
    mutating func rechecked(round: Int, passed: Bool) -> UUID {
        append(.defectRechecked(DefectRechecked(passed: passed, note: nil)), round: round)
    }

    @discardableResult
    mutating func waived(round: Int, answer: String = "设计如此，交付时统一解释") -> UUID {
        append(.defectWaived(DefectWaived(answer: answer)), round: round, actor: "客服")
    }

    @discardableResult
    mutating func reassigned(round: Int, to contractor: UUID?) -> UUID {
        append(.defectReassigned(DefectReassigned(contractor: contractor)), round: round, actor: "客服")
    }

    @discardableResult
    mutating func reverted(_ target: UUID, round: Int) -> UUID {
        append(.reverted(Reverted(target: target)), round: round)
    }

    func fold(threshold: Int = 2) -> Defect? {
        DefectLifecycle.fold(events, penaltyThreshold: threshold)
    }
}

/// A unit's results in a round, written as the store would append them.
struct UnitEvents {
    let unit = UUID()
    private(set) var events: [Event] = []
    var round = 1

    @discardableResult
    mutating func record(_ room: String, _ item: String, _ outcome: ItemOutcome) -> UUID {
        append(.itemRecorded(ItemRecorded(room: room, item: item, outcome: outcome)))
    }

    @discardableResult
    mutating func passRemaining(room: String? = nil) -> UUID {
        append(.remainingPassed(RemainingPassed(room: room, count: 0)))
    }

    @discardableResult
    mutating func defect(_ room: String, _ item: String, id: UUID = UUID()) -> UUID {
        let event = Event(id: UUID(), at: Date(), actor: "王工", round: round, unit: unit, defect: id,
                          body: .defectFound(DefectFound(code: MarkCode("1-22222")!, room: room, item: item, note: "",
                                                         severity: .major, contractor: nil)))
        events.append(event)
        return event.id
    }

    @discardableResult
    mutating func recheck(_ defect: UUID, passed: Bool) -> UUID {
        let event = Event(id: UUID(), at: Date(), actor: "王工", round: round, unit: unit, defect: defect,
                          body: .defectRechecked(DefectRechecked(passed: passed, note: nil)))
        events.append(event)
        return event.id
    }

    @discardableResult
    mutating func revert(_ target: UUID) -> UUID {
        append(.reverted(Reverted(target: target)))
    }

    private mutating func append(_ body: EventBody) -> UUID {
        let event = Event(id: UUID(), at: Date(), actor: "王工", round: round, unit: unit, body: body)
        events.append(event)
        return event.id
    }

    var replay: UnitRound { UnitRound(events: events, pairs: Fixture.pairsOfS) }
}
