import Foundation

/// The columns of the defect board.
///
/// For round N: `new` and `failedRechecks` are what happened in round N; `open`,
/// `rectified`, `closed` and `waived` are where every defect found so far stood at the end
/// of round N (for the latest round: now).
public enum BoardMeasure: String, Hashable, Sendable, CaseIterable, Codable {
    case new, open, rectified, closed, failedRechecks, waived

    public var name: Localized {
        switch self {
        case .new: return Localized(zh: "新增", en: "new")
        case .open: return Localized(zh: "待整改", en: "open")
        case .rectified: return Localized(zh: "待复查", en: "rectified")
        case .closed: return Localized(zh: "已销项", en: "closed")
        case .failedRechecks: return Localized(zh: "复查未过", en: "failed")
        case .waived: return Localized(zh: "统一口径", en: "waived")
        }
    }
}

/// Counts in each board column.
public struct StatusCounts: Hashable, Sendable, Codable {
    public var new = 0
    public var open = 0
    public var rectified = 0
    public var closed = 0
    public var failedRechecks = 0
    public var waived = 0

    public init() {}

    public subscript(measure: BoardMeasure) -> Int {
        get {
            switch measure {
            case .new: return new
            case .open: return open
            case .rectified: return rectified
            case .closed: return closed
            case .failedRechecks: return failedRechecks
            case .waived: return waived
            }
        }
        set {
            switch measure {
            case .new: new = newValue
            case .open: open = newValue
            case .rectified: rectified = newValue
            case .closed: closed = newValue
            case .failedRechecks: failedRechecks = newValue
            case .waived: waived = newValue
            }
        }
    }

    /// Defects found up to the round, whatever their state.
    public var total: Int { open + rectified + closed + waived }
    /// Open plus rectified-awaiting-re-check: what still keeps units from delivery.
    public var outstanding: Int { open + rectified }

    public static func + (a: StatusCounts, b: StatusCounts) -> StatusCounts {
        var sum = a
        for m in BoardMeasure.allCases { sum[m] += b[m] }
        return sum
    }
}

/// A count of defects in one building, category and contractor for one board column.
public struct BoardFact: Hashable, Sendable {
    public var building: String
    public var category: String
    public var contractor: UUID?
    public var measure: BoardMeasure
    public var count: Int

    public init(building: String, category: String, contractor: UUID?, measure: BoardMeasure, count: Int) {
        self.building = building
        self.category = category
        self.contractor = contractor
        self.measure = measure
        self.count = count
    }
}

/// The board's tables for one round: by building, category, contractor, and the
/// building × category matrix.
public struct BoardTables: Hashable, Sendable {
    public var buildings: [String]
    public var categories: [String]
    public var contractors: [UUID?]
    public var byBuilding: [String: StatusCounts]
    public var byCategory: [String: StatusCounts]
    public var byContractor: [UUID?: StatusCounts]
    public var matrix: [String: [String: StatusCounts]]
    public var total: StatusCounts

    /// Sums facts into the tables. Rows listed in `buildings`, `categories` and
    /// `contractors` appear even when empty; others found in facts are added at the end.
    public static func assemble(_ facts: [BoardFact], buildings: [String], categories: [String], contractors: [UUID?]) -> BoardTables {
        var tables = BoardTables(buildings: buildings, categories: categories, contractors: contractors,
                                 byBuilding: [:], byCategory: [:], byContractor: [:], matrix: [:], total: StatusCounts())
        for b in buildings { tables.byBuilding[b] = StatusCounts() }
        for c in categories { tables.byCategory[c] = StatusCounts() }
        for c in contractors { tables.byContractor[c] = StatusCounts() }
        for fact in facts {
            if tables.byBuilding[fact.building] == nil { tables.buildings.append(fact.building) }
            if tables.byCategory[fact.category] == nil { tables.categories.append(fact.category) }
            if tables.byContractor[fact.contractor] == nil { tables.contractors.append(fact.contractor) }
            tables.byBuilding[fact.building, default: StatusCounts()][fact.measure] += fact.count
            tables.byCategory[fact.category, default: StatusCounts()][fact.measure] += fact.count
            tables.byContractor[fact.contractor, default: StatusCounts()][fact.measure] += fact.count
            tables.matrix[fact.building, default: [:]][fact.category, default: StatusCounts()][fact.measure] += fact.count
            tables.total[fact.measure] += fact.count
        }
        return tables
    }

    public func cell(building: String, category: String) -> StatusCounts {
        matrix[building]?[category] ?? StatusCounts()
    }
}
