import InspectionCore
import InspectionStore
import TerminalKit

/// A list of defects under unit headings, for drilling down from the board: Enter shows a
/// defect's history.
final class DefectListScreen: Screen {
    let name: String
    let load: (InspectionApp) throws -> [DefectSummary]
    var defects: [DefectSummary] = []
    var rows: [ListRow] = []
    var index: [Int: DefectSummary] = [:]
    var state = ListState()

    init(app: InspectionApp, title: String, load: @escaping (InspectionApp) throws -> [DefectSummary]) throws {
        name = title
        self.load = load
        try reload(app)
        state.selectFirst(count: rows.count) { self.index[$0] != nil }
    }

    func reload(_ app: InspectionApp) throws {
        defects = try load(app)
        rows = []
        index = [:]
        var unit = ""
        for d in defects {
            if d.unitCode != unit {
                unit = d.unitCode
                rows.append(.heading("\(d.unitCode)  \(app.texts.entranceLabel(d.building, d.entrance)) \(UnitCode.twoDigits(d.floor))\(UnitCode.twoDigits(d.number))",
                                     style: app.theme.heading))
            }
            index[rows.count] = d
            rows.append(defectRow(d, app: app))
        }
    }

    func title(_ app: InspectionApp) -> String { name }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let (header, body) = area.splitTop(1)
        buffer.put(" \(name) · \(app.texts.defectsCount(defects.count))", at: Position(x: header.x, y: header.y), style: app.theme.heading, maxWidth: header.width)
        if defects.isEmpty {
            buffer.put("  " + app.texts.nothingHere, at: Position(x: body.x, y: body.y + 1), style: app.theme.muted)
            return nil
        }
        ListView(rows: rows, theme: app.theme).render(into: &buffer, area: body, state: &state)
        return nil
    }

    func handle(_ key: Key, app: InspectionApp) throws {
        if state.handleMovement(key, count: rows.count, selectable: { self.index[$0] != nil }) { return }
        switch key {
        case .enter, .right, .character("l"):
            if let d = state.selected.flatMap({ index[$0] }) { app.push(try DefectScreen(app: app, code: d.code.text)) }
        case .escape, .character("q"), .left, .character("h"): app.pop()
        default: break
        }
    }

    func hints(_ app: InspectionApp) -> [(key: String, label: String)] {
        [("Enter", app.texts.keyDefectHistory), ("?", app.texts.keyHelp), ("Esc", app.texts.keyBack)]
    }

    func help(_ app: InspectionApp) -> [(key: String, label: String)] {
        [("↑↓ j k", app.texts.keyMove), ("Enter", app.texts.keyDefectHistory), ("Esc q", app.texts.keyBack)]
    }
}

/// A defect as one list row: code, room, item, note, severity, round found, failed count, status.
func defectRow(_ d: DefectSummary, app: InspectionApp, showUnit: Bool = false) -> ListRow {
    let theme = app.theme
    let item = app.checklists.item(d.item)?.name.text(app.language) ?? d.item
    /// A column: the text fitted, then a space.
    func column(_ text: String, _ width: Int, _ style: Style? = nil) -> Span {
        Span(DisplayWidth.fit(text, width: width - 1) + " ", style: style)
    }
    // Narrow enough for 80 columns with the unit shown: item and note give way first.
    var spans: [Span] = [Span(" "), column(d.code.text, 9, theme.accent)]
    if showUnit { spans.append(column(d.unitCode, 10)) }
    spans += [
        column(app.roomName(d), 7),
        column(item, showUnit ? 11 : 15),
        column(d.note.isEmpty ? "—" : d.note, showUnit ? 13 : 19, theme.muted),
        column(d.severity.name.text(app.language), 5, d.severity == .severe ? theme.bad : theme.normal),
        column(app.texts.foundInRound(d.roundFound), 6, theme.muted),
        column(d.failedRechecks > 0 ? "✗\(d.failedRechecks)" : "", 3, theme.bad),
        Span(app.texts.statusName(d.status), style: d.status.blocksDelivery ? theme.warning : theme.good),
    ]
    return ListRow(Line(spans))
}
