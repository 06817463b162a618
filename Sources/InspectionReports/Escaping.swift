/// Text made safe for the documents we write.
public enum Escape {
    /// For HTML text and attribute values.
    public static func html(_ text: String) -> String {
        // Most text has nothing to escape; looking at bytes is much cheaper than characters.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// For a Markdown table cell: pipes and line breaks would break the table, and
    /// Markdown/HTML syntax would be interpreted.
    public static func markdownCell(_ text: String) -> String {
        let special: Set<UInt8> = Set("|\n\r\\`*_[]<>#".utf8)
        guard text.utf8.contains(where: special.contains) else { return text }
        var out = ""
        for c in text {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r\n", "\r": out += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }

    /// A spreadsheet runs a cell that starts with =, +, -, @ (or a tab or carriage return
    /// before one) as a formula, and a Chinese or Japanese one does the same with the
    /// full-width ＝＋－＠; a leading apostrophe makes it text.
    public static func spreadsheetCell(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        if ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"].contains(first) { return "'" + text }
        return text
    }
}
