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

    func handle(_ key: Key, app: InspectionApp) throws {
        if pager.handle(key) { return }
        switch key {
        case .character("["), .character("]"):
            guard let current = round else { return }
            let next = current + (key == .character("]") ? 1 : -1)
            guard app.rounds.contains(where: { $0.number == next }) else { return }
            round = next
            pager = TextPager()
            try reload(app)
        case .character("w"):
            guard let report, let round else { return }
            let folder = app.store.path.map { URL(fileURLWithPath: $0).deletingLastPathComponent() } ?? URL(fileURLWithPath: ".")
            let file = folder.appendingPathComponent("report-round-\(round).html")
            try Data(report.html(language: app.language).utf8).write(to: file, options: .atomic)
            app.flash(app.texts.wrote(file.path))
        case .escape, .character("q"), .left, .character("h"):
            app.pop()
        default:
            break
        }
    }

    func hints(_ app: InspectionApp) -> [(key: String, label: String)] {
        [("↑↓", app.texts.keyScroll), ("[ ]", app.texts.switchRound), ("w", app.texts.keyWriteHTML), ("?", app.texts.keyHelp), ("Esc", app.texts.keyBack)]
    }

    func help(_ app: InspectionApp) -> [(key: String, label: String)] {
        [("↑↓ PgUp PgDn", app.texts.keyScroll), ("[ ]", app.texts.switchRound), ("w", app.texts.keyWriteHTML), ("Esc q", app.texts.keyBack)]
    }
}
