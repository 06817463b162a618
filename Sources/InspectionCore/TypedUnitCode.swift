extension UnitCode {
    /// The unit code a person means by what they typed: `3-1-502`, `3-1-0502`, `3栋1单元502`,
    /// `3栋 1单元 502室`, `3-1-502室` all mean `3-1-0502`. Nil when it is not a whole unit
    /// reference (a part of a code is searched as it is).
    public static func typed(_ text: String) -> String? {
        let parts = dashed(text).split(separator: "-", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 3, isValidBuilding(parts[0]),
              let entrance = Int(parts[1]), entrance > 0, parts[1].allSatisfy(\.isASCII),
              (3...4).contains(parts[2].count), parts[2].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let room = String(repeating: "0", count: 4 - parts[2].count) + parts[2]
        return "\(parts[0])-\(entrance)-\(room)"
    }

    /// What was typed with the Chinese words for building and entrance as dashes and no room
    /// suffix or spaces: `3栋1单元502室` → `3-1-502`, `3栋` → `3-`. A part of a code stays a part.
    public static func dashed(_ text: String) -> String {
        var s = text.filter { !$0.isWhitespace }
        for suffix in ["室", "户", "号"] where s.hasSuffix(suffix) { s.removeLast() }
        for word in ["号楼", "栋", "幢", "单元"] { s = s.replacing(word, with: "-") }
        while s.contains("--") { s = s.replacing("--", with: "-") }
        return s
    }
}
