/// Lines of text longer than the screen, scrolled with the arrow and page keys.
public struct TextPager: Hashable, Sendable {
    public var offset = 0

    public init() {}

    /// Applies a scrolling key (↑ ↓ j k, PgUp PgDn Space, Home g); false for any other key.
    public mutating func handle(_ key: Key, page: Int = 15) -> Bool {
        switch key {
        case .down, .character("j"): offset += 1
        case .up, .character("k"): offset = max(0, offset - 1)
        case .pageDown, .character(" "), .control("f"): offset += page
        case .pageUp, .control("b"): offset = max(0, offset - page)
        case .home, .character("g"): offset = 0
        default: return false
        }
        return true
    }

    /// Draws the visible lines from the offset, one blank row above and two columns in.
    public mutating func render(_ lines: [Line], into buffer: inout ScreenBuffer, area: Rect, base: Style) {
        offset = min(offset, max(0, lines.count - area.height + 1))
        for (i, line) in lines.dropFirst(offset).prefix(area.height - 1).enumerated() {
            buffer.put(line, at: Position(x: area.x + 2, y: area.y + 1 + i), base: base, maxWidth: area.width - 4)
        }
    }
}
