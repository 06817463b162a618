/// Tables as the documents write them, escaped for HTML or Markdown.
enum DocumentTable {
    /// A two-column table of labels and values.
    static func keyValueHTML(_ rows: [(String, String)]) -> String {
        "<table class=\"kv\"><tbody>\n" + rows.map { "<tr><th>\(Escape.html($0.0))</th><td>\(Escape.html($0.1))</td></tr>\n" }.joined() + "</tbody></table>\n"
    }

    static func html(_ header: [String], _ rows: [[String]]) -> String {
        var s = "<table><thead><tr>" + header.map { "<th>\(Escape.html($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows { s += "<tr>" + row.map { "<td>\(Escape.html($0))</td>" }.joined() + "</tr>\n" }
        return s + "</tbody></table>\n"
    }

    static func markdown(_ header: [String], _ rows: [[String]]) -> String {
        var s = "| " + header.map(Escape.markdownCell).joined(separator: " | ") + " |\n"
        s += "|" + header.map { _ in "---|" }.joined() + "\n"
        for row in rows { s += "| " + row.map(Escape.markdownCell).joined(separator: " | ") + " |\n" }
        return s + "\n"
    }
}
