/// A contractor's name as typed that does not pick one contractor: none fits, or several do.
public struct ContractorNameError: Error, Equatable, Sendable, CustomStringConvertible {
    public var typed: String
    /// The names that fit (several), or the closest ones (none fits).
    public var candidates: [String]
    public var ambiguous: Bool

    public init(typed: String, candidates: [String], ambiguous: Bool) {
        self.typed = typed
        self.candidates = candidates
        self.ambiguous = ambiguous
    }

    public var description: String {
        let list = candidates.map { "\"\($0)\"" }.joined(separator: ", ")
        if ambiguous { return "\"\(typed)\" fits \(candidates.count) contractors: \(list); give more of the name" }
        if candidates.isEmpty { return "no contractor \"\(typed)\" (yanfang contractor list)" }
        return "no contractor \"\(typed)\"; did you mean \(list)?"
    }
}

extension ContractorRules {
    /// The contractor `typed` names: the one with that exact name, else the only one whose
    /// name contains it (`明远` for 明远门窗工程有限公司), ignoring case and spaces.
    public static func resolve(_ typed: String, among contractors: [Contractor]) throws(ContractorNameError) -> Contractor {
        if let exact = contractors.first(where: { UserText.sameName($0.name, typed) }) { return exact }
        let key = Self.key(typed)
        let fitting = key.isEmpty ? [] : contractors.filter { Self.key($0.name).contains(key) }
        if fitting.count == 1 { return fitting[0] }
        if fitting.count > 1 { throw ContractorNameError(typed: typed, candidates: fitting.map(\.name), ambiguous: true) }
        // The closest: the names sharing the most of the typed characters, at least half of them.
        let wanted = Set(key)
        let scored = contractors.map { c in (c.name, wanted.intersection(Self.key(c.name)).count) }
            .filter { !wanted.isEmpty && $0.1 * 2 >= wanted.count && $0.1 > 0 }
            .sorted { $0.1 > $1.1 }
        throw ContractorNameError(typed: typed, candidates: scored.prefix(3).map(\.0), ambiguous: false)
    }

    static func key(_ name: String) -> String { UserText.normalized(name).lowercased().filter { !$0.isWhitespace } }
}
