import Foundation
import InspectionCore
import InspectionStore

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
            item("DW-01", "doors-windows", rooms: ["entry"], trade: "doors"),
            item("HL-01", "hollowness", rooms: ["kitchen", "bathroom"], trade: "tiling"),
            item("LK-01", "leaks", rooms: ["bathroom"], trade: "waterproofing"),
        ])

    static let pairsOfS = [
        RoomItem(room: "入户门", item: "DW-01"),
        RoomItem(room: "厨房", item: "HL-01"),
        RoomItem(room: "主卫", item: "HL-01"),
        RoomItem(room: "主卫", item: "LK-01"),
        RoomItem(room: "公卫", item: "HL-01"),
        RoomItem(room: "公卫", item: "LK-01"),
    ]

    /// Layout rows for unit codes like `1-1-0102`.
    static func rows(_ codes: [String], type: String = "S") -> [LayoutRow] {
        codes.enumerated().map { index, code in
            let parts = code.split(separator: "-").map(String.init)
            let floor = String(parts[2].prefix(2)), number = String(parts[2].suffix(2))
            return LayoutRow(line: index + 2, building: parts[0], entrance: parts[1], floor: floor, unit: number, type: type)
        }
    }

    static func day(_ text: String) -> Day { Day(text)! }
}

/// A project in a store, with a clock, a calendar and short-hand actions.
///
/// Contractors: 门企 (doors), 瓷砖分包 (tiling), 防水甲 (waterproofing), 防水乙 (waterproofing);
/// a new defect goes by trade to the first, so LK-01 goes to 防水甲.
final class World {
    let store: InspectionStore
    var clock = Date(timeIntervalSince1970: 1_750_000_000)
    /// The next date a round opens or closes on.
    var today = Fixture.day("2025-06-01")
    let delivery = Fixture.day("2025-10-31")
    var contractors: [String: Contractor] = [:]

    init(units: [String] = ["1-1-0101", "1-1-0102"], store: InspectionStore? = nil, checklists: ChecklistSet = Fixture.checklists,
         contractorTrades: [(String, [String])] = World.defaultContractors) throws {
        self.store = try store ?? InspectionStore.inMemory()
        try write(as: "组长") { tx in
            _ = try tx.createProject(name: "滨江花园", delivery: delivery, checklists: checklists, source: "test")
            if !units.isEmpty { _ = try tx.importLayout(rows: Fixture.rows(units), file: "layout.csv") }
            for (name, trades) in contractorTrades {
                contractors[name] = try tx.addContractor(name: name, trades: trades, buildings: nil)
            }
        }
    }

    static let defaultContractors = [("门企", ["doors"]), ("瓷砖分包", ["tiling"]), ("防水甲", ["waterproofing"]), ("防水乙", ["waterproofing"])]

    func context(_ actor: String) -> ActionContext {
        clock += 60
        return ActionContext(actor: actor, at: clock, today: today)
    }

    @discardableResult
    func write<T>(as actor: String = "王工", _ body: (StoreTransaction) throws -> T) throws -> T {
        try store.write(context(actor), body)
    }

    @discardableResult
    func openRound() throws -> RoundOpening {
        today = today.adding(days: 7)
        let date = today
        return try write(as: "组长") { try $0.openRound(date: date) }
    }

    @discardableResult
    func closeRound(partial: Bool = false) throws -> Round {
        today = today.adding(days: 7)
        let date = today
        return try write(as: "组长") { try $0.closeRound(date: date, partial: partial) }
    }

    /// Passes every unrecorded item of every unit, then closes the round (refused while
    /// re-checks are unrecorded).
    @discardableResult
    func passAllAndClose() throws -> Round {
        for unit in try store.units() { try write { _ = try $0.passRemaining(unit: unit.code) } }
        return try closeRound()
    }

    /// Records a defect and returns its mark code.
    func addDefect(_ unit: String, _ item: String = "DW-01", room: String? = nil,
                   contractor: ContractorChoice = .byTrade) throws -> String {
        try write { try $0.addDefect(unit: unit, item: item, room: room, note: "问题", severity: nil, contractor: contractor) }.code.text
    }

    func rectify(_ code: String) throws {
        try write(as: "施工单位") { _ = try $0.rectify(code: code, note: "已整改") }
    }

    func recheck(_ code: String, passed: Bool) throws {
        try write { _ = try $0.recheck(code: code, passed: passed, note: nil) }
    }

    func waive(_ code: String, answer: String = "结构原因，统一口径解释") throws {
        try write(as: "客服") { _ = try $0.waive(code: code, answer: answer) }
    }

    func reassign(_ code: String, to name: String?) throws {
        try write(as: "客服") { _ = try $0.reassign(code: code, contractor: name) }
    }

    @discardableResult
    func undo(_ unit: String) throws -> Event {
        try write { try $0.undoLast(unit: unit) }
    }

    func eventCount() throws -> Int { try store.events().count }

    func unit(_ code: String) throws -> ProjectUnit {
        guard let unit = try store.unit(code: code) else { throw InspectionError.unknownUnit(code) }
        return unit
    }

    /// Mark codes on a unit's re-check list in a round.
    func recheckList(_ unit: String, round: Int) throws -> [String] {
        try store.unitRound(unit: self.unit(unit), round: round).rechecks.map(\.code.text)
    }

    func status(_ code: String) throws -> DefectStatus {
        try store.defect(code: code).defect.status
    }

    /// Penalty counts by contractor name, leaving out zeros.
    func penalties(round: Int?) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for p in try store.penalties(round: round) where p.count > 0 { counts[p.contractor] = p.count }
        return counts
    }
}

/// A generator that yields each value of a list in turn, then the last forever: draws the
/// same mark code again on purpose.
struct ScriptedGenerator: RandomNumberGenerator, Sendable {
    var values: [UInt64]
    var index = 0

    init(_ values: [UInt64]) { self.values = values }

    mutating func next() -> UInt64 {
        defer { index += 1 }
        return values[min(index, values.count - 1)]
    }
}
