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
    /// Units done and in all, per building-entrance.
    var groupCounts: [String: (done: Int, total: Int)] = [:]
    var columns: [FittedColumn] = []
    /// Every unit rather than only the inspector's batches (`m`); the list starts narrowed
    /// when the plan names the inspector.
    var showAll = false
    /// The inspector's share of the round, while the list is narrowed to it.
    var mine: MemberAssignment? = nil

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
        let assignment = app.assignment
        mine = showAll ? nil : assignment
        units = try app.store.units().filter { mine?.includes($0) ?? true }
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
        fitColumns(app)
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
        // Outside the plan's batches for the round.
        if app.latestRound != nil, p == nil { return ("–", t.stateOutOfScope, theme.muted) }
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

    /// Sizes the columns to every unit's cells; the floor plan's name gives way first.
    func fitColumns(_ app: InspectionApp) {
        columns = Array(repeating: FittedColumn(), count: 6)
        for unit in units {
            for (i, cell) in cells(unit, app: app).enumerated() { columns[i].fit(cell.text) }
        }
        for i in columns.indices { columns[i].minimum = columns[i].natural }
        columns[1].minimum = min(columns[1].natural, 4)
        columns[2].flexible = true
        columns[2].minimum = min(columns[2].natural, 6)
    }

    func title(_ app: InspectionApp) -> String { app.texts.units }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let (header, body) = area.splitTop(1)
        let done = RoundProgress(progress.values).inspected
        let inScope = units.filter { progress[$0.id] != nil }.count
        var summary = app.latestRound.map { app.texts.pickerSummary($0.number, done, inScope) } ?? app.texts.unitsCount(units.count)
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
            Binding(.character("n"), t.keyNextUnit, hint: true) { app in try self.openNext(app) },
            Binding(.character("m"), t.keyMineOrAll) { app in
                self.showAll.toggle()
                try self.reload(app)
                if self.selectedUnit == nil { self.state.selectFirst(count: self.rows.count) { self.isSelectable($0) } }
            },
            .back(t),
        ]
    }

    func legend(_ app: InspectionApp) -> [Legend] { [("○ ◐ ● ✓", app.texts.legendStates)] }

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
}
