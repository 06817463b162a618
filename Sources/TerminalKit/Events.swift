/// A key the user pressed, as a value.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, backspace, delete, tab, backTab
    case up, down, left, right, home, end, pageUp, pageDown
    /// Ctrl with a letter, lower-case: `.control("c")` is Ctrl-C.
    case control(Character)
    case function(Int)
}

/// What the terminal reports to a program.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    /// The window changed size; the new size is also `Terminal.size`.
    case resize(Size)
    /// Input has ended: the terminal went away, or a test's script ran out.
    case hangup
}
