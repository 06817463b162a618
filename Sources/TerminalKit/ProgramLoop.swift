/// A full-screen program: it draws itself into a buffer and reacts to events.
public protocol TerminalProgram: AnyObject {
    /// Draws the whole screen; returns where the text cursor goes (nil hides it).
    func render(into buffer: inout ScreenBuffer) -> Position?
    /// Reacts to one event; returns false when the program should end.
    func handle(_ event: InputEvent) -> Bool
    /// How often `refresh` runs while no key is pressed (nil: never).
    var refreshInterval: Int? { get }
    /// Re-reads whatever may have changed outside the program.
    func refresh()
}

extension TerminalProgram {
    public var refreshInterval: Int? { nil }
    public func refresh() {}
}

/// Runs `program` on `terminal` until it ends: draw, wait for an event, handle it.
///
/// Below the minimum size the program is not drawn; the screen says so and recovers when the
/// window grows. Ctrl-C always ends the program (the terminal is in raw mode, so it arrives
/// as a key, and the caller restores the terminal on the way out).
public func run(_ program: TerminalProgram, on terminal: Terminal, tooSmallMessage: String) {
    while true {
        let size = terminal.size
        var buffer = ScreenBuffer(size: size)
        if size.fits(minimumTerminalSize) {
            let cursor = program.render(into: &buffer)
            terminal.present(buffer, cursor: cursor)
        } else {
            drawTooSmall(into: &buffer, message: tooSmallMessage)
            terminal.present(buffer, cursor: nil)
        }
        guard let event = terminal.nextEvent(timeoutMilliseconds: program.refreshInterval) else {
            program.refresh()
            continue
        }
        switch event {
        case .hangup, .key(.control("c")):
            return
        case .resize:
            _ = program.handle(event)
        case .key:
            if !size.fits(minimumTerminalSize) {
                if event == .key(.character("q")) { return }
                continue
            }
            if !program.handle(event) { return }
        }
    }
}

/// The message shown instead of a screen that does not fit.
public func drawTooSmall(into buffer: inout ScreenBuffer, message: String) {
    let lines = message.split(separator: "\n").map(String.init)
    let top = max(0, (buffer.height - lines.count) / 2)
    for (i, line) in lines.enumerated() {
        let w = DisplayWidth.of(line)
        buffer.put(line, at: Position(x: max(0, (buffer.width - w) / 2), y: top + i), style: Style(bold: true))
    }
}
