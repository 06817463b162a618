import InspectionCore
import InspectionStore
import TerminalKit

extension AcceptanceReport {
    /// The report as styled lines for the terminal preview: the same sections as the HTML,
    /// tables aligned by display width, bars drawn with block characters.
    public func terminalLines(language l: Language, width: Int, theme: Theme) -> [Line] {
        var lines: [Line] = []
        func heading(_ text: String) {
            lines.append(Line(""))
            lines.append(Line(text, style: theme.heading))
        }
        func plain(_ text: String, _ style: Style? = nil) {
            for part in DisplayWidth.wrap(text, width: max(10, width)) { lines.append(Line(part, style: style)) }
        }
        /// Columns as wide as their widest cell (headers included), right-aligned, two spaces
        /// before each so that headers never touch; the first (names) gives way when short of room.
        func table(_ header: [String], _ rows: [[String]]) -> Int {
            let all = [header] + rows
            let widths = header.indices.map { i in all.map { DisplayWidth.of($0[i]) }.max() ?? 0 }
            let rest = widths.dropFirst().reduce(0) { $0 + $1 + 2 }
            let firstWidth = max(8, min(widths[0], width - rest))
            func cells(_ row: [String]) -> String {
                ([DisplayWidth.fit(row[0], width: firstWidth)]
                 + row.indices.dropFirst().map { "  " + DisplayWidth.fit(row[$0], width: widths[$0], alignment: .right) }).joined()
            }
            lines.append(Line(cells(header), style: theme.muted))
            for row in rows { lines.append(Line(cells(row))) }
            return firstWidth
        }
        let title = "\(RT.reportTitle.text(l)) · \(l == .zh ? "第 \(round.number) 轮" : "Round \(round.number)") · \(board.project.name)"
        lines.append(Line(title, style: theme.highlight))
        heading(RT.scope.text(l))
        // Labels as wide as the widest, then two spaces: a label never runs into its value.
        let scope = scopeRows(l)
        let labelWidth = (scope.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2
        for (k, v) in scope { lines.append(Line([Span(DisplayWidth.fit(k, width: labelWidth), style: theme.muted), Span(v)])) }
        let spray = spraySection(l)
        lines.append(Line(spray.heading, style: theme.muted))
        _ = table(spray.header, spray.rows)
        heading(RT.defects.text(l))
        lines.append(Line(RT.byCategory.text(l), style: theme.muted))
        lines += TextBars.lines(categoryBars(l), width: 40, available: width).map { Line($0, style: theme.good) }
        lines.append(Line(RT.byBuilding.text(l), style: theme.muted))
        lines += TextBars.lines(buildingBars(l), width: 40, available: width).map { Line($0, style: theme.good) }
        lines.append(Line(RT.bySeverity.text(l), style: theme.muted))
        lines.append(Line(severityRows(l).map { "\($0.0) \($0.1)" }.joined(separator: "   ")))
        lines.append(Line(RT.byContractor.text(l), style: theme.muted))
        let measures = BoardMeasure.allCases
        let rows = contractorRows()
        let nameWidth = table([RT.contractor.text(l)] + measures.map { $0.name.text(l) },
              (rows + [(RT.total.text(l), rows.reduce(StatusCounts()) { $0 + $1.1 })]).map { row in [row.0] + measures.map { String(row.1[$0]) } })
        heading(RT.newVsCarried.text(l))
        plain(recheckRows(l).map { "\($0.0) \($0.1)" }.joined(separator: "   "))
        heading(RT.penalties.text(l))
        let inRound = Dictionary(board.penaltiesInRound.map { ($0.contractor, $0.count) }, uniquingKeysWith: { a, _ in a })
        for p in board.penaltiesTotal {
            let codes = p.defects.isEmpty ? "" : "  " + p.defects.joined(separator: " ")
            lines.append(Line([Span(DisplayWidth.fit(p.contractor, width: nameWidth)),
                               Span(" \(RT.thisRound.text(l)) \(inRound[p.contractor] ?? 0)  \(RT.cumulative.text(l)) \(p.count)"
                                    + "  \(FieldLabels.failedAfterClaim.text(l)) \(p.afterClaim)  \(FieldLabels.failedWithoutClaim.text(l)) \(p.withoutClaim)",
                                    style: p.count > 0 ? theme.bad : theme.muted),
                               Span(codes, style: theme.accent)]))
        }
        heading(RT.risks.text(l))
        let sections = answerSections(l)
        if sections.isEmpty { plain(RT.none.text(l), theme.muted) }
        for section in sections {
            lines.append(Line([Span(section.heading, style: theme.accent)]))
            for (label, value) in section.plan { plain("  \(label)\(l == .zh ? "：" : ": ")\(value)", theme.muted) }
            if section.defects.isEmpty { plain("  " + RT.noDefectYet.text(l), theme.muted) }
            for d in section.defects {
                lines.append(Line([Span("  " + d[0] + " ", style: theme.accent), Span(d[1...4].joined(separator: " ") + (d[5].isEmpty ? "" : " · \(d[5])"))]))
            }
        }
        heading(RT.unreached.text(l))
        if facts.unreachedUnits.isEmpty && facts.pendingRechecks.isEmpty {
            plain(round.isOpen ? RT.stillOpen.text(l) : RT.none.text(l), theme.muted)
        } else {
            plain("\(RT.unit.text(l)) (\(facts.unreachedUnits.count)): " + facts.unreachedUnits.joined(separator: " "))
            plain("\(RT.pending.text(l)) (\(facts.pendingRechecks.count)): " + facts.pendingRechecks.joined(separator: " "))
        }
        heading(RT.readiness.text(l))
        let r = board.readiness
        plain(RuleSentences.readinessDefinition(minimumRounds: RoundRules.minimumRounds).text(l), theme.muted)
        lines.append(Line([Span("\(RuleSentences.readinessRate.text(l)) \(r.ready)/\(r.units) = \(BoardText.percent(r.rate))   "),
                           Span("\(RT.target.text(l)) \(BoardText.percent(r.target)) · " + (r.meetsTarget ? RT.met.text(l) : RT.notMet.text(l)),
                                style: r.meetsTarget ? theme.good : theme.bad)]))
        plain(RT.deliveryVerdict.text(l) + (l == .zh ? "：" : ": ") + verdict(l))
        for (heading, units) in notReadyLists(l) { plain(heading + (l == .zh ? "：" : ": ") + units.prefix(40).joined(separator: " ") + (units.count > 40 ? " …" : "")) }
        heading(RT.actions.text(l))
        for (i, action) in actions(l).enumerated() { plain("\(i + 1). \(action)") }
        return lines
    }
}
