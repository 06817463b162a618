import Foundation

/// Repeat failures counted against one contractor (奖罚): defects rectified twice or more
/// that still failed re-check.
public struct ContractorPenalties: Hashable, Sendable, Codable {
    public var contractor: String
    public var count: Int
    /// Mark codes, sorted.
    public var defects: [String]

    public init(contractor: String, count: Int, defects: [String]) {
        self.contractor = contractor
        self.count = count
        self.defects = defects
    }
}

public enum PenaltyRules {
    /// The name under which defects with no contractor are counted.
    public static let unassigned = "(unassigned)"

    /// Counts flagged defects per contractor: those flagged in `round`, or all when nil.
    /// Every contractor appears, with zero when it has none; most penalties first.
    public static func tally(flags: [(code: String, flag: PenaltyFlag)], contractors: [Contractor], round: Int?) -> [ContractorPenalties] {
        var codes: [UUID?: [String]] = [:]
        for (code, flag) in flags where round == nil || flag.round == round {
            codes[flag.contractor, default: []].append(code)
        }
        var result = contractors.map { c in
            ContractorPenalties(contractor: c.name, count: codes[c.id]?.count ?? 0, defects: (codes[c.id] ?? []).sorted())
        }
        let known = Set(contractors.map(\.id))
        let orphaned = codes.filter { key, _ in key.map { !known.contains($0) } ?? true }.flatMap(\.value)
        if !orphaned.isEmpty {
            result.append(ContractorPenalties(contractor: unassigned, count: orphaned.count, defects: orphaned.sorted()))
        }
        return result.enumerated().sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }.map(\.element)
    }
}
