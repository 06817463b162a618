/// The delivery standard of a unit type (交付标准): finished (精装) or shell (毛坯).
public enum DeliveryStandard: String, Hashable, Sendable, Codable, CaseIterable {
    case finished
    case shell

    public var name: Localized {
        switch self {
        case .finished: Localized(zh: "精装", en: "finished")
        case .shell: Localized(zh: "毛坯", en: "shell")
        }
    }
}

/// Where a unit stands in its entrance (单元): whether it is on the entrance's highest or
/// lowest floor. Derived from the layout (the floors of the entrance's units), never typed.
public struct UnitSituation: Hashable, Sendable {
    public var isTopFloor: Bool
    public var isGroundFloor: Bool

    public init(isTopFloor: Bool, isGroundFloor: Bool) {
        self.isTopFloor = isTopFloor
        self.isGroundFloor = isGroundFloor
    }

    /// A unit on `floor` of an entrance whose units span `entranceFloors` (lowest…highest).
    public init(floor: Int, entranceFloors: ClosedRange<Int>?) {
        isTopFloor = entranceFloors.map { floor >= $0.upperBound } ?? true
        isGroundFloor = entranceFloors.map { floor <= $0.lowerBound } ?? true
    }
}

/// An entrance of a building: the units whose floors decide top and ground floor.
public struct EntranceKey: Hashable, Sendable {
    public var building: String
    public var entrance: Int

    public init(building: String, entrance: Int) {
        self.building = building
        self.entrance = entrance
    }

    public init(_ unit: ProjectUnit) { self.init(building: unit.building, entrance: unit.entrance) }
}

/// Where a checklist item applies beyond its room kinds (`when:` in the checklist files).
/// Every condition given must hold; an item without one applies wherever its room is.
public struct ItemCondition: Hashable, Sendable, Codable {
    /// Which floor of its entrance the unit must be on.
    public enum Floor: String, Hashable, Sendable, Codable, CaseIterable {
        case top
        case ground
    }

    public var floor: Floor?
    /// The delivery standards of the unit types the item applies to.
    public var delivery: DeliveryStandard?
    /// Whether the room must (true) or must not (false) have an exterior window.
    public var exteriorWindow: Bool?

    public init(floor: Floor? = nil, delivery: DeliveryStandard? = nil, exteriorWindow: Bool? = nil) {
        self.floor = floor
        self.delivery = delivery
        self.exteriorWindow = exteriorWindow
    }

    /// Whether the item applies in `room` of a unit of `type` standing at `situation`.
    public func holds(room: Room, type: UnitType, situation: UnitSituation) -> Bool {
        switch floor {
        case .top?: if !situation.isTopFloor { return false }
        case .ground?: if !situation.isGroundFloor { return false }
        case nil: break
        }
        if let delivery, delivery != type.deliveryStandard { return false }
        if let exteriorWindow, exteriorWindow != room.hasExteriorWindow { return false }
        return true
    }

    /// The condition in a few words, for the item's description ("top floor only").
    public var summary: Localized {
        var zh: [String] = [], en: [String] = []
        switch floor {
        case .top?: zh.append("仅顶层"); en.append("top floor only")
        case .ground?: zh.append("仅首层"); en.append("ground floor only")
        case nil: break
        }
        if let delivery { zh.append("仅\(delivery.name.zh)户"); en.append("\(delivery.name.en) units only") }
        switch exteriorWindow {
        case true?: zh.append("有外窗的房间"); en.append("rooms with an exterior window")
        case false?: zh.append("无外窗的房间"); en.append("rooms without an exterior window")
        case nil: break
        }
        return Localized(zh: zh.joined(separator: "，"), en: en.joined(separator: ", "))
    }
}

extension ChecklistItem {
    /// Whether the item is checked in `room` of a unit of `type` at `situation`: the room's
    /// kind is one of the item's and its condition (if any) holds.
    public func applies(in room: Room, type: UnitType, situation: UnitSituation) -> Bool {
        rooms.contains(room.kind) && (when?.holds(room: room, type: type, situation: situation) ?? true)
    }
}
