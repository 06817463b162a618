/// A kind of room that checklist items apply to: entry door, living room, kitchen …
public struct RoomKind: Hashable, Sendable, Codable {
    public var id: String
    public var name: Localized
    /// Whether rooms of this kind have an exterior window unless a unit type says otherwise
    /// (nil in sets saved before the attribute existed: they do).
    public var exteriorWindow: Bool?

    public init(id: String, name: Localized, exteriorWindow: Bool? = nil) {
        self.id = id
        self.name = name
        self.exteriorWindow = exteriorWindow
    }
}

/// A room of a unit type. Its Chinese name is its key within the unit (主卫, 公卫 …).
public struct Room: Hashable, Sendable, Codable {
    public var kind: String
    public var name: Localized
    /// Whether the room has an exterior window (nil in sets saved before the attribute
    /// existed: it has).
    public var exteriorWindow: Bool?

    public init(kind: String, name: Localized, exteriorWindow: Bool? = nil) {
        self.kind = kind
        self.name = name
        self.exteriorWindow = exteriorWindow
    }

    public var key: String { name.zh }
    public var hasExteriorWindow: Bool { exteriorWindow ?? true }
}

/// A floor plan (户型): which rooms a unit has.
public struct UnitType: Hashable, Sendable, Codable {
    public var id: String
    public var name: Localized
    public var rooms: [Room]
    /// The delivery standard (nil in sets saved before the field existed: finished).
    public var delivery: DeliveryStandard?

    public init(id: String, name: Localized, rooms: [Room], delivery: DeliveryStandard? = nil) {
        self.id = id
        self.name = name
        self.rooms = rooms
        self.delivery = delivery
    }

    public var deliveryStandard: DeliveryStandard { delivery ?? .finished }

    /// The room named `query` by its Chinese or English name or its kind (when only one
    /// room has that kind).
    public func room(named query: String) -> Room? {
        if let exact = rooms.first(where: { $0.name.matches(query) }) { return exact }
        let ofKind = rooms.filter { $0.kind == query }
        return ofKind.count == 1 ? ofKind[0] : nil
    }
}

/// A trade responsible for rectification: windows, tiling, waterproofing …
public struct Trade: Hashable, Sendable, Codable {
    public var id: String
    public var name: Localized

    public init(id: String, name: Localized) {
        self.id = id
        self.name = name
    }
}

/// A checklist category: doors and windows, hollowness, leaks, finished-product protection.
public struct Category: Hashable, Sendable, Codable {
    public var id: String
    public var name: Localized

    public init(id: String, name: Localized) {
        self.id = id
        self.name = name
    }
}

/// One thing an inspector checks, in the rooms it applies to.
public struct ChecklistItem: Hashable, Sendable, Codable {
    public var id: String
    public var category: String
    public var name: Localized
    /// Room kinds the item applies to.
    public var rooms: [String]
    public var method: InspectionMethod
    public var criterion: Localized
    /// The standard's clause, only where DOMAIN.md quotes one.
    public var clause: String?
    public var severity: Severity
    public var sensitivity: Sensitivity
    public var trade: String
    /// Common defect notes an inspector can pick instead of typing.
    public var phrases: [String]
    /// Where the item applies beyond its room kinds (top floor, delivery standard, window).
    public var when: ItemCondition?

    public init(id: String, category: String, name: Localized, rooms: [String], method: InspectionMethod,
                criterion: Localized, clause: String?, severity: Severity, sensitivity: Sensitivity,
                trade: String, phrases: [String], when: ItemCondition? = nil) {
        self.id = id
        self.category = category
        self.name = name
        self.rooms = rooms
        self.method = method
        self.criterion = criterion
        self.clause = clause
        self.severity = severity
        self.sensitivity = sensitivity
        self.trade = trade
        self.phrases = phrases
        self.when = when
    }
}

/// A room of a unit and an item checked in it: the unit of recording.
///
/// Both names are kept in NFC (`UserText.normalized`), so two pairs are equal exactly when
/// their bytes are: comparing and hashing bytes gives what comparing the strings would, much
/// faster for Chinese room names (a walkthrough and a rebuild hash pairs millions of times).
public struct RoomItem: Hashable, Sendable, Codable, Comparable {
    public var room: String { didSet { room = UserText.normalized(room) } }
    public var item: String { didSet { item = UserText.normalized(item) } }

    public init(room: String, item: String) {
        self.room = UserText.normalized(room)
        self.item = UserText.normalized(item)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(room: try c.decode(String.self, forKey: .room), item: try c.decode(String.self, forKey: .item))
    }

    public static func == (a: RoomItem, b: RoomItem) -> Bool {
        a.item.utf8.elementsEqual(b.item.utf8) && a.room.utf8.elementsEqual(b.room.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        var room = room
        var item = item
        room.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(0xFF as UInt8)   // never a byte of UTF-8: "ab"+"c" differs from "a"+"bc"
        item.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public static func < (a: RoomItem, b: RoomItem) -> Bool {
        (a.room, a.item) < (b.room, b.item)
    }
}

/// Everything the checklists define: rooms, unit types, trades, categories and items.
public struct ChecklistSet: Hashable, Sendable, Codable {
    public private(set) var roomKinds: [RoomKind]
    public private(set) var unitTypes: [UnitType]
    public private(set) var trades: [Trade]
    public private(set) var categories: [Category]
    public private(set) var items: [ChecklistItem]

    private var itemIndex: [String: Int] = [:]
    /// Items in category order (a room's items are listed in it).
    private var orderedItems: [ChecklistItem] = []
    /// The pairs of each unit type at each situation (four per type), made when first asked.
    private var pairsByType: [PairsKey: PairIndex] = [:]

    private struct PairsKey: Hashable {
        var type: String
        var situation: UnitSituation
    }

    private enum CodingKeys: String, CodingKey { case roomKinds, unitTypes, trades, categories, items }

    public init(roomKinds: [RoomKind], unitTypes: [UnitType], trades: [Trade], categories: [Category], items: [ChecklistItem]) {
        self.roomKinds = roomKinds
        self.unitTypes = unitTypes
        self.trades = trades
        self.categories = categories
        self.items = items
        buildIndexes()
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(roomKinds: try c.decode([RoomKind].self, forKey: .roomKinds),
                  unitTypes: try c.decode([UnitType].self, forKey: .unitTypes),
                  trades: try c.decode([Trade].self, forKey: .trades),
                  categories: try c.decode([Category].self, forKey: .categories),
                  items: try c.decode([ChecklistItem].self, forKey: .items))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(roomKinds, forKey: .roomKinds)
        try c.encode(unitTypes, forKey: .unitTypes)
        try c.encode(trades, forKey: .trades)
        try c.encode(categories, forKey: .categories)
        try c.encode(items, forKey: .items)
    }

    private mutating func buildIndexes() {
        itemIndex = Dictionary(items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let categoryOrder = Dictionary(categories.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let ordered = items.enumerated().sorted {
            (categoryOrder[$0.element.category] ?? .max, $0.offset) < (categoryOrder[$1.element.category] ?? .max, $1.offset)
        }.map(\.element)
        orderedItems = ordered
        for type in unitTypes {
            for top in [false, true] {
                for ground in [false, true] {
                    let situation = UnitSituation(isTopFloor: top, isGroundFloor: ground)
                    pairsByType[PairsKey(type: type.id, situation: situation)] = PairIndex(makePairs(type, situation: situation))
                }
            }
        }
    }

    private func makePairs(_ type: UnitType, situation: UnitSituation) -> [RoomItem] {
        type.rooms.flatMap { room in items(in: room, type: type, situation: situation).map { RoomItem(room: room.key, item: $0.id) } }
    }

    public func item(_ id: String) -> ChecklistItem? {
        itemIndex[id].map { items[$0] }
    }

    public func unitType(_ id: String) -> UnitType? { unitTypes.first { $0.id == id } }
    public func category(_ id: String) -> Category? { categories.first { $0.id == id } }
    public func roomKind(_ id: String) -> RoomKind? { roomKinds.first { $0.id == id } }

    /// The trade named by id, Chinese or English name.
    public func trade(named query: String) -> Trade? {
        trades.first { $0.id == query || $0.name.matches(query) }
    }

    /// Every room-and-item pair a unit of this type is checked on where it stands in its
    /// entrance (top or ground floor), room by room, categories in order within a room: the
    /// items whose room kinds and conditions (`when`) hold.
    public func pairs(forType typeID: String, situation: UnitSituation) -> [RoomItem] {
        pairIndex(forType: typeID, situation: situation).pairs
    }

    /// The same pairs with their places, for replaying a unit's round (`UnitRound`).
    public func pairIndex(forType typeID: String, situation: UnitSituation) -> PairIndex {
        pairsByType[PairsKey(type: typeID, situation: situation)] ?? Self.noPairs
    }

    private static let noPairs = PairIndex([])

    /// The pairs `unit` is checked on, its entrance spanning `entranceFloors`.
    public func pairs(for unit: ProjectUnit, entranceFloors: ClosedRange<Int>?) -> [RoomItem] {
        pairIndex(for: unit, entranceFloors: entranceFloors).pairs
    }

    public func pairIndex(for unit: ProjectUnit, entranceFloors: ClosedRange<Int>?) -> PairIndex {
        pairIndex(forType: unit.type, situation: UnitSituation(floor: unit.floor, entranceFloors: entranceFloors))
    }

    /// The items checked in `room` of a unit of `type` at `situation`, categories in order.
    public func items(in room: Room, type: UnitType, situation: UnitSituation) -> [ChecklistItem] {
        orderedItems.filter { $0.applies(in: room, type: type, situation: situation) }
    }

    public static func == (a: ChecklistSet, b: ChecklistSet) -> Bool {
        a.roomKinds == b.roomKinds && a.unitTypes == b.unitTypes && a.trades == b.trades
            && a.categories == b.categories && a.items == b.items
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(items.map(\.id))
    }
}
