import Foundation

/// How many terminal columns text occupies.
///
/// East Asian Wide and Fullwidth characters take two columns, combining marks and other
/// zero-width scalars none, emoji with emoji presentation two, everything else one.
/// The East Asian Width table is generated from the Unicode Character Database
/// (`scripts/gen-east-asian-width.py`); general category and emoji presentation come from the
/// standard library's Unicode properties.
public enum DisplayWidth {
    /// Columns for one Unicode scalar: 0, 1 or 2. Control characters count 0.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if v < 0x300 { return 1 }
        if isZeroWidth(scalar) { return 0 }
        if isEastAsianWide(v) { return 2 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Columns for one grapheme cluster (a `Character`).
    ///
    /// The base scalar decides, except that an emoji variation selector (U+FE0F) or a
    /// zero-width joiner sequence of emoji makes the whole cluster two columns, and a pair
    /// of regional indicators (a flag) is two columns.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 { return of(first) }
        var width = 0
        for scalar in scalars {
            if scalar.value == 0xFE0F, scalars.first!.properties.isEmoji { return 2 }
            if (0x1F1E6...0x1F1FF).contains(scalar.value) { return 2 }  // a regional-indicator flag
            if width == 0 { width = of(scalar) }
        }
        return width
    }

    /// Columns for a string, after NFC normalisation.
    public static func of(_ string: String) -> Int {
        var total = 0
        for character in normalized(string) { total += of(character) }
        return total
    }

    /// NFC form: a decomposed "é" (e + U+0301) becomes one scalar, as terminals expect.
    public static func normalized(_ string: String) -> String {
        if string.utf8.allSatisfy({ $0 < 0x80 }) { return string }
        return string.precomposedStringWithCanonicalMapping
    }

    /// The longest prefix of `string` that fits in `width` columns. A wide character that
    /// would straddle the limit is dropped, never split; the result may be one column short.
    public static func prefix(_ string: String, fitting width: Int) -> String {
        guard width > 0 else { return "" }
        var used = 0
        let text = normalized(string)
        var end = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let w = of(text[index])
            if used + w > width { break }
            used += w
            index = text.index(after: index)
            end = index
        }
        return String(text[text.startIndex..<end])
    }

    /// Fits `string` into exactly `width` columns: truncated (with "…" when `ellipsis` and it
    /// was cut) and padded with spaces on the side given by `alignment`.
    public static func fit(_ string: String, width: Int, alignment: Alignment = .left, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        let text = normalized(string)
        let full = of(text)
        var body = text
        var used = full
        if full > width {
            if ellipsis && width >= 2 {
                body = prefix(text, fitting: width - 1) + "…"
            } else {
                body = prefix(text, fitting: width)
            }
            used = of(body)
        }
        let gap = max(0, width - used)
        switch alignment {
        case .left: return body + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + body
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + body + String(repeating: " ", count: gap - left)
        }
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        // Hangul medial vowels and final consonants join the preceding syllable.
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
        if v == 0x200B { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return v != 0x00AD
        default: return false
        }
    }

    static func isEastAsianWide(_ value: UInt32) -> Bool {
        if value < eastAsianWideRanges[0].lowerBound { return false }
        var low = 0
        var high = eastAsianWideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = eastAsianWideRanges[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}

public enum Alignment: Sendable {
    case left, right, center
}

extension DisplayWidth {
    /// Breaks text into lines of at most `width` columns, between words where there are
    /// spaces and anywhere in Chinese (which has none), never inside a wide character.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var used = 0
        var lastSpace: (index: String.Index, used: Int)?
        for character in normalized(text) {
            let w = of(character)
            if character == "\n" {
                lines.append(current); current = ""; used = 0; lastSpace = nil
                continue
            }
            if used + w > width {
                if let space = lastSpace, character != " " {
                    let head = String(current[..<space.index])
                    let tail = String(current[current.index(after: space.index)...])
                    lines.append(head)
                    current = tail
                    used = of(tail)
                } else {
                    lines.append(current)
                    current = ""
                    used = 0
                }
                lastSpace = nil
                if character == " " { continue }
            }
            if character == " " { lastSpace = (current.endIndex, used) }
            current.append(character)
            used += w
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
