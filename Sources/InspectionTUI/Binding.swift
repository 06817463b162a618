import TerminalKit

/// One key of a screen: the keys that trigger it, how it is written, what it does, and
/// whether the status bar shows it. A screen declares one list of these; its dispatch, its
/// status-bar hints and its `?` help are all derived from that list, so they cannot disagree.
struct Binding {
    var keys: [Key]
    /// How the keys are written in hints and help ("Space", "↑↓ j k").
    var name: String
    var label: String
    /// Shown on the status bar (the help lists every binding).
    var hint: Bool
    /// The label on the status bar, where room is short (nil: `label`).
    var short: String?
    var action: (InspectionApp, Key) throws -> Void

    init(_ keys: [Key], name: String? = nil, _ label: String, hint: Bool = false,
         _ action: @escaping (InspectionApp, Key) throws -> Void) {
        self.keys = keys
        self.name = name ?? keys.map(keyName).joined(separator: " ")
        self.label = label
        self.hint = hint
        self.action = action
    }

    init(_ key: Key, _ label: String, hint: Bool = false, _ action: @escaping (InspectionApp) throws -> Void) {
        self.init([key], label, hint: hint) { app, _ in try action(app) }
    }

    /// The same binding with a shorter label on the status bar.
    func shortened(_ text: String) -> Binding {
        var copy = self
        copy.short = text
        return copy
    }

    /// The keys that move a list's selection (↑ ↓ j k, PgUp PgDn, Home End g G).
    static let movementKeys: [Key] = [.up, .down, .character("j"), .character("k"), .pageUp, .pageDown,
                                      .control("f"), .control("b"), .home, .end, .character("g"), .character("G")]

    static func move(_ t: Texts, _ move: @escaping (Key) -> Void) -> Binding {
        Binding(movementKeys, name: "↑↓ j k PgUp PgDn Home End", t.keyMove) { _, key in move(key) }
    }

    /// The keys that scroll a page of text.
    static let scrollKeys: [Key] = [.up, .down, .character("j"), .character("k"), .pageUp, .pageDown,
                                    .control("f"), .control("b"), .character(" "), .home, .character("g")]

    /// `n`: the next unit with work left; with a share of the plan, with the inspector's own
    /// work left, as the help says (the status bar keeps it short).
    static func nextUnit(_ app: InspectionApp, mine: Bool? = nil, _ action: @escaping (InspectionApp) throws -> Void) -> Binding {
        let t = app.texts
        guard mine ?? (app.assignment != nil) else { return Binding(.character("n"), t.keyNextUnit, hint: true, action) }
        return Binding(.character("n"), t.keyNextMine, hint: true, action).shortened(t.keyNextUnit)
    }

    /// Back to the screen below (Esc, q, ←, h).
    static func back(_ t: Texts, hint: Bool = true) -> Binding {
        Binding([.escape, .character("q"), .left, .character("h")], name: "Esc q", t.keyBack, hint: hint) { app, _ in app.pop() }
    }
}

/// Scrolling a text pager.
func pagerBinding(_ t: Texts, _ scroll: @escaping (Key) -> Void) -> Binding {
    Binding(Binding.scrollKeys, name: "↑↓ PgUp PgDn", t.keyScroll, hint: true) { _, key in scroll(key) }
}

/// A line of the `?` help that is not a key (what the marks mean).
typealias Legend = (marks: String, meaning: String)

extension Screen {
    func handle(_ key: Key, app: InspectionApp) throws { try dispatch(key, app: app) }

    /// Runs the binding that has `key`, if any.
    func dispatch(_ key: Key, app: InspectionApp) throws {
        if let binding = bindings(app).first(where: { $0.keys.contains(key) }) { try binding.action(app, key) }
    }

    func hints(_ app: InspectionApp) -> [(key: String, label: String)] {
        bindings(app).filter(\.hint).map { ($0.name, $0.short ?? $0.label) }
    }

    func help(_ app: InspectionApp) -> [(key: String, label: String)] {
        bindings(app).map { ($0.name, $0.label) } + legend(app).map { ($0.marks, $0.meaning) }
    }

    func legend(_ app: InspectionApp) -> [Legend] { [] }
}
