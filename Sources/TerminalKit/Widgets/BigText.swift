/// Text drawn five rows high in block characters, for a mark code an inspector copies onto
/// a sticker from an arm's length away. Covers digits, upper-case letters and "-".
public enum BigText {
    static let height = 5

    static let glyphs: [Character: [String]] = [
        "0": ["███", "█ █", "█ █", "█ █", "███"],
        "1": [" █ ", "██ ", " █ ", " █ ", "███"],
        "2": ["███", "  █", "███", "█  ", "███"],
        "3": ["███", "  █", " ██", "  █", "███"],
        "4": ["█ █", "█ █", "███", "  █", "  █"],
        "5": ["███", "█  ", "███", "  █", "███"],
        "6": ["███", "█  ", "███", "█ █", "███"],
        "7": ["███", "  █", " █ ", " █ ", " █ "],
        "8": ["███", "█ █", "███", "█ █", "███"],
        "9": ["███", "█ █", "███", "  █", "███"],
        "A": [" █ ", "█ █", "███", "█ █", "█ █"],
        "B": ["██ ", "█ █", "██ ", "█ █", "██ "],
        "C": ["███", "█  ", "█  ", "█  ", "███"],
        "D": ["██ ", "█ █", "█ █", "█ █", "██ "],
        "E": ["███", "█  ", "██ ", "█  ", "███"],
        "F": ["███", "█  ", "██ ", "█  ", "█  "],
        "G": ["███", "█  ", "█ █", "█ █", "███"],
        "H": ["█ █", "█ █", "███", "█ █", "█ █"],
        "I": ["███", " █ ", " █ ", " █ ", "███"],
        "J": ["  █", "  █", "  █", "█ █", "███"],
        "K": ["█ █", "██ ", "█  ", "██ ", "█ █"],
        "L": ["█  ", "█  ", "█  ", "█  ", "███"],
        "M": ["█   █", "██ ██", "█ █ █", "█   █", "█   █"],
        "N": ["█  █", "██ █", "█ ██", "█  █", "█  █"],
        "O": ["███", "█ █", "█ █", "█ █", "███"],
        "P": ["███", "█ █", "███", "█  ", "█  "],
        "Q": ["███ ", "█ █ ", "█ █ ", "███ ", "  ██"],
        "R": ["███", "█ █", "██ ", "█ █", "█ █"],
        "S": ["███", "█  ", "███", "  █", "███"],
        "T": ["███", " █ ", " █ ", " █ ", " █ "],
        "U": ["█ █", "█ █", "█ █", "█ █", "███"],
        "V": ["█ █", "█ █", "█ █", "█ █", " █ "],
        "W": ["█   █", "█   █", "█ █ █", "██ ██", "█   █"],
        "X": ["█ █", "█ █", " █ ", "█ █", "█ █"],
        "Y": ["█ █", "█ █", " █ ", " █ ", " █ "],
        "Z": ["███", "  █", " █ ", "█  ", "███"],
        "-": ["   ", "   ", "███", "   ", "   "],
        " ": ["  ", "  ", "  ", "  ", "  "],
    ]

    /// The five rows of `text`, one column between characters; unknown characters are blank.
    public static func rows(_ text: String) -> [String] {
        var rows = Array(repeating: "", count: height)
        for (index, character) in text.uppercased().enumerated() {
            let glyph = glyphs[character] ?? glyphs[" "]!
            for row in 0..<height { rows[row] += (index > 0 ? " " : "") + glyph[row] }
        }
        return rows
    }

    /// Columns `text` takes when drawn big.
    public static func width(_ text: String) -> Int { rows(text).first.map(DisplayWidth.of) ?? 0 }

    /// Draws `text` big with its top-left corner at `position`.
    public static func render(_ text: String, into buffer: inout ScreenBuffer, at position: Position, style: Style) {
        for (row, line) in rows(text).enumerated() {
            buffer.put(line, at: Position(x: position.x, y: position.y + row), style: style)
        }
    }
}
