/// The styles screens draw with, by role. One scheme for colour terminals, one for
/// NO_COLOR and terminals without colour (bold, reverse and underline only).
public struct Theme: Sendable {
    public var normal: Style
    public var title: Style
    public var statusBar: Style
    public var statusKey: Style
    public var selected: Style
    public var heading: Style
    public var muted: Style
    public var good: Style
    public var bad: Style
    public var warning: Style
    public var accent: Style
    public var border: Style
    public var input: Style
    public var highlight: Style
    /// An error message on the status bar.
    public var error: Style

    public static let color = Theme(
        normal: .plain,
        title: Style(foreground: .white, background: .blue, bold: true),
        statusBar: Style(foreground: .black, background: .cyan),
        statusKey: Style(foreground: .white, background: .cyan, bold: true),
        selected: Style(foreground: .black, background: .yellow),
        heading: Style(foreground: .cyan, bold: true),
        muted: Style(foreground: .blue),
        good: Style(foreground: .green),
        bad: Style(foreground: .red, bold: true),
        warning: Style(foreground: .yellow, bold: true),
        accent: Style(foreground: .magenta, bold: true),
        border: Style(foreground: .cyan),
        input: Style(foreground: .white, background: .blue),
        highlight: Style(foreground: .yellow, bold: true),
        error: Style(foreground: .white, background: .red, bold: true)
    )

    public static let monochrome = Theme(
        normal: .plain,
        title: Style(bold: true, reverse: true),
        statusBar: Style(reverse: true),
        statusKey: Style(bold: true, reverse: true),
        selected: Style(reverse: true),
        heading: Style(bold: true, underline: true),
        muted: Style(dim: true),
        good: .plain,
        bad: Style(bold: true),
        warning: Style(bold: true),
        accent: Style(bold: true),
        border: .plain,
        input: Style(underline: true),
        highlight: Style(bold: true),
        error: Style(bold: true, underline: true)
    )

    public static func `for`(_ support: ColorSupport) -> Theme {
        support == .eight ? .color : .monochrome
    }
}
