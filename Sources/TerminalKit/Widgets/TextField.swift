/// An editable single line of text with a cursor. Chinese input arrives as whole
/// characters from the terminal and is edited by character, displayed by width.
public struct TextField: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// Cursor position as a character index, 0...characters.count.
    public private(set) var cursor: Int
    public var maxLength: Int

    public init(_ text: String = "", maxLength: Int = 500) {
        characters = Array(DisplayWidth.normalized(text))
        cursor = characters.count
        self.maxLength = maxLength
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func setText(_ text: String) {
        characters = Array(DisplayWidth.normalized(text))
        cursor = characters.count
    }

    /// Applies an editing key; returns false for keys a text field does not use.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            guard characters.count < maxLength else { return true }
            if c.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) { return true }
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace, .control("h"):
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .control("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left, .control("b"):
            cursor = max(0, cursor - 1)
        case .right, .control("f"):
            cursor = min(characters.count, cursor + 1)
        case .home, .control("a"):
            cursor = 0
        case .end, .control("e"):
            cursor = characters.count
        case .control("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .control("k"):
            characters.removeSubrange(cursor..<characters.count)
        default:
            return false
        }
        return true
    }

    /// Draws the field in `area` (one row), scrolled so the cursor shows; returns where the
    /// terminal cursor goes.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, area: Rect, style: Style) -> Position {
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: style)
        let widths = characters.map { DisplayWidth.of($0) }
        let beforeCursor = widths[0..<cursor].reduce(0, +)
        // Start far enough right that the cursor (and one column after it) is visible.
        var start = 0
        var skipped = 0
        while beforeCursor - skipped >= area.width, start < cursor {
            skipped += widths[start]
            start += 1
        }
        let visible = String(characters[start...])
        buffer.put(visible, at: Position(x: area.x, y: area.y), style: style, maxWidth: area.width)
        return Position(x: area.x + beforeCursor - skipped, y: area.y)
    }
}
