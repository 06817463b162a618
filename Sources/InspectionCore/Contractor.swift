import Foundation

/// A company responsible for rectification (施工单位), with the trades it covers and,
/// optionally, the buildings it covers (nil: all).
public struct Contractor: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var trades: [String]
    public var buildings: [String]?

    public init(id: UUID, name: String, trades: [String], buildings: [String]? = nil) {
        self.id = id
        self.name = name
        self.trades = trades
        self.buildings = buildings
    }

    public func covers(trade: String, building: String) -> Bool {
        trades.contains(trade) && (buildings?.contains(building) ?? true)
    }
}

public enum ContractorRules {
    /// The contractor a new defect goes to by default: the first added that covers the
    /// item's trade in the unit's building; none when no one does.
    public static func defaultContractor(for item: ChecklistItem, building: String, among contractors: [Contractor]) -> Contractor? {
        contractors.first { $0.covers(trade: item.trade, building: building) }
    }

    /// Checks a new contractor: a name, known trades, no duplicate name.
    public static func validate(name: String, trades: [String], existing: [Contractor], checklists: ChecklistSet) throws(InspectionError) -> [String] {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .invalidValue("contractor name is empty") }
        guard !existing.contains(where: { $0.name == trimmed }) else { throw .duplicateContractor(trimmed) }
        guard !trades.isEmpty else { throw .invalidValue("a contractor needs at least one trade (--trades)") }
        var ids: [String] = []
        for trade in trades {
            guard let known = checklists.trade(named: trade.trimmingCharacters(in: .whitespaces)) else {
                throw .unknownTrade(trade, known: checklists.trades.map { "\($0.id) (\($0.name.zh))" })
            }
            if !ids.contains(known.id) { ids.append(known.id) }
        }
        return ids
    }
}
