/// One column of one row of the screen.
///
/// A wide character occupies its cell and the next; the next is a continuation cell with
/// empty text, drawn by nothing.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here; "" in a continuation cell.
    public var text: String
    /// Columns the grapheme takes: 1 or 2; 0 for a continuation cell.
    public var width: Int
    public var style: Style

    public init(text: String, width: Int, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static func blank(_ style: Style = .plain) -> Cell { Cell(text: " ", width: 1, style: style) }
    public static func continuation(_ style: Style) -> Cell { Cell(text: "", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}
