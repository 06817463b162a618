import Glibc

/// Puts the terminal back as it was when a signal ends the program.
///
/// Everything a handler touches is prepared beforehand (the saved termios and the escape
/// bytes that leave full-screen mode), so the handler itself only calls write, tcsetattr,
/// signal and raise, which are safe in a signal handler.
enum TerminalRestorer {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var hasSaved = false
    nonisolated(unsafe) static var sequence: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) static var sequenceLength = 0

    static let signals: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP]

    static func save() {
        hasSaved = tcgetattr(STDIN_FILENO, &saved) == 0
    }

    static func install(sequence text: String) {
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        buffer.initialize(from: bytes, count: bytes.count)
        sequence = buffer
        sequenceLength = bytes.count
        for signal in signals {
            Glibc.signal(signal, restoreAndReraise)
        }
    }

    /// Restores the saved modes; used on normal exit after endwin.
    static func restore() {
        if hasSaved { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        for signal in signals { Glibc.signal(signal, SIG_DFL) }
    }
}

private func restoreAndReraise(_ signal: Int32) {
    if let bytes = TerminalRestorer.sequence, TerminalRestorer.sequenceLength > 0 {
        _ = write(STDOUT_FILENO, bytes, TerminalRestorer.sequenceLength)
    }
    if TerminalRestorer.hasSaved {
        tcsetattr(STDIN_FILENO, TCSANOW, &TerminalRestorer.saved)
    }
    Glibc.signal(signal, SIG_DFL)
    raise(signal)
}
