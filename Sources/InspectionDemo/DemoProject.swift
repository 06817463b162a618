import CSV
import DefaultData
import Foundation
import InspectionCore
import InspectionStore
import ProjectFiles
import Yams

/// The shipped demo: a project in the middle of round 2, built from fixtures/demo and the
/// shipped checklists. Round 1 is closed with realistic defects, most claimed rectified;
/// round 2 is open with its re-check queue partly done and one defect already failed once.
public enum DemoProject {
    struct Fixture: Decodable {
        struct ProjectPart: Decodable { var name: String; var delivery_in_days: Int }
        struct ContractorPart: Decodable { var name: String; var trades: [String]; var buildings: [String]? }
        struct Round1: Decodable { var opened_days_ago: Int; var closed_days_ago: Int; var defects_per_unit: [Int] }
        struct Rectification: Decodable { var share: Double; var notes: [String: [String]] }
        struct Round2: Decodable { var opened_days_ago: Int; var done: [String]; var rechecked: [String]; var rechecked_floors: Int }
        struct AnswerPart: Decodable {
            var code: String; var title: String; var text: String; var action: String; var owner: String
            var due_in_days: Int; var buyer_questions: String
        }
        var project: ProjectPart
        var layout: String
        var defects: String
        var seed: UInt64
        var inspectors: [String]
        var contractors: [ContractorPart]
        var answers: [AnswerPart]
        var approved_by: String
        var round1: Round1
        var rectification: Rectification
        var round2: Round2
        /// The demo's plan, and the day its dates are written for (they move with the demo's day).
        var plan: String?
        var plan_written_for: String?
    }

    /// A defect the fixture names, with what happens to it.
    struct Scripted {
        var unit: String, room: String, item: String, note: String, severity: Severity?
        var story: String, rectification: String?, recheckNote: String?
    }

    static let folder = "fixtures/demo/"

    static func fixtureText(_ name: String) throws -> String {
        guard let text = DefaultData.text(folder + name) else {
            throw LineProblem(file: folder + name, line: 0, message: "missing from the build")
        }
        return text
    }

    /// Fills `store` (new and empty) with the demo project as of `today`; `withPlan`: with
    /// fixtures/demo/plan.yaml imported before round 1 (`yanfang demo`; the screen tests' demo
    /// has none), its dates moved by as many days as `today` is after the day it is written for.
    public static func build(into store: InspectionStore, today: Day, now: Date = Date(), withPlan: Bool = false) throws -> Project {
        let fixture = try YAMLDecoder().decode(Fixture.self, from: try fixtureText("project.yaml"))
        let checklists = try DefaultData.checklists()
        let rows = try LayoutFile.rows(data: Data(try fixtureText(fixture.layout).utf8), file: folder + fixture.layout).get()
        let scripted = try scriptedDefects(try fixtureText(fixture.defects), file: folder + fixture.defects)
        var rng = SeededGenerator(seed: fixture.seed)
        store.codeGenerator = SeededGenerator(seed: fixture.seed &+ 1)
        try store.relaxDurability()  // a fresh file that is moved into place only when complete
        let clock = DemoClock(today: today, now: now)
        let lead = fixture.inspectors[0]

        let project = try store.write(clock.at(daysAgo: 60, actor: lead)) { tx in
            let project = try tx.createProject(name: fixture.project.name, delivery: today.adding(days: fixture.project.delivery_in_days),
                                               checklists: checklists, source: "shipped checklists")
            _ = try tx.importLayout(rows: rows, file: folder + fixture.layout)
            for c in fixture.contractors { _ = try tx.addContractor(name: c.name, trades: c.trades, buildings: c.buildings) }
            if withPlan, let name = fixture.plan {
                guard let written = fixture.plan_written_for.flatMap(Day.init) else {
                    throw LineProblem(file: folder + "project.yaml", line: 0, message: "plan_written_for: a date YYYY-MM-DD is needed with plan")
                }
                let plan = try PlanFile.load(SourceFile(name: folder + name, text: try fixtureText(name)), context: try tx.planContext()).get()
                _ = try tx.importPlan(plan.shifted(days: written.days(until: today)), source: folder + name)
            }
            return project
        }
        let units = try store.units()
        func inspector(_ unit: ProjectUnit) -> String {
            fixture.inspectors[((Int(unit.building) ?? 0) * 2 + unit.entrance) % fixture.inspectors.count]
        }

        // Round 1: every unit walked, scripted and random defects recorded.
        let r1 = fixture.round1
        _ = try store.write(clock.at(daysAgo: r1.opened_days_ago, actor: lead)) { tx in
            try tx.openRound(date: today.adding(days: -r1.opened_days_ago))
        }
        // Walking starts the day after the opening: the ponding tests stand 24 h first.
        let span = r1.opened_days_ago - 1 - r1.closed_days_ago
        for (index, unit) in units.enumerated() {
            let daysAgo = r1.opened_days_ago - 1 - index * span / max(1, units.count)
            try startPonding(unit, in: store, at: clock.at(daysAgo: daysAgo + 1, actor: inspector(unit), minute: index))
            try store.write(clock.at(daysAgo: daysAgo, actor: inspector(unit), minute: index)) { tx in
                for d in scripted where d.unit == unit.code {
                    _ = try tx.addDefect(unit: unit.code, item: d.item, room: d.room, note: d.note, severity: d.severity)
                }
                let count = r1.defects_per_unit[Int(rng.next() % UInt64(r1.defects_per_unit.count))]
                try RandomDefects.record(count, in: unit, checklists: checklists, transaction: tx, using: &rng)
                try tx.passRemaining(unit: unit.code)
            }
        }
        _ = try store.write(clock.at(daysAgo: r1.closed_days_ago, actor: lead)) { tx in
            try tx.closeRound(date: today.adding(days: -r1.closed_days_ago), partial: false)
        }

        // Between rounds: the unified answers are prepared, contractors claim fixes, and two
        // problems are waived with an answer.
        _ = try store.write(clock.at(daysAgo: r1.closed_days_ago - 1, actor: lead)) { tx in
            for a in fixture.answers {
                try tx.defineAnswer(UnifiedAnswer(code: a.code, title: a.title, text: a.text, plan: ContingencyPlan(
                    action: a.action, owner: a.owner, due: today.adding(days: a.due_in_days), buyerQuestions: a.buyer_questions)))
            }
        }
        let scriptedCodes = try Dictionary(scripted.map { d in
            let found = try store.defects(unit: try store.unit(code: d.unit)!.id).first { $0.item == d.item && $0.room == d.room }!
            return (found.code.text, d)
        }, uniquingKeysWith: { a, _ in a })
        let contractors = try store.contractors()
        for (index, defect) in try store.defects(DefectFilter()).enumerated() {
            let daysAgo = r1.closed_days_ago - 1 - index % max(1, r1.closed_days_ago - fixture.round2.opened_days_ago - 2)
            let claimant = defect.contractor ?? contractors[0].name
            if let script = scriptedCodes[defect.code.text] {
                if script.story.hasPrefix("waived:") {
                    try store.write(clock.at(daysAgo: daysAgo, actor: lead)) { tx in
                        _ = try tx.waive(code: defect.code.text, answer: String(script.story.dropFirst("waived:".count)),
                                         approvedBy: fixture.approved_by)
                    }
                } else if let note = script.rectification, !note.isEmpty {
                    try store.write(clock.at(daysAgo: daysAgo, actor: claimant)) { tx in _ = try tx.rectify(code: defect.code.text, note: note) }
                }
                continue
            }
            guard Double(rng.next() % 1000) / 1000 < fixture.rectification.share else { continue }
            let notes = fixture.rectification.notes[defect.category] ?? ["已整改"]
            let note = notes[Int(rng.next() % UInt64(notes.count))]
            try store.write(clock.at(daysAgo: daysAgo, actor: claimant)) { tx in _ = try tx.rectify(code: defect.code.text, note: note) }
        }

        // Round 2, under way: scripted re-checks, one entrance walked completely, another's
        // lower floors re-checked.
        let r2 = fixture.round2
        _ = try store.write(clock.at(daysAgo: r2.opened_days_ago, actor: lead)) { tx in
            try tx.openRound(date: today.adding(days: -r2.opened_days_ago))
        }
        for (code, script) in scriptedCodes.sorted(by: { $0.key < $1.key }) where ["passed", "failed"].contains(script.story) {
            let unit = units.first { $0.code == script.unit }!
            try store.write(clock.at(daysAgo: r2.opened_days_ago - 1, actor: inspector(unit))) { tx in
                _ = try tx.recheck(code: code, passed: script.story == "passed", note: script.recheckNote)
            }
        }
        func group(_ unit: ProjectUnit) -> String { "\(unit.building)-\(unit.entrance)" }
        for (index, unit) in units.enumerated() {
            let done = r2.done.contains(group(unit))
            let rechecked = r2.rechecked.contains(group(unit)) && unit.floor <= r2.rechecked_floors
            guard done || rechecked else { continue }
            let daysAgo = max(1, r2.opened_days_ago - 1 - index % r2.opened_days_ago)
            if done { try startPonding(unit, in: store, at: clock.at(daysAgo: daysAgo + 1, actor: inspector(unit), minute: index)) }
            try store.write(clock.at(daysAgo: daysAgo, actor: inspector(unit), minute: index)) { tx in
                let view = try tx.unitRound(unit, round: 2)
                for defect in view.rechecks where defect.status.blocksDelivery && scriptedCodes[defect.code.text] == nil {
                    // Claimed fixes mostly hold; unclaimed ones fail.
                    let passed = defect.status == .rectified && rng.next() % 100 < 85
                    _ = try tx.recheck(code: defect.code.text, passed: passed, note: passed ? nil : "仍未整改到位")
                }
                if done {
                    try RandomDefects.record(Int(rng.next() % 2), in: unit, checklists: checklists, transaction: tx, using: &rng)
                    try tx.passRemaining(unit: unit.code)
                }
            }
        }
        return project
    }

    /// The first visit of a unit's ponding tests, 24 h before its walkthrough checks them.
    static func startPonding(_ unit: ProjectUnit, in store: InspectionStore, at context: ActionContext) throws {
        _ = try store.write(context) { tx in try tx.startPondingTests(unit: unit.code) }
    }

    static func scriptedDefects(_ text: String, file: String) throws -> [Scripted] {
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        var list: [Scripted] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            guard row.count >= 8 else { throw LineProblem(file: file, line: line, message: "expected 8 fields, found \(row.count)") }
            let severity = row[4].isEmpty ? nil : Severity(name: row[4])
            list.append(Scripted(unit: row[0], room: row[1], item: row[2], note: row[3], severity: severity, story: row[5],
                                 rectification: row[6].isEmpty ? nil : row[6], recheckNote: row[7].isEmpty ? nil : row[7]))
        }
        return list
    }
}

/// Dates for a scripted history: so many days before `today`, in working hours.
struct DemoClock {
    var today: Day
    var now: Date

    func at(daysAgo: Int, actor: String, minute: Int = 0) -> ActionContext {
        let base = now.addingTimeInterval(Double(-daysAgo) * 86_400)
        let start = Calendar.current.startOfDay(for: base)
        let at = min(now, start.addingTimeInterval(Double(9 * 3600 + (minute * 7 % 480) * 60)))
        return ActionContext(actor: actor, at: at, today: today.adding(days: -daysAgo))
    }
}

/// Defects drawn at random from the items that apply to a unit, with the items' own
/// phrases as notes.
enum RandomDefects {
    static func record<G: RandomNumberGenerator>(_ count: Int, in unit: ProjectUnit, checklists: ChecklistSet,
                                                 transaction tx: StoreTransaction, using rng: inout G) throws {
        let pairs = try tx.applicablePairs(forUnit: unit.code)
        guard !pairs.isEmpty else { return }
        for _ in 0..<count {
            let pair = pairs[Int(rng.next() % UInt64(pairs.count))]
            let item = checklists.item(pair.item)!
            let note = item.phrases.isEmpty ? item.name.zh : item.phrases[Int(rng.next() % UInt64(item.phrases.count))]
            _ = try tx.addDefect(unit: unit.code, item: pair.item, room: pair.room, note: note, severity: nil)
        }
    }
}
