/// What the terminal can do with colour.
public enum ColorSupport: Sendable {
    /// No colour: NO_COLOR is set or the terminal has none. Attributes only.
    case monochrome
    /// The eight basic colours.
    case eight
}

/// A place to show screens and read keys: ncurses in the real program, an in-memory
/// recorder in tests.
public protocol Terminal: AnyObject {
    var size: Size { get }
    var colorSupport: ColorSupport { get }
    /// The next key or resize. Waits at most `timeoutMilliseconds` (forever when nil) and
    /// returns nil when the time ran out or input has ended.
    func nextEvent(timeoutMilliseconds: Int?) -> InputEvent?
    /// Shows `buffer`, with the text cursor at `cursor` (hidden when nil).
    func present(_ buffer: ScreenBuffer, cursor: Position?)
}

/// The smallest screen the layouts are made for.
public let minimumTerminalSize = Size(width: 80, height: 24)

extension Size {
    public func fits(_ minimum: Size) -> Bool { width >= minimum.width && height >= minimum.height }
}
