import Foundation
import InspectionCore
import ProjectFiles
import Testing

/// The checklists in the repository's checklists/ folder, read from disk.
func shippedChecklistDirectory() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("checklists")
}

@Test func shippedChecklistsLoadWithoutProblems() throws {
    let result = ChecklistLoader.load(directory: shippedChecklistDirectory(), defaults: [])
    let set = try result.get()
    #expect(set.categories.map(\.id) == ["doors-windows", "hollowness", "leaks", "protection"])
    for category in set.categories {
        let count = set.items.filter { $0.category == category.id }.count
        // Doors and windows carry the railing, sill-guard, safety-glass and anti-lift items (23).
        #expect((10...25).contains(count), "\(category.id) has \(count) items")
    }
    // Every item has at least one phrase and applies to a room some unit type has.
    let usedKinds = Set(set.unitTypes.flatMap { $0.rooms.map(\.kind) })
    for item in set.items {
        #expect(!item.phrases.isEmpty, "\(item.id) has no phrases")
        #expect(item.rooms.contains(where: usedKinds.contains), "\(item.id) applies to no room of any unit type")
    }
}

/// The shipped items' conditions, rooms and repaired texts, as issue 10 asks.
@Test func shippedConditionsFollowTheUnit() throws {
    let set = try ChecklistLoader.load(directory: shippedChecklistDirectory(), defaults: []).get()
    #expect(set.item("LK-16")?.when == ItemCondition(floor: .top))
    #expect(set.item("LK-17")?.when == ItemCondition(floor: .ground))
    for id in ["HL-01", "HL-03", "HL-14", "HL-15", "PR-06"] {
        #expect(set.item(id)?.when == ItemCondition(delivery: .finished), "\(id)")
    }
    #expect(set.item("HL-13")?.when == ItemCondition(delivery: .shell))
    #expect(set.item("DW-23")?.when == ItemCondition(exteriorWindow: true))
    #expect(set.unitTypes.map { "\($0.id):\($0.deliveryStandard.rawValue)" } == ["A:finished", "B:finished", "C:finished", "D:shell"])
    // The rooms the review found missing, with their English names.
    let names = Dictionary(uniqueKeysWithValues: set.roomKinds.map { ($0.id, "\($0.name.zh)=\($0.name.en)") })
    #expect(["hallway", "closet", "storage", "platform", "terrace", "entry-garden"].compactMap { names[$0] } == [
        "玄关/过道=Hallway", "衣帽间=Walk-in closet", "储藏间=Storeroom", "设备平台/空调板=Equipment platform",
        "露台=Terrace", "入户花园=Entry garden",
    ])
    let used = Set(set.unitTypes.flatMap { $0.rooms.map(\.kind) })
    #expect(used.isSuperset(of: ["hallway", "closet", "storage", "platform", "terrace", "entry-garden"]))
    // A shared bathroom without a window has no window items; the master bathroom has.
    let a = try #require(set.unitType("A"))
    let anywhere = UnitSituation(isTopFloor: true, isGroundFloor: true)
    let pairsA = set.pairs(forType: "A", situation: anywhere)
    #expect(pairsA.contains(RoomItem(room: "主卫", item: "DW-10")))
    #expect(!pairsA.contains(RoomItem(room: "公卫", item: "DW-10")))
    #expect(a.room(named: "公卫")?.hasExteriorWindow == false)
    // No closer on the entry security door; protection film and floor cover gone by the final round.
    let entryTexts = set.items.filter { $0.rooms == ["entry"] }.flatMap { [$0.name.zh, $0.criterion.zh, $0.name.en] + $0.phrases }
    #expect(entryTexts.filter { $0.contains("闭门器") } == ["合页安装牢固、螺钉齐全，限位装置（定门器、门吸）有效，关门平稳无撞击（入户防盗门不设闭门器，不检查闭门器）"])
    for id in ["PR-03", "PR-13"] {
        let item = try #require(set.item(id))
        #expect(item.criterion.zh.hasPrefix("末轮验收（交付前）时"), "\(id)")
        #expect(item.criterion.en.hasPrefix("By the final round (before delivery)"), "\(id)")
        #expect(item.phrases.contains { $0.hasPrefix("末轮") }, "\(id)")
    }
}

/// Every figure an item states is one DOMAIN.md's table quotes, with its clause beside it.
@Test func railingAndSillFiguresComeWithTheirClauses() throws {
    let set = try ChecklistLoader.load(directory: shippedChecklistDirectory(), defaults: []).get()
    let railing = try #require(set.item("DW-22"))
    #expect(railing.criterion.en.contains("≥ 1.05 m in housing of 6 floors or fewer, ≥ 1.10 m in 7 floors or more"))
    #expect(railing.criterion.en.contains("vertical bars ≤ 0.11 m"))
    #expect(railing.clause == "GB 50096 (1999 ed., 2003 rev.) §3.7.3 / §3.7.2; GB 50368-2005 (as quoted)")
    let sill = try #require(set.item("DW-23"))
    #expect(sill.criterion.zh.contains("低于0.90 m"))
    #expect(sill.clause == "GB 50096 (1999 ed., 2003 rev.) §3.9.1 (as quoted)")
    // Items without a clause state no measured figure (digits followed by a unit).
    let figure = /\d+(\.\d+)?\s*(m|mm|m²|h|%)\b/
    for item in set.items where item.clause == nil {
        #expect(item.criterion.en.firstMatch(of: figure) == nil, "\(item.id): \(item.criterion.en)")
    }
}

/// A floor-tile item is absent in a shell unit and a screed item in a finished one; the
/// top-floor roof leak and ground-floor damp follow the floor.
@Test func shellAndFinishedUnitsGetTheirOwnItems() throws {
    let set = try ChecklistLoader.load(directory: shippedChecklistDirectory(), defaults: [])
        .get()
    let middle = UnitSituation(isTopFloor: false, isGroundFloor: false)
    let shell = set.pairs(forType: "D", situation: middle)
    let finished = set.pairs(forType: "B", situation: middle)
    func rooms(_ pairs: [RoomItem], _ item: String) -> [String] { pairs.filter { $0.item == item }.map(\.room) }
    #expect(rooms(shell, "HL-01") == [])
    #expect(rooms(finished, "HL-01") == ["玄关/过道", "客厅", "餐厅", "主卧", "次卧", "厨房", "卫生间", "阳台"])
    #expect(rooms(shell, "HL-13") == ["客厅", "餐厅", "主卧", "次卧", "厨房", "卫生间", "阳台"])
    #expect(rooms(finished, "HL-13") == [])
    #expect(rooms(shell, "PR-18") == [] && rooms(finished, "PR-18") == ["厨房"])
    #expect(rooms(finished, "LK-16") == [] && rooms(finished, "LK-17") == [])
    let top = set.pairs(forType: "B", situation: UnitSituation(isTopFloor: true, isGroundFloor: false))
    #expect(rooms(top, "LK-16") == ["玄关/过道", "客厅", "餐厅", "主卧", "次卧", "厨房", "卫生间", "阳台"])
    let ground = set.pairs(forType: "B", situation: UnitSituation(isTopFloor: false, isGroundFloor: true))
    #expect(rooms(ground, "LK-17") == ["玄关/过道", "客厅", "餐厅", "主卧", "次卧", "厨房", "卫生间"])
    #expect(top.count == finished.count + 8 && ground.count == finished.count + 7)
}
