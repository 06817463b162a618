/// A horizontal bar filled in eighths of a cell, followed by the percentage.
public struct ProgressBar {
    public var fraction: Double
    public var style: Style
    public var emptyStyle: Style

    public init(fraction: Double, style: Style, emptyStyle: Style) {
        self.fraction = min(1, max(0, fraction.isFinite ? fraction : 0))
        self.style = style
        self.emptyStyle = emptyStyle
    }

    static let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The bar alone, `width` columns.
    public static func bar(fraction: Double, width: Int) -> (filled: String, empty: String) {
        guard width > 0 else { return ("", "") }
        let f = min(1, max(0, fraction.isFinite ? fraction : 0))
        let eighths = Int((f * Double(width * 8)).rounded(.down))
        let full = eighths / 8
        let partial = eighths % 8
        var filled = String(repeating: "█", count: full)
        if partial > 0 && full < width { filled += partials[partial] }
        let used = full + (partial > 0 && full < width ? 1 : 0)
        return (filled, String(repeating: "░", count: width - used))
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        let label = " " + ProgressBar.percent(fraction) + "%"
        let barWidth = max(0, area.width - DisplayWidth.of(label))
        let (filled, empty) = ProgressBar.bar(fraction: fraction, width: barWidth)
        var x = area.x
        x += buffer.put(filled, at: Position(x: x, y: area.y), style: style)
        x += buffer.put(empty, at: Position(x: x, y: area.y), style: emptyStyle)
        buffer.put(label, at: Position(x: x, y: area.y), style: style, maxWidth: area.maxX - x)
    }
}

extension ProgressBar {
    /// A fraction as a percentage with one decimal, right-aligned in five columns
    /// ("  5.0", "100.0").
    public static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded())
        let text = "\(tenths / 10).\(tenths % 10)"
        return String(repeating: " ", count: max(0, 5 - text.count)) + text
    }
}
