/// An in-memory grid of cells that screens draw into; a backend puts it on a terminal.
///
/// Writing is clipped to the buffer (and to an optional width). A wide character that does
/// not fit at the right edge becomes a space, and overwriting either half of a wide
/// character blanks the other half, so the grid never holds half a glyph.
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    public init(size: Size) { self.init(width: size.width, height: size.height) }

    public var size: Size { Size(width: width, height: height) }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` from `position`, at most `maxWidth` columns (default: to the right
    /// edge). Control characters print as spaces. Returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, at position: Position, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        let y = position.y
        guard y >= 0, y < height, position.x < width else { return 0 }
        let limit = min(width, position.x + (maxWidth ?? width))
        var x = position.x
        for character in DisplayWidth.normalized(text) {
            var grapheme = String(character)
            var w = DisplayWidth.of(character)
            if w == 0 {
                if character.unicodeScalars.first.map({ $0.value < 0x20 || $0.value == 0x7F }) ?? false {
                    grapheme = " "
                    w = 1
                } else {
                    continue  // a lone zero-width scalar has nowhere to sit
                }
            }
            if x + w > limit {
                // A wide character at the edge: pad with a space rather than split it.
                if x < limit { setCell(x, y, .blank(style)) ; x += 1 }
                break
            }
            if x >= 0 {
                setCell(x, y, Cell(text: grapheme, width: w, style: style))
                if w == 2 { setCell(x + 1, y, .continuation(style)) }
            }
            x += w
        }
        return max(0, x - position.x)
    }

    /// Paints every cell of `rect` as a blank in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { setCell(x, y, .blank(style)) }
        }
    }

    /// Changes the style of the cells in `rect`, keeping their text.
    public mutating func restyle(_ rect: Rect, style: Style) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { cells[y * width + x].style = style }
        }
    }

    /// The screen as text, one string per row; a wide character counts once, so each row is
    /// `width` columns wide on a terminal.
    public func lines() -> [String] {
        (0..<height).map { line($0) }
    }

    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width { s += cells[y * width + x].text }
        return s
    }

    func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.maxX), y1 = min(height, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Sets one cell, blanking the partner of any wide character it breaks.
    mutating func setCell(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let i = y * width + x
        let old = cells[i]
        if old.isContinuation, !cell.isContinuation, x > 0, cells[i - 1].width == 2 {
            cells[i - 1] = .blank(cells[i - 1].style)
        }
        if old.width == 2, x + 1 < width, !(cell.width == 2) {
            cells[i + 1] = .blank(cells[i + 1].style)
        }
        cells[i] = cell
    }
}
