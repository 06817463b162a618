import Foundation
import InspectionCore
import InspectionStore
import TerminalKit

/// The units, grouped by building and entrance, each marked by its state in the round:
/// not started, in progress, done, has open defects, ready. `/` finds a unit by part of
/// its code or a defect by its mark code; `n` goes to the next unit with work left.
final class UnitPickerScreen: Screen {
    enum Row {
        case heading(building: String, entrance: Int)
        case unit(ProjectUnit)
    }

    var units: [ProjectUnit] = []
    var progress: [UUID: UnitProgress] = [:]
    var blocking: [UUID: Int] = [:]
    var rows: [Row] = []
    var state = ListState()
    /// Unit codes as typed in a search: lower case, and without dashes.
    var searchKeys: [(code: String, compact: String)] = []
    var unitsByID: [UUID: ProjectUnit] = [:]
    /// Units done and in all, per building-entrance.
    var groupCounts: [String: (done: Int, total: Int)] = [:]

    init(app: InspectionApp) throws {
        try reload(app)
        state.selectFirst(count: rows.count) { self.isSelectable($0) }
    }

    func isSelectable(_ index: Int) -> Bool {
        if case .unit = rows[index] { return true }
        return false
    }

    func reload(_ app: InspectionApp) throws {
        let selected = selectedUnit?.id
        units = try app.store.units()
        progress = try app.latestRound.map { try app.store.progress(round: $0.number) } ?? [:]
        blocking = try app.store.blockingDefectsByUnit()
        rows = []
        groupCounts = [:]
        for unit in units {
            let key = "\(unit.building)-\(unit.entrance)"
            groupCounts[key, default: (0, 0)].total += 1
            if progress[unit.id]?.isComplete ?? false { groupCounts[key, default: (0, 0)].done += 1 }
        }
        var previous: (String, Int)?
        for unit in units {
            if previous.map({ $0 != (unit.building, unit.entrance) }) ?? true {
                rows.append(.heading(building: unit.building, entrance: unit.entrance))
                previous = (unit.building, unit.entrance)
            }
            rows.append(.unit(unit))
        }
        searchKeys = units.map { ($0.code.lowercased(), $0.code.filter { $0 != "-" }) }
        unitsByID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if let selected { select(unit: selected) }
    }

    var selectedUnit: ProjectUnit? {
        guard let index = state.selected, index < rows.count, case .unit(let unit) = rows[index] else { return nil }
        return unit
    }

    func select(unit id: UUID) {
        if let index = rows.firstIndex(where: { if case .unit(let u) = $0 { return u.id == id } else { return false } }) {
            state.selected = index
        }
    }

    /// What a unit's mark says, and how it is coloured.
    func status(of unit: ProjectUnit, app: InspectionApp) -> (mark: String, text: String, style: Style) {
        let t = app.texts, theme = app.theme
        let open = blocking[unit.id] ?? 0
        let p = progress[unit.id]
        if let p, !p.isComplete {
            if app.openRound == nil { return ("○", t.stateNotReached, theme.warning) }  // left out of a partial close
            if p.isStarted { return ("◐", t.stateInProgress, theme.highlight) }
            return ("○", t.stateNotStarted, theme.muted)
        }
        if app.openRound != nil, p != nil {
            return open > 0 ? ("●", t.stateDoneWithDefects(open), theme.warning) : ("✓", t.stateReady, theme.good)
        }
        return open > 0 ? ("●", t.stateOpenDefects(open), theme.bad) : ("✓", t.stateReady, theme.good)
    }

    func row(for row: Row, app: InspectionApp) -> ListRow {
        let t = app.texts, theme = app.theme
        switch row {
        case let .heading(building, entrance):
            let counts = groupCounts["\(building)-\(entrance)"] ?? (0, 0)
            return ListRow(Line([Span(t.entranceLabel(building, entrance), style: theme.heading),
                                 Span("  " + t.unitsDone(counts.done, counts.total), style: theme.muted)]), selectable: false)
        case .unit(let unit):
            let (mark, text, style) = status(of: unit, app: app)
            let type = app.checklists.unitType(unit.type)
            /// A column: the text fitted, then a space before the next.
            func column(_ text: String, _ width: Int, _ style: Style? = nil) -> Span {
                Span(DisplayWidth.fit(text, width: width - 1) + " ", style: style)
            }
            var spans: [Span] = [
                Span(" "), Span(mark + " ", style: style),
                column(unit.code, 11),
                column(t.floorUnit(unit), 10, theme.muted),
                column("\(unit.type) \(type?.name.text(app.language) ?? "")", 17),
                column(text, 15, style),
            ]
            if let p = progress[unit.id], app.openRound != nil {
                spans.append(column(t.itemsShort(p.recorded, p.applicable), 14, theme.muted))
                if p.rechecks > 0 { spans.append(Span(t.rechecksShort(p.rechecksDone, p.rechecks), style: theme.muted)) }
            }
            return ListRow(Line(spans))
        }
    }

    func title(_ app: InspectionApp) -> String { app.texts.units }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let (header, body) = area.splitTop(1)
        let done = RoundProgress(progress.values).inspected
        let summary = app.latestRound.map { app.texts.pickerSummary($0.number, done, units.count) } ?? app.texts.unitsCount(units.count)
        buffer.put(" " + summary, at: Position(x: header.x, y: header.y), style: app.theme.heading, maxWidth: header.width)
        ListView(count: rows.count, theme: app.theme) { self.row(for: self.rows[$0], app: app) }
            .render(into: &buffer, area: body, state: &state)
        return nil
    }

    func handle(_ key: Key, app: InspectionApp) throws {
        if state.handleMovement(key, count: rows.count, selectable: { self.isSelectable($0) }) { return }
        switch key {
        case .tab: jumpGroup(forward: true)
        case .backTab: jumpGroup(forward: false)
        case .enter, .right, .character("l"):
            if let unit = selectedUnit { app.push(try UnitScreen(app: app, unit: unit)) }
        case .character("n"):
            try openNext(app)
        case .character("/"):
            startSearch(app)
        case .escape, .character("q"), .left, .character("h"):
            app.pop()
        default:
            break
        }
    }

    /// Opens the next unit with work left in the open round, after the selected one.
    func openNext(_ app: InspectionApp) throws {
        guard app.openRound != nil else { app.message = (app.texts.noRoundOpen, true); return }
        guard let next = RoundProgress.nextUnit(after: selectedUnit, in: units, progress: progress) else {
            app.flash(app.texts.allUnitsDone)
            return
        }
        select(unit: next.id)
        app.push(try UnitScreen(app: app, unit: next))
    }

    func jumpGroup(forward: Bool) {
        guard let current = state.selected else { return }
        let indices = forward ? Array((current + 1)..<rows.count) : Array((0..<current).reversed())
        var passedHeading = false
        for i in indices {
            if case .heading = rows[i] {
                if !forward && !passedHeading { passedHeading = true; continue }
                if forward || passedHeading {
                    if i + 1 < rows.count { state.selected = i + 1 }
                    return
                }
            }
        }
        if !forward { state.selectFirst(count: rows.count) { self.isSelectable($0) } }
    }

    func startSearch(_ app: InspectionApp) {
        app.overlay = SearchOverlay(picker: self)
    }

    func hints(_ app: InspectionApp) -> [(key: String, label: String)] {
        [("Enter", app.texts.keyOpenUnit), ("n", app.texts.keyNextUnit), ("/", app.texts.keySearch), ("Tab", app.texts.keyNextEntrance),
         ("?", app.texts.keyHelp), ("Esc", app.texts.keyBack)]
    }

    func help(_ app: InspectionApp) -> [(key: String, label: String)] {
        let t = app.texts
        return [("↑↓ j k", t.keyMove), ("PgUp PgDn", t.keyPage), ("Home End", t.keyFirstLast), ("Tab S-Tab", t.keyNextEntrance),
                ("Enter", t.keyOpenUnit), ("n", t.keyNextUnit), ("/", t.keySearchUnit), ("Esc q", t.keyBack),
                ("○ ◐ ● ✓", t.legendStates)]
    }
}

/// `/`: type part of a unit code (or a defect's mark code); matches show as you type and
/// Enter jumps to the highlighted one.
final class SearchOverlay: Overlay {
    enum Match {
        case unit(ProjectUnit)
        case defect(code: String, unit: ProjectUnit)
    }

    weak var picker: UnitPickerScreen?
    var field = TextField("", maxLength: 20)
    var matches: [Match] = []
    var selected = 0

    init(picker: UnitPickerScreen) { self.picker = picker }

    func update(_ app: InspectionApp) {
        guard let picker else { return }
        let query = field.text.trimmingCharacters(in: .whitespaces)
        matches = []
        selected = 0
        guard !query.isEmpty else { return }
        let lower = query.lowercased()
        let compact = lower.filter { $0 != "-" }
        for (index, key) in picker.searchKeys.enumerated() where key.code.contains(lower) || key.compact.contains(compact) {
            matches.append(.unit(picker.units[index]))
            if matches.count == 8 { break }
        }
        let defects = ((try? app.store.defectLocations(matching: query, limit: 5)) ?? []).compactMap { found in
            picker.unitsByID[found.unit].map { Match.defect(code: found.code, unit: $0) }
        }
        // What looks like a mark code (it has one of the code's letters) lists defects first.
        let looksLikeCode = query.uppercased().contains { $0.isLetter && MarkCode.alphabet.contains($0) }
        matches = looksLikeCode ? defects + matches : matches + defects
    }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let height = min(area.height, max(1, matches.count) + 4)
        let box = Rect(x: area.x + 2, y: area.y + 1, width: min(area.width - 4, 60), height: height)
        let inner = Modal(title: app.texts.searchTitle, theme: app.theme).render(into: &buffer, area: box)
        let cursor = field.render(into: &buffer, area: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: 1), style: app.theme.input)
        if matches.isEmpty {
            let hint = field.isEmpty ? app.texts.searchHint : app.texts.searchNone
            buffer.put(hint, at: Position(x: inner.x + 1, y: inner.y + 1), style: app.theme.muted, maxWidth: inner.width - 2)
        }
        for (i, match) in matches.enumerated() where inner.y + 1 + i < inner.maxY {
            let text: String
            switch match {
            case .unit(let unit): text = "\(unit.code)  \(app.texts.unitLabel(unit))"
            case let .defect(code, unit): text = "\(code)  \(app.texts.defectIn(unit.code))"
            }
            let style = i == selected ? app.theme.selected : app.theme.normal
            buffer.fill(Rect(x: inner.x + 1, y: inner.y + 1 + i, width: inner.width - 2, height: 1), style: style)
            buffer.put(text, at: Position(x: inner.x + 1, y: inner.y + 1 + i), style: style, maxWidth: inner.width - 2)
        }
        return cursor
    }

    func handle(_ key: Key, app: InspectionApp) throws -> Bool {
        switch key {
        case .escape:
            return false
        case .down:
            selected = min(selected + 1, max(0, matches.count - 1))
        case .up:
            selected = max(0, selected - 1)
        case .enter:
            guard let picker, selected < matches.count else {
                if !field.isEmpty { app.message = (app.texts.searchNone, true) }
                return field.isEmpty ? false : true
            }
            switch matches[selected] {
            case .unit(let unit):
                picker.select(unit: unit.id)
            case let .defect(code, unit):
                picker.select(unit: unit.id)
                let screen = try UnitScreen(app: app, unit: unit)
                screen.select(defectCode: code)
                app.push(screen)
            }
            return false
        default:
            if field.handle(key) { update(app) }
        }
        return true
    }
}
