import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import TerminalKit

/// One defect: where it is, what is wrong, who has it, where it stands, and its history.
final class DefectScreen: Screen {
    let code: String
    var detail: DefectDetail?
    var pager = TextPager()

    init(app: InspectionApp, code: String) throws {
        self.code = code
        try reload(app)
        if let own = app.configuration.contractor, detail?.summary.contractor != own {
            throw InspectionError.unknownDefect(code)
        }
    }

    func reload(_ app: InspectionApp) throws {
        detail = try app.store.defect(code: code)
    }

    func title(_ app: InspectionApp) -> String { code }

    func lines(_ app: InspectionApp, width: Int) -> [Line] {
        guard let detail else { return [] }
        let t = app.texts, theme = app.theme
        let s = detail.summary, d = detail.defect
        let item = app.checklists.item(s.item)
        var lines: [Line] = [
            Line([Span(s.code.text + "  ", style: theme.accent), Span("\(s.unitCode) \(app.roomName(s))  ", style: theme.highlight),
                  Span("\(s.item) \(item?.name.text(app.language) ?? "")")]),
            Line([Span(t.noteLabel + " ", style: theme.heading), Span(s.note.isEmpty ? "—" : s.note)]),
            detail.withdrawal.map { w in
                // A withdrawn defect's code still answers: its sticker may be on the wall.
                Line([Span(t.statusLabel + " ", style: theme.heading),
                      Span(CorrectionText.withdrawn(at: w.at, by: w.by, language: app.language), style: theme.warning)])
            } ?? Line([Span(t.statusLabel + " ", style: theme.heading), Span(t.statusName(d.status), style: d.status.blocksDelivery ? theme.bad : theme.good),
                  Span("   " + t.failedCount(d.failedRechecks), style: d.failedRechecks > 0 ? theme.bad : theme.muted),
                  Span(d.flag.map { "   " + t.flaggedInRound($0.round) } ?? "", style: theme.bad)]),
            Line([Span(t.severityLabel + " ", style: theme.heading), Span(s.severity.name.text(app.language) + "   "),
                  Span(t.contractorLabel + " ", style: theme.heading), Span(s.contractor ?? t.unassigned)]),
            Line([Span(t.foundInRoundLong(s.roundFound, s.inspector), style: theme.muted)]),
        ]
        if let item {
            lines += DisplayWidth.wrap(t.criterionLabel + " " + item.criterion.text(app.language) + (item.clause.map(t.parenthesized) ?? ""), width: width)
                .map { Line($0, style: theme.muted) }
        }
        if let waiver = d.waiver { lines.append(Line([Span(t.waiverLabel + " ", style: theme.heading), Span(waiver)])) }
        lines.append(Line(""))
        lines.append(Line(t.historyHeading, style: theme.heading))
        // A contractor's own view names no other contractor.
        let visible = app.contractors.filter { app.configuration.contractor == nil || $0.name == app.configuration.contractor }
        let names = Dictionary(visible.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for event in detail.history {
            lines += DisplayWidth.wrap(Self.historyLine(event, names: names, unitType: s.unitType, history: detail.history, app: app), width: width)
                .map { Line($0) }
        }
        return lines
    }

    /// One step of a history (a defect's, or a side of a conflict) in the interface's
    /// language: when, round, who, what. `unitType` names the rooms of item results; a
    /// correction names what it corrects from `history`.
    static func historyLine(_ event: Event, names: [UUID: String], unitType: String? = nil, history: [Event] = [],
                            app: InspectionApp) -> String {
        let t = app.texts
        func contractor(_ id: UUID?) -> String { id.map { names[$0] ?? t.otherContractor } ?? t.unassigned }
        func room(_ key: String) -> String { unitType.map { app.roomName(key, unitType: $0) } ?? key }
        let what: String
        switch event.body {
        case .defectFound(let f):
            what = t.historyFound + t.colon + (f.note.isEmpty ? "—" : f.note)
                + t.parenthesized(f.severity.name.text(app.language) + t.listSeparator + contractor(f.contractor))
        case .defectRectified(let r): what = t.historyRectified + (r.note.map { t.colon + $0 } ?? "")
        case .defectRechecked(let r): what = (r.passed ? t.recheckPassed : t.recheckFailed) + (r.note.map { t.colon + $0 } ?? "")
        case .defectWaived(let w): what = t.historyWaived + t.colon + w.answer
        case .defectReassigned(let r): what = "\(t.historyReassigned) \(contractor(r.contractor))"
        case .reverted(let r):
            what = CorrectionText.reverted(r, target: CorrectionText.target(of: r, in: history), room: room, language: app.language)
        case .defectEdited(let e): what = CorrectionText.edited(e, room: room, language: app.language)
        case .itemRecorded(let r):
            what = "\(room(r.room)) \(r.item)\(t.colon)\(r.outcome == .pass ? t.resultPass : t.resultNotApplicable)"
        case .remainingPassed(let r): what = (r.room.map { room($0) + " " } ?? "") + t.passedMany(r.count)
        default: what = event.body.kind
        }
        return "\(timestamp.string(from: event.at))  \(t.roundShort(event.round))  \(event.actor)  \(what)"
    }

    static let timestamp: DateFormatter = {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f
    }()

    func render(into buffer: inout ScreenBuffer, area: Rect, app: InspectionApp) -> Position? {
        pager.render(lines(app, width: area.width - 4), into: &buffer, area: area, base: app.theme.normal)
        return nil
    }

    func bindings(_ app: InspectionApp) -> [Binding] {
        [pagerBinding(app.texts) { key in _ = self.pager.handle(key) }, .back(app.texts)]
    }
}
