import Foundation

/// A unit (户) of the project: where it is and which floor plan it has.
public struct ProjectUnit: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var building: String
    public var entrance: Int
    public var floor: Int
    public var number: Int
    public var type: String

    public init(id: UUID, building: String, entrance: Int, floor: Int, number: Int, type: String) {
        self.id = id
        self.building = building
        self.entrance = entrance
        self.floor = floor
        self.number = number
        self.type = type
    }

    /// `{building}-{entrance}-{floor:02}{unit:02}`: building 3, entrance 1, floor 5, unit 2 → `3-1-0502`.
    public var code: String { UnitCode.format(building: building, entrance: entrance, floor: floor, number: number) }

    /// The room number on the door: floor and unit, `0502`.
    public var roomNumber: String { UnitCode.twoDigits(floor) + UnitCode.twoDigits(number) }

    /// Sorts by building (numerically where it can), entrance, floor, unit.
    public var sortKey: LayoutSortKey { LayoutSortKey(building: building, entrance: entrance, floor: floor, number: number) }
}

/// Layout order: buildings numerically (2 before 10), then entrance, floor, unit.
public struct LayoutSortKey: Comparable, Hashable, Sendable {
    public var building: String
    public var entrance: Int
    public var floor: Int
    public var number: Int
    /// The building's number, read once: sorting compares keys many times.
    private var buildingNumber: Int?

    public init(building: String, entrance: Int, floor: Int, number: Int) {
        self.building = building
        self.entrance = entrance
        self.floor = floor
        self.number = number
        buildingNumber = Int(building)
    }

    public static func < (a: LayoutSortKey, b: LayoutSortKey) -> Bool {
        switch (a.buildingNumber, b.buildingNumber) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil) where a.building != b.building: return a.building < b.building
        default: return (a.entrance, a.floor, a.number) < (b.entrance, b.floor, b.number)
        }
    }
}

/// Compares building names so that "2" < "10" < "A1": numbers by value, then text.
public func compareBuildings(_ a: String, _ b: String) -> Int {
    switch (Int(a), Int(b)) {
    case let (x?, y?): return x == y ? 0 : (x < y ? -1 : 1)
    case (_?, nil): return -1
    case (nil, _?): return 1
    default: return a == b ? 0 : (a < b ? -1 : 1)
    }
}

public enum UnitCode {
    public static func twoDigits(_ n: Int) -> String { n < 10 && n >= 0 ? "0\(n)" : "\(n)" }

    public static func format(building: String, entrance: Int, floor: Int, number: Int) -> String {
        "\(building)-\(entrance)-\(twoDigits(floor))\(twoDigits(number))"
    }

    /// Building names are short ASCII letters and digits, so that unit codes stay easy to type.
    public static func isValidBuilding(_ text: String) -> Bool {
        (1...4).contains(text.count) && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}

/// One row of a layout file as written, before it is checked.
public struct LayoutRow: Hashable, Sendable {
    public var line: Int
    public var building: String
    public var entrance: String
    public var floor: String
    public var unit: String
    public var type: String

    public init(line: Int, building: String, entrance: String, floor: String, unit: String, type: String) {
        self.line = line
        self.building = building
        self.entrance = entrance
        self.floor = floor
        self.unit = unit
        self.type = type
    }
}

/// A problem at a line of a file the user handed us.
public struct LineProblem: Hashable, Sendable, Error, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// The problems found in a file; the file is refused whole.
public struct FileProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [LineProblem]

    public init(_ problems: [LineProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

public enum LayoutRules {
    /// Checks every row and returns the units, or every problem found (one per line at
    /// fault). Units already in the project count as duplicates.
    public static func units(from rows: [LayoutRow], file: String, unitTypes: Set<String>,
                             existingCodes: Set<String>, makeID: () -> UUID) -> Result<[ProjectUnit], FileProblems> {
        var problems: [LineProblem] = []
        var seen: [String: Int] = [:]
        var units: [ProjectUnit] = []
        for row in rows {
            var rowProblems: [String] = []
            let building = row.building.trimmingCharacters(in: .whitespaces)
            if !UnitCode.isValidBuilding(building) {
                rowProblems.append("building \"\(row.building)\" must be 1–4 ASCII letters or digits")
            }
            let entrance = number(row.entrance, field: "entrance", range: 1...99, into: &rowProblems)
            let floor = number(row.floor, field: "floor", range: 1...99, into: &rowProblems)
            let unitNumber = number(row.unit, field: "unit", range: 1...99, into: &rowProblems)
            let type = row.type.trimmingCharacters(in: .whitespaces)
            if !unitTypes.contains(type) {
                let known = unitTypes.sorted().joined(separator: ", ")
                rowProblems.append("unknown unit type \"\(row.type)\" (known: \(known))")
            }
            if rowProblems.isEmpty, let entrance, let floor, let unitNumber {
                let unit = ProjectUnit(id: makeID(), building: building, entrance: entrance, floor: floor, number: unitNumber, type: type)
                if let first = seen[unit.code] {
                    rowProblems.append("duplicate unit \(unit.code) (first at line \(first))")
                } else if existingCodes.contains(unit.code) {
                    rowProblems.append("unit \(unit.code) is already in the project")
                } else {
                    seen[unit.code] = row.line
                    units.append(unit)
                }
            }
            problems += rowProblems.map { LineProblem(file: file, line: row.line, message: $0) }
        }
        if rows.isEmpty { problems.append(LineProblem(file: file, line: 0, message: "no units (only a header?)")) }
        return problems.isEmpty ? .success(units) : .failure(FileProblems(problems))
    }

    private static func number(_ text: String, field: String, range: ClosedRange<Int>, into problems: inout [String]) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Int(trimmed) else {
            problems.append("\(field) \"\(text)\" is not a number")
            return nil
        }
        guard range.contains(value) else {
            problems.append("\(field) \(value) is outside \(range.lowerBound)–\(range.upperBound)")
            return nil
        }
        return value
    }
}
