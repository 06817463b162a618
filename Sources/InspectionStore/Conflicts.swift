import Foundation
import GRDB
import InspectionCore

/// A conflict as the lead reads it: where, and each contradicting record with who made it
/// on which laptop.
public struct ConflictView: Hashable, Sendable {
    public var conflict: Conflict
    public var unitCode: String
    /// The defect's mark code, for a conflict about a defect.
    public var defectCode: String?
    /// The contradicting records, in the history's order, with the tag of the laptop that
    /// recorded each.
    public var sides: [(event: Event, replicaTag: String)]

    public static func == (a: ConflictView, b: ConflictView) -> Bool {
        a.conflict == b.conflict && a.sides.map(\.event) == b.sides.map(\.event)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(conflict) }
}

extension InspectionStore {
    /// How many conflicts no lead has resolved.
    public func conflictCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM conflict") ?? 0 }
    }

    /// Every conflict not yet resolved, by unit and round.
    public func conflicts() throws -> [ConflictView] {
        try read { db in try Self.conflicts(db) }
    }

    static func conflicts(_ db: Database) throws -> [ConflictView] {
        var tags: [UUID: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, tag FROM replica") { tags[row[0]] = row[1] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT k.*, u.code AS unit_code, d.code AS defect_code FROM conflict k
            JOIN unit u ON u.id = k.unit LEFT JOIN defect_state d ON d.id = k.defect
            """)
        var views: [(LayoutSortKey, ConflictView)] = []
        for row in rows {
            let ids = try EventCodec.decoder.decode([UUID].self, from: Data((row["events"] as String).utf8))
            let kind = Conflict.Kind(rawValue: row["kind"]) ?? .itemResults
            let room: String? = row["room"], item: String? = row["item"]
            let conflict = Conflict(kind: kind, round: row["round"], unit: row["unit"], defect: row["defect"],
                                    pair: room.map { RoomItem(room: $0, item: item ?? "") }, events: ids)
            var sides: [(event: Event, replicaTag: String)] = []
            for id in ids {
                if let event = try EventCodec.fetch(db, where: "id = ?", arguments: [id]).first {
                    sides.append((event, tags[event.replica] ?? "?"))
                }
            }
            let unitRow = try Row.fetchOne(db, sql: "SELECT * FROM unit WHERE id = ?", arguments: [conflict.unit])
            let key = unitRow.map { Self.unit($0).sortKey } ?? LayoutSortKey(building: "", entrance: 0, floor: 0, number: 0)
            views.append((key, ConflictView(conflict: conflict, unitCode: row["unit_code"], defectCode: row["defect_code"], sides: sides)))
        }
        return views.sorted { ($0.0, $0.1.conflict.round, $0.1.conflict.key) < ($1.0, $1.1.conflict.round, $1.1.conflict.key) }.map(\.1)
    }
}

extension StoreTransaction {
    /// Resolves a conflict (named by its short name, `C-XXXXX`): the records of `keep`
    /// stand and the other sides are set aside; with `keep` nil, every side stays and the
    /// cautious reading counts. A note saying why is required.
    public func resolveConflict(_ name: String, keep: Int?, note: String) throws -> ConflictView {
        let wanted = name.trimmingCharacters(in: .whitespaces).uppercased()
        guard let view = try InspectionStore.conflicts(db).first(where: { $0.conflict.shortName == wanted || $0.conflict.key == name }) else {
            throw InspectionError.invalidValue("no conflict \"\(UserText.escaped(name))\" to resolve (yanfang conflicts lists them)")
        }
        guard let cleaned = try DefectRules.cleanNote(note) else {
            throw InspectionError.invalidValue("say why with --note (the resolution is kept in the history)")
        }
        var setAside: [UUID] = []
        if let keep {
            guard view.sides.indices.contains(keep - 1) else {
                throw InspectionError.invalidValue("conflict \(view.conflict.shortName) has sides 1 to \(view.sides.count), not \(keep)")
            }
            setAside = view.sides.enumerated().filter { $0.offset != keep - 1 }.map(\.element.event.id)
        }
        let c = view.conflict
        // A defect found on the side set aside of an item conflict goes with it: the event
        // names it so that its history sees the resolution. The event belongs to the
        // conflict's round, so that the unit's round is replayed with it.
        let defect = c.defect ?? view.sides.first { setAside.contains($0.event.id) && $0.event.defect != nil }?.event.defect
        try append(.conflictResolved(ConflictResolved(conflict: c.key, setAside: setAside,
                                                      pair: c.kind == .itemResults ? c.pair : nil, note: cleaned)),
                   unit: c.unit, defect: defect, round: c.round)
        return view
    }
}
