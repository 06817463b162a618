import Foundation
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
    var stories: [UUID: DefectStory] = [:]
    var table: DefectTable?
    var rows: [ListRow] = []
    var index: [Int: DefectSummary] = [:]
    var state = ListState()

    init(app: InspectionApp, contractor: String) throws {
        self.contractor = contractor
        try reload(app)
        state.selectFirst(count: rows.count) { self.index[$0] != nil }
    }

    func reload(_ app: InspectionApp) throws {
        let list = try RectificationList.load(store: app.store, contractor: contractor, all: showAll, today: app.today)
        defects = list.defects
        stories = list.stories
        table = DefectTable(defects, app: app, showRoom: false, showDeadline: true)
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
            rows.append(.heading(""))  // drawn at the screen's width
        }
        if let selected, let i = index.first(where: { $0.value.id == selected })?.key { state.selected = i }
    }

    func title(_ app: InspectionApp) -> String { contractor }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let t = app.texts, theme = app.theme
        let (header, rest) = area.splitTop(2)
        let open = defects.filter { $0.status == .open }.count, awaiting = defects.filter { $0.status == .rectified }.count
        buffer.put(Line([Span(" \(t.rectificationList) · \(contractor)", style: theme.heading),
                         Span("   \(t.toFixCounts(open, awaiting))", style: open > 0 ? theme.warning : theme.good)]),
                   at: Position(x: header.x, y: header.y), base: theme.normal, maxWidth: header.width)
        let deadline = defects.compactMap(\.deadline).max()
        let overdue = defects.filter { $0.isOverdue(today: app.today) }.count
        buffer.put(Line([Span(" " + (showAll ? t.showingAll : t.showingOutstanding), style: theme.muted),
                         Span(deadline.map { "   " + t.deadlineOn($0) } ?? "", style: theme.highlight),
                         Span(overdue > 0 ? "  " + t.overdueCount(overdue) : "", style: theme.bad)]),
                   at: Position(x: header.x, y: header.y + 1), base: theme.normal, maxWidth: header.width)
        if defects.isEmpty {
            buffer.put("  " + t.nothingToFix, at: Position(x: rest.x, y: rest.y + 1), style: theme.good)
            return nil
        }
        let (body, detailArea) = rest.splitBottom(DefectPane.height(in: rest.height))
        ListView(count: rows.count, theme: theme) { i in
            if let d = self.index[i], let table = self.table { return table.row(d, app: app, width: body.width - 1) }
            return self.rows[i]
        }.render(into: &buffer, area: body, state: &state)
        DefectPane(defect: selected, story: selected.flatMap { stories[$0.id] }).render(into: &buffer, area: detailArea, app: app)
        return nil
    }

    var selected: DefectSummary? { state.selected.flatMap { index[$0] } }

    func bindings(_ app: InspectionApp) -> [Binding] {
        let t = app.texts
        let selectable = { self.index[$0] != nil }
        return [
            .move(t) { key in _ = self.state.handleMovement(key, count: self.rows.count, selectable: selectable) },
            Binding(.character("r"), t.keyRectify, hint: true) { app in
                guard let defect = self.selected else { return }
                app.overlay = PromptOverlay(title: t.rectifyPrompt(defect.code.text), allowEmpty: true) { app, note in
                    if app.perform({ tx in try tx.rectify(code: defect.code.text, note: note.isEmpty ? nil : note) }) != nil {
                        app.flash(t.rectified(defect.code.text))
                        try self.reload(app)
                    }
                }
            },
            Binding(.character("u"), t.keyTakeBackClaim) { app in
                guard let defect = self.selected else { return }
                guard defect.status == .rectified else { app.fail(InspectionError.notClaimed(defect.code.text)); return }
                app.overlay = ConfirmOverlay(title: t.takeBackClaimTitle(defect.code.text), lines: [defect.rectificationNote ?? "—"],
                                             choices: [(key: .enter, label: t.takeBackClaimConfirm, action: { app in
                    if app.perform({ tx in try tx.takeBackClaim(code: defect.code.text) }) != nil {
                        app.flash(t.claimTakenBack(defect.code.text))
                        try self.reload(app)
                    }
                })])
            },
            Binding([.enter, .right, .character("l")], name: "Enter", t.keyDefectHistory, hint: true) { app, _ in
                if let d = self.selected { app.push(try DefectScreen(app: app, code: d.code.text)) }
            },
            Binding(.character("a"), t.keyShowAll, hint: true) { app in
                self.showAll.toggle()
                try self.reload(app)
                if self.state.selected.flatMap({ self.index[$0] }) == nil { self.state.selectFirst(count: self.rows.count, selectable: selectable) }
            },
            Binding(.character("q"), t.keyQuit, hint: true) { app in app.quit() },
        ]
    }
}
