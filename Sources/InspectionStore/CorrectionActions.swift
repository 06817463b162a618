import Foundation
import GRDB
import InspectionCore

/// Corrections of what was recorded, any record and not only the last: each is a new event
/// naming what it corrects (`reverted` for what is taken back, `defect.edited` for a
/// defect's description, `defect.reassigned` for its contractor), so the history keeps both.
extension StoreTransaction {
    /// Withdraws a defect found in the open round (recorded by mistake, or twice). Its mark
    /// code keeps answering, as withdrawn, since its sticker may be on the wall already.
    @discardableResult
    public func withdrawDefect(code: String) throws -> Defect {
        let defect = try loadDefect(code: code)
        try DefectRules.withdraw(defect, openRound: latestRound.flatMap { $0.isOpen ? $0.number : nil })
        guard let found = try defectEvents(defect.id).first(where: { if case .defectFound = $0.body { return true } else { return false } }) else {
            throw InspectionError.unknownDefect(code)
        }
        try append(.reverted(Reverted(target: found.id)), unit: defect.unit, defect: defect.id)
        return defect
    }

    /// Changes a defect's note, severity or room (the fields given), and its contractor when
    /// `contractor` is given (`.some(nil)`: none), as one action. Returns the defect after it.
    @discardableResult
    public func editDefect(code: String, note: String? = nil, room: String? = nil, severity: Severity? = nil,
                           contractor: String?? = nil) throws -> Defect {
        var defect = try loadDefect(code: code)
        var requested = DefectEdited(note: try note.map { try DefectRules.cleanNote($0) ?? "" }, severity: severity)
        if let room {
            let unit = try unitRow(id: defect.unit)
            requested.room = try RecordingRules.pair(unit: unit.unit, situation: try situation(unit), itemID: defect.item, room: room, checklists: try checklists()).room
        }
        let edit = try DefectRules.edit(defect, requested, openRound: latestRound.flatMap { $0.isOpen ? $0.number : nil })
        var changed = false
        if !edit.isEmpty {
            defect = try step(.defectEdited(edit), defect: defect)
            changed = true
        }
        if let choice = contractor {
            let target = try choice.map { try self.contractor(named: $0) }
            if target?.id != defect.contractor {
                defect = try reassign(code: code, contractor: target?.name)
                changed = true
            }
        }
        guard changed else { throw InspectionError.nothingToChange(defect.code.text) }
        return defect
    }

    /// The contractor takes back its claim that a defect is fixed (until it is re-checked).
    @discardableResult
    public func takeBackClaim(code: String) throws -> Defect {
        let defect = try loadDefect(code: code)
        let claim = try DefectRules.takeBackClaim(defect)
        return try step(.reverted(Reverted(target: claim)), defect: defect)
    }

    /// Withdraws the re-check result recorded for a defect in the open round.
    @discardableResult
    public func withdrawRecheck(code: String) throws -> Defect {
        let round = try openRound()
        let defect = try loadDefect(code: code)
        guard let recheck = defect.rechecks.last(where: { $0.round == round.number }), let event = recheck.event else {
            throw InspectionError.nothingRecorded(item: defect.code.text, room: defect.room)
        }
        return try step(.reverted(Reverted(target: event)), defect: defect)
    }

    /// Withdraws the pass or not-applicable of one item in a room of a unit this round: it is
    /// unrecorded again. An item passed with the rest of its room or unit is taken out of that
    /// pass alone. Returns how many records were taken back.
    @discardableResult
    public func withdrawResult(unit code: String, item: String, room: String?) throws -> Int {
        let round = try openRound()
        let unit = try unitRow(code: code)
        let pair = try RecordingRules.pair(unit: unit.unit, situation: try situation(unit), itemID: item, room: room, checklists: try checklists())
        let (results, events) = try unitResults(unit, round: round.number)
        if case .defects(let ids)? = results.result(pair) {
            let codes = try codes(of: ids)
            throw InspectionError.itemHasDefects(item: pair.item, room: pair.room, codes: ids.map { codes[$0] ?? $0.uuidString })
        }
        let targets = results.outcomeEvents(pair)
        guard !targets.isEmpty else { throw InspectionError.nothingRecorded(item: pair.item, room: pair.room) }
        for target in targets {
            let scope: RoomItem?
            if case .remainingPassed? = events.first(where: { $0.id == target })?.body { scope = pair } else { scope = nil }
            try append(.reverted(Reverted(target: target, pair: scope)), unit: unit.unit.id)
        }
        return targets.count
    }
}
