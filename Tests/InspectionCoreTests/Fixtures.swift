import Foundation
import InspectionCore

/// A small checklist set: one unit type `S` with an entry, a kitchen and two bathrooms, and
/// three items. Its pairs, in walking order:
/// 入户门/DW-01, 厨房/HL-01, 主卫/HL-01, 主卫/LK-01, 公卫/HL-01, 公卫/LK-01.
enum Fixture {
    static func name(_ zh: String, _ en: String) -> Localized { Localized(zh: zh, en: en) }

    static func item(_ id: String, _ category: String, rooms: [String], trade: String) -> ChecklistItem {
        ChecklistItem(id: id, category: category, name: name(id, id), rooms: rooms, method: .observe,
                      criterion: name("合格", "ok"), clause: nil, severity: .major, sensitivity: .high,
                      trade: trade, phrases: ["x"])
    }

    static let checklists = ChecklistSet(
        roomKinds: [
            RoomKind(id: "entry", name: name("入户门", "Entry door")),
            RoomKind(id: "kitchen", name: name("厨房", "Kitchen")),
            RoomKind(id: "bathroom", name: name("卫生间", "Bathroom")),
        ],
        unitTypes: [
            UnitType(id: "S", name: name("小户型", "Small"), rooms: [
                Room(kind: "entry", name: name("入户门", "Entry door")),
                Room(kind: "kitchen", name: name("厨房", "Kitchen")),
                Room(kind: "bathroom", name: name("主卫", "Master bathroom")),
                Room(kind: "bathroom", name: name("公卫", "Shared bathroom")),
            ]),
        ],
        trades: [
            Trade(id: "doors", name: name("门", "Doors")),
            Trade(id: "tiling", name: name("瓷砖", "Tiling")),
            Trade(id: "waterproofing", name: name("防水", "Waterproofing")),
        ],
        categories: [
            Category(id: "doors-windows", name: name("门窗", "Doors and windows")),
            Category(id: "hollowness", name: name("空鼓", "Hollowness")),
            Category(id: "leaks", name: name("渗漏", "Leaks")),
        ],
        items: [
            item("LK-01", "leaks", rooms: ["bathroom"], trade: "waterproofing"),
            item("DW-01", "doors-windows", rooms: ["entry"], trade: "doors"),
            item("HL-01", "hollowness", rooms: ["kitchen", "bathroom"], trade: "tiling"),
        ])

    static let pairsOfS = [
        RoomItem(room: "入户门", item: "DW-01"),
        RoomItem(room: "厨房", item: "HL-01"),
        RoomItem(room: "主卫", item: "HL-01"),
        RoomItem(room: "主卫", item: "LK-01"),
        RoomItem(room: "公卫", item: "HL-01"),
        RoomItem(room: "公卫", item: "LK-01"),
    ]

    static let unit = ProjectUnit(id: UUID(), building: "3", entrance: 1, floor: 5, number: 2, type: "S")

    static func day(_ text: String) -> Day { Day(text)! }

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
