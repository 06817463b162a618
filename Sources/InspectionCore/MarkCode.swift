import Foundation

/// The short code written on a chalk mark or sticker that ties the spot to its record:
/// the round it was found in, a dash, five characters, e.g. `2-K7P3Q`.
///
/// The alphabet leaves out 0/O, 1/I/L and U, which are misread on a hand-written sticker;
/// typing accepts lower case and a missing dash.
public struct MarkCode: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let text: String

    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let bodyLength = 5

    /// A code as this program stored it (already in normal form), without checking again.
    public init(stored: String) { text = stored }

    /// Normalises typed input (`2k7p3q`, `2-K7P3Q`); nil when it cannot be a mark code.
    public init?(_ typed: String) {
        let upper = typed.trimmingCharacters(in: .whitespaces).uppercased()
        let compact = upper.replacingOccurrences(of: "-", with: "")
        guard compact.count > MarkCode.bodyLength else { return nil }
        let body = compact.suffix(MarkCode.bodyLength)
        let round = compact.dropLast(MarkCode.bodyLength)
        guard let r = Int(round), r >= 1, r <= 999, String(r) == round,
              body.allSatisfy({ MarkCode.alphabet.contains($0) }) else { return nil }
        text = "\(r)-\(body)"
    }

    /// The stored form of the typed beginning of a code ("2k7" or "2-K7" → "2-K7"), or nil
    /// when no code can begin so (a unit code such as 1-1-0502 cannot: 0 and 1 are not in the
    /// alphabet). Without a dash the round is the first digit, since the five characters
    /// after it may be digits too; rounds from 10 on are typed with their dash.
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
              body.count <= bodyLength, body.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return "\(number)-" + body
    }

    /// A random code for a defect found in `round`.
    public static func random<G: RandomNumberGenerator>(round: Int, using generator: inout G) -> MarkCode {
        var body = ""
        for _ in 0..<bodyLength { body.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
        return MarkCode("\(round)-\(body)")!
    }

    public var round: Int { Int(text.prefix { $0 != "-" })! }
    public var description: String { text }

    public static func < (a: MarkCode, b: MarkCode) -> Bool { a.text < b.text }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
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
