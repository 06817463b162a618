/// A run of text in one style; a nil style takes the style of what it is drawn on.
public struct Span: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var style: Style?

    public init(_ text: String, style: Style? = nil) {
        self.text = text
        self.style = style
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var width: Int { DisplayWidth.of(text) }
}

/// One line of styled runs.
public struct Line: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    public var spans: [Span]

    public init(_ spans: [Span]) { self.spans = spans }
    public init(_ text: String, style: Style? = nil) { spans = [Span(text, style: style)] }
    public init(stringLiteral value: String) { spans = [Span(value)] }
    public init(arrayLiteral elements: Span...) { spans = elements }

    public var width: Int { spans.reduce(0) { $0 + $1.width } }
    public var plainText: String { spans.map(\.text).joined() }
}

extension ScreenBuffer {
    /// Writes a line of spans, each in its own style or `base`; returns the columns written.
    @discardableResult
    public mutating func put(_ line: Line, at position: Position, base: Style = .plain, maxWidth: Int? = nil) -> Int {
        let limit = maxWidth ?? (width - position.x)
        var used = 0
        for span in line.spans where used < limit {
            used += put(span.text, at: Position(x: position.x + used, y: position.y),
                        style: span.style ?? base, maxWidth: limit - used)
        }
        return used
    }
}
