/// Text made safe for the documents we write.
public enum Escape {
    /// For HTML text and attribute values.
    public static func html(_ text: String) -> String {
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
    /// before one) as a formula; a leading apostrophe makes it text.
    public static func spreadsheetCell(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        if ["=", "+", "-", "@", "\t", "\r"].contains(first) { return "'" + text }
        return text
    }
}
