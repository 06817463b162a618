/// A column of a list or table whose width comes from its content: the widest cell (and
/// its header), given way down to `minimum` when the screen is too narrow, flexible
/// columns first.
public struct FittedColumn: Hashable, Sendable {
    public var natural: Int
    public var minimum: Int
    /// Gives way before the fixed columns do (notes, names).
    public var flexible: Bool
    public var alignment: Alignment

    public init(natural: Int = 0, minimum: Int = 1, flexible: Bool = false, alignment: Alignment = .left) {
        self.natural = natural
        self.minimum = minimum
        self.flexible = flexible
        self.alignment = alignment
    }

    /// Widens the column to hold `text`.
    public mutating func fit(_ text: String) {
        natural = max(natural, DisplayWidth.of(text))
    }
}

public enum ColumnLayout {
    /// Widths for `columns` in `available` screen columns with `gap` between them: every
    /// column its natural width when all fit; otherwise the widest flexible column gives
    /// way first, then the widest fixed one, never below a column's minimum.
    public static func widths(_ columns: [FittedColumn], available: Int, gap: Int = 1) -> [Int] {
        var widths = columns.map(\.natural)
        var excess = widths.reduce(0, +) + gap * max(0, columns.count - 1) - available
        for flexibleFirst in [true, false] {
            while excess > 0 {
                let candidates = columns.indices.filter { (!flexibleFirst || columns[$0].flexible) && widths[$0] > columns[$0].minimum }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
                excess -= 1
            }
        }
        return widths
    }

    /// One row: each cell fitted to its column, a gap between columns, none after the last.
    public static func spans(_ cells: [Span], widths: [Int], columns: [FittedColumn], gap: Int = 1) -> [Span] {
        var spans: [Span] = []
        for (i, cell) in cells.enumerated() where i < widths.count {
            if i > 0 { spans.append(Span(String(repeating: " ", count: gap))) }
            spans.append(Span(DisplayWidth.fit(cell.text, width: widths[i], alignment: columns[i].alignment), style: cell.style))
        }
        return spans
    }

    /// One row laid out in `available` columns: two spaces between columns when every
    /// column fits at its natural width that way, else one (and columns giving way).
    public static func line(_ cells: [Span], columns: [FittedColumn], available: Int) -> [Span] {
        let natural = columns.reduce(0) { $0 + $1.natural }
        let gap = natural + 2 * max(0, columns.count - 1) <= available ? 2 : 1
        return spans(cells, widths: widths(columns, available: available, gap: gap), columns: columns, gap: gap)
    }
}
