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
    /// Each unit's row, to select one without a scan.
    var rowOfUnit: [UUID: Int] = [:]
    var state = ListState()
    /// Units done and in all, per building-entrance.
    var groupCounts: [String: (done: Int, total: Int)] = [:]
    /// Units done in the round shown.
    var inspected = 0
    var columns: [FittedColumn] = []
    /// The code, floor and floor-plan columns, from the layout alone (read once per layout).
    var layoutColumns: [FittedColumn] = []
    /// How far this list has read the file's history (`InspectionStore.changes`), and the
    /// round it shows: a key in a unit re-reads that unit, not 10,000.
    var seen: Int64?
    var shownRound: Int?
    var shownOpen = false
    /// Every unit rather than only the inspector's batches (`m`); the list starts narrowed
    /// when the plan names the inspector.
    var showAll = false
    /// The inspector's share of the round, while the list is narrowed to it.
    var mine: MemberAssignment? = nil
    /// Units in the layout (the list may show fewer: the inspector's batches).
    var layoutCount = 0
    /// Units of the list in the round's scope.
    var inScope = 0

    init(app: InspectionApp) throws {
        try load(app)
        state.selectFirst(count: rows.count) { self.isSelectable($0) }
    }

    func isSelectable(_ index: Int) -> Bool {
        if case .unit = rows[index] { return true }
        return false
    }

    /// Re-reads what changed since it last read: the units whose history grew, or everything
    /// after a change beyond units (a round opened or closed, a setting, a merge, an import).
    func reload(_ app: InspectionApp) throws {
        let changes = try app.store.changes(since: seen)
        let layout = try app.unitIndex().units.count
        if changes.beyondUnits || app.latestRound?.number != shownRound || (app.openRound != nil) != shownOpen || layout != layoutCount {
            try load(app)
            return
        }
        seen = changes.latest
        if !changes.units.isEmpty { try refresh(changes.units, app: app) }
    }

    /// Reads every unit's progress and open defects.
    func load(_ app: InspectionApp) throws {
        let selected = selectedUnit?.id
        seen = try app.store.changes(since: nil).latest
        shownRound = app.latestRound?.number
        shownOpen = app.openRound != nil
        let index = try app.unitIndex()
        mine = showAll ? nil : app.assignment
        let shown = index.units.filter { mine?.includes($0) ?? true }
        if shown.count != units.count || index.units.count != layoutCount { layoutColumns = [] }
        layoutCount = index.units.count
        units = shown
        progress = try app.latestRound.map { try app.store.progress(round: $0.number) } ?? [:]
        blocking = try app.store.blockingDefectsByUnit()
        rows = []
        rowOfUnit = [:]
        groupCounts = [:]
        inspected = 0
        inScope = 0
        var previous: (String, Int)?
        for unit in units {
            let key = Self.group(unit)
            groupCounts[key, default: (0, 0)].total += 1
            if progress[unit.id] != nil { inScope += 1 }
            if progress[unit.id]?.isComplete ?? false {
                groupCounts[key, default: (0, 0)].done += 1
                inspected += 1
            }
            if previous.map({ $0 != (unit.building, unit.entrance) }) ?? true {
                rows.append(.heading(building: unit.building, entrance: unit.entrance))
                previous = (unit.building, unit.entrance)
            }
            rowOfUnit[unit.id] = rows.count
            rows.append(.unit(unit))
        }
        fitColumns(app)
        if let selected { select(unit: selected) }
    }

    /// Re-reads some units' progress and open defects; their columns may widen.
    func refresh(_ ids: Set<UUID>, app: InspectionApp) throws {
        let fresh = try app.latestRound.map { try app.store.progress(round: $0.number, units: ids) } ?? [:]
        let open = try app.store.blockingDefects(units: ids)
        for id in ids {
            guard let row = rowOfUnit[id], case .unit(let unit) = rows[row] else { continue }
            let wasDone = progress[id]?.isComplete ?? false
            progress[id] = fresh[id]
            blocking[id] = (open[id] ?? 0) > 0 ? open[id] : nil
            let isDone = progress[id]?.isComplete ?? false
            if wasDone != isDone {
                groupCounts[Self.group(unit), default: (0, 0)].done += isDone ? 1 : -1
                inspected += isDone ? 1 : -1
            }
            for (i, cell) in cells(unit, app: app).enumerated() where i >= 3 { columns[i].fit(cell.text) }
            for i in 3..<columns.count { columns[i].minimum = columns[i].natural }
        }
    }

    static func group(_ unit: ProjectUnit) -> String { "\(unit.building)-\(unit.entrance)" }

    var selectedUnit: ProjectUnit? {
        guard let index = state.selected, index < rows.count, case .unit(let unit) = rows[index] else { return nil }
        return unit
    }

    func select(unit id: UUID) {
        if let index = rowOfUnit[id] { state.selected = index }
    }

    /// Where a unit stands, as a value: the columns are sized from the distinct ones.
    enum State: Hashable {
        case outOfScope, notReached, inProgress, notStarted, doneWithDefects(Int), openDefects(Int), ready
    }

    func state(of unit: ProjectUnit, app: InspectionApp) -> State {
        let open = blocking[unit.id] ?? 0
        let p = progress[unit.id]
        // Outside the plan's batches for the round.
        if app.latestRound != nil, p == nil { return .outOfScope }
        if let p, !p.isComplete {
            if app.openRound == nil { return .notReached }  // left out of a partial close
            return p.isStarted ? .inProgress : .notStarted
        }
        if app.openRound != nil, p != nil { return open > 0 ? .doneWithDefects(open) : .ready }
        return open > 0 ? .openDefects(open) : .ready
    }

    /// What a unit's mark says, and how it is coloured.
    func status(of unit: ProjectUnit, app: InspectionApp) -> (mark: String, text: String, style: Style) {
        Self.status(state(of: unit, app: app), app: app)
    }

    static func status(_ state: State, app: InspectionApp) -> (mark: String, text: String, style: Style) {
        let t = app.texts, theme = app.theme
        switch state {
        case .notReached: return ("○", t.stateNotReached, theme.warning)
        case .inProgress: return ("◐", t.stateInProgress, theme.highlight)
        case .notStarted: return ("○", t.stateNotStarted, theme.muted)
        case .doneWithDefects(let open): return ("●", t.stateDoneWithDefects(open), theme.warning)
        case .openDefects(let open): return ("●", t.stateOpenDefects(open), theme.bad)
        case .ready: return ("✓", t.stateReady, theme.good)
        case .outOfScope: return ("–", t.stateOutOfScope, theme.muted)
        }
    }

    func row(for row: Row, app: InspectionApp, width: Int) -> ListRow {
        let t = app.texts, theme = app.theme
        switch row {
        case let .heading(building, entrance):
            let counts = groupCounts["\(building)-\(entrance)"] ?? (0, 0)
            return ListRow(Line([Span(t.entranceLabel(building, entrance), style: theme.heading),
                                 Span("  " + t.unitsDone(counts.done, counts.total), style: theme.muted)]), selectable: false)
        case .unit(let unit):
            let (mark, _, style) = status(of: unit, app: app)
            return ListRow(Line([Span(" "), Span(mark + " ", style: style)] + ColumnLayout.line(cells(unit, app: app), columns: columns, available: width - 4)))
        }
    }

    /// A unit's cells after its mark: code, floor and number, type, state, items and re-checks recorded.
    func cells(_ unit: ProjectUnit, app: InspectionApp) -> [Span] {
        let t = app.texts, theme = app.theme
        let (_, text, style) = status(of: unit, app: app)
        let type = app.checklists.unitType(unit.type)
        var cells = [Span(unit.code), Span(t.floorUnit(unit), style: theme.muted),
                     Span("\(unit.type) \(type?.name.text(app.language) ?? "")"), Span(text, style: style)]
        if let p = progress[unit.id], app.openRound != nil {
            cells.append(Span(t.itemsShort(p.recorded, p.applicable), style: theme.muted))
            cells.append(Span(p.rechecks > 0 ? t.rechecksShort(p.rechecksDone, p.rechecks) : "", style: theme.muted))
        }
        return cells
    }

    /// Sizes the columns to every unit's cells; the floor plan's name gives way first. The
    /// layout's columns are measured once per layout, the rest from their distinct values
    /// (a few dozen states and counts, not 10,000 rows of text).
    func fitColumns(_ app: InspectionApp) {
        let t = app.texts
        if layoutColumns.isEmpty {
            layoutColumns = Array(repeating: FittedColumn(), count: 3)
            for unit in units {
                for (i, cell) in cells(unit, app: app).prefix(3).enumerated() { layoutColumns[i].fit(cell.text) }
            }
        }
        var states: Set<State> = [], items: Set<[Int]> = [], rechecks: Set<[Int]> = []
        for unit in units {
            states.insert(state(of: unit, app: app))
            if let p = progress[unit.id], app.openRound != nil {
                items.insert([p.recorded, p.applicable])
                if p.rechecks > 0 { rechecks.insert([p.rechecksDone, p.rechecks]) }
            }
        }
        columns = layoutColumns + Array(repeating: FittedColumn(), count: 3)
        for state in states { columns[3].fit(Self.status(state, app: app).text) }
        for pair in items { columns[4].fit(t.itemsShort(pair[0], pair[1])) }
        for pair in rechecks { columns[5].fit(t.rechecksShort(pair[0], pair[1])) }
        for i in columns.indices { columns[i].minimum = columns[i].natural }
        columns[1].minimum = min(columns[1].natural, 4)
        columns[2].flexible = true
        columns[2].minimum = min(columns[2].natural, 6)
    }

    func title(_ app: InspectionApp) -> String { app.texts.units }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let (header, body) = area.splitTop(1)
        var summary = app.latestRound.map { app.texts.pickerSummary($0.number, inspected, inScope) } ?? app.texts.unitsCount(units.count)
        if let mine {
            let batches = mine.member.batches.isEmpty ? mine.round.batches.map(\.name) : mine.member.batches
            summary += "  " + app.texts.pickerMine(batches.joined(separator: app.texts.listSeparator), units.count)
        } else if app.assignment != nil {
            summary += "  " + app.texts.pickerAll
        }
        buffer.put(" " + summary, at: Position(x: header.x, y: header.y), style: app.theme.heading, maxWidth: header.width)
        ListView(count: rows.count, theme: app.theme) { self.row(for: self.rows[$0], app: app, width: body.width - 1) }
            .render(into: &buffer, area: body, state: &state)
        return nil
    }

    func bindings(_ app: InspectionApp) -> [Binding] {
        let t = app.texts
        return [
            .move(t) { key in _ = self.state.handleMovement(key, count: self.rows.count, selectable: { self.isSelectable($0) }) },
            Binding([.tab], t.keyNextEntrance, hint: true) { _, _ in self.jumpGroup(forward: true) },
            Binding([.backTab], t.keyPreviousEntrance) { _, _ in self.jumpGroup(forward: false) },
            Binding([.enter, .right, .character("l")], name: "Enter", t.keyOpenUnit, hint: true) { app, _ in
                if let unit = self.selectedUnit { app.push(try UnitScreen(app: app, unit: unit)) }
            },
            Binding.nextUnit(app, mine: mine != nil) { app in try self.openNext(app) },
            Binding(.character("m"), t.keyMineOrAll) { app in
                self.showAll.toggle()
                try self.load(app)
                if self.selectedUnit == nil { self.state.selectFirst(count: self.rows.count) { self.isSelectable($0) } }
            },
            .back(t),
        ]
    }

    func legend(_ app: InspectionApp) -> [Legend] { [("○ ◐ ● ✓", app.texts.legendStates)] }

    /// Opens the next unit with work left in the open round, after the selected one: while
    /// the list is narrowed to the inspector's share, with some of their own work left.
    func openNext(_ app: InspectionApp) throws {
        guard app.openRound != nil else { app.message = (app.texts.noRoundOpen, true); return }
        guard let next = try app.nextUnit(after: selectedUnit, in: units, progress: progress, mine: mine) else {
            app.flash(mine == nil ? app.texts.allUnitsDone : app.texts.allMineDone)
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
}
