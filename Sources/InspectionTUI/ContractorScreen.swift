import InspectionCore
import InspectionReports
import InspectionStore
import TerminalKit

/// A contractor's rectification list (`yanfang --contractor NAME`): only its own defects,
/// grouped by building, entrance, unit and room, each with the mark code on the sticker.
/// `r` claims a defect rectified, with an optional note. Nothing of another contractor
/// is shown.
final class ContractorScreen: Screen {
    let contractor: String
    var showAll = false
    var defects: [DefectSummary] = []
    var rows: [ListRow] = []
    var index: [Int: DefectSummary] = [:]
    var state = ListState()

    init(app: InspectionApp, contractor: String) throws {
        self.contractor = contractor
        try reload(app)
        state.selectFirst(count: rows.count) { self.index[$0] != nil }
    }

    func reload(_ app: InspectionApp) throws {
        defects = try RectificationList.load(store: app.store, contractor: contractor, all: showAll, today: app.today).defects
        let selected = state.selected.flatMap { index[$0]?.id }
        rows = []
        index = [:]
        var entrance = "", unit = "", room = ""
        for d in defects {
            let e = "\(d.building)-\(d.entrance)"
            if e != entrance {
                entrance = e
                unit = ""
                rows.append(.heading(app.texts.entranceLabel(d.building, d.entrance), style: app.theme.heading))
            }
            if d.unitCode != unit || d.room != room {
                unit = d.unitCode
                room = d.room
                rows.append(.heading("  \(d.unitCode)  \(app.roomName(d))", style: app.theme.highlight))
            }
            index[rows.count] = d
            var row = defectRow(d, app: app)
            row.line.spans.remove(at: 2)  // the room is in the heading
            rows.append(row)
        }
        if let selected, let i = index.first(where: { $0.value.id == selected })?.key { state.selected = i }
    }

    func title(_ app: InspectionApp) -> String { contractor }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let t = app.texts, theme = app.theme
        let (header, body) = area.splitTop(2)
        let open = defects.filter { $0.status == .open }.count, awaiting = defects.filter { $0.status == .rectified }.count
        buffer.put(Line([Span(" \(t.rectificationList) · \(contractor)", style: theme.heading),
                         Span("   \(t.toFixCounts(open, awaiting))", style: open > 0 ? theme.warning : theme.good)]),
                   at: Position(x: header.x, y: header.y), base: theme.normal, maxWidth: header.width)
        buffer.put(" " + (showAll ? t.showingAll : t.showingOutstanding), at: Position(x: header.x, y: header.y + 1), style: theme.muted, maxWidth: header.width)
        if defects.isEmpty {
            buffer.put("  " + t.nothingToFix, at: Position(x: body.x, y: body.y + 1), style: theme.good)
            return nil
        }
        ListView(rows: rows, theme: theme).render(into: &buffer, area: body, state: &state)
        return nil
    }

    var selected: DefectSummary? { state.selected.flatMap { index[$0] } }

    func handle(_ key: Key, app: InspectionApp) throws {
        let selectable = { self.index[$0] != nil }
        if state.handleMovement(key, count: rows.count, selectable: selectable) { return }
        switch key {
        case .character("a"):
            showAll.toggle()
            try reload(app)
            if state.selected.flatMap({ index[$0] }) == nil { state.selectFirst(count: rows.count, selectable: selectable) }
        case .character("r"):
            guard let defect = selected else { return }
            app.overlay = PromptOverlay(title: app.texts.rectifyPrompt(defect.code.text), allowEmpty: true) { app, note in
                if app.perform({ tx in try tx.rectify(code: defect.code.text, note: note.isEmpty ? nil : note) }) != nil {
                    app.flash(app.texts.rectified(defect.code.text))
                    try self.reload(app)
                }
            }
        case .enter, .right, .character("l"):
            if let d = selected { app.push(try DefectScreen(app: app, code: d.code.text)) }
        case .character("q"):
            app.quit()
        default:
            break
        }
    }

    func hints(_ app: InspectionApp) -> [(key: String, label: String)] {
        [("r", app.texts.keyRectify), ("Enter", app.texts.keyDefectHistory), ("a", app.texts.keyShowAll), ("?", app.texts.keyHelp), ("q", app.texts.keyQuit)]
    }

    func help(_ app: InspectionApp) -> [(key: String, label: String)] {
        let t = app.texts
        return [("↑↓ j k", t.keyMove), ("r", t.keyRectify), ("Enter", t.keyDefectHistory), ("a", t.keyShowAll), ("q", t.keyQuit)]
    }
}
