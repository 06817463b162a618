import Foundation
import InspectionCore
import InspectionStore
import TerminalKit

/// A full screen under the title bar: it draws itself, reacts to keys, and re-reads the
/// database when told.
protocol Screen: AnyObject {
    /// Where it sits in the title bar's trail ("3-1-0502").
    func title(_ app: InspectionApp) -> String
    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position?
    /// Every key of the screen: dispatch, status-bar hints and `?` help come from here.
    func bindings(_ app: InspectionApp) -> [Binding]
    /// Reacts to a key; by default, the binding that has it.
    func handle(_ key: Key, app: InspectionApp) throws
    /// What the marks mean, for the `?` help.
    func legend(_ app: InspectionApp) -> [Legend]
    /// Re-reads what it shows (after a write, or another process's).
    func reload(_ app: InspectionApp) throws
    /// Called when a screen above it closes.
    func resumed(_ app: InspectionApp) throws
}

extension Screen {
    func resumed(_ app: InspectionApp) throws { try reload(app) }
}

/// Something drawn over the screen that takes the keys until it closes: help, a prompt, a
/// form.
protocol Overlay: AnyObject {
    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position?
    /// Returns false when the overlay is done and should close.
    func handle(_ key: Key, app: InspectionApp) throws -> Bool
}

/// What starts the interface: the database and who is at the keyboard.
public struct AppConfiguration {
    public var language: Language
    public var colorSupport: ColorSupport
    /// Only this contractor's defects (the rectification view).
    public var contractor: String?
    /// The inspector named outside the file (`$YANFANG_INSPECTOR`); asked for when absent.
    public var inspector: String?
    /// The current time (tests fix it).
    public var clock: @Sendable () -> Date
    public var today: @Sendable () -> Day
    /// A practice copy of the project (`yanfang training`): every screen says so.
    public var practice = false

    public init(language: Language, colorSupport: ColorSupport, contractor: String? = nil, inspector: String? = nil,
                clock: @escaping @Sendable () -> Date, today: @escaping @Sendable () -> Day) {
        self.language = language
        self.colorSupport = colorSupport
        self.contractor = contractor
        self.inspector = inspector.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        self.clock = clock
        self.today = today
    }
}

/// The interface: a stack of screens over one database, with a title bar, a status bar and
/// at most one overlay.
public final class InspectionApp: TerminalProgram {
    let store: InspectionStore
    private(set) var configuration: AppConfiguration
    let texts: Texts
    private(set) var theme: Theme
    var language: Language { configuration.language }
    private(set) var project: Project
    private(set) var checklists: ChecklistSet
    private(set) var contractors: [Contractor]
    private(set) var rounds: [Round]
    /// The inspection plan in force (nil: none; every unit in every round, anyone records anything).
    private(set) var plan: ProjectPlan?
    /// The inspector's name: from the environment, else the one last given here (remembered
    /// in the file), else asked for. Without one the interface only reads.
    var inspector: String?
    var stack: [Screen] = []
    var overlay: Overlay?
    /// A line on the status bar until the next key.
    var message: (text: String, isError: Bool)?
    private var running = true

    static let inspectorKey = "ui.inspector"
    /// The unit open when the program last stopped (it opens there again).
    public static let currentUnitKey = "ui.unit"

    public init(store: InspectionStore, configuration: AppConfiguration) throws {
        self.store = store
        try store.deferCheckpoints()
        self.configuration = configuration
        seenChanges = try store.externalChangeCount()
        texts = Texts.for(configuration.language)
        theme = Theme.for(configuration.colorSupport)
        project = try store.requireProject()
        checklists = try store.checklists()
        contractors = try store.contractors()
        rounds = try store.rounds()
        plan = try store.plan()
        if let typed = configuration.contractor {
            // A unique part of the name will do (明远); none or several fitting is refused with the close ones.
            let contractor = try ContractorRules.resolve(typed, among: contractors).name
            self.configuration.contractor = contractor
            stack = [try ContractorScreen(app: self, contractor: contractor)]
            return
        }
        inspector = try configuration.inspector ?? store.setting(Self.inspectorKey)
        stack = [try HomeScreen(app: self)]
        if inspector == nil { askInspector() }
        // Back where the inspector was: the unit open when the program last stopped.
        if let code = try store.setting(Self.currentUnitKey), openRound != nil, let unit = try store.unit(code: code) {
            try walk(unit)
        }
    }

    /// Draws with the scheme the terminal can show (known once it has started).
    public func adopt(_ colorSupport: ColorSupport) {
        theme = Theme.for(colorSupport)
    }

    // MARK: - State shared by screens

    var openRound: Round? { rounds.last.flatMap { $0.isOpen ? $0 : nil } }
    var latestRound: Round? { rounds.last }
    var today: Day { configuration.today() }

    /// Every unit and its search keys, read once per layout (see `UnitIndex`).
    private var unitIndexCache: UnitIndex?

    func unitIndex() throws -> UnitIndex {
        if let unitIndexCache { return unitIndexCache }
        let index = UnitIndex(try store.units())
        unitIndexCache = index
        return index
    }

    /// The unit list, kept between visits: it re-reads only the units whose history grew
    /// (all of them after a round opens or closes, or a merge).
    private var unitPickerCache: UnitPickerScreen?

    func unitPicker() throws -> UnitPickerScreen {
        if let picker = unitPickerCache {
            try picker.reload(self)
            return picker
        }
        let picker = try UnitPickerScreen(app: self)
        unitPickerCache = picker
        return picker
    }

    func reloadProject() throws {
        project = try store.requireProject()
        contractors = try store.contractors()
        rounds = try store.rounds()
        plan = try store.plan()
    }

    /// What the inspector covers in the latest round by the plan (nil: no plan, or the plan
    /// does not name them): the screens offer their units and categories first.
    var assignment: MemberAssignment? {
        guard let inspector, let round = latestRound else { return nil }
        return plan?.assignment(of: inspector, round: round.number)
    }

    /// The next unit after `current` among `units` with work left in the open round. Given
    /// the inspector's share (`mine`), only theirs: a unit of their batches with an item of
    /// their categories unrecorded, or a re-check of a defect of those categories to do.
    func nextUnit(after current: ProjectUnit?, in units: [ProjectUnit], progress: [UUID: UnitProgress],
                  mine: MemberAssignment?) throws -> ProjectUnit? {
        guard let mine else { return RoundProgress.nextUnit(after: current, in: units, progress: progress) }
        let candidates = units.filter(mine.includes)
        guard !mine.member.categories.isEmpty, let round = openRound?.number else {
            return RoundProgress.nextUnit(after: current, in: candidates, progress: progress)
        }
        let covers = { (item: String) in self.checklists.item(item).map { mine.covers(category: $0.category) } ?? false }
        let floors = try store.entranceFloors()
        return try RoundProgress.nextUnit(after: current, in: candidates, progress: progress) { unit, p in
            guard !p.isComplete else { return false }
            // Nothing recorded yet: every item of theirs is left (no replay needed).
            let entrance = floors[EntranceKey(building: unit.building, entrance: unit.entrance)]
            if p.recorded == 0, checklists.pairs(for: unit, entranceFloors: entrance).contains(where: { covers($0.item) }) { return true }
            let view = try store.unitRound(unit: unit, round: round)
            return view.pairs.contains { covers($0.item) && view.results.result($0) == nil }
                || view.rechecks.contains { covers($0.item) && view.results.rechecks[$0.id] == nil && $0.status != .waived }
        }
    }

    func context() -> ActionContext {
        ActionContext(actor: inspector ?? configuration.contractor ?? "?", at: configuration.clock(), today: today)
    }

    /// The unit open now (or "" when none), still to be remembered in the file: it goes with
    /// the next recorded result, or is written when the keyboard is idle, so that opening a
    /// unit costs no transaction of its own (a restart goes back to it).
    private var unitToRemember: String?

    func rememberUnit(_ code: String) { unitToRemember = code }

    /// Writes the unit to remember now (idle, or on the way out).
    public func flushRemembered() {
        guard let code = unitToRemember, !store.isReadOnly else { return }
        do {
            try store.setSetting(Self.currentUnitKey, code)
            unitToRemember = nil
        } catch {
            fail(error)
        }
    }

    /// Runs one user action as one transaction; a refusal shows on the status bar and
    /// changes nothing. Actions that change the rounds or settings pass `reload`.
    @discardableResult
    func perform<T>(reload: Bool = false, _ action: (StoreTransaction) throws -> T) -> T? {
        guard canWrite() else { return nil }
        do {
            let remember = unitToRemember
            let result = try store.write(context()) { tx in
                if let remember { try tx.setSetting(Self.currentUnitKey, remember) }
                return try action(tx)
            }
            if remember != nil { unitToRemember = nil }
            if reload { try reloadProject() }
            return result
        } catch {
            fail(error)
            return nil
        }
    }

    /// True when someone is named to record under; else says how to become so.
    func canWrite() -> Bool {
        if inspector != nil || configuration.contractor != nil { return true }
        message = (texts.readOnlyNoName, true)
        return false
    }

    func fail(_ error: Error) {
        message = (describe(error), true)
    }

    func describe(_ error: Error) -> String {
        switch error {
        case let e as InspectionError: return texts.refusal(e)
        case let e as StoreError: return e.description
        default: return "\(error)"
        }
    }

    func flash(_ text: String) { message = (text, false) }

    /// A room of a unit in the interface's language (rooms are stored by their Chinese name).
    func roomName(_ key: String, unitType: String) -> String {
        checklists.roomName(key, unitType: unitType, language: language)
    }

    func roomName(_ defect: DefectSummary) -> String { roomName(defect.room, unitType: defect.unitType) }

    func push(_ screen: Screen) { stack.append(screen) }

    /// Closes the top screen; the first screen stays (only `q` and Ctrl-C quit).
    func pop() {
        guard stack.count > 1 else { return }
        let closing = stack.removeLast()
        if closing is UnitScreen { rememberUnit("") }
        do { try stack.last?.resumed(self) } catch { fail(error) }
    }

    func quit() {
        flushRemembered()
        running = false
    }

    /// Opens a unit's walkthrough over the unit list, from wherever the user is (`n`, `/`),
    /// with a defect's row selected when `code` names one.
    func walk(_ unit: ProjectUnit, selecting code: String? = nil) throws {
        let screen = try UnitScreen(app: self, unit: unit)
        if let code { screen.select(defectCode: code) }
        let picker = try unitPicker()
        picker.select(unit: unit.id)
        stack.removeSubrange(1...)
        stack += [picker, screen]
    }

    func askInspector() {
        // Dismissable: a lead who only reads the board never has to type a name.
        overlay = PromptOverlay(title: texts.inspectorPrompt, initial: inspector ?? "") { app, name in
            app.inspector = name
            do {
                try app.store.setSetting(Self.inspectorKey, name)
            } catch let error as StoreError {
                // A read-only file: the name serves this session, and the status bar says why it is not remembered.
                guard case .readOnly = error else { throw error }
                app.fail(error)
            }
        }
    }

    // MARK: - TerminalProgram

    /// Often enough that a write by another program shows within a second, without a key.
    public var refreshInterval: Int? { 500 }
    /// `PRAGMA data_version` when the screens last read the file.
    private var seenChanges: Int?
    private var idlePolls = 0

    /// Another process (a lead, a contractor, a second inspector, a merge) may have written:
    /// the screens re-read only when the file says so. Idle time is also when the write-ahead
    /// log is folded back into the file (every few seconds), so that no keystroke waits for it.
    public func refresh() {
        do {
            flushRemembered()
            idlePolls += 1
            if idlePolls % 10 == 0 { try store.checkpoint() }
            let changes = try store.externalChangeCount()
            guard changes != seenChanges, overlay == nil else { return }
            seenChanges = changes
            // Another program may have imported units.
            if try store.unitCount() != unitIndexCache?.units.count { unitIndexCache = nil }
            reloadAll()
        } catch {
            fail(error)
        }
    }

    /// Re-reads the project and the screen on top.
    func reloadAll() {
        do {
            try reloadProject()
            try stack.last?.reload(self)
        } catch {
            fail(error)
        }
    }

    public func render(into buffer: inout ScreenBuffer) -> Position? {
        let area = buffer.bounds
        let (titleRow, rest) = area.splitTop(1)
        let (body, statusRow) = rest.splitBottom(1)
        renderTitle(into: &buffer, area: titleRow)
        var cursor = stack.last?.render(into: &buffer, area: body, app: self)
        // An open overlay (a form, the search, a prompt) has the keys: the screen's hints would mislead.
        let hints = overlay != nil ? [] : (stack.last?.hints(self) ?? []) + globalBindings.filter(\.hint).map { ($0.name, $0.short ?? $0.label) }
        StatusBar(hints: message?.isError == true ? [] : hints, message: message?.text,
                  messageStyle: message?.isError == true ? theme.error : nil, theme: theme).render(into: &buffer, area: statusRow)
        if let overlay { cursor = overlay.render(into: &buffer, area: body, app: self) }
        return cursor
    }

    func renderTitle(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area, style: theme.title)
        let days = today.days(until: project.delivery)
        let round = latestRound.map { " · " + ($0.isOpen ? texts.roundOpen($0.number) : texts.roundClosed($0.number)) } ?? ""
        let delivery = "\(texts.delivery) \(project.delivery)"
        // The most that fits whole: the days left, then the program's name give way before
        // anything is cut.
        let lefts = [" \(texts.appName) · \(project.name) · \(delivery)\(texts.parenthesized(texts.daysLeft(days)))\(round)",
                     " \(project.name) · \(delivery)\(texts.parenthesized(texts.daysLeft(days)))\(round)",
                     " \(project.name) · \(delivery)\(round)"]
        // Who is at the keyboard always shows; the file name when there is room.
        let who = configuration.contractor ?? inspector
        let file = store.path.map { URL(fileURLWithPath: $0).lastPathComponent }
        var right = [who, file].compactMap { $0 }.joined(separator: " · ") + " "
        if DisplayWidth.of(lefts[0]) + DisplayWidth.of(right) + 1 > area.width { right = (who ?? "") + " " }
        let left = lefts.first { DisplayWidth.of($0) + DisplayWidth.of(right) + 1 <= area.width } ?? lefts[lefts.count - 1]
        let rightWidth = DisplayWidth.of(right)
        // Practice says so first, whatever else gives way.
        var x = area.x
        if configuration.practice {
            x += buffer.put(" \(texts.practiceBanner) ", at: Position(x: x, y: area.y), style: theme.error)
        }
        buffer.put(DisplayWidth.fit(left, width: max(0, area.maxX - x - rightWidth - 1)), at: Position(x: x, y: area.y), style: theme.title)
        buffer.put(right, at: Position(x: area.maxX - rightWidth, y: area.y), style: theme.title)
    }

    public func handle(_ event: InputEvent) -> Bool {
        guard case .key(let key) = event else { return running }
        message = nil
        do {
            if let overlay {
                if try !overlay.handle(key, app: self) { self.overlay = nil }
            } else if let global = globalBindings.first(where: { $0.keys.contains(key) }) {
                try global.action(self, key)
            } else {
                try stack.last?.handle(key, app: self)
            }
        } catch {
            fail(error)
        }
        return running
    }

    /// The keys of every screen: find, help (Ctrl-C, handled by the loop, is listed in the help).
    var globalBindings: [Binding] {
        [Binding(.character("/"), configuration.contractor == nil ? texts.keySearchUnit : texts.keySearchDefect, hint: true) { app in
             app.overlay = try SearchOverlay(app: app)
         }.shortened(texts.keySearch),
         Binding(.character("?"), texts.keyHelp, hint: true) { app in app.overlay = HelpOverlay(screen: app.stack.last) }]
    }

    /// The screen's message for a terminal below the minimum size.
    public var tooSmallMessage: String { texts.tooSmall(minimumTerminalSize) }
}
