/// A bordered box drawn over the screen, with a title in its top border.
public struct Modal {
    public var title: String
    public var theme: Theme

    public init(title: String, theme: Theme) {
        self.title = title
        self.theme = theme
    }

    /// Clears `area`, draws the border and title; returns the inner area.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        buffer.fill(area, style: theme.normal)
        let horizontal = String(repeating: "─", count: area.width - 2)
        buffer.put("┌" + horizontal + "┐", at: Position(x: area.x, y: area.y), style: theme.border)
        buffer.put("└" + horizontal + "┘", at: Position(x: area.x, y: area.maxY - 1), style: theme.border)
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer.put("│", at: Position(x: area.x, y: y), style: theme.border)
            buffer.put("│", at: Position(x: area.maxX - 1, y: y), style: theme.border)
        }
        if !title.isEmpty {
            buffer.put(" \(title) ", at: Position(x: area.x + 2, y: area.y), style: theme.heading, maxWidth: area.width - 4)
        }
        return area.inset(by: 1)
    }
}
