/// One row of a list: a selectable entry or a heading between groups.
public struct ListRow: Hashable, Sendable {
    public var line: Line
    public var isSelectable: Bool
    /// Style of the whole row when it is not selected (nil: the list's style).
    public var style: Style?

    public init(_ line: Line, selectable: Bool = true, style: Style? = nil) {
        self.line = line
        self.isSelectable = selectable
        self.style = style
    }

    public static func heading(_ text: String, style: Style? = nil) -> ListRow {
        ListRow(Line(text), selectable: false, style: style)
    }
}

/// A vertical list that scrolls to keep its selection visible, with a scroll indicator in
/// the right column when it does not all fit. Rows are asked for only when visible, so a
/// list of ten thousand units costs a screenful per frame.
public struct ListView {
    public var count: Int
    public var row: (Int) -> ListRow
    public var theme: Theme

    public init(rows: [ListRow], theme: Theme) {
        count = rows.count
        row = { rows[$0] }
        self.theme = theme
    }

    public init(count: Int, theme: Theme, row: @escaping (Int) -> ListRow) {
        self.count = count
        self.row = row
        self.theme = theme
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, state: inout ListState) {
        state.scrollToSelection(height: area.height, count: count)
        let overflow = count > area.height
        let textWidth = overflow ? area.width - 1 : area.width
        for line in 0..<area.height {
            let index = state.offset + line
            let y = area.y + line
            guard index < count else {
                buffer.fill(Rect(x: area.x, y: y, width: textWidth, height: 1), style: theme.normal)
                continue
            }
            let item = row(index)
            let isSelected = index == state.selected
            let base = isSelected ? theme.selected : (item.style ?? theme.normal)
            buffer.fill(Rect(x: area.x, y: y, width: textWidth, height: 1), style: base)
            let line = isSelected ? Line(item.line.spans.map { Span($0.text) }) : item.line
            buffer.put(line, at: Position(x: area.x, y: y), base: base, maxWidth: textWidth)
        }
        if overflow { drawScrollbar(into: &buffer, area: area, offset: state.offset) }
    }

    func drawScrollbar(into buffer: inout ScreenBuffer, area: Rect, offset: Int) {
        let x = area.maxX - 1
        let total = count
        let thumbHeight = max(1, area.height * area.height / total)
        let maxOffset = total - area.height
        let thumbTop = maxOffset == 0 ? 0 : (area.height - thumbHeight) * offset / maxOffset
        for row in 0..<area.height {
            let inThumb = row >= thumbTop && row < thumbTop + thumbHeight
            buffer.put(inThumb ? "█" : "│", at: Position(x: x, y: area.y + row), style: theme.muted)
        }
    }
}
