import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import TerminalKit

/// The engineering lead's defect board for a round: building × category matrix, counts by
/// contractor, readiness with the units that block it, repeat failures, and what buyers
/// will notice first. `[` and `]` switch rounds; Enter drills down to units, a unit's
/// defects, and a defect's history. Read-only.
final class BoardScreen: Screen {
    enum Tab: Int, CaseIterable { case matrix, contractors, readiness, penalties, buyers, rewards, plan }
    /// What the matrix counts: outstanding (open + rectified) or one board column.
    enum MatrixMeasure: CaseIterable { case outstanding, new, open, rectified, closed, failedRechecks, waived }

    var round: Int?
    var board: BoardReport?
    var buyers: [DefectSummary] = []
    var buyersTable: DefectTable?
    var tab = Tab.matrix
    var measure = MatrixMeasure.outstanding
    var cell = (row: 0, column: 0)
    var list = ListState()

    init(app: InspectionApp) throws {
        round = app.latestRound?.number
        try reload(app)
    }

    func reload(_ app: InspectionApp) throws {
        board = try app.store.board(round: round, today: app.today)
        buyers = try app.store.buyerRankedDefects(limit: 200)
        buyersTable = DefectTable(buyers, app: app, showUnit: true, showSensitivity: true)
        // Lists may have shrunk (another process waived or closed defects).
        if let selected = list.selected, selected >= listCount { list.selectLast(count: listCount) { _ in true } }
        cell.row = min(cell.row, max(0, matrixRows.count - 1))
        cell.column = min(cell.column, max(0, matrixColumns.count - 1))
    }

    func title(_ app: InspectionApp) -> String { app.texts.keyBoard }

    func value(_ counts: StatusCounts) -> Int {
        switch measure {
        case .outstanding: return counts.outstanding
        case .new: return counts.new
        case .open: return counts.open
        case .rectified: return counts.rectified
        case .closed: return counts.closed
        case .failedRechecks: return counts.failedRechecks
        case .waived: return counts.waived
        }
    }

    func measureName(_ app: InspectionApp) -> String {
        switch measure {
        case .outstanding: return app.texts.outstanding
        case .new: return BoardMeasure.new.name.text(app.language)
        case .open: return BoardMeasure.open.name.text(app.language)
        case .rectified: return BoardMeasure.rectified.name.text(app.language)
        case .closed: return BoardMeasure.closed.name.text(app.language)
        case .failedRechecks: return BoardMeasure.failedRechecks.name.text(app.language)
        case .waived: return BoardMeasure.waived.name.text(app.language)
        }
    }

    /// A contractor's name; defects with none are counted under the interface's word for it.
    func contractorName(_ board: BoardReport, _ app: InspectionApp, _ id: UUID?) -> String {
        id == nil ? app.texts.unassigned : board.contractorName(id)
    }

    // MARK: - Drawing

    /// The first line that fits `width` whole, else the last (cut).
    static func firstThatFits(_ lines: [Line], width: Int) -> Line {
        lines.first { line in line.spans.reduce(0) { $0 + DisplayWidth.of($1.text) } <= width } ?? lines[lines.count - 1]
    }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        guard let board else { return nil }
        let t = app.texts, theme = app.theme
        let (header, rest) = area.splitTop(2)
        let roundText = board.round.map { r in (r.isOpen ? t.roundOpen(r.number) : t.roundClosed(r.number)) + (r.partial ? " · " + t.partial : "") } ?? t.noRoundOpen
        let r = board.readiness
        // The most that fits whole: the key hint gives way first (the status bar has it).
        let title = Span(" \(t.keyBoard) · \(roundText)", style: theme.heading)
        let readiness = Span("   \(t.readinessShort(r.ready, r.units, BoardText.percent(r.rate), BoardText.percent(r.target)))",
                             style: r.meetsTarget ? theme.good : theme.warning)
        buffer.put(Self.firstThatFits([Line([title, Span("   [ ] \(t.switchRound)", style: theme.muted), readiness]), Line([title, readiness])],
                                      width: header.width),
                   at: Position(x: header.x, y: header.y), base: theme.normal, maxWidth: header.width)
        // The views' names, or (short of room) the selected one's name and the others' numbers.
        // The plan's view only where the round has a plan.
        let full = (t.boardTabs + (board.planProgress == nil ? [] : [t.planTab])).enumerated().map { " \($0.offset + 1) \($0.element) " }
        let tabs = full.reduce(0) { $0 + DisplayWidth.of($1) + 1 } < header.width ? full
            : full.indices.map { $0 == tab.rawValue ? full[$0] : " \($0 + 1) " }
        var x = header.x + 1
        for (i, text) in tabs.enumerated() {
            x += buffer.put(text, at: Position(x: x, y: header.y + 1), style: i == tab.rawValue ? theme.selected : theme.muted) + 1
        }
        let body = Rect(x: rest.x + 1, y: rest.y + 1, width: rest.width - 2, height: rest.height - 1)
        switch tab {
        case .matrix: renderMatrix(board, into: &buffer, area: body, app: app)
        case .contractors: renderContractors(board, into: &buffer, area: body, app: app)
        case .readiness: renderReadiness(board, into: &buffer, area: body, app: app)
        case .penalties: renderPenalties(board, into: &buffer, area: body, app: app)
        case .buyers: renderBuyers(into: &buffer, area: body, app: app)
        case .rewards: renderRewards(board, into: &buffer, area: body, app: app)
        case .plan: renderPlan(board, into: &buffer, area: body, app: app)
        }
        return nil
    }

    var matrixRows: [String?] { (board?.tables.buildings.map { Optional($0) } ?? []) + [nil] }
    var matrixColumns: [String?] { (board?.tables.categories.map { Optional($0) } ?? []) + [nil] }

    func counts(building: String?, category: String?) -> StatusCounts {
        guard let t = board?.tables else { return StatusCounts() }
        switch (building, category) {
        case let (b?, c?): return t.cell(building: b, category: c)
        case let (b?, nil): return t.byBuilding[b] ?? StatusCounts()
        case let (nil, c?): return t.byCategory[c] ?? StatusCounts()
        case (nil, nil): return t.total
        }
    }

    func renderMatrix(_ board: BoardReport, into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) {
        let t = app.texts, theme = app.theme
        let what = Span(t.matrixOf(measureName(app)), style: theme.heading)
        buffer.put(Self.firstThatFits([Line([what, Span("   m \(t.changeMeasure)  Enter \(t.drillDown)", style: theme.muted)]),
                                       Line([what, Span("   m \(t.changeMeasure)", style: theme.muted)]), Line([what])], width: area.width),
                   at: Position(x: area.x, y: area.y), base: theme.normal, maxWidth: area.width)
        let columns = matrixColumns, rows = matrixRows
        // Each column as wide as its header or its largest count, two spaces apart when
        // they fit (headers never run together); the headers give way, never the counts.
        let names = columns.map { c in c.flatMap { app.checklists.category($0)?.name.text(app.language) } ?? t.total }
        let labels = rows.map { b in b.map { t.buildingLabel($0) } ?? t.total }
        var fitted = [FittedColumn(natural: labels.map(DisplayWidth.of).max() ?? 0)]
        for (j, c) in columns.enumerated() {
            let widest = rows.map { b in String(value(counts(building: b, category: c))).count }.max() ?? 1
            fitted.append(FittedColumn(natural: max(DisplayWidth.of(names[j]), widest), minimum: max(widest, 4), flexible: true, alignment: .right))
        }
        let natural = fitted.reduce(0) { $0 + $1.natural }
        let gap = natural + 2 * columns.count <= area.width ? 2 : 1
        let widths = ColumnLayout.widths(fitted, available: area.width, gap: gap)
        var xs: [Int] = []
        var x = area.x + widths[0]
        for width in widths.dropFirst() {
            x += gap
            xs.append(x)
            x += width
        }
        for (j, name) in names.enumerated() {
            buffer.put(DisplayWidth.fit(name, width: widths[j + 1], alignment: .right), at: Position(x: xs[j], y: area.y + 2), style: theme.heading)
        }
        let visible = area.height - 3
        let first = max(0, min(cell.row - visible + 1, rows.count - visible))
        for (i, b) in rows.enumerated().dropFirst(first).prefix(visible) {
            let y = area.y + 3 + i - first
            buffer.put(DisplayWidth.fit(labels[i], width: widths[0]), at: Position(x: area.x, y: y), style: b == nil ? theme.heading : theme.normal)
            for (j, c) in columns.enumerated() {
                let v = value(counts(building: b, category: c))
                let selected = i == cell.row && j == cell.column
                let style = selected ? theme.selected : (b == nil || c == nil ? theme.heading : (v > 0 ? theme.normal : theme.muted))
                buffer.put(DisplayWidth.fit(String(v), width: widths[j + 1], alignment: .right), at: Position(x: xs[j], y: y), style: style)
            }
        }
    }

    func renderContractors(_ board: BoardReport, into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) {
        let t = board.tables
        let columns = [TableColumn(app.texts.contractorLabel)] + BoardMeasure.allCases.map { TableColumn($0.name.text(app.language), width: max(6, DisplayWidth.of($0.name.text(app.language))), alignment: .right) }
            + [TableColumn(app.texts.total, width: max(5, DisplayWidth.of(app.texts.total)), alignment: .right)]
            + [TableColumn(FieldLabels.overdue.text(app.language), width: max(4, DisplayWidth.of(FieldLabels.overdue.text(app.language))), alignment: .right)]
        let ids = t.contractors
        var rows = ids.map { id -> [Span] in
            let c = t.byContractor[id] ?? StatusCounts()
            let overdue = board.overdue[id] ?? 0
            return [Span(contractorName(board, app, id))] + BoardMeasure.allCases.map { Span(String(c[$0])) } + [Span(String(c.total))]
                + [Span(String(overdue), style: overdue > 0 ? app.theme.bad : nil)]
        }
        rows.append([Span(app.texts.total, style: app.theme.heading)] + BoardMeasure.allCases.map { Span(String(t.total[$0]), style: app.theme.heading) }
                    + [Span(String(t.total.total), style: app.theme.heading), Span(String(board.overdueTotal), style: app.theme.heading)])
        TableView(columns: columns, rows: rows, theme: app.theme).render(into: &buffer, area: area, state: &list)
    }

    func renderReadiness(_ board: BoardReport, into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) {
        let t = app.texts, theme = app.theme
        let r = board.readiness, d = board.deadlines
        var y = area.y
        buffer.put(t.readinessShort(r.ready, r.units, BoardText.percent(r.rate), BoardText.percent(r.target)), at: Position(x: area.x, y: y),
                   style: r.meetsTarget ? theme.good : theme.bad)
        y += 1
        ProgressBar(fraction: r.rate, style: r.meetsTarget ? theme.good : theme.warning, emptyStyle: theme.muted)
            .render(into: &buffer, area: Rect(x: area.x, y: y, width: min(50, area.width), height: 1))
        y += 1
        for line in DisplayWidth.wrap(t.deadlineLine(d.delivery, d.daysToDelivery, d.riskCutoff, d.daysToRiskCutoff, d.latestRoundOneStart, d.roundOneStarted),
                                      width: area.width) {
            buffer.put(line, at: Position(x: area.x, y: y), style: theme.normal)
            y += 1
        }
        func put(_ warnings: [DeadlineWarning]) {
            for w in warnings {
                for line in DisplayWidth.wrap("! " + w.message.text(app.language), width: area.width) where y < area.maxY {
                    buffer.put(line, at: Position(x: area.x, y: y), style: theme.warning)
                    y += 1
                }
            }
        }
        put(d.warnings)
        if !board.planWarnings.isEmpty, y < area.maxY {
            buffer.put(t.planWarningsHeading, at: Position(x: area.x, y: y), style: theme.heading)
            y += 1
            put(board.planWarnings)
        }
        if !r.lackingRounds.isEmpty && y + 3 < area.maxY {
            y += 1
            buffer.put(RuleSentences.notReadyRounds(r.lackingRounds.count, minimumRounds: RoundRules.minimumRounds).text(app.language),
                       at: Position(x: area.x, y: y), style: theme.heading, maxWidth: area.width)
            y += 1
            // Each unit with the rounds it had; two lines at most, the rest in the report.
            let codes = DisplayWidth.wrap(r.lackingRounds.map { "\($0)(\(r.roundsInspected[$0] ?? 0))" }.joined(separator: " "), width: area.width - 4)
            for (i, line) in codes.prefix(2).enumerated() {
                buffer.put("  " + line + (i == 1 && codes.count > 2 ? " …" : ""), at: Position(x: area.x, y: y), style: theme.muted, maxWidth: area.width)
                y += 1
            }
        }
        y += 1
        buffer.put(t.blockingUnitsHeading(r.blockingUnits.count), at: Position(x: area.x, y: y), style: theme.heading)
        y += 1
        let rows = r.blockingUnits.map { ListRow(Line("  " + $0)) }
        ListView(rows: rows, theme: theme).render(into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), state: &list)
    }

    func renderPenalties(_ board: BoardReport, into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) {
        let inRound = Dictionary(board.penaltiesInRound.map { ($0.contractor, $0.count) }, uniquingKeysWith: { a, _ in a })
        buffer.put(app.texts.penaltyExplain(board.project.settings.penaltyThreshold), at: Position(x: area.x, y: area.y), style: app.theme.muted, maxWidth: area.width)
        let afterClaim = FieldLabels.failedAfterClaim.text(app.language), withoutClaim = FieldLabels.failedWithoutClaim.text(app.language)
        let columns = [TableColumn(app.texts.contractorLabel, width: 22), TableColumn(app.texts.thisRound, width: 6, alignment: .right),
                       TableColumn(app.texts.cumulative, width: 6, alignment: .right),
                       TableColumn(afterClaim, width: DisplayWidth.of(afterClaim), alignment: .right),
                       TableColumn(withoutClaim, width: DisplayWidth.of(withoutClaim), alignment: .right), TableColumn(app.texts.markCodes)]
        let rows = board.penaltiesTotal.map { p in
            [Span(p.contractor == PenaltyRules.unassigned ? app.texts.unassigned : p.contractor), Span(String(inRound[p.contractor] ?? 0)), Span(String(p.count), style: p.count > 0 ? app.theme.bad : nil),
             Span(String(p.afterClaim)), Span(String(p.withoutClaim), style: p.withoutClaim > 0 ? app.theme.bad : nil),
             Span(p.defects.joined(separator: " "), style: app.theme.accent)]
        }
        TableView(columns: columns, rows: rows, theme: app.theme)
            .render(into: &buffer, area: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2), state: &list)
    }

    /// What the engineering department rewards by, per contractor: the first-time pass rate
    /// of re-checks, claims by the deadline, defects outstanding, repeat failures.
    func renderRewards(_ board: BoardReport, into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) {
        let l = app.language, n = ContractorRewards.names
        let titles = [n.firstTimePassRate, n.claimsOnTime, n.outstanding, n.repeatFailures].map { $0.text(l) }
        let columns = [TableColumn(app.texts.contractorLabel)]
            + titles.enumerated().map { i, title in TableColumn(title, width: max(i == 0 ? 16 : 6, DisplayWidth.of(title)), alignment: .right) }
        let rows = board.rewards.map { r -> [Span] in
            [Span(r.contractor == PenaltyRules.unassigned ? app.texts.unassigned : r.contractor), Span(r.passRateText(l)),
             Span(r.claimsText, style: r.claimsOnTime < r.claims ? app.theme.warning : nil), Span(String(r.outstanding)),
             Span(String(r.repeatFailures), style: r.repeatFailures > 0 ? app.theme.bad : nil)]
        }
        TableView(columns: columns, rows: rows, theme: app.theme).render(into: &buffer, area: area, state: &list)
    }

    func renderBuyers(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) {
        buffer.put(Self.firstThatFits([Line(app.texts.buyersExplain), Line(app.texts.buyersExplainShort)], width: area.width),
                   at: Position(x: area.x, y: area.y), base: app.theme.muted, maxWidth: area.width)
        let listArea = Rect(x: area.x - 1, y: area.y + 1, width: area.width + 1, height: area.height - 1)
        ListView(count: buyers.count, theme: app.theme) { i in
            self.buyersTable?.row(self.buyers[i], app: app, width: listArea.width - 1) ?? ListRow(Line(""))
        }.render(into: &buffer, area: listArea, state: &list)
    }

    /// The round against its plan: a row per batch and per member, then the round; the pace day by day below.
    func renderPlan(_ board: BoardReport, into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) {
        guard let p = board.planProgress else { return }
        let t = app.texts, theme = app.theme
        buffer.put(t.planProgressExplain(p.plannedStart, p.plannedFinish, p.riskCutoff), at: Position(x: area.x, y: area.y),
                   style: theme.muted, maxWidth: area.width)
        let columns = [TableColumn(t.planColumns[0], width: 14), TableColumn(t.planColumns[1], width: 7, alignment: .right),
                       TableColumn(t.planColumns[2], width: 4, alignment: .right), TableColumn(t.planColumns[3], width: 5, alignment: .right),
                       TableColumn(t.planColumns[4], width: 11, alignment: .right), TableColumn(t.planColumns[5], width: 5, alignment: .right),
                       TableColumn(t.planColumns[6], width: 10), TableColumn(t.planColumns[7], width: 10)]
        let rows = planLines(p, app).map { name, l -> [Span] in
            let late = l.afterRiskCutoff == true ? theme.bad : l.afterPlannedFinish == true ? theme.warning : nil
            return [Span(name), Span("\(l.unitsDone)/\(l.unitsAssigned)"), Span("\(l.unitsExpected)"),
                    Span(l.unitsAhead > 0 ? "+\(l.unitsAhead)" : "\(l.unitsAhead)", style: l.unitsAhead < 0 ? theme.bad : theme.good),
                    Span("\(l.itemsDone)/\(l.itemsAssigned)"), Span(String(format: "%.1f", l.unitsPerDay)),
                    Span(l.forecastFinish.map { "\($0)" } ?? "—", style: late), Span("\(l.finish)", style: theme.muted)]
        }
        let tableHeight = min(area.height - 3, rows.count + 1)
        TableView(columns: columns, rows: rows, theme: theme)
            .render(into: &buffer, area: Rect(x: area.x, y: area.y + 2, width: area.width, height: tableHeight), state: &list)
        let days = p.unitsPerDay.map { "\(String($0.day.description.suffix(5))) \($0.units)" }.joined(separator: "  ")
        for (i, line) in DisplayWidth.wrap(t.unitsPerDay + days, width: area.width).enumerated() where area.y + 3 + tableHeight + i < area.maxY {
            buffer.put(line, at: Position(x: area.x, y: area.y + 3 + tableHeight + i), style: theme.muted)
        }
    }

    /// The rows of the plan's view: batches, members (with their role), the round.
    func planLines(_ p: PlanProgress, _ app: InspectionApp) -> [(String, PlanProgress.Line)] {
        p.batches.map { ($0.name, $0) } + p.members.map { ("\($0.name)（\($0.role ?? "")）", $0) } + [(app.texts.roundShort(p.round), p.total)]
    }

    // MARK: - Keys

    func bindings(_ app: InspectionApp) -> [Binding] {
        let t = app.texts
        func show(_ next: Tab) {
            tab = next
            list = ListState()
            if tab != .matrix { list.selectFirst(count: listCount) { _ in true } }
        }
        let arrows: [Key] = [.up, .down, .left, .right, .character("j"), .character("k"), .character("h"), .character("l"),
                             .pageUp, .pageDown, .home, .end, .character("g"), .character("G")]
        // The plan's view is there only when the round has a plan.
        let tabs = board?.planProgress == nil ? Tab.allCases.filter { $0 != .plan } : Tab.allCases
        return [
            Binding(tabs.map { .character(Character(String($0.rawValue + 1))) }, name: "1-\(tabs.count)", t.boardViews, hint: true) { _, key in
                if case .character(let c) = key, let n = Int(String(c)), let next = Tab(rawValue: n - 1) { show(next) }
            },
            Binding([.tab], t.boardViews) { _, _ in show(Tab(rawValue: (self.tab.rawValue + 1) % tabs.count)!) },
            Binding([.character("["), .character("]")], name: "[ ]", t.switchRound, hint: true) { app, key in
                guard let current = self.round else { return }
                let next = current + (key == .character("]") ? 1 : -1)
                guard app.rounds.contains(where: { $0.number == next }) else { return }
                self.round = next
                try self.reload(app)
            },
            Binding(arrows, name: "← → ↑ ↓", t.keyMove) { app, key in
                if self.tab == .matrix { self.moveInMatrix(key) } else { _ = self.list.handleMovement(key, count: self.listCount, selectable: { _ in true }) }
            },
            Binding(.character("m"), t.changeMeasure) { _ in
                let all = MatrixMeasure.allCases
                self.measure = all[(all.firstIndex(of: self.measure)! + 1) % all.count]
            },
            Binding(.enter, t.drillDown, hint: true) { app in
                if self.tab == .matrix { try self.drillIntoCell(app) } else { try self.drillIntoList(app) }
            },
            Binding([.escape, .character("q")], name: "Esc q", t.keyBack, hint: true) { app, _ in app.pop() },
        ]
    }

    var listCount: Int {
        guard let board else { return 0 }
        switch tab {
        case .matrix: return 0
        case .contractors: return board.tables.contractors.count + 1
        case .readiness: return board.readiness.blockingUnits.count
        case .penalties: return board.penaltiesTotal.count
        case .buyers: return buyers.count
        case .rewards: return board.rewards.count
        case .plan: return board.planProgress.map { $0.batches.count + $0.members.count + 1 } ?? 0
        }
    }

    func moveInMatrix(_ key: Key) {
        switch key {
        case .down, .character("j"): cell.row = min(cell.row + 1, matrixRows.count - 1)
        case .up, .character("k"): cell.row = max(0, cell.row - 1)
        case .right, .character("l"): cell.column = min(cell.column + 1, matrixColumns.count - 1)
        case .left, .character("h"): cell.column = max(0, cell.column - 1)
        default: break
        }
    }

    func drillIntoCell(_ app: InspectionApp) throws {
        let building = matrixRows[cell.row], category = matrixColumns[cell.column]
        let title = [building.map { app.texts.buildingLabel($0) }, category.flatMap { app.checklists.category($0)?.name.text(app.language) },
                     measureName(app)].compactMap { $0 }.joined(separator: " · ")
        let filter = drillFilter(building: building, category: category)
        app.push(try UnitCountsScreen(app: app, title: title) { app in try app.store.defects(filter) })
    }

    /// The defects behind a matrix cell in the round shown: found up to it, narrowed by what
    /// the matrix counts (their state now; new ones found in the round; failed re-checks in it).
    func drillFilter(building: String?, category: String?) -> DefectFilter {
        var filter = DefectFilter()
        filter.building = building
        filter.category = category
        filter.foundUpTo = round
        switch measure {
        case .outstanding: filter.statuses = [.open, .rectified]
        case .new: filter.roundFound = round
        case .open: filter.status = .open
        case .rectified: filter.status = .rectified
        case .closed: filter.status = .closed
        case .waived: filter.status = .waived
        case .failedRechecks: filter.failedInRound = round
        }
        return filter
    }

    func drillIntoList(_ app: InspectionApp) throws {
        guard let board, let i = list.selected, i < listCount else { return }
        switch tab {
        case .contractors:
            guard i < board.tables.contractors.count else { return }
            let id = board.tables.contractors[i]
            let name = contractorName(board, app, id)
            app.push(try DefectListScreen(app: app, title: name) { app in
                var filter = DefectFilter()
                filter.contractor = name
                return try id == nil ? app.store.defects(DefectFilter()).filter { $0.contractor == nil } : app.store.defects(filter)
            })
        case .readiness:
            let code = board.readiness.blockingUnits[i]
            app.push(try DefectListScreen(app: app, title: code) { app in
                var filter = DefectFilter()
                filter.unitCode = code
                return try app.store.defects(filter).filter { $0.status.blocksDelivery }
            })
        case .penalties:
            let p = board.penaltiesTotal[i]
            app.push(try DefectListScreen(app: app, title: p.contractor) { app in
                try p.defects.map { try app.store.defect(code: $0).summary }
            })
        case .buyers:
            app.push(try DefectScreen(app: app, code: buyers[i].code.text))
        case .rewards:
            // The contractor's defects, as on the contractor tab.
            let name = board.rewards[i].contractor
            app.push(try DefectListScreen(app: app, title: name == PenaltyRules.unassigned ? app.texts.unassigned : name) { app in
                var filter = DefectFilter()
                filter.contractor = name
                return try name == PenaltyRules.unassigned ? app.store.defects(DefectFilter()).filter { $0.contractor == nil } : app.store.defects(filter)
            })
        case .matrix, .plan:
            break
        }
    }
}

/// The units of a board cell with their defect counts; Enter lists a unit's defects.
final class UnitCountsScreen: Screen {
    let name: String
    let load: (InspectionApp) throws -> [DefectSummary]
    var groups: [(unit: String, defects: [DefectSummary])] = []
    var state = ListState()

    init(app: InspectionApp, title: String, load: @escaping (InspectionApp) throws -> [DefectSummary]) throws {
        name = title
        self.load = load
        try reload(app)
        state.selectFirst(count: groups.count) { _ in true }
    }

    func reload(_ app: InspectionApp) throws {
        var order: [String] = []
        var map: [String: [DefectSummary]] = [:]
        for d in try load(app).sorted(by: { ($0.layoutKey, $0.code) < ($1.layoutKey, $1.code) }) {
            if map[d.unitCode] == nil { order.append(d.unitCode) }
            map[d.unitCode, default: []].append(d)
        }
        groups = order.map { ($0, map[$0]!) }
    }

    func title(_ app: InspectionApp) -> String { name }

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let (header, body) = area.splitTop(1)
        buffer.put(" \(name) · \(app.texts.unitsCount(groups.count))", at: Position(x: header.x, y: header.y), style: app.theme.heading, maxWidth: header.width)
        let columns = [TableColumn(app.texts.units, width: 12)] + [DefectStatus.open, .rectified, .closed, .waived].map {
            TableColumn(app.texts.statusName($0), width: 12, alignment: .right)
        }
        let rows = groups.map { g in
            [Span(g.unit)] + [DefectStatus.open, .rectified, .closed, .waived].map { s in Span(String(g.defects.filter { $0.status == s }.count)) }
        }
        TableView(columns: columns, rows: rows, theme: app.theme).render(into: &buffer, area: body, state: &state)
        return nil
    }

    func bindings(_ app: InspectionApp) -> [Binding] {
        let t = app.texts
        return [
            .move(t) { key in _ = self.state.handleMovement(key, count: self.groups.count, selectable: { _ in true }) },
            Binding([.enter, .right, .character("l")], name: "Enter", t.drillDown, hint: true) { app, _ in
                guard let i = self.state.selected, i < self.groups.count else { return }
                let group = self.groups[i]
                let ids = Set(group.defects.map(\.id))
                app.push(try DefectListScreen(app: app, title: "\(self.name) · \(group.unit)") { app in
                    var filter = DefectFilter()
                    filter.unitCode = group.unit
                    return try app.store.defects(filter).filter { ids.contains($0.id) }
                })
            },
            .back(t),
        ]
    }
}
