import Foundation
import InspectionCore
import InspectionStore
import TerminalKit

/// The mock acceptance report (模拟验收报告) published after a round: scope and dates,
/// defects by category, building, contractor and severity, new versus carried over,
/// re-check outcomes, repeat failures, waived risks, units not reached, readiness, and what
/// must happen before delivery.
public struct AcceptanceReport: Sendable {
    public var board: BoardReport
    public var facts: RoundFacts
    public var checklists: ChecklistSet
    public var generated: Day
    /// Results recorded in the round by each person (for the comparison with the plan).
    public var resultsByActor: [String: Int] = [:]

    public static func load(store: InspectionStore, round: Int?, today: Day) throws -> AcceptanceReport {
        let rounds = try store.rounds()
        guard let number = round ?? rounds.last?.number else { throw InspectionError.invalidValue("no round has been opened yet") }
        let board = try store.board(round: number, today: today)
        return AcceptanceReport(board: board, facts: try store.roundFacts(number), checklists: try store.checklists(), generated: today,
                                resultsByActor: board.planProgress == nil ? [:] : try store.resultsByActor(round: number))
    }

    var round: Round { facts.round }
    var tables: BoardTables { board.tables }

    /// (label, value) rows for a bar chart of new defects by category.
    public func categoryBars(_ l: Language) -> [(String, Int)] {
        tables.categories.map { (checklists.category($0)?.name.text(l) ?? $0, tables.byCategory[$0]?.new ?? 0) }
    }

    public func buildingBars(_ l: Language) -> [(String, Int)] {
        tables.buildings.map { (PlaceNames.buildingShort($0).text(l), tables.byBuilding[$0]?.new ?? 0) }
    }

    /// What has to be done before delivery, most urgent first.
    public func actions(_ l: Language) -> [String] {
        var list: [String] = []
        let d = board.deadlines
        let outstanding = tables.total.outstanding
        if round.isOpen {
            let units = board.units.inScope - board.units.inspected
            list.append(l == .zh ? "完成第 \(round.number) 轮：尚有 \(units) 户未验完、\(facts.rechecks.pending) 项复查未做。"
                                 : "Finish round \(round.number): \(englishCount(units, "unit", "units")) unfinished, \(englishCount(facts.rechecks.pending, "re-check", "re-checks")) unrecorded.")
        }
        if outstanding > 0 {
            list.append(l == .zh ? "整改 \(outstanding) 项未销项问题（待整改 \(tables.total.open)、待复查 \(tables.total.rectified)），须在风险排查截止日 \(d.riskCutoff) 前完成。"
                                 : "Rectify \(outstanding) outstanding defects (\(tables.total.open) open, \(tables.total.rectified) awaiting re-check) before the risk-screening cutoff \(d.riskCutoff).")
            let top = tables.contractors.map { (board.contractorName($0), tables.byContractor[$0]?.outstanding ?? 0) }
                .filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(3)
            if !top.isEmpty {
                let names = top.map { "\($0.0) \($0.1)" }.joined(separator: l == .zh ? "、" : ", ")
                list.append(l == .zh ? "整改量最大的单位：\(names)。" : "Contractors with the most to fix: \(names).")
            }
        }
        let closed = board.rounds.filter { !$0.isOpen }.count
        if closed < RoundRules.minimumRounds {
            let left = RoundRules.minimumRounds - closed
            list.append(l == .zh ? "至少还需完成 \(left) 轮验收（共至少 \(RoundRules.minimumRounds) 轮）。"
                                 : "At least \(left) more round\(left == 1 ? "" : "s") to close (at least \(RoundRules.minimumRounds) in all).")
        }
        if !round.isOpen && outstanding > 0 {
            if let deadline = board.roundDeadline {
                list.append(l == .zh ? "\(FieldLabels.deadline.zh)：\(deadline)。施工单位须在此前完成本轮遗留的 \(outstanding) 项问题的整改并报整改。"
                                     : "\(FieldLabels.deadline.en): \(deadline). Contractors must rectify the \(outstanding) defects left, and claim them, by then.")
            }
            list.append(l == .zh ? "开启第 \(round.number + 1) 轮，复查本轮遗留的 \(outstanding) 项问题。"
                                 : "Open round \(round.number + 1) to re-check the \(englishCount(outstanding, "defect", "defects")) left.")
        }
        let r = board.readiness
        if !r.meetsTarget {
            let needed = Int((r.target * Double(r.units)).rounded(.up)) - r.ready
            list.append(l == .zh ? "可交付率 \(BoardText.percent(r.rate)) 低于目标 \(BoardText.percent(r.target))，还需 \(max(0, needed)) 户达到交付条件。"
                                 : "Readiness \(BoardText.percent(r.rate)) is below the \(BoardText.percent(r.target)) target: \(max(0, needed)) more units must be ready.")
        }
        let flagged = board.penaltiesTotal.filter { $0.count > 0 }
        if !flagged.isEmpty {
            list.append(l == .zh ? "将 \(flagged.count) 家单位的重复整改不合格条数提交工程项目部奖罚。"
                                 : "Hand the repeat-failure counts of \(englishCount(flagged.count, "contractor", "contractors")) to the project department for penalties.")
        }
        if !facts.waived.isEmpty {
            let answers = facts.answers.filter { $0.answer != nil && !$0.defects.isEmpty }.count
            list.append(l == .zh ? "就 \(facts.waived.count) 项统一口径问题（\(answers) 条统一口径）培训交付人员并落实预案。"
                                 : "Brief the handover staff on the \(facts.waived.count) waived risks (\(englishCount(answers, "unified answer", "unified answers"))) and carry out their contingency plans.")
        }
        list += d.warnings.map { $0.message.text(l) }
        if list.isEmpty { list.append(l == .zh ? "无待办事项，可按计划交付。" : "Nothing left: ready to deliver as planned.") }
        return list
    }

    func scopeRows(_ l: Language) -> [(String, String)] {
        let p = board.project
        var closed = round.closed.map { "\($0)" } ?? RT.stillOpen.text(l)
        if round.partial { closed += " (\(RT.partial.text(l)))" }
        return [
            (RT.project.text(l), p.name),
            (RT.delivery.text(l), "\(p.delivery)"),
            (l == .zh ? "轮次" : "Round", l == .zh ? "第 \(round.number) 轮" : "Round \(round.number)"),
            (RT.opened.text(l), "\(round.opened)"),
            (RT.closed.text(l), closed),
            (RT.unitsInScope.text(l), "\(board.units.inScope)"),
            (RT.unitsInspected.text(l), "\(board.units.inspected)"),
            (RT.generated.text(l), "\(generated)"),
        ]
    }

    func severityRows(_ l: Language) -> [(String, Int)] {
        Severity.allCases.map { ($0.name.text(l), facts.newBySeverity[$0] ?? 0) }
    }

    func contractorRows() -> [(String, StatusCounts)] {
        tables.contractors.map { (board.contractorName($0), tables.byContractor[$0] ?? StatusCounts()) }
    }

    func recheckRows(_ l: Language) -> [(String, Int)] {
        let r = facts.rechecks
        return [(RT.newDefects.text(l), tables.total.new), (RT.carried.text(l), r.carried), (RT.passed.text(l), r.passed),
                (RT.failedRecheck.text(l), r.failed), (RT.waivedMeanwhile.text(l), r.waived), (RT.pending.text(l), r.pending)]
    }

    func itemName(_ id: String, _ l: Language) -> String { checklists.item(id)?.name.text(l) ?? id }

    /// The units not ready, by reason: defects outstanding, too few rounds (each unit with the
    /// rounds it had).
    func notReadyLists(_ l: Language) -> [(String, [String])] {
        let r = board.readiness
        var lists: [(String, [String])] = []
        if !r.blockingUnits.isEmpty { lists.append((RuleSentences.notReadyOutstanding(r.blockingUnits.count).text(l), r.blockingUnits)) }
        if !r.lackingRounds.isEmpty {
            lists.append((RuleSentences.notReadyRounds(r.lackingRounds.count, minimumRounds: RoundRules.minimumRounds).text(l),
                          r.lackingRounds.map { "\($0)(\(r.roundsInspected[$0] ?? 0))" }))
        }
        return lists
    }

    /// One unified answer as the report lists it: its heading, the answer and its contingency
    /// plan as (label, value) rows, and the defects it was applied to (code, unit, room, item,
    /// note, approved by; for defects waived before answers were shared, the answer's text
    /// instead of the approver).
    struct AnswerSection {
        var heading: String
        var plan: [(String, String)]
        var header: [String]
        var defects: [[String]]
    }

    func answerSections(_ l: Language) -> [AnswerSection] {
        facts.answers.map { group in
            let columns = [RT.code, RT.unit, RT.room, RT.item, RT.note].map { $0.text(l) }
            guard let record = group.answer else {
                return AnswerSection(heading: RT.waivedWithoutAnswer.text(l), plan: [], header: columns + [RT.answer.text(l)],
                                     defects: group.defects.map { [$0.code.text, $0.unitCode, checklists.roomName($0.room, unitType: $0.unitType, language: l), itemName($0.item, l), $0.note, $0.waiver ?? ""] })
            }
            let a = record.answer
            return AnswerSection(
                heading: "\(a.code) · \(a.title)",
                plan: [(FieldLabels.unifiedAnswer.text(l), a.text),
                       (FieldLabels.contingencyPlan.text(l) + " · " + FieldLabels.planAction.text(l), a.plan.action),
                       (FieldLabels.planOwner.text(l), a.plan.owner),
                       (FieldLabels.planDue.text(l), "\(a.plan.due)"),
                       (FieldLabels.planBuyerQuestions.text(l), a.plan.buyerQuestions),
                       (RT.defectsUnderAnswer.text(l), "\(group.defects.count)")],
                header: columns + [FieldLabels.approvedBy.text(l)],
                defects: group.defects.map { [$0.code.text, $0.unitCode, checklists.roomName($0.room, unitType: $0.unitType, language: l), itemName($0.item, l), $0.note, $0.approvedBy ?? ""] })
        }
    }

    func rewardTitles(_ l: Language) -> [String] {
        let n = ContractorRewards.names
        return [n.firstTimePassRate, n.claimsOnTime, n.outstanding, n.repeatFailures].map { $0.text(l) }
    }

    /// Each contractor's reward figures, as the report's table cells.
    func rewardRows(_ l: Language) -> [[String]] {
        board.rewards.map { [$0.contractor, $0.passRateText(l), $0.claimsText, String($0.outstanding), String($0.repeatFailures)] }
    }

    /// Whether the project may be called ready: the target met after at least three rounds.
    func verdict(_ l: Language) -> String {
        let closed = board.rounds.filter { !$0.isOpen }.count
        if board.readiness.readyForDelivery(roundsClosed: closed) { return RT.yes.text(l) }
        return RT.no.text(l) + " (" + (l == .zh ? "已完成 \(closed) 轮，至少需 \(RoundRules.minimumRounds) 轮" : "\(closed) of at least \(RoundRules.minimumRounds) rounds closed") + ")"
    }
}

// MARK: - HTML

extension AcceptanceReport {
    public func html(language l: Language = .zh) -> String {
        var b = "<header><h1>\(Escape.html(RT.reportTitle.text(l))) · \(Escape.html(l == .zh ? "第 \(round.number) 轮" : "Round \(round.number)"))</h1>"
        b += "<p class=\"meta\">\(Escape.html(board.project.name))</p></header>\n"

        b += "<h2>\(Escape.html(RT.scope.text(l)))</h2>\n" + keyValueTable(scopeRows(l))
        let spray = spraySection(l)
        b += "<h3>\(Escape.html(spray.heading))</h3>\n" + DocumentTable.html(spray.header, spray.rows)

        b += "<h2>\(Escape.html(RT.defects.text(l)))</h2>\n"
        b += "<h3>\(Escape.html(RT.byCategory.text(l)))</h3>\n" + svgBars(categoryBars(l))
        b += "<h3>\(Escape.html(RT.byBuilding.text(l)))</h3>\n" + svgBars(buildingBars(l))
        b += "<h3>\(Escape.html(RT.bySeverity.text(l)))</h3>\n" + countTable(severityRows(l), l)
        b += "<h3>\(Escape.html(RT.byCategory.text(l)))</h3>\n" + measuresTable(tables.categories.map { (checklists.category($0)?.name.text(l) ?? $0, tables.byCategory[$0] ?? StatusCounts()) }, l)
        b += "<h3>\(Escape.html(RT.byContractor.text(l)))</h3>\n" + measuresTable(contractorRows(), l)

        b += "<h2>\(Escape.html(RT.newVsCarried.text(l)))</h2>\n" + countTable(recheckRows(l), l)

        b += "<h2>\(Escape.html(RT.penalties.text(l)))</h2>\n"
        b += "<p class=\"meta\">\(Escape.html(RuleSentences.penalty(threshold: board.project.settings.penaltyThreshold).text(l)))</p>\n"
        b += "<table><thead><tr><th>\(Escape.html(RT.contractor.text(l)))</th><th class=\"num\">\(Escape.html(RT.thisRound.text(l)))</th><th class=\"num\">\(Escape.html(RT.cumulative.text(l)))</th><th class=\"num\">\(Escape.html(FieldLabels.failedAfterClaim.text(l)))</th><th class=\"num\">\(Escape.html(FieldLabels.failedWithoutClaim.text(l)))</th><th>\(Escape.html(RT.code.text(l)))</th></tr></thead><tbody>\n"
        let inRound = Dictionary(board.penaltiesInRound.map { ($0.contractor, $0) }, uniquingKeysWith: { a, _ in a })
        for p in board.penaltiesTotal {
            b += "<tr><td>\(Escape.html(p.contractor))</td><td class=\"num\">\(inRound[p.contractor]?.count ?? 0)</td><td class=\"num\">\(p.count)</td><td class=\"num\">\(p.afterClaim)</td><td class=\"num\">\(p.withoutClaim)</td><td class=\"code\">\(Escape.html(p.defects.joined(separator: " ")))</td></tr>\n"
        }
        b += "</tbody></table>\n"

        b += "<h3>\(Escape.html(ContractorRewards.names.heading.text(l)))</h3>\n"
        b += "<table><thead><tr><th>\(Escape.html(RT.contractor.text(l)))</th>" + rewardTitles(l).map { "<th class=\"num\">\(Escape.html($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rewardRows(l) {
            b += "<tr><td>\(Escape.html(row[0]))</td>" + row.dropFirst().map { "<td class=\"num\">\(Escape.html($0))</td>" }.joined() + "</tr>\n"
        }
        b += "</tbody></table>\n"

        b += "<h2>\(Escape.html(RT.risks.text(l)))</h2>\n"
        let sections = answerSections(l)
        if sections.isEmpty { b += "<p>\(Escape.html(RT.none.text(l)))</p>\n" }
        for section in sections {
            b += "<h3>\(Escape.html(section.heading))</h3>\n"
            if !section.plan.isEmpty { b += keyValueTable(section.plan) }
            b += section.defects.isEmpty ? "<p>\(Escape.html(RT.noDefectYet.text(l)))</p>\n" : DocumentTable.html(section.header, section.defects)
        }

        b += "<h2>\(Escape.html(RT.unreached.text(l)))</h2>\n"
        if facts.unreachedUnits.isEmpty && facts.pendingRechecks.isEmpty {
            b += "<p>\(Escape.html(round.isOpen ? RT.stillOpen.text(l) : RT.none.text(l)))</p>\n"
        } else {
            b += "<p>\(Escape.html(RT.unit.text(l))) (\(facts.unreachedUnits.count)): \(Escape.html(facts.unreachedUnits.joined(separator: " ")))</p>\n"
            b += "<p>\(Escape.html(RT.pending.text(l))) (\(facts.pendingRechecks.count)): <span class=\"code\">\(Escape.html(facts.pendingRechecks.joined(separator: " ")))</span></p>\n"
        }
        for (text, count) in [(RT.lateWork, facts.lateResults), (RT.conflicts, facts.conflicts)] where count > 0 {
            b += "<p>\(Escape.html(text.text(l))): \(count)</p>\n"
        }

        let r = board.readiness
        b += "<h2>\(Escape.html(RT.readiness.text(l)))</h2>\n"
        b += "<p class=\"meta\">\(Escape.html(RuleSentences.readinessDefinition(minimumRounds: RoundRules.minimumRounds).text(l)))</p>\n"
        b += keyValueTable([(RuleSentences.readinessRate.text(l), "\(r.ready) / \(r.units) = \(BoardText.percent(r.rate))"),
                            (RT.target.text(l), BoardText.percent(r.target) + " · " + (r.meetsTarget ? RT.met.text(l) : RT.notMet.text(l))),
                            (RT.deliveryVerdict.text(l), verdict(l))])
        for (heading, units) in notReadyLists(l) {
            let shown = units.prefix(200)
            b += "<p>\(Escape.html(heading))\(l == .zh ? "：" : ": ")\(Escape.html(shown.joined(separator: " ")))\(units.count > shown.count ? " …" : "")</p>\n"
        }

        b += "<h2>\(Escape.html(RT.actions.text(l)))</h2>\n<ol>\n" + actions(l).map { "<li>\(Escape.html($0))</li>\n" }.joined() + "</ol>\n"
        if let plan = planComparison(l) {
            b += "<h2>\(Escape.html(RT.againstPlan.text(l)))</h2>\n" + keyValueTable(plan.dates)
            for (title, header, rows) in plan.tables { b += "<h3>\(Escape.html(title))</h3>\n" + DocumentTable.html(header, rows) }
        }
        return HTMLPage.document(title: "\(RT.reportTitle.text(l)) · \(board.project.name) · \(round.number)", language: l, body: b)
    }

    func keyValueTable(_ rows: [(String, String)]) -> String { DocumentTable.keyValueHTML(rows) }

    /// The spray tests, under the scope (what the round's field tests covered): a row per
    /// entrance: its floors, the bands tested with their result, those not.
    func spraySection(_ l: Language) -> (heading: String, header: [String], rows: [[String]]) {
        let heading = RT.spray.text(l)
        let rows = board.spray.map { c -> [String] in
            let tested = c.tested.map { "\($0.band) \(($0.passed ? RT.sprayPass : RT.sprayLeak).text(l))" }
            return ["\(c.building)-\(c.entrance)", c.floors.description, tested.isEmpty ? "—" : tested.joined(separator: ", "),
                    c.untested.isEmpty ? "—" : c.untested.map(\.description).joined(separator: ", ")]
        }
        return (heading, [RT.sprayEntrance.text(l), RT.floor.text(l), RT.sprayTested.text(l), RT.sprayUntested.text(l)], rows)
    }

    /// The round against its plan: planned and actual dates, batches finished, who did what
    /// (nil without a plan for the round).
    func planComparison(_ l: Language) -> (dates: [(String, String)], tables: [(String, [String], [[String]])])? {
        guard let p = board.planProgress else { return nil }
        let dates = [(RT.planned.text(l), "\(p.plannedStart) – \(p.plannedFinish)"),
                     (RT.actual.text(l), "\(p.opened.map { "\($0)" } ?? "—") – \(p.closed.map { "\($0)" } ?? RT.stillOpen.text(l))"),
                     (RT.unitsInspected.text(l), "\(p.total.unitsDone) / \(p.total.unitsAssigned)")]
        let batches = p.batches.map { b in
            [b.name, "\(b.unitsDone) / \(b.unitsAssigned)", "\(b.finish)",
             b.unitsDone == b.unitsAssigned ? RT.finished.text(l) : (b.forecastFinish.map { "\(RT.forecast.text(l)) \($0)" } ?? "—")]
        }
        var members = p.members.map { m in
            [m.name, m.role ?? "", "\(m.unitsDone) / \(m.unitsAssigned)", "\(m.itemsDone) / \(m.itemsAssigned)", "\(resultsByActor[m.name] ?? 0)"]
        }
        // People who recorded without being in the plan.
        for (actor, count) in resultsByActor.sorted(by: { $0.key < $1.key }) where !p.members.contains(where: { $0.name == actor }) {
            members.append([actor, "—", "—", "—", "\(count)"])
        }
        return (dates, [
            (RT.batchesFinished.text(l), [RT.batch.text(l), RT.unitsInspected.text(l), RT.plannedFinish.text(l), RT.status.text(l)], batches),
            (RT.whoDidWhat.text(l), [RT.member.text(l), RT.role.text(l), RT.unitsInspected.text(l), RT.items.text(l), RT.results.text(l)], members),
        ])
    }

    func countTable(_ rows: [(String, Int)], _ l: Language) -> String {
        "<table><tbody>\n" + rows.map { "<tr><th>\(Escape.html($0.0))</th><td class=\"num\">\($0.1)</td></tr>\n" }.joined() + "</tbody></table>\n"
    }

    func measuresTable(_ rows: [(String, StatusCounts)], _ l: Language) -> String {
        var s = "<table><thead><tr><th></th>" + BoardMeasure.allCases.map { "<th class=\"num\">\(Escape.html($0.name.text(l)))</th>" }.joined() + "</tr></thead><tbody>\n"
        for (name, counts) in rows + [(RT.total.text(l), rows.reduce(StatusCounts()) { $0 + $1.1 })] {
            s += "<tr><td>\(Escape.html(name))</td>" + BoardMeasure.allCases.map { "<td class=\"num\">\(counts[$0])</td>" }.joined() + "</tr>\n"
        }
        return s + "</tbody></table>\n"
    }

    /// Horizontal bars as inline SVG, so the file needs nothing else to print.
    func svgBars(_ rows: [(String, Int)]) -> String {
        let maximum = max(1, rows.map(\.1).max() ?? 1)
        let rowHeight = 18, labelWidth = 110, barWidth = 420
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(rowHeight * rows.count + 4)\" role=\"img\">\n"
        for (i, row) in rows.enumerated() {
            let y = i * rowHeight + 2
            let w = row.1 * barWidth / maximum
            svg += "<text x=\"0\" y=\"\(y + 13)\">\(Escape.html(row.0))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(w)\" height=\"\(rowHeight - 6)\" fill=\"#3b7dd8\"/>"
            svg += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 13)\">\(row.1)</text>\n"
        }
        return svg + "</svg>\n"
    }
}

// MARK: - Markdown

extension AcceptanceReport {
    public func markdown(language l: Language = .zh) -> String {
        var s = "# \(RT.reportTitle.text(l)) · \(l == .zh ? "第 \(round.number) 轮" : "Round \(round.number)") · \(Escape.markdownCell(board.project.name))\n\n"
        s += "## \(RT.scope.text(l))\n\n" + mdTable(["", ""], scopeRows(l).map { [$0.0, $0.1] })
        let spray = spraySection(l)
        s += "### \(spray.heading)\n\n" + mdTable(spray.header, spray.rows)
        s += "## \(RT.defects.text(l))\n\n### \(RT.byCategory.text(l))\n\n" + mdBars(categoryBars(l))
        s += "### \(RT.byBuilding.text(l))\n\n" + mdBars(buildingBars(l))
        s += "### \(RT.bySeverity.text(l))\n\n" + mdTable([RT.severity.text(l), ""], severityRows(l).map { [$0.0, "\($0.1)"] })
        s += "### \(RT.byContractor.text(l))\n\n"
        let rows = contractorRows()
        let total: StatusCounts = rows.reduce(StatusCounts()) { $0 + $1.1 }
        var cells: [[String]] = []
        for (name, counts) in rows + [(RT.total.text(l), total)] {
            cells.append([name] + BoardMeasure.allCases.map { String(counts[$0]) })
        }
        s += mdTable([RT.contractor.text(l)] + BoardMeasure.allCases.map { $0.name.text(l) }, cells)
        s += "## \(RT.newVsCarried.text(l))\n\n" + mdTable(["", ""], recheckRows(l).map { [$0.0, "\($0.1)"] })
        s += "## \(RT.penalties.text(l))\n\n"
        let inRound = Dictionary(board.penaltiesInRound.map { ($0.contractor, $0.count) }, uniquingKeysWith: { a, _ in a })
        s += RuleSentences.penalty(threshold: board.project.settings.penaltyThreshold).text(l) + "\n\n"
        s += mdTable([RT.contractor.text(l), RT.thisRound.text(l), RT.cumulative.text(l), FieldLabels.failedAfterClaim.text(l),
                      FieldLabels.failedWithoutClaim.text(l), RT.code.text(l)],
                     board.penaltiesTotal.map { [$0.contractor, "\(inRound[$0.contractor] ?? 0)", "\($0.count)", "\($0.afterClaim)", "\($0.withoutClaim)",
                                                 $0.defects.joined(separator: " ")] })
        s += "### \(ContractorRewards.names.heading.text(l))\n\n" + mdTable([RT.contractor.text(l)] + rewardTitles(l), rewardRows(l))
        s += "## \(RT.risks.text(l))\n\n"
        let sections = answerSections(l)
        if sections.isEmpty { s += RT.none.text(l) + "\n\n" }
        for section in sections {
            s += "### \(Escape.markdownCell(section.heading))\n\n"
            if !section.plan.isEmpty { s += mdTable(["", ""], section.plan.map { [$0.0, $0.1] }) }
            s += section.defects.isEmpty ? RT.noDefectYet.text(l) + "\n\n" : mdTable(section.header, section.defects)
        }
        s += "## \(RT.unreached.text(l))\n\n"
        if facts.unreachedUnits.isEmpty && facts.pendingRechecks.isEmpty {
            s += (round.isOpen ? RT.stillOpen.text(l) : RT.none.text(l)) + "\n\n"
        } else {
            s += "- \(RT.unit.text(l)) (\(facts.unreachedUnits.count)): \(facts.unreachedUnits.joined(separator: " "))\n"
            s += "- \(RT.pending.text(l)) (\(facts.pendingRechecks.count)): \(facts.pendingRechecks.joined(separator: " "))\n\n"
        }
        for (text, count) in [(RT.lateWork, facts.lateResults), (RT.conflicts, facts.conflicts)] where count > 0 {
            s += "- \(text.text(l)): \(count)\n\n"
        }
        let r = board.readiness
        s += "## \(RT.readiness.text(l))\n\n\(RuleSentences.readinessDefinition(minimumRounds: RoundRules.minimumRounds).text(l))\n\n"
        s += "- \(RuleSentences.readinessRate.text(l)): \(r.ready) / \(r.units) = \(BoardText.percent(r.rate))\n"
        s += "- \(RT.target.text(l)): \(BoardText.percent(r.target)) · \(r.meetsTarget ? RT.met.text(l) : RT.notMet.text(l))\n"
        s += "- \(RT.deliveryVerdict.text(l)): \(verdict(l))\n"
        for (heading, units) in notReadyLists(l) { s += "- \(heading): \(units.joined(separator: " "))\n" }
        s += "\n"
        s += "## \(RT.actions.text(l))\n\n" + actions(l).enumerated().map { "\($0.offset + 1). \(Escape.markdownCell($0.element))\n" }.joined() + "\n"
        if let plan = planComparison(l) {
            s += "## \(RT.againstPlan.text(l))\n\n" + mdTable(["", ""], plan.dates.map { [$0.0, $0.1] })
            for (title, header, rows) in plan.tables { s += "### \(Escape.markdownCell(title))\n\n" + mdTable(header, rows) }
        }
        return s
    }

    func mdTable(_ header: [String], _ rows: [[String]]) -> String { DocumentTable.markdown(header, rows) }

    /// Bars drawn with block characters inside a code block (they line up in any viewer).
    func mdBars(_ rows: [(String, Int)]) -> String {
        // A backtick in a label (a building's name) could close the code block.
        let rows = rows.map { ($0.0.replacingOccurrences(of: "`", with: "'"), $0.1) }
        return "```\n" + TextBars.lines(rows, width: 40).joined(separator: "\n") + "\n```\n\n"
    }
}

/// Bar charts drawn with block characters, labels padded by display width.
public enum TextBars {
    /// Labels whole (as wide as the widest), then bars of at most `width` cells; with
    /// `available`, the bars shrink (to 10 cells) before a label is cut.
    public static func lines(_ rows: [(String, Int)], width: Int, available: Int? = nil) -> [String] {
        let natural = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        let digits = String(rows.map(\.1).max() ?? 0).count
        var barWidth = width, labelWidth = natural
        if let available {
            barWidth = max(10, min(width, available - natural - digits - 2))
            labelWidth = min(natural, max(6, available - barWidth - digits - 2))
        }
        let maximum = max(1, rows.map(\.1).max() ?? 1)
        return rows.map { label, value in
            let (filled, _) = ProgressBar.bar(fraction: Double(value) / Double(maximum), width: barWidth)
            return DisplayWidth.fit(label, width: labelWidth) + " " + filled + " \(value)"
        }
    }
}
