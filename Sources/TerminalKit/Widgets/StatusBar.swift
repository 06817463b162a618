/// Key hints on the bottom row: each key highlighted, then what it does.
public struct StatusBar {
    public var hints: [(key: String, label: String)]
    public var message: String?
    /// Style of the message (default: the bar's); an error stands out.
    public var messageStyle: Style?
    public var theme: Theme

    public init(hints: [(key: String, label: String)], message: String? = nil, messageStyle: Style? = nil, theme: Theme) {
        self.hints = hints
        self.message = message
        self.messageStyle = messageStyle
        self.theme = theme
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area, style: theme.statusBar)
        var spans: [Span] = []
        for (key, label) in hints {
            spans.append(Span(" \(key)", style: theme.statusKey))
            spans.append(Span(" \(label) ", style: theme.statusBar))
        }
        let hintLine = Line(spans)
        if let full = message, !full.isEmpty {
            let message = DisplayWidth.of(full) > area.width - 2 ? DisplayWidth.fit(full, width: area.width - 2) : full
            let messageWidth = DisplayWidth.of(message)
            let room = area.width - messageWidth - 1
            let style = messageStyle ?? theme.statusBar
            if room >= 10 {
                buffer.put(hintLine, at: Position(x: area.x, y: area.y), base: theme.statusBar, maxWidth: room)
                buffer.put(" " + message, at: Position(x: area.maxX - messageWidth - 2, y: area.y), style: style)
            } else {
                buffer.fill(area, style: style)
                buffer.put(" " + message, at: Position(x: area.x, y: area.y), style: style, maxWidth: area.width)
            }
        } else {
            buffer.put(hintLine, at: Position(x: area.x, y: area.y), base: theme.statusBar, maxWidth: area.width)
        }
    }
}
