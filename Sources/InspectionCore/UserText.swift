import Foundation

/// Text a person gives (notes, answers, names), made inert on the way in: nothing in it can
/// move a terminal's cursor, ring its bell, reorder what follows it, or hide what precedes it,
/// and the same name typed two ways is stored one way (NFC).
public enum UserText {
    /// One line: control characters (C0, C1, ESC, BEL, backspace, DEL) and bidirectional
    /// formatting characters removed; line breaks and tabs become spaces; NFC; trimmed.
    public static func line(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if breaksLine(scalar) {
                scalars.append(" ")
            } else if !isHostile(scalar) {
                scalars.append(scalar)
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
    }

    /// `line` for an optional value.
    public static func line(_ text: String?) -> String? {
        text.map { line($0) }
    }

    /// The canonical form names are stored and compared in.
    public static func normalized(_ text: String) -> String {
        isStable(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether `text` is the same in NFC, known from its characters alone: ASCII, CJK unified
    /// ideographs, CJK punctuation and full-width forms are (compatibility ideographs are not,
    /// nor the ideographic tone marks U+302A–302F, which NFC may reorder).
    /// Most names are, and skip the normalization.
    static func isStable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0..<0x80, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFFEF: return true
            default: return false
            }
        }
    }

    /// Whether two names are the same once normalized (as typed: `Café` with a combining
    /// accent, or a CJK compatibility ideograph, is the name stored precomposed).
    public static func sameName(_ a: String, _ b: String) -> Bool {
        normalized(a) == normalized(b)
    }

    /// For echoing a value in a message: every control or bidirectional formatting character
    /// shown as `\u{XX}`, so the message stays one plain line.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isHostile($0) || breaksLine($0) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isHostile(scalar) || breaksLine(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Line feed, carriage return, tab, vertical tab, form feed, NEL and the Unicode line and
    /// paragraph separators: where a single line is expected, a space.
    static func breaksLine(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// C0 and C1 controls, DEL, and the bidirectional embeddings, overrides, isolates and marks.
    static func isHostile(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return !breaksLine(scalar)
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
