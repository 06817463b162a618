import Foundation

/// The short code written on a chalk mark or sticker that ties the spot to its record:
/// the round it was found in, a dash, then the tag of the replica (laptop file) that recorded
/// it and four random characters, e.g. `2-K7P3Q` (first replica, tag `K`) or `2-KA7P3Q` (a
/// replica joined from it, tag `KA`).
///
/// Codes are unique across every replica without coordination: each replica's tag is issued
/// once, by the replica it joined from (its own tag and one more character), so codes of
/// replicas at different depths differ in length and codes at the same depth in their tag;
/// a replica checks its own random part against its own codes. Replicas are at most three
/// deep, so a code is at most 10 characters up to round 99.
///
/// The alphabet leaves out 0/O, 1/I/L and U, which are misread on a hand-written sticker;
/// typing accepts lower case and a missing dash. Codes of the first release (five random
/// characters) keep working: they are the same shape as a first replica's.
public struct MarkCode: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let text: String

    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")
    /// Random characters after the tag.
    static let randomLength = 4
    /// Replicas from the first (tag of one character) to two joins below it.
    public static let maximumTagLength = 3
    static let bodyLengths = (1 + randomLength)...(maximumTagLength + randomLength)

    /// A code as this program stored it (already in normal form), without checking again.
    public init(stored: String) { text = stored }

    /// Normalises typed input (`2k7p3q`, `2-K7P3Q`); nil when it cannot be a mark code.
    /// Without a dash the round is the first digit (see `readings` for older codes of
    /// rounds from 10 on typed without their dash).
    public init?(_ typed: String) {
        guard let first = MarkCode.readings(typed).first else { return nil }
        self = first
    }

    /// Every code that typed text can mean, the most likely first: with a dash, one; without
    /// one, the round is its first digit, or (for codes of rounds from 10 on) its first two
    /// or three.
    public static func readings(_ typed: String) -> [MarkCode] {
        let upper = typed.trimmingCharacters(in: .whitespaces).uppercased()
        if let dash = upper.firstIndex(of: "-") {
            return [MarkCode(round: upper[..<dash], body: upper[upper.index(after: dash)...])].compactMap { $0 }
        }
        return (1...3).compactMap { digits in
            guard upper.count > digits else { return nil }
            return MarkCode(round: upper.prefix(digits), body: upper.dropFirst(digits))
        }
    }

    private init?(round: Substring, body: Substring) {
        guard let r = Int(round), r >= 1, r <= 999, String(r) == round,
              MarkCode.bodyLengths.contains(body.count),
              body.allSatisfy({ MarkCode.alphabet.contains($0) }) else { return nil }
        text = "\(r)-\(body)"
    }

    /// The stored form of the typed beginning of a code ("2k7" or "2-K7" → "2-K7"), or nil
    /// when no code can begin so (a unit code such as 1-1-0502 cannot: 0 and 1 are not in the
    /// alphabet). Without a dash the round is the first digit, since the characters after it
    /// may be digits too; rounds from 10 on are typed with their dash.
    public static func prefix(_ typed: String) -> String? {
        let text = typed.uppercased().filter { $0 != " " }
        let round: Substring, body: Substring
        if let dash = text.firstIndex(of: "-") {
            round = text[..<dash]
            body = text[text.index(after: dash)...]
        } else {
            guard !text.isEmpty else { return nil }
            round = text.prefix(1)
            body = text.dropFirst()
        }
        guard let number = Int(round), number >= 1, number <= 999, !round.hasPrefix("0"),
              body.count <= bodyLengths.upperBound, body.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return "\(number)-" + body
    }

    /// A random code for a defect found in `round` by the replica with `tag`.
    public static func random<G: RandomNumberGenerator>(round: Int, tag: String, using generator: inout G) -> MarkCode {
        var body = tag
        for _ in 0..<randomLength { body.append(randomCharacter(using: &generator)) }
        return MarkCode("\(round)-\(body)")!
    }

    /// A random code as the first replica of a project draws them (one random tag character).
    public static func random<G: RandomNumberGenerator>(round: Int, using generator: inout G) -> MarkCode {
        random(round: round, tag: String(randomCharacter(using: &generator)), using: &generator)
    }

    public static func randomCharacter<G: RandomNumberGenerator>(using generator: inout G) -> Character {
        alphabet[Int(generator.next() % UInt64(alphabet.count))]
    }

    /// The tag of the `index`-th replica joined from the replica with `tag` (nil when there
    /// is no room: too deep, or every character used). The last character of the alphabet is
    /// kept for replicas joined through a shared folder (`folderTag`).
    public static func childTag(of tag: String, index: Int) -> String? {
        guard tag.count < maximumTagLength, index >= 0, index < alphabet.count - 1 else { return nil }
        return tag + String(alphabet[index])
    }

    /// The tag of the `index`-th replica joined through a shared folder below the replica with
    /// `tag`: its tag, the reserved last character and one more, claimed in the folder (nil
    /// when there is no room).
    public static func folderTag(below tag: String, index: Int) -> String? {
        guard tag.count + 2 <= maximumTagLength, index >= 0, index < alphabet.count else { return nil }
        return tag + String(alphabet[alphabet.count - 1]) + String(alphabet[index])
    }

    public var round: Int { Int(text.prefix { $0 != "-" })! }
    public var description: String { text }

    public static func < (a: MarkCode, b: MarkCode) -> Bool { a.text < b.text }

    /// Whether `text` is a code in its stored form (round without leading zeros, a dash, the
    /// tag and random characters in the alphabet): what `MarkCode(text)` gives back unchanged.
    /// Checked byte by byte, for reading the history, where every code is in that form.
    public static func isStoredForm(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        var digits = 0
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "-") {
                guard digits > 0 else { return false }
                var length = 0
                while let byte = bytes.next() {
                    guard byte < 128, alphabetBytes[Int(byte)] else { return false }
                    length += 1
                }
                return bodyLengths.contains(length)
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 3,
                  digits > 0 || byte != UInt8(ascii: "0") else { return false }
            digits += 1
        }
        return false
    }

    /// Which ASCII bytes are characters of the alphabet.
    private static let alphabetBytes: [Bool] = (0..<128).map { byte in alphabet.contains(Character(Unicode.Scalar(UInt8(byte)))) }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        if MarkCode.isStoredForm(raw) {
            self.init(stored: raw)
            return
        }
        guard let code = MarkCode(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a mark code: \(raw)"))
        }
        self = code
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

/// A small, fast, seedable generator (SplitMix64) so the demo and the synthetic project come
/// out the same every time.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
