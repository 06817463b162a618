import Foundation
import InspectionCore
import InspectionStore
import TerminalKit

/// The defect board as plain text for a terminal or a log: tables aligned by display
/// width, so Chinese names line up.
public enum BoardText {
    public static func render(_ board: BoardReport, checklists: ChecklistSet) -> [String] {
        var lines: [String] = []
        let p = board.project
        let roundText = board.round.map { r in "round \(r.number) " + (r.isOpen ? "(open since \(r.opened))" : "(closed \(r.closed!)\(r.partial ? ", partial" : ""))") } ?? "no round yet"
        lines.append("\(p.name) — delivery \(p.delivery) (\(englishCount(board.deadlines.daysToDelivery, "day", "days"))) — \(roundText)")
        let u = board.units
        lines.append("units: \(u.inspected)/\(u.inScope) inspected, \(u.inProgress) in progress, \(u.notStarted) not started")
        let r = board.readiness
        let closed = board.rounds.filter { !$0.isOpen }.count
        lines.append("readiness rate: \(r.ready)/\(r.units) ready = \(percent(r.rate)) (target \(percent(r.target)))" + (r.meetsTarget ? " — met" : " — not met")
                     + "; \(closed) of at least \(RoundRules.minimumRounds) rounds closed; ready for delivery: \(r.readyForDelivery(roundsClosed: closed) ? "yes" : "no")")
        if !r.lackingRounds.isEmpty {
            lines.append("units inspected in fewer than \(RoundRules.minimumRounds) rounds: \(r.lackingRounds.count)"
                         + (r.lackingRounds.count <= 20 ? " (" + r.lackingRounds.map { "\($0): \(r.roundsInspected[$0] ?? 0)" }.joined(separator: ", ") + ")" : ""))
        }
        lines.append("")
        lines += table(title: "by category", rows: board.tables.categories.map { (checklists.category($0)?.name.zh ?? $0, board.tables.byCategory[$0] ?? StatusCounts()) }, total: board.tables.total)
        lines.append("")
        lines += table(title: "by building", rows: board.tables.buildings.map { ("\($0)栋", board.tables.byBuilding[$0] ?? StatusCounts()) }, total: board.tables.total)
        lines.append("")
        lines += table(title: "by contractor", rows: board.tables.contractors.map { (board.contractorName($0), board.tables.byContractor[$0] ?? StatusCounts()) }, total: board.tables.total)
        lines.append("")
        let d = board.deadlines
        lines.append("deadlines: delivery \(d.delivery), risk cutoff \(d.riskCutoff) (\(englishCount(d.daysToRiskCutoff, "day", "days"))), round 1 by \(d.latestRoundOneStart)"
                     + (d.roundOneStarted.map { ", started \($0)" } ?? ""))
        for warning in d.warnings { lines.append("  ! " + warning.message.en) }
        if !board.spray.isEmpty {
            let done = board.spray.filter(\.isComplete).count
            lines.append("spray tests: \(done)/\(board.spray.count) entrances tested over all their floors")
            for c in board.spray {
                let tested = c.tested.map { "\($0.band) \($0.passed ? "pass" : "leak")" }.joined(separator: ", ")
                lines.append("  \(c.building)-\(c.entrance) floors \(c.floors): tested \(tested.isEmpty ? "none" : tested)"
                             + (c.untested.isEmpty ? "" : "; not tested \(c.untested.map(\.description).joined(separator: ", "))"))
            }
        }
        if !board.rewards.isEmpty {
            lines.append("")
            let width = max(12, min(30, board.rewards.map { DisplayWidth.of($0.contractor) }.max() ?? 0))
            lines.append(DisplayWidth.fit("rewards", width: width) + "  first-pass rate        claims on time  outstanding  repeat failures")
            for r in board.rewards {
                lines.append(DisplayWidth.fit(r.contractor, width: width) + "  " + DisplayWidth.fit(r.passRateText(.en), width: 21)
                             + DisplayWidth.fit(r.claimsText, width: 16, alignment: .right) + DisplayWidth.fit(String(r.outstanding), width: 13, alignment: .right)
                             + DisplayWidth.fit(String(r.repeatFailures), width: 17, alignment: .right))
            }
        }
        if let deadline = board.rectificationDeadline {
            let late = board.tables.contractors.compactMap { id in board.overdue[id].map { "\(board.contractorName(id)) \($0)" } }
            lines.append("rectification deadline: \(deadline); overdue (open without a claim after it): \(board.overdueTotal)"
                         + (late.isEmpty ? "" : " — " + late.joined(separator: ", ")))
        }
        if !board.planWarnings.isEmpty {
            lines.append("plan:")
            for warning in board.planWarnings { lines.append("  ! " + warning.message.en) }
        }
        if let progress = board.planProgress {
            lines.append("")
            lines += planProgress(progress)
        }
        return lines
    }

    /// The round against its plan: a row per batch and per member, then the round.
    public static func planProgress(_ p: PlanProgress) -> [String] {
        let header = ["against the plan", "units", "expected", "ahead", "items", "per day", "forecast", "planned"]
        var rows: [[String]] = []
        func row(_ name: String, _ l: PlanProgress.Line) {
            rows.append([name, "\(l.unitsDone)/\(l.unitsAssigned)", "\(l.unitsExpected)", l.unitsAhead > 0 ? "+\(l.unitsAhead)" : "\(l.unitsAhead)",
                         "\(l.itemsDone)/\(l.itemsAssigned)", String(format: "%.2f", l.unitsPerDay),
                         (l.forecastFinish.map { "\($0)" } ?? "-") + (l.afterRiskCutoff == true ? " !cutoff" : l.afterPlannedFinish == true ? " !late" : ""),
                         "\(l.finish)"])
        }
        for batch in p.batches { row("batch \(batch.name)", batch) }
        for member in p.members { row("\(member.name) (\(member.role ?? ""))", member) }
        row("round \(p.round)", p.total)
        let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(DisplayWidth.of).max()! + 2 }
        return ([header] + rows).map { cells in
            cells.enumerated().map { i, cell in DisplayWidth.fit(cell, width: widths[i], alignment: i == 0 ? .left : .right) }.joined()
        } + ["units with results per day: " + p.unitsPerDay.map { "\($0.day) \($0.units)" }.joined(separator: ", ")]
    }

    static func table(title: String, rows: [(String, StatusCounts)], total: StatusCounts) -> [String] {
        let nameWidth = max(12, min(30, rows.map { DisplayWidth.of($0.0) }.max() ?? 0))
        // Each column one space wider than its longest header ("failedRechecks").
        let width = BoardMeasure.allCases.map { $0.rawValue.count }.max()! + 1
        var lines = [DisplayWidth.fit(title, width: nameWidth) + BoardMeasure.allCases.map { DisplayWidth.fit($0.rawValue, width: width, alignment: .right) }.joined()]
        for (name, counts) in rows + [("total", total)] {
            lines.append(DisplayWidth.fit(name, width: nameWidth) + BoardMeasure.allCases.map { DisplayWidth.fit(String(counts[$0]), width: width, alignment: .right) }.joined())
        }
        return lines
    }

    /// "18.6%": the progress bar's figure without its padding.
    public static func percent(_ fraction: Double) -> String {
        ProgressBar.percent(fraction).trimmingCharacters(in: .whitespaces) + "%"
    }
}
