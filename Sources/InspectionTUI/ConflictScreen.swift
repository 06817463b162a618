import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import TerminalKit

/// The lead's view of conflicts between laptops: each with its sides (who, on which laptop,
/// what). A digit keeps that side (the others are set aside), `a` keeps all (the cautious
/// reading stands); either asks why, and the resolution goes into the history.
final class ConflictScreen: Screen {
    var views: [ConflictView] = []
    var names: [UUID: String] = [:]
    var state = ListState()

    init(app: InspectionApp) throws {
        try reload(app)
    }

    func reload(_ app: InspectionApp) throws {
        views = try app.store.conflicts()
        names = Dictionary(app.contractors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        if views.isEmpty { state = ListState() } else { state.selectFirst(count: views.count) { _ in true } }
    }

    func title(_ app: InspectionApp) -> String { app.texts.conflictsTitle }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let theme = app.theme
        guard !views.isEmpty else {
            buffer.put("  " + app.texts.noConflicts, at: Position(x: area.x, y: area.y + 1), style: theme.muted)
            return nil
        }
        let (list, pane) = area.splitBottom(min(area.height / 2, 10))
        ListView(count: views.count, theme: theme) { i in
            .heading(" " + Self.title(self.views[i]), style: theme.normal)
        }.render(into: &buffer, area: list, state: &state)
        guard let selected = state.selected, views.indices.contains(selected) else { return nil }
        var y = pane.y
        buffer.put(String(repeating: "─", count: pane.width), at: Position(x: pane.x, y: y), style: theme.muted)
        y += 1
        for (i, side) in views[selected].sides.enumerated() where y < pane.maxY {
            let text = " \(i + 1). \(app.texts.laptop(side.replicaTag))  " + describe(side.event, contractors: names)
            buffer.put(text, at: Position(x: pane.x, y: y), style: theme.normal, maxWidth: pane.width)
            y += 1
        }
        return nil
    }

    static func title(_ view: ConflictView) -> String {
        let c = view.conflict
        let what: String
        switch c.kind {
        case .itemResults: what = "\(c.pair?.room ?? "") \(c.pair?.item ?? "")"
        case .recheckResults, .waivedAndRechecked, .reassignments: what = view.defectCode ?? ""
        }
        return "\(c.shortName)  R\(c.round)  \(view.unitCode)  \(c.kind.rawValue)  \(what)"
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
