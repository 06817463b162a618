/// A column of a table: a title, a width in columns (0 = share what is left) and alignment.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Int
    public var alignment: Alignment

    public init(_ title: String, width: Int = 0, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// Rows of cells under a heading row, columns aligned by display width so Chinese text
/// lines up; scrolls with a `ListState` like a list.
public struct TableView {
    public var columns: [TableColumn]
    public var rows: [[Span]]
    public var rowStyles: [Style?]
    public var theme: Theme
    public var spacing = 1

    public init(columns: [TableColumn], rows: [[Span]], rowStyles: [Style?] = [], theme: Theme) {
        self.columns = columns
        self.rows = rows
        self.rowStyles = rowStyles
        self.theme = theme
    }

    /// Column widths for `total` columns of screen: fixed widths first, the rest shared.
    public func widths(total: Int) -> [Int] {
        let fixed = columns.reduce(0) { $0 + $1.width } + spacing * max(0, columns.count - 1)
        let flexible = columns.filter { $0.width == 0 }.count
        let share = flexible == 0 ? 0 : max(1, (total - fixed) / flexible)
        var remainder = flexible == 0 ? 0 : max(0, total - fixed - share * flexible)
        return columns.map { column in
            guard column.width == 0 else { return column.width }
            let extra = remainder > 0 ? 1 : 0
            remainder -= extra
            return share + extra
        }
    }

    /// Formats one row as a line, each cell fitted to its column.
    public func line(cells: [Span], widths: [Int]) -> Line {
        var spans: [Span] = []
        for (i, column) in columns.enumerated() {
            let cell = i < cells.count ? cells[i] : Span("")
            if i > 0 { spans.append(Span(String(repeating: " ", count: spacing))) }
            spans.append(Span(DisplayWidth.fit(cell.text, width: widths[i], alignment: column.alignment), style: cell.style))
        }
        return Line(spans)
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, state: inout ListState, showsSelection: Bool = true) {
        guard area.height > 0 else { return }
        let widths = widths(total: area.width)
        let header = Line(columns.enumerated().map { i, c in
            Span((i > 0 ? String(repeating: " ", count: spacing) : "") + DisplayWidth.fit(c.title, width: widths[i], alignment: c.alignment))
        })
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: theme.heading)
        buffer.put(header, at: Position(x: area.x, y: area.y), base: theme.heading, maxWidth: area.width)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let listRows = rows.enumerated().map { i, cells in
            ListRow(line(cells: cells, widths: widths), selectable: true, style: i < rowStyles.count ? rowStyles[i] : nil)
        }
        var listState = state
        if !showsSelection { listState.selected = nil }
        ListView(rows: listRows, theme: theme).render(into: &buffer, area: body, state: &listState)
        if showsSelection { state = listState } else { state.offset = listState.offset }
    }
}
