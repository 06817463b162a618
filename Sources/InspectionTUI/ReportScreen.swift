import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import TerminalKit

/// A preview of the mock acceptance report of a round, bars drawn with block characters;
/// `w` writes the printable HTML beside the database.
final class ReportScreen: Screen {
    var round: Int?
    var report: AcceptanceReport?
    var pager = TextPager()

    init(app: InspectionApp, round: Int?) throws {
        self.round = round
        try reload(app)
    }

    func reload(_ app: InspectionApp) throws {
        guard let round else { report = nil; return }
        report = try AcceptanceReport.load(store: app.store, round: round, today: app.today)
    }

    func title(_ app: InspectionApp) -> String { app.texts.keyReport }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        guard let report else {
            buffer.put("  " + app.texts.noRoundOpen, at: Position(x: area.x, y: area.y + 1), style: app.theme.muted)
            return nil
        }
        pager.render(report.terminalLines(language: app.language, width: area.width - 4, theme: app.theme),
                     into: &buffer, area: area, base: app.theme.normal)
        return nil
    }

    func bindings(_ app: InspectionApp) -> [Binding] {
        let t = app.texts
        return [
            pagerBinding(t) { key in _ = self.pager.handle(key) },
            Binding([.character("["), .character("]")], name: "[ ]", t.switchRound, hint: true) { app, key in
                guard let current = self.round else { return }
                let next = current + (key == .character("]") ? 1 : -1)
                guard app.rounds.contains(where: { $0.number == next }) else { return }
                self.round = next
                self.pager = TextPager()
                try self.reload(app)
            },
            Binding(.character("w"), t.keyWriteHTML, hint: true) { app in
                guard let report = self.report, let round = self.round else { return }
                let folder = app.store.path.map { URL(fileURLWithPath: $0).deletingLastPathComponent() } ?? URL(fileURLWithPath: ".")
                let file = folder.appendingPathComponent("report-round-\(round).html")
                try Data(report.html(language: app.language).utf8).write(to: file, options: .atomic)
                app.flash(t.wrote(file.path))
            },
            .back(t),
        ]
    }
}
