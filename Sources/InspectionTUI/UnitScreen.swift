import Foundation
import InspectionCore
import InspectionStore
import TerminalKit

/// The walkthrough of one unit in the open round: first its re-check queue, then room by
/// room the checklist items that apply, grouped by category, with the selected item's
/// method and criterion below. One key records a result; each is committed at once.
final class UnitScreen: Screen {
    enum Row: Equatable {
        case heading(String)
        /// A room, with how many of its items are recorded.
        case room(Room)
        case category(String)
        case recheck(DefectSummary)
        case item(room: Room, item: ChecklistItem)

        var isSelectable: Bool {
            switch self {
            case .recheck, .item: return true
            case .heading, .room, .category: return false
            }
        }
    }

    let unit: ProjectUnit
    var view: UnitRoundView?
    var rows: [Row] = []
    var state = ListState()
    var recheckColumns: [FittedColumn] = []
    /// The mark code of the defect just recorded, shown big until the next key.
    var justRecorded: DefectSummary?
    /// Every category rather than only the inspector's (`m`); the walkthrough starts narrowed
    /// when the plan gives the inspector some categories.
    var showAll = false
    /// The inspector's categories, while the walkthrough is narrowed to them.
    var mine: MemberAssignment? = nil
    /// The unit's ponding tests in the round, by room and item.
    var ponding: [RoomItem: PondingTest] = [:]

    init(app: InspectionApp, unit: ProjectUnit) throws {
        self.unit = unit
        try reload(app)
        // Start at the first re-check still to do, else the first unrecorded item.
        state.selected = rows.indices.first { isPending(rows[$0]) } ?? rows.indices.first { rows[$0].isSelectable }
        if app.openRound != nil { app.rememberUnit(unit.code) }
    }

    var round: Int? { view?.round }

    func reload(_ app: InspectionApp) throws {
        let key = state.selected.flatMap { $0 < rows.count ? rows[$0] : nil }
        guard let round = app.latestRound else { view = nil; rows = []; return }
        let view = try app.store.unitRound(unit: unit, round: round.number)
        self.view = view
        ponding = try app.store.pondingTests(unit: unit, round: round.number)
        var list: [Row] = []
        if !view.rechecks.isEmpty {
            list.append(.heading(app.texts.rechecksHeading(view.rechecks.count)))
            list += view.rechecks.map { .recheck($0) }
        }
        guard let type = app.checklists.unitType(unit.type) else { rows = list; return }
        mine = showAll ? nil : app.assignment.flatMap { $0.member.categories.isEmpty ? nil : $0 }
        for room in type.rooms {
            let items = applicableItems(in: room, app: app)
            guard !items.isEmpty else { continue }
            list.append(.room(room))
            var category: String?
            for item in items {
                if item.category != category {
                    category = item.category
                    list.append(.category(app.checklists.category(item.category)?.name.text(app.language) ?? item.category))
                }
                list.append(.item(room: room, item: item))
            }
        }
        rows = list
        fitRecheckColumns(app)
        if let key, let index = rows.firstIndex(where: { sameRow($0, key) }) { state.selected = index }
    }

    /// The items checked in `room` of this unit (its conditions hold: top floor, delivery
    /// standard, window), narrowed to the inspector's categories.
    func applicableItems(in room: Room, app: InspectionApp) -> [ChecklistItem] {
        (view?.pairs ?? []).filter { $0.room == room.key }.compactMap { app.checklists.item($0.item) }
            .filter { mine?.covers(category: $0.category) ?? true }
    }

    func sameRow(_ a: Row, _ b: Row) -> Bool {
        switch (a, b) {
        case let (.recheck(x), .recheck(y)): return x.id == y.id
        case let (.item(r1, i1), .item(r2, i2)): return r1.key == r2.key && i1.id == i2.id
        case let (.heading(x), .heading(y)): return x == y
        case let (.room(x), .room(y)): return x.key == y.key
        default: return false
        }
    }

    func select(defectCode code: String) {
        if let index = rows.firstIndex(where: { if case .recheck(let d) = $0 { return d.code.text == code } else { return false } }) {
            state.selected = index
            return
        }
        if let defect = view?.found.first(where: { $0.code.text == code }),
           let index = rows.firstIndex(where: { if case let .item(room, item) = $0 { return room.key == defect.room && item.id == defect.item } else { return false } }) {
            state.selected = index
        }
    }

    func result(_ room: Room, _ item: ChecklistItem) -> ItemResult? {
        view?.results.result(RoomItem(room: room.key, item: item.id))
    }

    func recheckOutcome(_ defect: DefectSummary) -> Bool? { view?.results.rechecks[defect.id] }

    /// A re-check not yet recorded, or an item without a result.
    func isPending(_ row: Row) -> Bool {
        switch row {
        case .heading, .room, .category: return false
        case .recheck(let d): return recheckOutcome(d) == nil && d.status != .waived
        case let .item(room, item): return result(room, item) == nil
        }
    }

    var selectedRow: Row? { state.selected.flatMap { $0 < rows.count ? rows[$0] : nil } }

    func title(_ app: InspectionApp) -> String { unit.code }

    // MARK: - Drawing

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        let t = app.texts, theme = app.theme
        let (header, rest) = area.splitTop(2)
        let (listArea, detailArea) = rest.splitBottom(7)
        let type = app.checklists.unitType(unit.type)
        // Whether only the inspector's categories are shown comes before the floor plan's name, which gives way first.
        var title = [Span(" \(unit.code)", style: theme.highlight), Span("  \(t.unitLabel(unit))  ")]
        if let mine {
            let names = mine.member.categories.map { app.checklists.category($0)?.name.text(app.language) ?? $0 }
            title.append(Span(t.walkMine(names.joined(separator: t.listSeparator)) + "  ", style: theme.warning))
        } else if app.assignment.map({ !$0.member.categories.isEmpty }) ?? false {
            title.append(Span(t.walkAll + "  ", style: theme.muted))
        }
        title.append(Span("\(unit.type) \(type?.name.text(app.language) ?? "")", style: theme.muted))
        buffer.put(Line(title), at: Position(x: header.x, y: header.y), base: theme.normal, maxWidth: header.width)
        if let view {
            let p = view.progress
            let label = " " + t.roundShort(view.round) + "  " + t.itemsShort(p.recorded, p.applicable) + "  " + t.rechecksShort(p.rechecksDone, p.rechecks) + "  "
            let used = buffer.put(label, at: Position(x: header.x, y: header.y + 1), style: theme.normal)
            let total = p.applicable + p.rechecks
            ProgressBar(fraction: total == 0 ? 1 : Double(p.recorded + p.rechecksDone) / Double(total), style: theme.good, emptyStyle: theme.muted)
                .render(into: &buffer, area: Rect(x: header.x + used, y: header.y + 1, width: min(30, header.width - used), height: 1))
            if app.openRound == nil {
                buffer.put("  " + t.readOnlyRound, at: Position(x: header.x + used + 31, y: header.y + 1), style: theme.warning,
                           maxWidth: max(0, header.maxX - header.x - used - 31))
            }
        }
        // The room (or the re-check queue) being scrolled through keeps its heading in view.
        var probe = state
        probe.scrollToSelection(height: listArea.height, count: rows.count)
        var rowsArea = listArea
        if let sticky = stickyHeading(above: probe.offset) {
            let (top, rest) = listArea.splitTop(1)
            buffer.fill(top, style: theme.normal)
            buffer.put(listRow(rows[sticky], width: top.width - 1, app: app).line, at: Position(x: top.x, y: top.y), base: theme.normal, maxWidth: top.width - 1)
            rowsArea = rest
        }
        ListView(count: rows.count, theme: theme) { self.listRow(self.rows[$0], width: rowsArea.width - 1, app: app) }
            .render(into: &buffer, area: rowsArea, state: &state)
        let inner = Modal(title: "", theme: theme).render(into: &buffer, area: detailArea)
        if let recorded = justRecorded {
            renderMarkCode(recorded, into: &buffer, area: inner, app: app)
        } else if let row = selectedRow {
            renderDetail(row, into: &buffer, area: inner, app: app)
        }
        return nil
    }

    /// The heading of the room (or re-check queue) that the first visible row belongs to,
    /// when that heading has scrolled out of view.
    func stickyHeading(above offset: Int) -> Int? {
        guard offset > 0, offset < rows.count else { return nil }
        let heading = (0..<offset).reversed().first { i in
            switch rows[i] {
            case .room, .heading: return true
            default: return false
            }
        }
        switch rows[offset] {
        case .room, .heading: return nil
        default: return heading
        }
    }

    func listRow(_ row: Row, width: Int, app: InspectionApp) -> ListRow {
        let t = app.texts, theme = app.theme
        switch row {
        case .heading(let text):
            return .heading(text, style: theme.heading)
        case .room(let room):
            // Narrowed to the inspector's categories, the room's count is of their items.
            let pairs = applicableItems(in: room, app: app).map { RoomItem(room: room.key, item: $0.id) }
            let recorded = pairs.filter { view?.results.result($0) != nil }.count
            return ListRow(Line([Span("■ " + room.name.text(app.language), style: theme.heading),
                                 Span("  \(recorded)/\(pairs.count)", style: recorded == pairs.count ? theme.good : theme.muted)]),
                           selectable: false)
        case .category(let name):
            return ListRow(Line("   " + name, style: theme.muted), selectable: false)
        case .recheck(let d):
            let outcome = recheckOutcome(d)
            let (mark, style): (String, Style) = d.status == .waived ? ("≈", theme.muted)
                : outcome == true ? ("✓", theme.good) : outcome == false ? ("✗", theme.bad) : ("○", theme.highlight)
            return ListRow(Line([Span("   \(mark) ", style: style)]
                                + ColumnLayout.line(recheckCells(d, outcome, style, app: app), columns: recheckColumns, available: width - 6)))
        case let .item(room, item):
            let (mark, label, style): (String, String, Style)
            switch result(room, item) {
            case .pass?: (mark, label, style) = ("✓", t.resultPass, theme.good)
            case .notApplicable?: (mark, label, style) = ("–", t.resultNotApplicable, theme.muted)
            case .defects(let ids)?:
                let codes = ids.compactMap { id in view?.found.first { $0.id == id }?.code.text }
                (mark, label, style) = ("✗", codes.joined(separator: " "), theme.bad)
            case nil:
                if let test = ponding[RoomItem(room: room.key, item: item.id)] {
                    let due = test.isDue(at: app.configuration.clock())
                    (mark, label, style) = ("·", due ? t.pondingDue : t.pondingRunningUntil(FieldTime.short(test.due)), due ? theme.warning : theme.muted)
                } else {
                    (mark, label, style) = ("·", "", theme.muted)
                }
            }
            let nameWidth = max(16, width - 5 - 7 - 20)
            return ListRow(Line([
                Span("   \(mark) ", style: style), Span(DisplayWidth.fit(item.id, width: 7), style: theme.muted),
                Span(DisplayWidth.fit(item.name.text(app.language), width: nameWidth)),
                Span(" " + label, style: style),
            ]))
        }
    }

    /// A re-check's cells: code, room, item, note, round found (and failures), where it stands.
    func recheckCells(_ d: DefectSummary, _ outcome: Bool?, _ style: Style?, app: InspectionApp) -> [Span] {
        let t = app.texts, theme = app.theme
        return [Span(d.code.text, style: theme.accent), Span(app.roomName(d)),
                Span(app.checklists.item(d.item)?.name.text(app.language) ?? d.item),
                Span(d.note.isEmpty ? "—" : d.note, style: theme.muted),
                Span(t.foundInRound(d.roundFound) + (d.failedRechecks > 0 ? " ✗\(d.failedRechecks)" : ""), style: d.failedRechecks > 0 ? theme.bad : theme.muted),
                Span(recheckLabel(d, outcome, app), style: style)]
    }

    /// Sized to the unit's re-checks: the note and the item name give way first.
    func fitRecheckColumns(_ app: InspectionApp) {
        recheckColumns = Array(repeating: FittedColumn(), count: 6)
        for d in view?.rechecks ?? [] {
            for outcome in [nil, true, false] as [Bool?] {
                for (i, cell) in recheckCells(d, outcome, nil, app: app).enumerated() { recheckColumns[i].fit(cell.text) }
            }
        }
        for i in recheckColumns.indices { recheckColumns[i].minimum = recheckColumns[i].natural }
        recheckColumns[1].minimum = min(recheckColumns[1].natural, 6)
        for i in [2, 3] {
            recheckColumns[i].flexible = true
            recheckColumns[i].minimum = min(recheckColumns[i].natural, 8)
        }
    }

    func recheckLabel(_ d: DefectSummary, _ outcome: Bool?, _ app: InspectionApp) -> String {
        let t = app.texts
        if d.status == .waived { return t.statusName(.waived) }
        switch outcome {
        case true?: return t.recheckPassed
        case false?: return t.recheckFailed
        case nil: return d.status == .rectified ? t.statusName(.rectified) : t.recheckPending
        }
    }

    func renderDetail(_ row: Row, into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) {
        let t = app.texts, theme = app.theme
        var lines: [Line] = []
        switch row {
        case .heading, .room, .category:
            break
        case let .item(room, item):
            // Where the item applies beyond its rooms (top floor only …), beside the room.
            let condition = item.when.map { "  · " + $0.summary.text(app.language) } ?? ""
            lines.append(Line([Span("\(item.id) ", style: theme.muted), Span(item.name.text(app.language), style: theme.highlight),
                               Span("  \(room.name.text(app.language))" + condition, style: theme.muted)]))
            lines.append(Line([Span(t.methodLabel + " ", style: theme.heading), Span(item.method.name.text(app.language) + "   "),
                               Span(t.severityLabel + " ", style: theme.heading), Span(item.severity.name.text(app.language) + "   "),
                               Span(t.sensitivityLabel + " ", style: theme.heading), Span(item.sensitivity.name.text(app.language) + "   "),
                               Span(t.tradeLabel + " ", style: theme.heading), Span(app.checklists.trade(named: item.trade)?.name.text(app.language) ?? item.trade)]))
            var criterion = t.criterionLabel + " " + item.criterion.text(app.language)
            if let clause = item.clause { criterion += t.parenthesized(clause) }
            lines += DisplayWidth.wrap(criterion, width: area.width - 2).prefix(2).map { Line($0) }
            if PondingRules.isPonding(item), result(room, item) == nil {
                if let test = ponding[RoomItem(room: room.key, item: item.id)] {
                    lines.append(Line(t.pondingDetailStarted(FieldTime.text(test.started), FieldTime.text(test.due)),
                                      style: test.isDue(at: app.configuration.clock()) ? theme.warning : theme.muted))
                } else {
                    lines.append(Line(t.pondingNotStarted, style: theme.warning))
                }
            }
            if case .defects(let ids)? = result(room, item) {
                let found = ids.compactMap { id in view?.found.first { $0.id == id } }
                let text = found.map { "\($0.code) \($0.note.isEmpty ? item.name.text(app.language) : $0.note)" }.joined(separator: t.listSeparator)
                lines += DisplayWidth.wrap(t.foundThisRound + " " + text, width: area.width - 2).map { Line($0, style: theme.bad) }
            }
        case .recheck(let d):
            let item = app.checklists.item(d.item)
            lines.append(Line([Span(d.code.text + " ", style: theme.accent), Span("\(app.roomName(d)) · \(d.item) \(item?.name.text(app.language) ?? "")", style: theme.highlight)]))
            lines += DisplayWidth.wrap(t.noteLabel + " " + (d.note.isEmpty ? "—" : d.note), width: area.width - 2).map { Line($0) }
            lines.append(Line([Span(t.foundInRoundLong(d.roundFound, d.inspector) + "   ", style: theme.muted),
                               Span(t.failedCount(d.failedRechecks), style: d.failedRechecks > 0 ? theme.bad : theme.muted),
                               Span("   " + d.severity.name.text(app.language) + "   " + (d.contractor ?? t.unassigned), style: theme.muted)]))
            lines.append(Line([Span(t.rectificationLabel + " ", style: theme.heading), Span(d.rectificationNote ?? t.notRectified)]))
            if let waiver = d.waiver { lines.append(Line(t.waiverLabel + " " + waiver, style: theme.muted)) }
        }
        for (i, line) in lines.prefix(area.height).enumerated() {
            buffer.put(line, at: Position(x: area.x + 1, y: area.y + i), base: theme.normal, maxWidth: area.width - 2)
        }
    }

    func renderMarkCode(_ defect: DefectSummary, into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) {
        let t = app.texts, theme = app.theme
        BigText.render(defect.code.text, into: &buffer, at: Position(x: area.x + 2, y: area.y), style: theme.accent)
        let x = area.x + 4 + BigText.width(defect.code.text)
        let width = area.maxX - x - 1
        buffer.put(t.markCodeTitle, at: Position(x: x, y: area.y), style: theme.heading, maxWidth: width)
        buffer.put(defect.code.text, at: Position(x: x, y: area.y + 1), style: theme.highlight, maxWidth: width)
        buffer.put("\(app.roomName(defect)) · \(defect.item)", at: Position(x: x, y: area.y + 2), style: theme.normal, maxWidth: width)
        buffer.put(defect.note, at: Position(x: x, y: area.y + 3), style: theme.normal, maxWidth: width)
        buffer.put(defect.contractor ?? t.unassigned, at: Position(x: x, y: area.y + 4), style: theme.muted, maxWidth: width)
    }

    // MARK: - Keys

    func handle(_ key: Key, app: InspectionApp) throws {
        justRecorded = nil  // the big mark code shows until the next key
        try dispatch(key, app: app)
    }

    func bindings(_ app: InspectionApp) -> [Binding] {
        let t = app.texts
        let onRecheck: Bool
        if case .recheck? = selectedRow { onRecheck = true } else { onRecheck = false }
        let onPonding: Bool
        if case let .item(room, item)? = selectedRow, PondingRules.isPonding(item), result(room, item) == nil,
           ponding[RoomItem(room: room.key, item: item.id)] == nil { onPonding = true } else { onPonding = false }
        func withNote(_ passed: Bool) -> (InspectionApp) throws -> Void {
            { app in
                guard case .recheck = self.selectedRow else { app.message = (t.selectRecheckFirst, true); return }
                app.overlay = PromptOverlay(title: passed ? t.recheckPassNote : t.recheckFailNote) { app, note in
                    try self.recheck(passed: passed, note: note, app: app)
                }
            }
        }
        return [
            .move(t) { key in _ = self.state.handleMovement(key, count: self.rows.count, page: 10, selectable: { self.rows[$0].isSelectable }) },
            Binding([.tab], t.keyNextRoom) { _, _ in self.jumpRoom(forward: true) },
            Binding([.backTab], t.keyPreviousRoom) { _, _ in self.jumpRoom(forward: false) },
            Binding([.character(" ")], t.keyPass, hint: !onRecheck) { app, _ in try self.record(.pass, app: app) },
            Binding(.character("d"), t.keyDefect, hint: !onRecheck) { app in self.openDefectForm(app) },
            Binding(.character("x"), t.keyNotApplicable, hint: !onRecheck) { app in try self.record(.notApplicable, app: app) },
            Binding(.character("a"), t.keyPassRoom) { app in try self.passRoom(app) },
            Binding(.character("s"), t.keyStartPonding, hint: onPonding) { app in try self.startPonding(app) },
            Binding(.character("p"), t.keyRecheckPass, hint: onRecheck) { app in try self.recheck(passed: true, note: nil, app: app) },
            Binding(.character("f"), t.keyRecheckFail, hint: onRecheck) { app in try self.recheck(passed: false, note: nil, app: app) },
            Binding(.character("P"), t.keyRecheckPassNote, withNote(true)),
            Binding(.character("F"), t.keyRecheckFailNote, withNote(false)),
            Binding(.character("u"), t.keyUndo, hint: true) { app in try self.undo(app) },
            Binding(.character("w"), t.keyWithdraw) { app in try self.withdraw(app) },
            Binding(.character("e"), t.keyEditDefect) { app in self.openEditForm(app) },
            Binding([.enter, .right, .character("l")], name: "Enter", t.keyDefectHistory) { app, _ in try self.openDefect(app) },
            Binding.nextUnit(app, mine: (app.stack.dropLast().last as? UnitPickerScreen).map { $0.mine != nil }) { app in try self.nextUnit(app) },
            Binding(.character("m"), t.keyMineOrAll) { app in
                self.showAll.toggle()
                try self.reload(app)
                if self.selectedRow == nil || !(self.selectedRow?.isSelectable ?? false) {
                    self.state.selected = self.rows.indices.first { self.isPending(self.rows[$0]) } ?? self.rows.indices.first { self.rows[$0].isSelectable }
                }
            },
            .back(t),
        ]
    }

    func legend(_ app: InspectionApp) -> [Legend] {
        [("✓ ✗ – ·", app.texts.legendResults), ("○ ✓ ✗ ≈", app.texts.legendRechecks)]
    }

    /// Selects the first item of the next (or previous) room.
    func jumpRoom(forward: Bool) {
        guard let current = state.selected else { return }
        let rooms = rows.indices.filter { if case .room = rows[$0] { return true } else { return false } }
        let currentRoom = rooms.last { $0 < current }
        let target = forward ? rooms.first { $0 > current } : rooms.last { $0 < (currentRoom ?? current) }
        guard let target, let first = rows.indices.first(where: { $0 > target && rows[$0].isSelectable }) else {
            if !forward { state.selectFirst(count: rows.count) { self.rows[$0].isSelectable } }
            return
        }
        state.selected = first
    }

    func requireItem(_ app: InspectionApp) -> (Room, ChecklistItem)? {
        guard case let .item(room, item)? = selectedRow else {
            app.message = (app.texts.selectItemFirst, true)
            return nil
        }
        return (room, item)
    }

    /// Moves to the next row still to do after the current one.
    func advance() {
        guard let current = state.selected else { return }
        if let next = rows.indices.first(where: { $0 > current && isPending(rows[$0]) }) {
            state.selected = next
        }
    }

    func record(_ outcome: ItemOutcome, app: InspectionApp) throws {
        guard let (room, item) = requireItem(app) else { return }
        guard app.perform({ tx in try tx.recordItem(unit: unit.code, item: item.id, room: room.key, outcome: outcome) }) != nil else { return }
        try reload(app)
        advance()
    }

    func passRoom(_ app: InspectionApp) throws {
        guard let (room, _) = requireItem(app) else { return }
        // Narrowed to the inspector's categories, the rest of the room is the rest of theirs.
        let categories = mine.map { Set($0.member.categories) }
        let outcome = app.perform { tx in try tx.passRemainingSkipping(unit: unit.code, room: room.key, categories: categories) }
        guard let outcome else { return }
        try reload(app)
        app.flash(app.texts.roomPassed(room.name.text(app.language), outcome.passed.count)
                  + (outcome.skipped.isEmpty ? "" : app.texts.pondingSkipped(outcome.skipped.count)))
        advance()
    }

    /// The first visit of the selected ponding item's test.
    func startPonding(_ app: InspectionApp) throws {
        guard let (room, item) = requireItem(app) else { return }
        guard let test = app.perform({ tx in try tx.startPonding(unit: unit.code, item: item.id, room: room.key) }) else { return }
        try reload(app)
        app.flash(app.texts.pondingStarted(room.name.text(app.language), FieldTime.text(test.due)))
        advance()
    }

    func recheck(passed: Bool, note: String?, app: InspectionApp) throws {
        guard case .recheck(let defect)? = selectedRow else { app.message = (app.texts.selectRecheckFirst, true); return }
        guard let updated = app.perform({ tx in try tx.recheck(code: defect.code.text, passed: passed, note: note) }) else { return }
        try reload(app)
        if !passed && updated.responsibility.flagged && updated.responsibility.failures == app.project.settings.penaltyThreshold {
            app.flash(app.texts.flaggedAgainstContractor(defect.code.text, app.project.settings.penaltyThreshold))
        }
        advance()
    }

    func undo(_ app: InspectionApp) throws {
        guard let target = app.perform({ tx in try tx.undoLast(unit: unit.code) }) else { return }
        try reload(app)
        select(undone: target)
        app.flash(app.texts.undone(describe(target, app: app)))
    }

    /// Puts the cursor back on what was taken back, so the next key records it again.
    func select(undone event: Event) {
        let index: Int?
        switch event.body {
        case .itemRecorded(let r):
            index = rows.firstIndex { if case let .item(room, item) = $0 { return room.key == r.room && item.id == r.item } else { return false } }
        case .defectFound(let f):
            index = rows.firstIndex { if case let .item(room, item) = $0 { return room.key == f.room && item.id == f.item } else { return false } }
        case .defectRechecked:
            index = rows.firstIndex { if case .recheck(let d) = $0 { return d.id == event.defect } else { return false } }
        case .remainingPassed(let r):
            index = rows.firstIndex { if case let .item(room, _) = $0 { return r.room == nil || room.key == r.room } else { return false } }
        default:
            index = nil
        }
        if let index { state.selected = index }
    }

    func describe(_ event: Event, app: InspectionApp) -> String {
        let t = app.texts
        switch event.body {
        case .itemRecorded(let r): return "\(r.outcome == .pass ? t.resultPass : t.resultNotApplicable) \(r.item) \(app.roomName(r.room, unitType: unit.type))"
        case .remainingPassed(let r): return t.passedMany(r.count)
        case .defectFound(let f): return "\(f.code) \(f.item) \(app.roomName(f.room, unitType: unit.type))"
        case .defectRechecked(let r): return (r.passed ? t.recheckPassed : t.recheckFailed) + (event.defect.flatMap { id in view?.rechecks.first { $0.id == id }?.code.text }.map { " \($0)" } ?? "")
        default: return event.body.kind
        }
    }

    func openDefectForm(_ app: InspectionApp) {
        guard let (room, item) = requireItem(app) else { return }
        guard app.openRound != nil else { app.fail(InspectionError.noOpenRound); return }
        guard app.canWrite() else { return }
        // A ponding check is refused before its test has stood 24 h: say so before the note is typed.
        do {
            try PondingRules.check(item, pair: RoomItem(room: room.key, item: item.id), test: ponding[RoomItem(room: room.key, item: item.id)],
                                   now: app.configuration.clock())
        } catch {
            app.fail(error)
            return
        }
        app.overlay = DefectForm(app: app, unit: unit, room: room, item: item) { app, defect in
            try self.reload(app)
            self.justRecorded = defect
            self.advance()
        }
    }

    // MARK: - Corrections

    /// The defect the selected row is about: a re-check's, or the latest found on the item.
    var selectedDefect: DefectSummary? {
        switch selectedRow {
        case .recheck(let d)?: return d
        case let .item(room, item)?:
            guard case .defects(let ids)? = result(room, item), let last = ids.last else { return nil }
            return view?.found.first { $0.id == last }
        default: return nil
        }
    }

    /// `w`: withdraws the selected record of this round: a re-check's result, the item's pass
    /// or not-applicable, or (after a confirmation) the latest defect found on it.
    func withdraw(_ app: InspectionApp) throws {
        let t = app.texts
        switch selectedRow {
        case .recheck(let d)?:
            guard let outcome = recheckOutcome(d) else { app.message = (t.nothingToWithdraw, true); return }
            guard app.perform({ tx in try tx.withdrawRecheck(code: d.code.text) }) != nil else { return }
            try reload(app)
            app.flash(t.withdrawn("\(d.code.text) \(outcome ? t.recheckPassed : t.recheckFailed)"))
        case let .item(room, item)?:
            switch result(room, item) {
            case nil:
                app.message = (t.nothingToWithdraw, true)
            case .defects?:
                guard let d = selectedDefect, app.canWrite() else { return }
                app.overlay = ConfirmOverlay(
                    title: t.withdrawDefectTitle,
                    lines: ["\(d.code.text)  \(app.roomName(d)) · \(item.id) \(item.name.text(app.language))", d.note, t.withdrawExplain],
                    choices: [(key: .enter, label: t.withdrawConfirm, action: { app in
                        guard app.perform({ tx in try tx.withdrawDefect(code: d.code.text) }) != nil else { return }
                        try self.reload(app)
                        self.select(defectCode: d.code.text)
                        app.flash(t.withdrawn("\(d.code.text) \(d.note)"))
                    })])
            case .pass?, .notApplicable?:
                guard app.perform({ tx in try tx.withdrawResult(unit: self.unit.code, item: item.id, room: room.key) }) != nil else { return }
                try reload(app)
                app.flash(t.withdrawn("\(item.id) \(room.name.text(app.language))"))
            }
        default:
            app.message = (t.selectItemFirst, true)
        }
    }

    /// `e`: corrects the selected defect's note, severity, contractor (and room, in its round).
    func openEditForm(_ app: InspectionApp) {
        guard let d = selectedDefect else { app.message = (app.texts.selectDefectFirst, true); return }
        guard app.canWrite(), let type = app.checklists.unitType(unit.type), let room = type.room(named: d.room),
              let item = app.checklists.item(d.item) else { return }
        app.overlay = DefectForm(app: app, unit: unit, room: room, item: item, editing: d) { app, corrected in
            try self.reload(app)
            self.select(defectCode: corrected.code.text)
            app.flash(app.texts.corrected(corrected.code.text))
        }
    }

    func openDefect(_ app: InspectionApp) throws {
        switch selectedRow {
        case .recheck(let d)?:
            app.push(try DefectScreen(app: app, code: d.code.text))
        case let .item(room, item)?:
            if case .defects(let ids)? = result(room, item), let first = ids.first,
               let defect = view?.found.first(where: { $0.id == first }) {
                app.push(try DefectScreen(app: app, code: defect.code.text))
            } else {
                openDefectForm(app)
            }
        default:
            break
        }
    }

    func nextUnit(_ app: InspectionApp) throws {
        app.pop()
        if let picker = app.stack.last as? UnitPickerScreen {
            try picker.openNext(app)
        }
    }
}
