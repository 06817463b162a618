import InspectionCore
import InspectionStore
import TerminalKit

/// Recording a defect on an item: pick one of the item's common phrases (a digit, or the
/// arrows) or type free text (Chinese through the input method), optionally change
/// severity and contractor, and confirm with Enter. `d`, `1`, Enter is three keys.
///
/// A digit picks a phrase only while the note is untouched; once typing has started (or
/// Tab has moved to the note) digits are text, so "3处墙根渗水" is kept as typed. A picked
/// phrase is the start of the note: typing appends to it and Backspace edits it.
///
/// The same form corrects a recorded defect (`e`): its note, severity and contractor, and
/// its room while the round it was found in is open.
final class DefectForm: Overlay {
    enum Focus: CaseIterable { case phrases, note, room, severity, contractor }

    let unit: ProjectUnit
    let room: Room
    let item: ChecklistItem
    /// The defect being corrected (nil: a new one).
    let editing: DefectSummary?
    /// The rooms the defect may move to (the item's rooms in the unit; empty: the room stays).
    let rooms: [Room]
    var roomIndex = 0
    var focus = Focus.phrases
    /// The common phrase the note started from, if one was picked.
    var phrase: Int?
    var note: TextField
    var severity: Severity
    /// Index into `choices`; the last choice is "no contractor".
    var contractor: Int
    let choices: [Contractor?]
    let done: (InspectionApp, DefectSummary) throws -> Void

    init(app: InspectionApp, unit: ProjectUnit, room: Room, item: ChecklistItem, editing: DefectSummary? = nil,
         done: @escaping (InspectionApp, DefectSummary) throws -> Void) {
        self.unit = unit
        self.room = room
        self.item = item
        self.editing = editing
        self.done = done
        severity = editing?.severity ?? item.severity
        note = TextField(editing?.note ?? "", maxLength: 200)
        choices = app.contractors.map { Optional($0) } + [nil]
        if let editing {
            contractor = choices.firstIndex { $0?.name == editing.contractor } ?? choices.count - 1
            let candidates = app.checklists.unitType(unit.type)?.rooms.filter { item.rooms.contains($0.kind) } ?? []
            rooms = editing.roundFound == app.openRound?.number && candidates.count > 1 ? candidates : []
            roomIndex = rooms.firstIndex { $0.key == editing.room } ?? 0
            focus = .note
        } else {
            let preferred = ContractorRules.defaultContractor(for: item, building: unit.building, among: app.contractors)
            contractor = choices.firstIndex { $0?.id == preferred?.id } ?? choices.count - 1
            rooms = []
        }
    }

    /// The fields Tab goes through: a correction has no phrases to pick and a room only when it may move.
    var fields: [Focus] {
        Focus.allCases.filter { field in
            switch field {
            case .phrases: return editing == nil
            case .room: return !rooms.isEmpty
            default: return true
            }
        }
    }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let t = app.texts, theme = app.theme
        let phrases = editing == nil ? Array(item.phrases.prefix(9)) : []
        let box = area.centered(width: min(area.width - 2, 76), height: min(area.height, editing == nil ? phrases.count + 9 : 7 + (rooms.isEmpty ? 0 : 1)))
        let title = editing.map { "\(t.editDefect) \($0.code.text) · \(item.id) \(item.name.text(app.language))" }
            ?? "\(t.recordDefect) · \(unit.code) \(room.name.text(app.language)) · \(item.id) \(item.name.text(app.language))"
        let inner = Modal(title: title, theme: theme).render(into: &buffer, area: box)
        var y = inner.y
        if editing == nil {
            buffer.put(t.commonPhrases, at: Position(x: inner.x + 1, y: y), style: focus == .phrases ? theme.highlight : theme.heading)
            y += 1
            for (i, text) in phrases.enumerated() {
                let selected = i == phrase
                let style = selected ? theme.selected : theme.normal
                buffer.fill(Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: 1), style: style)
                buffer.put(" \(i + 1)  \(text)", at: Position(x: inner.x + 1, y: y), style: style, maxWidth: inner.width - 2)
                y += 1
            }
            y += 1
        }
        // Labels as wide as the widest, then a space: "Contractor" never runs into its value.
        let labelWidth = [t.noteLabel, t.severityLabel, t.contractorLabel, rooms.isEmpty ? "" : t.roomLabel].map(DisplayWidth.of).max()! + 1
        let valueX = inner.x + 1 + labelWidth
        let noteLabel = DisplayWidth.fit(t.noteLabel, width: labelWidth)
        buffer.put(noteLabel, at: Position(x: inner.x + 1, y: y), style: focus == .note ? theme.highlight : theme.heading)
        let fieldArea = Rect(x: valueX, y: y, width: inner.maxX - valueX - 1, height: 1)
        let cursor = note.render(into: &buffer, area: fieldArea, style: theme.input)
        if note.isEmpty && focus == .phrases {
            buffer.put(t.notePlaceholder, at: Position(x: fieldArea.x, y: y), style: theme.muted, maxWidth: fieldArea.width)
        }
        y += 1
        if !rooms.isEmpty {
            buffer.put(DisplayWidth.fit(t.roomLabel, width: labelWidth), at: Position(x: inner.x + 1, y: y), style: focus == .room ? theme.highlight : theme.heading)
            buffer.put("◀ \(rooms[roomIndex].name.text(app.language)) ▶", at: Position(x: valueX, y: y),
                       style: focus == .room ? theme.selected : theme.normal, maxWidth: inner.maxX - valueX - 1)
            y += 1
        }
        let severityText = "◀ \(severity.name.text(app.language)) ▶"
        buffer.put(DisplayWidth.fit(t.severityLabel, width: labelWidth), at: Position(x: inner.x + 1, y: y), style: focus == .severity ? theme.highlight : theme.heading)
        buffer.put(severityText, at: Position(x: valueX, y: y), style: focus == .severity ? theme.selected : theme.normal)
        y += 1
        let contractorName = choices[contractor]?.name ?? t.unassigned
        buffer.put(DisplayWidth.fit(t.contractorLabel, width: labelWidth), at: Position(x: inner.x + 1, y: y), style: focus == .contractor ? theme.highlight : theme.heading)
        buffer.put("◀ \(contractorName) ▶", at: Position(x: valueX, y: y), style: focus == .contractor ? theme.selected : theme.normal,
                   maxWidth: inner.maxX - valueX - 1)
        buffer.put(t.defectFormHint, at: Position(x: inner.x + 1, y: inner.maxY - 1), style: theme.muted, maxWidth: inner.width - 2)
        return focus == .note ? cursor : nil
    }

    func handle(_ key: Key, app: InspectionApp) throws -> Bool {
        switch key {
        case .escape:
            return false
        case .enter:
            return try confirm(app)
        case .tab:
            focus = fields[(fields.firstIndex(of: focus)! + 1) % fields.count]
            return true
        case .backTab:
            focus = fields[(fields.firstIndex(of: focus)! + fields.count - 1) % fields.count]
            return true
        default:
            break
        }
        switch focus {
        case .phrases:
            switch key {
            case .down:
                let next = phrase.map { $0 + 1 } ?? 0
                if next < min(9, item.phrases.count) { choosePhrase(next) } else { focus = .note }
            case .up:
                choosePhrase(max(0, (phrase ?? 0) - 1))
            case .character(let c) where c.isASCII && c.isNumber && note.isEmpty:
                let n = Int(String(c))! - 1
                if n >= 0 && n < min(9, item.phrases.count) {
                    choosePhrase(n)
                    focus = .note  // what follows is typed after the phrase
                }
            case .backspace:
                focus = .note
                _ = note.handle(key)
            case .character:
                // Typing starts (or continues) the note.
                focus = .note
                _ = note.handle(key)
            default:
                break
            }
        case .note:
            if key == .up && note.isEmpty && editing == nil { focus = .phrases } else { _ = note.handle(key) }
        case .room:
            if key == .left { roomIndex = (roomIndex + rooms.count - 1) % rooms.count }
            if key == .right || key == .character(" ") { roomIndex = (roomIndex + 1) % rooms.count }
        case .severity:
            let all = Severity.allCases
            let i = all.firstIndex(of: severity)!
            if key == .left { severity = all[(i + all.count - 1) % all.count] }
            if key == .right || key == .character(" ") { severity = all[(i + 1) % all.count] }
        case .contractor:
            if key == .left { contractor = (contractor + choices.count - 1) % choices.count }
            if key == .right || key == .character(" ") { contractor = (contractor + 1) % choices.count }
        }
        return true
    }

    func choosePhrase(_ index: Int) {
        guard index >= 0, index < item.phrases.count else { return }
        phrase = index
        note.setText(item.phrases[index])
    }

    func confirm(_ app: InspectionApp) throws -> Bool {
        let text = UserText.line(note.text)
        guard !text.isEmpty else {
            app.message = (app.texts.noteRequired, true)
            focus = .note
            return true
        }
        if let editing {
            let corrected = app.perform { tx -> DefectSummary in
                let defect = try tx.editDefect(code: editing.code.text, note: text, room: rooms.isEmpty ? nil : rooms[roomIndex].key,
                                               severity: severity, contractor: .some(choices[contractor]?.name))
                return try tx.summary(defect.id)
            }
            guard let corrected else { return true }
            try done(app, corrected)
            return false
        }
        let choice: ContractorChoice = choices[contractor].map { .named($0.name) } ?? .none
        let defect = app.perform { tx in
            try tx.addDefect(unit: unit.code, item: item.id, room: room.key, note: text,
                             severity: severity, contractor: choice)
        }
        guard let defect else { return true }
        try done(app, defect)
        return false
    }
}
