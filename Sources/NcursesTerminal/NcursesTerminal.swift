@preconcurrency import CNcursesw
import Glibc
import TerminalKit

/// Why the full-screen interface cannot start here.
public enum TerminalUnavailable: Error, CustomStringConvertible {
    case notATerminal
    case dumbTerminal(String?)
    case notUTF8(locale: String)
    /// The environment names a locale this machine does not have (setlocale refused it).
    case localeNotInstalled(locale: String)
    case cannotInitialise(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the terminal interface needs an interactive terminal, and standard output is not one (use the subcommands in scripts; see yanfang --help)"
        case .dumbTerminal(let term):
            return "the terminal interface cannot run on TERM=\(term ?? "(unset)"); set TERM to your terminal's type (e.g. xterm-256color)"
        case .notUTF8(let locale):
            return "the locale (\(locale)) is not UTF-8, so Chinese text would not display; run with LANG=C.UTF-8 (or another UTF-8 locale)"
        case .localeNotInstalled(let locale):
            let name = locale.split(separator: "=", maxSplits: 1).last.map(String.init) ?? locale
            return "the locale \(locale) is not installed on this machine; install it (sudo apt-get install -y locales, add \"\(name) UTF-8\" to /etc/locale.gen, sudo locale-gen) or run with LANG=C.UTF-8 (add --lang zh for Chinese)"
        case .cannotInitialise(let term):
            return "cannot start the terminal interface on TERM=\(term): unknown terminal type"
        }
    }
}

/// The one implementation of `Terminal` over ncursesw.
///
/// Starting it sets the locale, saves the terminal modes and installs handlers that restore
/// them on SIGTERM, SIGINT, SIGHUP and fatal signals before re-raising; `close()` restores
/// them on a normal exit. `stty -g` reads the same before and after.
public final class NcursesTerminal: Terminal {
    public let colorSupport: ColorSupport
    private var pairs: [UInt16: Int16] = [:]
    private var nextPair: Int16 = 1
    private var screen: OpaquePointer?
    private var closed = false

    /// Checks that a full-screen interface can run here; call before `init`. Sets the locale
    /// from the environment, as curses needs before it starts.
    public static func preflight(environment: [String: String]) throws(TerminalUnavailable) {
        let installed = setlocale(LC_ALL, "") != nil
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else { throw .notATerminal }
        let term = environment["TERM"]
        guard let term, !term.isEmpty, term != "dumb" else { throw .dumbTerminal(term) }
        guard installed else { throw .localeNotInstalled(locale: Self.localeSetting(environment)) }
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
        guard codeset == "UTF-8" || codeset == "UTF8" else {
            throw .notUTF8(locale: Self.localeSetting(environment))
        }
    }

    /// The variable that decides the character set, as the user would write it.
    static func localeSetting(_ environment: [String: String]) -> String {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[name], !value.isEmpty { return "\(name)=\(value)" }
        }
        return "LANG unset"
    }

    public init(environment: [String: String]) throws(TerminalUnavailable) {
        try Self.preflight(environment: environment)
        TerminalRestorer.save()
        guard let screen = newterm(nil, stdout, stdin) else {
            throw .cannotInitialise(term: environment["TERM"] ?? "")
        }
        self.screen = screen
        set_term(screen)
        TerminalRestorer.install(sequence: [
            cncursesw_tigetstr("rmkx"), cncursesw_tigetstr("sgr0"),
            cncursesw_tigetstr("cnorm"), cncursesw_tigetstr("rmcup"),
        ].map { String(cString: $0) }.joined())
        raw()
        noecho()
        nonl()
        keypad(cncursesw_stdscr(), true)
        set_escdelay(25)  // Esc acts at once instead of waiting a second for a sequence
        curs_set(0)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if !noColor && has_colors() {
            start_color()
            use_default_colors()
            colorSupport = .eight
        } else {
            colorSupport = .monochrome
        }
    }

    deinit { close() }

    /// Leaves full-screen mode and restores the terminal exactly as it was found.
    public func close() {
        guard !closed else { return }
        closed = true
        endwin()
        TerminalRestorer.restore()
        if let screen { delscreen(screen) }
        screen = nil
    }

    public var size: Size {
        var rows: Int32 = 0, columns: Int32 = 0
        cncursesw_getmaxyx(cncursesw_stdscr(), &rows, &columns)
        return Size(width: Int(columns), height: Int(rows))
    }

    public func nextEvent(timeoutMilliseconds: Int?) -> InputEvent? {
        wtimeout(cncursesw_stdscr(), Int32(timeoutMilliseconds ?? -1))
        var value: wint_t = 0
        let status = wget_wch(cncursesw_stdscr(), &value)
        if status == ERR {
            // A timeout, or the terminal went away (read fails at once, over and over).
            return timeoutMilliseconds == nil || isatty(STDIN_FILENO) != 1 ? .hangup : nil
        }
        if status == KEY_CODE_YES {
            return functionKey(Int32(value))
        }
        return character(UInt32(value))
    }

    private func functionKey(_ code: Int32) -> InputEvent? {
        switch code {
        case KEY_RESIZE: return .resize(size)
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        default:
            for n in 1...12 where code == cncursesw_key_f(Int32(n)) { return .key(.function(n)) }
            return nil
        }
    }

    private func character(_ value: UInt32) -> InputEvent? {
        switch value {
        case 13, 10: return .key(.enter)
        case 27: return .key(.escape)
        case 127, 8: return .key(.backspace)
        case 9: return .key(.tab)
        case 1...26: return .key(.control(Character(Unicode.Scalar(value + 96)!)))
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    public func present(_ buffer: ScreenBuffer, cursor: Position?) {
        var text = [wchar_t](repeating: 0, count: 8)
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                var n = 0
                for scalar in cell.text.unicodeScalars where n < 5 {
                    text[n] = wchar_t(bitPattern: scalar.value)
                    n += 1
                }
                text[n] = 0
                let (attributes, pair) = attributes(for: cell.style)
                _ = cncursesw_put_cell(Int32(y), Int32(x), text, attributes, pair)
            }
        }
        if let cursor {
            curs_set(1)
            wmove(cncursesw_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(cncursesw_stdscr())
    }

    private func attributes(for style: Style) -> (attr_t, Int16) {
        var attributes = cncursesw_a_normal()
        if style.bold { attributes |= cncursesw_a_bold() }
        if style.reverse { attributes |= cncursesw_a_reverse() }
        if style.underline { attributes |= cncursesw_a_underline() }
        if style.dim { attributes |= cncursesw_a_dim() }
        guard colorSupport == .eight, style.foreground != .default || style.background != .default else {
            return (attributes, 0)
        }
        return (attributes, pair(style.foreground, style.background))
    }

    /// Colour pairs are made as they are first used; a terminal has at least 64.
    private func pair(_ foreground: Color, _ background: Color) -> Int16 {
        let key = UInt16(foreground.rawValue) << 8 | UInt16(background.rawValue)
        if let existing = pairs[key] { return existing }
        guard Int32(nextPair) < COLOR_PAIRS else { return 0 }
        let number = nextPair
        nextPair += 1
        init_pair(number, cursesColor(foreground), cursesColor(background))
        pairs[key] = number
        return number
    }

    private func cursesColor(_ color: Color) -> Int16 {
        switch color {
        case .default: return -1
        case .black: return Int16(COLOR_BLACK)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        }
    }
}
