import TerminalKit

/// A terminal in memory: it hands out scripted events and records every frame, so a test
/// can assert a screen as an array of strings.
public final class TestTerminal: Terminal {
    public private(set) var size: Size
    public let colorSupport: ColorSupport
    public private(set) var frames: [ScreenBuffer] = []
    public private(set) var cursors: [Position?] = []
    private var pending: [InputEvent]

    public init(width: Int = 80, height: Int = 24, colorSupport: ColorSupport = .eight, events: [InputEvent] = []) {
        size = Size(width: width, height: height)
        self.colorSupport = colorSupport
        pending = events
    }

    /// Adds events to the end of the script.
    public func enqueue(_ events: [InputEvent]) { pending += events }

    public func nextEvent(timeoutMilliseconds: Int?) -> InputEvent? {
        guard !pending.isEmpty else { return .hangup }
        let event = pending.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        return event
    }

    public func present(_ buffer: ScreenBuffer, cursor: Position?) {
        frames.append(buffer)
        cursors.append(cursor)
    }

    /// The last frame as text, one string per row.
    public var screen: [String] { frames.last?.lines() ?? [] }

    /// The last frame with trailing spaces trimmed from each row: easier to read in a failure.
    public var trimmedScreen: [String] {
        screen.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    }

    /// True when some row of the last frame contains `text`.
    public func shows(_ text: String) -> Bool { screen.contains { $0.contains(text) } }
}

/// Events from a compact script: ordinary characters are typed as they are; `<enter>`,
/// `<esc>`, `<up>`, `<down>`, `<left>`, `<right>`, `<bs>`, `<del>`, `<tab>`, `<home>`, `<end>`,
/// `<pgup>`, `<pgdn>` and `<c-x>` (Ctrl-X) name special keys.
public func keys(_ script: String) -> [InputEvent] {
    var events: [InputEvent] = []
    var rest = Substring(script)
    let named: [String: Key] = [
        "enter": .enter, "esc": .escape, "up": .up, "down": .down, "left": .left, "right": .right,
        "bs": .backspace, "del": .delete, "tab": .tab, "backtab": .backTab, "home": .home, "end": .end,
        "pgup": .pageUp, "pgdn": .pageDown, "space": .character(" "),
    ]
    while let c = rest.first {
        if c == "<", let close = rest.firstIndex(of: ">") {
            let name = String(rest[rest.index(after: rest.startIndex)..<close])
            if let key = named[name] {
                events.append(.key(key)); rest = rest[rest.index(after: close)...]; continue
            }
            if name.hasPrefix("c-"), name.count == 3, let letter = name.last {
                events.append(.key(.control(letter))); rest = rest[rest.index(after: close)...]; continue
            }
        }
        events.append(.key(c == "\n" ? .enter : .character(c)))
        rest = rest.dropFirst()
    }
    return events
}
