import Foundation

/// What an inspector may record in a unit during a round.
public enum RecordingRules {
    /// The room-and-item pair that `itemID` (in `room`, when given) names in `unit`.
    /// Without a room, the item must apply to exactly one room of the unit. An item applies
    /// where its room kinds and its condition (top floor, delivery standard, window) hold.
    public static func pair(unit: ProjectUnit, situation: UnitSituation, itemID: String, room: String?,
                            checklists: ChecklistSet) throws(InspectionError) -> RoomItem {
        guard let item = checklists.item(itemID) ?? checklists.item(itemID.uppercased()) else { throw .unknownItem(itemID) }
        guard let type = checklists.unitType(unit.type) else { throw .invalidValue("unit \(unit.code) has unknown type \(unit.type)") }
        let candidates = type.rooms.filter { item.applies(in: $0, type: type, situation: situation) }
        if let room {
            guard let match = type.room(named: room) else {
                throw .unknownRoom(room, unit: unit.code, rooms: type.rooms.map(\.key))
            }
            guard candidates.contains(match) else {
                // The room is of the item's kinds but its condition does not hold: say which.
                let why = item.rooms.contains(match.kind) ? item.when.map { " (\($0.summary.en))" } ?? "" : ""
                throw .itemNotInRoom(item: item.id, room: match.key + why)
            }
            return RoomItem(room: match.key, item: item.id)
        }
        guard !candidates.isEmpty else {
            throw .itemNotInRoom(item: item.id, room: "any room of unit \(unit.code)" + (item.when.map { " (\($0.summary.en))" } ?? ""))
        }
        guard candidates.count == 1 else {
            throw .invalidValue("item \(item.id) applies to several rooms of unit \(unit.code) (\(candidates.map(\.key).joined(separator: ", "))); name one with --room")
        }
        return RoomItem(room: candidates[0].key, item: item.id)
    }

    /// Whether recording `outcome` changes anything; refused when the pair has defects this
    /// round (they are taken back with undo, not overwritten by a pass).
    public static func record(_ outcome: ItemOutcome, pair: RoomItem, in results: UnitRound,
                              codes: (UUID) -> String) throws(InspectionError) -> Bool {
        if case .defects(let ids)? = results.result(pair) {
            throw .itemHasDefects(item: pair.item, room: pair.room, codes: ids.map(codes))
        }
        return results.outcome(pair) != outcome
    }

    /// The result event `u` takes back: the last one still in effect.
    public static func undoTarget(in results: UnitRound, unitCode: String) throws(InspectionError) -> UUID {
        guard let last = results.undoable.last else { throw .nothingToUndo(unit: unitCode) }
        return last
    }
}
