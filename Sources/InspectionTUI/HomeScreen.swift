import Foundation
import InspectionCore
import InspectionStore
import TerminalKit

/// Where the inspector starts: the project, the delivery date and days left, the open round
/// and its progress, who is inspecting, and the next unit one key away.
final class HomeScreen: Screen {
    var progress: [UUID: UnitProgress] = [:]
    var units: [ProjectUnit] = []
    var warnings: [DeadlineWarning] = []
    /// The plan's warnings (`yanfang plan check`); the screen shows the first and a count.
    var planWarnings: [DeadlineWarning] = []
    var riskCutoff: Day?
    /// The team: when this file last synced (and with which folder), replicas heard of,
    /// conflicts to resolve.
    var team: (folder: String?, last: Date?, replicas: Int) = (nil, nil, 0)
    var conflicts = 0
    /// The open round's ponding tests waiting for their check.
    var ponding: [PondingTest] = []

    init(app: InspectionApp) throws {
        try reload(app)
    }

    func reload(_ app: InspectionApp) throws {
        units = try app.store.units()
        progress = try app.latestRound.map { try app.store.progress(round: $0.number) } ?? [:]
        let deadlines = try app.store.deadlines(today: app.today)
        warnings = deadlines.warnings
        riskCutoff = deadlines.riskCutoff
        planWarnings = try app.store.planWarnings(today: app.today)
        team = try app.store.syncStatus()
        conflicts = try app.store.conflictCount()
        next = nil
        ponding = try app.openRound.map { try app.store.pondingTests(round: $0.number) } ?? []
    }

    func title(_ app: InspectionApp) -> String { app.texts.home }

    /// A ponding test's room in the interface's language.
    func pondingRoom(_ test: PondingTest, _ app: InspectionApp) -> String {
        guard let type = units.first(where: { $0.id == test.unit })?.type else { return test.pair.room }
        return app.roomName(test.pair.room, unitType: type)
    }

    /// The first unit, in layout order, with work left in the open round: with a share of the
    /// plan, the first with some of the inspector's own work left (none: their part is done).
    func nextUnit(_ app: InspectionApp) throws -> ProjectUnit? {
        guard app.openRound != nil else { return nil }
        let key = app.inspector
        if let next, next.inspector == key { return next.unit }
        let unit = try app.nextUnit(after: nil, in: units, progress: progress, mine: app.assignment)
        next = (key, unit)
        return unit
    }

    /// The next unit as last found, and for whom (found again after a reload or a new name).
    var next: (inspector: String?, unit: ProjectUnit?)?

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let t = app.texts, theme = app.theme
        var y = area.y + 1
        let x = area.x + 2
        let labelWidth = max(10, [t.projectLabel, t.deliveryLabel, t.roundLabel, t.progressLabel, t.inspectorLabel, t.teamLabel, t.nextUnitLabel]
            .map(DisplayWidth.of).max()! + 2)
        func row(_ label: String, _ value: Line) {
            buffer.put(DisplayWidth.fit(label, width: labelWidth), at: Position(x: x, y: y), style: theme.heading)
            buffer.put(value, at: Position(x: x + labelWidth, y: y), base: theme.normal, maxWidth: area.width - labelWidth - 4)
            y += 1
        }
        let p = app.project
        row(t.projectLabel, Line(p.name, style: theme.highlight))
        let days = app.today.days(until: p.delivery)
        var delivery: [Span] = [Span("\(p.delivery)  "), Span(t.daysLeft(days), style: days < 30 ? theme.bad : theme.normal)]
        if let cutoff = riskCutoff { delivery.append(Span("  " + t.riskCutoff(cutoff, app.today.days(until: cutoff)), style: theme.muted)) }
        row(t.deliveryLabel, Line(delivery))
        let closed = app.rounds.filter { !$0.isOpen }.count
        if let open = app.openRound {
            row(t.roundLabel, Line([Span(t.roundOpenSince(open.number, open.opened), style: theme.good), Span("  " + t.roundsClosed(closed), style: theme.muted)]))
        } else {
            row(t.roundLabel, Line([Span(t.noRoundOpen, style: theme.warning), Span("  " + t.openRoundHint(app.rounds.count + 1), style: theme.muted)]))
        }
        if let round = app.latestRound {
            let summary = RoundProgress(progress.values)
            let done = summary.inspected, rechecks = summary.rechecks, rechecksDone = summary.rechecksDone
            let label = t.unitsInspected(done, summary.inScope)
            buffer.put(DisplayWidth.fit(t.progressLabel, width: labelWidth), at: Position(x: x, y: y), style: theme.heading)
            buffer.put(label, at: Position(x: x + labelWidth, y: y), style: theme.normal)
            let barX = x + labelWidth + DisplayWidth.of(label) + 2
            ProgressBar(fraction: summary.inScope == 0 ? 0 : Double(done) / Double(summary.inScope), style: theme.good, emptyStyle: theme.muted)
                .render(into: &buffer, area: Rect(x: barX, y: y, width: min(36, area.maxX - barX - 2), height: 1))
            y += 1
            row("", Line(t.rechecksDone(rechecksDone, rechecks) + (round.isOpen ? "" : "  " + t.roundClosed(round.number)), style: theme.muted))
        }
        // Ponding tests started and not yet checked: those due (24 h stood) first, then those running.
        let now = app.configuration.clock()
        let due = ponding.filter { $0.isDue(at: now) }, running = ponding.filter { !$0.isDue(at: now) }
        if !ponding.isEmpty {
            row(t.pondingLabel, Line(t.pondingCounts(due.count, running.count), style: due.isEmpty ? theme.muted : theme.warning))
        }
        row(t.inspectorLabel, Line([Span(app.inspector ?? "—", style: theme.highlight), Span("  " + t.changeInspectorHint, style: theme.muted)]))
        let last = team.last.map { Self.lastSync($0, now: app.configuration.clock()) }
        // The status may be cut on a narrow screen; the key hint after it shows only whole.
        let status = t.teamStatus(last, team.replicas, conflicts)
        var teamLine = [Span(status, style: conflicts > 0 ? theme.warning : theme.muted)]
        if DisplayWidth.of(status) + 2 + DisplayWidth.of(t.teamSyncHint) <= area.width - labelWidth - 4 {
            teamLine.append(Span("  " + t.teamSyncHint, style: theme.muted))
        }
        row(t.teamLabel, Line(teamLine))
        y += 1
        if let next = try? nextUnit(app) {
            row(t.nextUnitLabel, Line([Span(next.code, style: theme.highlight), Span("  " + t.unitLabel(next) + "  "), Span(t.nextUnitHint, style: theme.muted)]))
        } else if app.openRound != nil {
            row(t.nextUnitLabel, Line(app.assignment == nil ? t.allUnitsDone : t.allMineDone, style: theme.good))
        }
        y += 1
        if !ponding.isEmpty {
            let lines = due.map { (t.pondingDueLine($0.unitCode, pondingRoom($0, app), $0.pair.item, FieldTime.short($0.started)), theme.warning) }
                + running.map { (t.pondingRunningLine($0.unitCode, pondingRoom($0, app), $0.pair.item, FieldTime.short($0.due)), theme.muted) }
            let room = max(1, min(lines.count, area.maxY - 1 - y - warnings.count - (planWarnings.isEmpty ? 0 : 1) - 1))
            let shown = lines.count <= room ? lines.count : room - 1
            for (text, style) in lines.prefix(shown) where y < area.maxY - 1 {
                buffer.put(text, at: Position(x: x, y: y), style: style, maxWidth: area.width - 4)
                y += 1
            }
            if shown < lines.count, y < area.maxY - 1 {
                buffer.put(t.pondingMore(lines.count - shown), at: Position(x: x, y: y), style: theme.muted, maxWidth: area.width - 4)
                y += 1
            }
            y += 1
        }
        for warning in warnings where y < area.maxY - 1 {
            buffer.put("! " + warning.message.text(app.language), at: Position(x: x, y: y), style: theme.warning, maxWidth: area.width - 4)
            y += 1
        }
        if let first = planWarnings.first {
            let text = "! " + t.planWarningLine(first.message.text(app.language), planWarnings.count - 1)
            for line in DisplayWidth.wrap(text, width: area.width - 4) where y < area.maxY - 1 {
                buffer.put(line, at: Position(x: x, y: y), style: theme.warning)
                y += 1
            }
        }
        return nil
    }

    func bindings(_ app: InspectionApp) -> [Binding] {
        let t = app.texts
        return [
            Binding(.enter, t.keyUnits, hint: true) { app in app.push(try app.unitPicker()) },
            Binding.nextUnit(app) { app in
                guard let unit = try self.nextUnit(app) else {
                    app.flash(app.openRound == nil ? t.noRoundOpen : app.assignment == nil ? t.allUnitsDone : t.allMineDone)
                    return
                }
                try app.walk(unit)
            },
            Binding(.character("i"), t.keyInspector) { app in app.askInspector() },
            Binding(.character("o"), t.keyOpenRound) { app in self.confirmOpenRound(app) },
            Binding(.character("x"), t.keyCloseRound) { app in try self.confirmCloseRound(app) },
            Binding(.character("b"), t.keyBoard, hint: true) { app in app.push(try BoardScreen(app: app)) },
            Binding(.character("r"), t.keyReport) { app in app.push(try ReportScreen(app: app, round: app.latestRound?.number)) },
            // On the status bar when they have something to do: a folder to sync with, conflicts to resolve.
            Binding(.character("S"), t.keySync, hint: team.folder != nil) { app in try self.sync(app) },
            Binding(.character("C"), t.keyConflicts, hint: conflicts > 0) { app in app.push(try ConflictScreen(app: app)) },
            Binding(.character("q"), t.keyQuit, hint: true) { app in app.quit() },
        ]
    }

    /// Syncs with the folder the last `yanfang sync` used: merges the team's files there and
    /// leaves this file's copy.
    func sync(_ app: InspectionApp) throws {
        guard let folder = team.folder else {
            app.flash(app.texts.noSyncFolder)
            return
        }
        do {
            let summary = try app.store.sync(folder: folder, now: app.configuration.clock())
            try app.reloadProject()
            try reload(app)
            app.flash(app.texts.synced(summary.merged.newEvents, summary.merged.replicas))
        } catch {
            app.fail(error)
        }
    }

    /// "14:05" today, else the day and time.
    static func lastSync(_ date: Date, now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = Calendar.current.isDate(date, inSameDayAs: now) ? "HH:mm" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    func confirmOpenRound(_ app: InspectionApp) {
        if let open = app.openRound {
            app.fail(InspectionError.roundAlreadyOpen(open.number))
            return
        }
        let next = app.rounds.count + 1
        app.overlay = ConfirmOverlay(title: app.texts.openRoundTitle(next), lines: [app.texts.openRoundExplain(next)], choices: [
            (.enter, app.texts.openRoundConfirm, { app in
                if let opening = app.perform(reload: true, { tx in try tx.openRound(date: app.today) }) {
                    app.flash(app.texts.roundOpened(opening.number, opening.rechecks))
                    try self.reload(app)
                }
            }),
        ])
    }

    func confirmCloseRound(_ app: InspectionApp) throws {
        guard let open = app.openRound else {
            app.fail(InspectionError.noOpenRound)
            return
        }
        let blockers = try app.store.blockers() ?? RoundBlockers(round: open.number, units: [], rechecks: [])
        var lines = [app.texts.closeRoundExplain(open.number)]
        var choices: [(key: Key, label: String, action: (InspectionApp) throws -> Void)] = []
        if blockers.isEmpty {
            choices.append((.enter, app.texts.closeRoundConfirm, { app in
                if app.perform(reload: true, { tx in try tx.closeRound(date: app.today, partial: false) }) != nil {
                    app.flash(app.texts.roundClosed(open.number))
                    try self.reload(app)
                }
            }))
        } else {
            lines.append(app.texts.closeRoundBlocked(blockers.units.count, blockers.rechecks.count))
            choices.append((.character("P"), app.texts.closeRoundPartial, { app in
                if app.perform(reload: true, { tx in try tx.closeRound(date: app.today, partial: true) }) != nil {
                    app.flash(app.texts.roundClosedPartial(open.number))
                    try self.reload(app)
                }
            }))
        }
        app.overlay = ConfirmOverlay(title: app.texts.closeRoundTitle(open.number), lines: lines, choices: choices)
    }
}
