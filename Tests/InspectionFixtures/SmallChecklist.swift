import Foundation
import InspectionCore

/// A small checklist set for the rule and store tests: one unit type `S` with an entry, a
/// kitchen and two bathrooms, and three items (listed out of category order, so that walking
/// order visibly comes from the categories). Its pairs, in walking order:
/// 入户门/DW-01, 厨房/HL-01, 主卫/HL-01, 主卫/LK-01, 公卫/HL-01, 公卫/LK-01.
public enum SmallChecklist {
    public static func name(_ zh: String, _ en: String) -> Localized { Localized(zh: zh, en: en) }

    public static func item(_ id: String, _ category: String, rooms: [String], trade: String) -> ChecklistItem {
        ChecklistItem(id: id, category: category, name: name(id, id), rooms: rooms, method: .observe,
                      criterion: name("合格", "ok"), clause: nil, severity: .major, sensitivity: .high,
                      trade: trade, phrases: ["x"])
    }

    public static let checklists = ChecklistSet(
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

    /// The small set with two items that follow the unit's floor: LK-16 (bathrooms, top
    /// floor of the entrance only) and LK-17 (kitchen, ground floor only).
    public static let conditional: ChecklistSet = {
        var roof = item("LK-16", "leaks", rooms: ["bathroom"], trade: "waterproofing")
        roof.when = ItemCondition(floor: .top)
        var damp = item("LK-17", "leaks", rooms: ["kitchen"], trade: "waterproofing")
        damp.when = ItemCondition(floor: .ground)
        return ChecklistSet(roomKinds: checklists.roomKinds, unitTypes: checklists.unitTypes, trades: checklists.trades,
                            categories: checklists.categories, items: checklists.items + [roof, damp])
    }()

    /// The same set with LK-01 checked by a ponding test (two visits, 24 h apart).
    public static let withPonding: ChecklistSet = ponding(checklists)

    /// The set with the floor conditions and LK-01 checked by a ponding test.
    public static let conditionalWithPonding: ChecklistSet = ponding(conditional)

    /// `set` with LK-01 checked by a ponding test.
    static func ponding(_ set: ChecklistSet) -> ChecklistSet {
        var items = set.items
        let index = items.firstIndex { $0.id == "LK-01" }!
        items[index].method = .ponding
        return ChecklistSet(roomKinds: set.roomKinds, unitTypes: set.unitTypes, trades: set.trades,
                            categories: set.categories, items: items)
    }

    public static let pairsOfS = [
        RoomItem(room: "入户门", item: "DW-01"),
        RoomItem(room: "厨房", item: "HL-01"),
        RoomItem(room: "主卫", item: "HL-01"),
        RoomItem(room: "主卫", item: "LK-01"),
        RoomItem(room: "公卫", item: "HL-01"),
        RoomItem(room: "公卫", item: "LK-01"),
    ]

    public static func day(_ text: String) -> Day { Day(text)! }
}
