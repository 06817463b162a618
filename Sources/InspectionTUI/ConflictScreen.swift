import Foundation
import InspectionCore
import InspectionStore
import TerminalKit

/// The lead's view of conflicts between laptops: each with its sides (who, on which laptop,
/// what). A digit keeps that side (the others are set aside), `a` keeps all (the cautious
/// reading stands); either asks why, and the resolution goes into the history.
final class ConflictScreen: Screen {
    var views: [ConflictView] = []
    var names: [UUID: String] = [:]
    /// The floor plan of each conflict's unit, to name its rooms in the interface's language.
    var unitTypes: [String: String] = [:]
    var state = ListState()

    init(app: InspectionApp) throws {
        try reload(app)
    }

    func reload(_ app: InspectionApp) throws {
        views = try app.store.conflicts()
        names = Dictionary(app.contractors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for view in views where unitTypes[view.unitCode] == nil {
            unitTypes[view.unitCode] = try app.store.unit(code: view.unitCode)?.type
        }
        if views.isEmpty { state = ListState() } else { state.selectFirst(count: views.count) { _ in true } }
    }

    func title(_ app: InspectionApp) -> String { app.texts.conflictsTitle }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let theme = app.theme
        // What this screen is, above the list.
        let (header, body) = area.splitTop(1)
        buffer.put(" " + app.texts.conflictsTitle, at: Position(x: header.x, y: header.y), style: theme.heading, maxWidth: header.width)
        guard !views.isEmpty else {
            buffer.put("  " + app.texts.noConflicts, at: Position(x: body.x, y: body.y + 1), style: theme.muted)
            return nil
        }
        let (list, pane) = body.splitBottom(min(body.height / 2, 10))
        ListView(count: views.count, theme: theme) { i in
            ListRow(Line(" " + self.title(self.views[i], app: app)))
        }.render(into: &buffer, area: list, state: &state)
        guard let selected = state.selected, views.indices.contains(selected) else { return nil }
        var y = pane.y
        buffer.put(String(repeating: "─", count: pane.width), at: Position(x: pane.x, y: y), style: theme.muted)
        y += 1
        // Each side whole, wrapped under its number: who, on which laptop, what.
        let view = views[selected]
        for (i, side) in view.sides.enumerated() {
            let head = " \(i + 1). \(app.texts.laptop(side.replicaTag))  "
            let indent = DisplayWidth.of(head)
            let text = DefectScreen.historyLine(side.event, names: names, unitType: unitTypes[view.unitCode], app: app)
            for (n, part) in DisplayWidth.wrap(text, width: max(10, pane.width - indent - 1)).enumerated() where y < pane.maxY {
                buffer.put((n == 0 ? head : String(repeating: " ", count: indent)) + part, at: Position(x: pane.x, y: y),
                           style: theme.normal, maxWidth: pane.width)
                y += 1
            }
        }
        return nil
    }

    /// A conflict in one line: its name, round, unit, what it is about, and where.
    func title(_ view: ConflictView, app: InspectionApp) -> String {
        let t = app.texts, c = view.conflict
        let what: String
        switch c.kind {
        case .itemResults:
            let room = c.pair.map { pair in unitTypes[view.unitCode].map { app.roomName(pair.room, unitType: $0) } ?? pair.room } ?? ""
            let item = c.pair.flatMap { app.checklists.item($0.item) }.map { "\($0.id) \($0.name.text(app.language))" } ?? c.pair?.item ?? ""
            what = "\(room) \(item)"
        case .recheckResults, .waivedAndRechecked, .reassignments: what = view.defectCode ?? ""
        }
        return "\(c.shortName)  \(t.roundShort(c.round))  \(view.unitCode)  \(t.conflictKind(c.kind))  \(what)"
    }

    func bindings(_ app: InspectionApp) -> [Binding] {
        let t = app.texts
        let digits = (1...9).map { Key.character(Character(String($0))) }
        return [
            .move(t) { key in _ = self.state.handleMovement(key, count: self.views.count, selectable: { _ in true }) },
            Binding(digits, name: "1-9", t.keyKeepSide, hint: true) { app, key in
                guard case .character(let c) = key, let n = Int(String(c)) else { return }
                self.resolve(app, keep: n)
            },
            Binding(.character("a"), t.keyKeepAll, hint: true) { app in self.resolve(app, keep: nil) },
            .back(t),
        ]
    }

    func resolve(_ app: InspectionApp, keep: Int?) {
        guard let selected = state.selected, views.indices.contains(selected) else { return }
        let view = views[selected]
        if let keep, !view.sides.indices.contains(keep - 1) { return }
        app.overlay = PromptOverlay(title: app.texts.resolvePrompt) { app, note in
            if app.perform(reload: true, { tx in try tx.resolveConflict(view.conflict.shortName, keep: keep, note: note) }) != nil {
                app.flash(app.texts.resolved(view.conflict.shortName))
                try self.reload(app)
            }
        }
    }
}
