import InspectionCore
import InspectionReports
import InspectionStore
import TerminalKit

/// The selected defect below a list, in a box: where it is, the inspector's note whole
/// (wrapped, however long), and why it is still on the list (failed re-checks and claims).
/// What a foreman needs at the spot.
struct DefectPane {
    var defect: DefectSummary?
    var story: DefectStory?

    /// The height a list's pane takes in `height` rows.
    static func height(in height: Int) -> Int { min(10, max(6, height / 3)) }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) {
        let inner = Modal(title: "", theme: app.theme).render(into: &buffer, area: area)
        guard let d = defect else { return }
        let t = app.texts, theme = app.theme
        let width = inner.width - 2
        let item = app.checklists.item(d.item)?.name.text(app.language) ?? d.item
        var lines = [Line([Span(d.code.text + "  ", style: theme.accent), Span("\(d.unitCode) \(app.roomName(d)) · \(d.item) \(item)", style: theme.highlight)])]
        lines += DisplayWidth.wrap(t.noteLabel + t.colon + (d.note.isEmpty ? "—" : d.note), width: width).map { Line($0) }
        for step in story?.steps ?? [] {
            let style = step.kind == .failedRecheck ? theme.bad : theme.muted
            lines += DisplayWidth.wrap(StoryText.line(step, language: app.language), width: width).map { Line($0, style: style) }
        }
        for (i, line) in lines.prefix(inner.height).enumerated() {
            buffer.put(line, at: Position(x: inner.x + 1, y: inner.y + i), base: theme.normal, maxWidth: width)
        }
    }
}
