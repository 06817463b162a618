import Foundation

/// Records made at the same time on different laptops that contradict each other. Nothing is
/// dropped: until a lead resolves the conflict (`ConflictResolved`), the cautious reading
/// counts — a recorded defect stands over a pass, a failed re-check over a passed one, and a
/// defect waived on one laptop and failed on another stays open.
public struct Conflict: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Two different results for one room and item of a unit in a round.
        case itemResults = "item"
        /// A passed and a failed re-check of one defect in one round.
        case recheckResults = "recheck"
        /// A defect waived on one laptop and re-checked on another.
        case waivedAndRechecked = "waive-recheck"
        /// Two reassignments of one defect in one round.
        case reassignments = "reassign"
    }

    /// Names the conflict across replicas: the same contradiction has the same key everywhere.
    public var key: String
    public var kind: Kind
    public var round: Int
    public var unit: UUID
    public var defect: UUID?
    public var pair: RoomItem?
    /// The contradicting records, in the history's order.
    public var events: [UUID]

    public init(kind: Kind, round: Int, unit: UUID, defect: UUID? = nil, pair: RoomItem? = nil, events: [UUID]) {
        self.kind = kind
        self.round = round
        self.unit = unit
        self.defect = defect
        self.pair = pair
        self.events = events
        switch kind {
        case .itemResults: key = "item:\(unit.uuidString):\(round):\(pair?.room ?? ""):\(pair?.item ?? "")"
        case .recheckResults: key = "recheck:\(defect?.uuidString ?? ""):\(round)"
        case .waivedAndRechecked: key = "waive-recheck:\(defect?.uuidString ?? "")"
        case .reassignments: key = "reassign:\(defect?.uuidString ?? ""):\(round)"
        }
    }

    /// A short name to type: `C-` and five characters of the mark-code alphabet, from the key.
    public var shortName: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3 }
        var name = "C-"
        for _ in 0..<5 {
            name.append(MarkCode.alphabet[Int(hash % UInt64(MarkCode.alphabet.count))])
            hash /= UInt64(MarkCode.alphabet.count)
        }
        return name
    }
}

extension Array where Element == Conflict {
    /// Adds a conflict, or the new records to the one with the same key.
    mutating func note(_ conflict: Conflict) {
        if let i = firstIndex(where: { $0.key == conflict.key }) {
            for id in conflict.events where !self[i].events.contains(id) { self[i].events.append(id) }
        } else {
            append(conflict)
        }
    }
}

/// Corrections in a set of events: what undo and resolutions take back, and which
/// conflicts were resolved.
public struct Corrections: Sendable {
    /// Events taken back everywhere (undone, or set aside by a resolution without a pair).
    public var withdrawn: Set<UUID> = []
    /// Events set aside for one room and item only.
    public var setAsideForPair: [RoomItem: Set<UUID>] = [:]
    public var resolved: Set<String> = []

    public init(_ events: [Event]) {
        for event in events {
            switch event.body {
            case .reverted(let r):
                if let pair = r.pair { setAsideForPair[pair, default: []].insert(r.target) } else { withdrawn.insert(r.target) }
            case .conflictResolved(let c):
                resolved.insert(c.conflict)
                if let pair = c.pair {
                    setAsideForPair[pair, default: []].formUnion(c.setAside)
                } else {
                    withdrawn.formUnion(c.setAside)
                }
            default: break
            }
        }
    }
}
