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
        if let full = message, !full.isEmpty {
            let message = DisplayWidth.of(full) > area.width - 2 ? DisplayWidth.fit(full, width: area.width - 2) : full
            let messageWidth = DisplayWidth.of(message)
            let room = area.width - messageWidth - 1
            let style = messageStyle ?? theme.statusBar
            if room >= 10 {
                buffer.put(hintLine(width: room), at: Position(x: area.x, y: area.y), base: theme.statusBar, maxWidth: room)
                buffer.put(" " + message, at: Position(x: area.maxX - messageWidth - 2, y: area.y), style: style)
            } else {
                buffer.fill(area, style: style)
                buffer.put(" " + message, at: Position(x: area.x, y: area.y), style: style, maxWidth: area.width)
            }
        } else {
            buffer.put(hintLine(width: area.width), at: Position(x: area.x, y: area.y), base: theme.statusBar, maxWidth: area.width)
        }
    }

    /// The hints that fit in `width` whole, never one cut short: from the first, keeping
    /// the last (the help key) when some must go.
    func hintLine(width: Int) -> Line {
        func spans(_ hint: (key: String, label: String)) -> [Span] {
            [Span(" \(hint.key)", style: theme.statusKey), Span(" \(hint.label) ", style: theme.statusBar)]
        }
        func size(_ hint: (key: String, label: String)) -> Int { DisplayWidth.of(" \(hint.key) \(hint.label) ") }
        if hints.map(size).reduce(0, +) <= width { return Line(hints.flatMap(spans)) }
        guard let last = hints.last else { return Line([]) }
        var used = size(last)
        var kept: [(key: String, label: String)] = []
        for hint in hints.dropLast() {
            guard used + size(hint) <= width else { break }
            kept.append(hint)
            used += size(hint)
        }
        return Line((kept + (used <= width ? [last] : [])).flatMap(spans))
    }
}
