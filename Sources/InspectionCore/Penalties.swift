import Foundation

/// Repeat failures counted against one contractor (奖罚): defects whose re-checks failed the
/// threshold number of times or more while that contractor was responsible.
public struct ContractorPenalties: Hashable, Sendable, Codable {
    public var contractor: String
    public var count: Int
    /// Mark codes, sorted.
    public var defects: [String]
    /// Of those defects' failures while the contractor was responsible: the ones that followed
    /// a claim of rectification (整改后仍不合格), and the ones with none (未整改).
    public var afterClaim: Int
    public var withoutClaim: Int

    public init(contractor: String, count: Int, defects: [String], afterClaim: Int = 0, withoutClaim: Int = 0) {
        self.contractor = contractor
        self.count = count
        self.defects = defects
        self.afterClaim = afterClaim
        self.withoutClaim = withoutClaim
    }
}

public enum PenaltyRules {
    /// The name under which defects with no contractor are counted.
    public static let unassigned = "(unassigned)"

    /// Counts flagged defects per contractor: those flagged in `round`, or all when nil.
    /// Every contractor appears, with zero when it has none; most penalties first.
    public static func tally(flags: [(code: String, flag: PenaltyFlag)], contractors: [Contractor], round: Int?) -> [ContractorPenalties] {
        let known = Set(contractors.map(\.id))
        var tallies: [UUID?: ContractorPenalties] = [:]
        for (code, flag) in flags where round == nil || flag.round == round {
            // A contractor this file does not know is counted with the unassigned.
            let key = flag.contractor.flatMap { known.contains($0) ? $0 : nil }
            // Changed in place: a copy taken out and put back would copy its list each time.
            tallies[key, default: ContractorPenalties(contractor: "", count: 0, defects: [])].count += 1
            tallies[key]!.defects.append(code)
            tallies[key]!.afterClaim += flag.afterClaim
            tallies[key]!.withoutClaim += flag.withoutClaim
        }
        func named(_ name: String, _ key: UUID?) -> ContractorPenalties {
            var t = tallies[key] ?? ContractorPenalties(contractor: name, count: 0, defects: [])
            t.contractor = name
            t.defects.sort()
            return t
        }
        var result = contractors.map { named($0.name, $0.id) }
        if tallies[UUID?.none] != nil { result.append(named(unassigned, nil)) }
        return result.enumerated().sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }.map(\.element)
    }
}
