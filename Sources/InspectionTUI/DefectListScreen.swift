import Foundation
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
    var table: DefectTable?
    var stories: [UUID: DefectStory] = [:]
    var state = ListState()

    init(app: InspectionApp, title: String, load: @escaping (InspectionApp) throws -> [DefectSummary]) throws {
        name = title
        self.load = load
        try reload(app)
        state.selectFirst(count: rows.count) { self.index[$0] != nil }
    }

    func reload(_ app: InspectionApp) throws {
        defects = try load(app)
        stories = try app.store.stories(of: defects.map(\.id))
        table = DefectTable(defects, app: app)
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
            rows.append(.heading(""))  // drawn at the screen's width
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
        let (list, pane) = body.splitBottom(DefectPane.height(in: body.height))
        ListView(count: rows.count, theme: app.theme) { i in
            if let d = self.index[i], let table = self.table { return table.row(d, app: app, width: list.width - 1) }
            return self.rows[i]
        }.render(into: &buffer, area: list, state: &state)
        let selected = state.selected.flatMap { index[$0] }
        DefectPane(defect: selected, story: selected.flatMap { stories[$0.id] }).render(into: &buffer, area: pane, app: app)
        return nil
    }

    func bindings(_ app: InspectionApp) -> [Binding] {
        let t = app.texts
        return [
            .move(t) { key in _ = self.state.handleMovement(key, count: self.rows.count, selectable: { self.index[$0] != nil }) },
            Binding([.enter, .right, .character("l")], name: "Enter", t.keyDefectHistory, hint: true) { app, _ in
                if let d = self.state.selected.flatMap({ self.index[$0] }) { app.push(try DefectScreen(app: app, code: d.code.text)) }
            },
            .back(t),
        ]
    }
}

/// The columns of a list of defects, sized to the defects it shows and the screen's width:
/// code, [unit], [room], item, note, severity, round found, failed re-checks, status. The
/// note and the item name give way first; code, severity and status are never cut.
struct DefectTable {
    let showUnit: Bool
    let showRoom: Bool
    /// How much buyers notice it, first (the board's "buyers first").
    let showSensitivity: Bool
    /// The rectification deadline, marked when passed without a claim (a contractor's list).
    let showDeadline: Bool
    private(set) var columns: [FittedColumn] = []

    init(_ defects: [DefectSummary], app: InspectionApp, showUnit: Bool = false, showRoom: Bool = true, showSensitivity: Bool = false,
         showDeadline: Bool = false) {
        self.showUnit = showUnit
        self.showRoom = showRoom
        self.showSensitivity = showSensitivity
        self.showDeadline = showDeadline
        columns = cells(nil, app: app).enumerated().map { i, _ in FittedColumn(natural: 0, minimum: 1, flexible: false) }
        for d in defects {
            for (i, cell) in cells(d, app: app).enumerated() { columns[i].fit(cell.text) }
        }
        // Which may give way, and how far.
        let roles = roles
        for (i, role) in roles.enumerated() {
            switch role {
            case .note: columns[i].flexible = true; columns[i].minimum = min(columns[i].natural, 8)
            case .item: columns[i].flexible = true; columns[i].minimum = min(columns[i].natural, 8)
            case .room, .unit: columns[i].minimum = min(columns[i].natural, 6)
            default: columns[i].minimum = columns[i].natural
            }
        }
    }

    enum Role { case sensitivity, code, unit, room, item, note, severity, round, failed, status, deadline }

    var roles: [Role] {
        (showSensitivity ? [.sensitivity] : []) + [.code] + (showUnit ? [.unit] : []) + (showRoom ? [.room] : []) + [.item, .note, .severity, .round, .failed, .status]
            + (showDeadline ? [.deadline] : [])
    }

    /// The cells of `d` (or, for nil, empty cells in the same columns).
    func cells(_ d: DefectSummary?, app: InspectionApp) -> [Span] {
        let theme = app.theme
        return roles.map { role -> Span in
            guard let d else { return Span("") }
            switch role {
            case .sensitivity: return Span(app.checklists.item(d.item)?.sensitivity.name.text(app.language) ?? "", style: theme.highlight)
            case .code: return Span(d.code.text, style: theme.accent)
            case .unit: return Span(d.unitCode)
            case .room: return Span(app.roomName(d))
            case .item: return Span(app.checklists.item(d.item)?.name.text(app.language) ?? d.item)
            case .note: return Span(d.note.isEmpty ? "—" : d.note, style: theme.muted)
            case .severity: return Span(d.severity.name.text(app.language), style: d.severity == .severe ? theme.bad : theme.normal)
            case .round: return Span(app.texts.foundInRound(d.roundFound), style: theme.muted)
            case .failed: return Span(d.failedRechecks > 0 ? "✗\(d.failedRechecks)" : "", style: theme.bad)
            case .status:
                // A defect laptops disagree about says so until a lead resolves it.
                if d.inConflict { return Span(app.texts.statusName(d.status) + " " + app.texts.conflictMark, style: theme.bad) }
                return Span(app.texts.statusName(d.status), style: d.status.blocksDelivery ? theme.warning : theme.good)
            case .deadline:
                guard let deadline = d.deadline else { return Span("") }
                if d.isOverdue(today: app.today) { return Span("\(deadline) \(FieldLabels.overdue.text(app.language))", style: theme.bad) }
                return Span(deadline.description, style: theme.muted)
            }
        }
    }

    /// `d` as a list row in `width` columns.
    func row(_ d: DefectSummary, app: InspectionApp, width: Int) -> ListRow {
        ListRow(Line([Span(" ")] + ColumnLayout.line(cells(d, app: app), columns: columns, available: width - 2)))  // a space either side
    }
}
