import InspectionCore
import TerminalKit

/// The `?` overlay: the keys of the current screen and the keys that work everywhere.
final class HelpOverlay: Overlay {
    weak var screen: Screen?
    var offset = 0

    init(screen: Screen?) { self.screen = screen }

    func lines(_ app: InspectionApp) -> [(key: String, label: String)] {
        (screen?.help(app) ?? []) + app.globalBindings.map { ($0.name, $0.label) } + [("Ctrl-C", app.texts.keyQuitNow)]
    }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let lines = lines(app)
        let box = area.centered(width: min(area.width - 4, 72), height: min(area.height - 2, lines.count + 4))
        let inner = Modal(title: app.texts.helpTitle, theme: app.theme).render(into: &buffer, area: box)
        // Keys as wide as the widest (up to half the box), then two spaces: never cut, never run together.
        let keyWidth = min(inner.width / 2, (lines.map { DisplayWidth.of($0.key) }.max() ?? 4) + 2)
        let visible = inner.height - 1
        offset = min(offset, max(0, lines.count - visible))
        for (row, line) in lines.dropFirst(offset).prefix(visible).enumerated() {
            let y = inner.y + row
            buffer.put(DisplayWidth.fit(line.key, width: keyWidth), at: Position(x: inner.x + 1, y: y), style: app.theme.highlight)
            buffer.put(line.label, at: Position(x: inner.x + 1 + keyWidth, y: y), style: app.theme.normal, maxWidth: inner.width - keyWidth - 2)
        }
        buffer.put(app.texts.helpClose, at: Position(x: inner.x + 1, y: inner.maxY - 1), style: app.theme.muted, maxWidth: inner.width - 2)
        return nil
    }

    func handle(_ key: Key, app: InspectionApp) throws -> Bool {
        switch key {
        case .down, .character("j"): offset += 1; return true
        case .up, .character("k"): offset = max(0, offset - 1); return true
        default: return false
        }
    }
}

/// Asks for one line of text; `completion` runs on Enter and may refuse by throwing.
final class PromptOverlay: Overlay {
    let title: String
    var field: TextField
    /// Enter on an empty field still completes (with "").
    let allowEmpty: Bool
    let completion: (InspectionApp, String) throws -> Void

    init(title: String, initial: String = "", allowEmpty: Bool = false,
         completion: @escaping (InspectionApp, String) throws -> Void) {
        self.title = title
        field = TextField(initial, maxLength: 500)
        self.allowEmpty = allowEmpty
        self.completion = completion
    }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let box = area.centered(width: min(area.width - 4, 64), height: 5)
        let inner = Modal(title: title, theme: app.theme).render(into: &buffer, area: box)
        let cursor = field.render(into: &buffer, area: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: 1), style: app.theme.input)
        buffer.put(app.texts.promptHint, at: Position(x: inner.x + 1, y: inner.y + 2),
                   style: app.theme.muted, maxWidth: inner.width - 2)
        return cursor
    }

    func handle(_ key: Key, app: InspectionApp) throws -> Bool {
        switch key {
        case .enter:
            let text = UserText.line(field.text)
            if text.isEmpty && !allowEmpty { return false }
            try completion(app, text)
            return false
        case .escape:
            return false
        default:
            _ = field.handle(key)
            return true
        }
    }
}

/// A question with lines of context and one-key answers.
final class ConfirmOverlay: Overlay {
    let title: String
    let lines: [String]
    let choices: [(key: Key, label: String, action: (InspectionApp) throws -> Void)]

    init(title: String, lines: [String], choices: [(key: Key, label: String, action: (InspectionApp) throws -> Void)]) {
        self.title = title
        self.lines = lines
        self.choices = choices
    }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let width = min(area.width - 4, max(40, (lines.map(DisplayWidth.of).max() ?? 0) + 4))
        let box = area.centered(width: width, height: lines.count + 5)
        let inner = Modal(title: title, theme: app.theme).render(into: &buffer, area: box)
        for (row, line) in lines.enumerated() {
            buffer.put(line, at: Position(x: inner.x + 1, y: inner.y + row), style: app.theme.normal, maxWidth: inner.width - 2)
        }
        let hints = Line(choices.flatMap { [Span(" \(keyName($0.key)) ", style: app.theme.statusKey), Span(" \($0.label)  ")] }
                         + [Span(" Esc ", style: app.theme.statusKey), Span(" \(app.texts.cancel)")])
        buffer.put(hints, at: Position(x: inner.x + 1, y: inner.maxY - 1), base: app.theme.normal, maxWidth: inner.width - 2)
        return nil
    }

    func handle(_ key: Key, app: InspectionApp) throws -> Bool {
        if key == .escape { return false }
        if let choice = choices.first(where: { $0.key == key }) {
            try choice.action(app)
            return false
        }
        return true
    }
}

/// How a key is written in hints.
func keyName(_ key: Key) -> String {
    switch key {
    case .character(" "): return "Space"
    case .character(let c): return String(c)
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .control(let c): return "Ctrl-\(c.uppercased())"
    default: return "\(key)"
    }
}
