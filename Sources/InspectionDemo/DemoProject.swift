import CSV
import DefaultData
import Foundation
import InspectionCore
import InspectionStore
import ProjectFiles
import Yams

/// The shipped demo, built from fixtures/demo and the shipped checklists. Round 1 is closed
/// with realistic defects, most claimed rectified; round 2 opened with its re-check queue
/// partly done and one defect already failed once. That is the round-2 demo; the round-3
/// demo (the default) is the same project seen later: round 2 walked and closed, claims
/// again, round 3 open and partly walked, so that defects failing twice count against their
/// contractors.
public enum DemoProject {
    /// How far the demo project has got.
    public enum Stage: Int, Sendable, CaseIterable {
        case round2 = 2, round3 = 3
    }

    struct Fixture: Decodable {
        struct ProjectPart: Decodable { var name: String; var delivery_in_days: Int }
        struct ContractorPart: Decodable { var name: String; var trades: [String]; var buildings: [String]? }
        struct Round1: Decodable { var opened_days_ago: Int; var closed_days_ago: Int; var defects_per_unit: [Int] }
        struct Rectification: Decodable { var share: Double; var notes: [String: [String]] }
        struct Round2: Decodable { var opened_days_ago: Int; var done: [String]; var rechecked: [String]; var rechecked_floors: Int }
        struct Round3: Decodable {
            var later_by_days: Int; var stories: String
            var round2_walked_days_ago: [Int]; var round2_closed_days_ago: Int
            var opened_days_ago: Int; var done: [String]; var rechecked: [String]; var rechecked_floors: Int
        }
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
        var round3: Round3
        /// The demo's plan, and the day its dates are written for (they move with the demo's day).
        var plan: String?
        var plan_written_for: String?
    }

    /// A defect the fixture names, with what happens to it.
    struct Scripted {
        var unit: String, room: String, item: String, note: String, severity: Severity?
        var story: String, rectification: String?, recheckNote: String?
    }

    /// A re-check's result as a story gives it.
    struct Result {
        var passed: Bool
        var note: String?
    }

    /// What happens next to a defect of defects.csv in the round-3 demo (fixtures/demo/round3.csv):
    /// its result in the rest of round 2, a new contractor, a claim, its result in round 3.
    struct LaterStory {
        var unit: String, room: String, item: String
        var round2: Result?, reassignedTo: String?, rectification: String?, round3: Result?
    }

    static let folder = "fixtures/demo/"

    static func fixtureText(_ name: String) throws -> String {
        guard let text = DefaultData.text(folder + name) else {
            throw LineProblem(file: folder + name, line: 0, message: "missing from the build")
        }
        return text
    }

    /// Fills `store` (new and empty) with the demo project as of `today`, in the middle of
    /// round 3 or (`stage` .round2) of round 2; `withPlan`: with fixtures/demo/plan.yaml
    /// imported before round 1 (`yanfang demo`; the screen tests' demo has none), its dates
    /// moved as the project's are.
    public static func build(into store: InspectionStore, today: Day, now: Date = Date(), withPlan: Bool = false,
                             stage: Stage = .round3) throws -> Project {
        let fixture = try YAMLDecoder().decode(Fixture.self, from: try fixtureText("project.yaml"))
        let clock = DemoClock(today: today, now: now)
        // The round-3 demo is the round-2 demo seen later: its history up to there lies that
        // many days further back.
        let builder = try DemoBuilder(store: store, fixture: fixture,
                                      clock: stage == .round3 ? clock.movedBack(days: fixture.round3.later_by_days) : clock)
        let project = try builder.createProject(withPlan: withPlan)
        try builder.roundOne()
        try builder.claimsAfterRoundOne()
        try builder.roundTwoUnderWay()
        guard stage == .round3 else { return project }
        builder.clock = clock
        try builder.finishRoundTwo(stories: try laterStories(try fixtureText(fixture.round3.stories), file: folder + fixture.round3.stories))
        try builder.claimsAfterRoundTwo()
        try builder.roundThreeUnderWay()
        return project
    }

    /// The first visit of a unit's ponding tests, 24 h before its walkthrough checks them.
    static func startPonding(_ unit: ProjectUnit, in store: InspectionStore, at context: ActionContext) throws {
        _ = try store.write(context) { tx in try tx.startPondingTests(unit: unit.code) }
    }

    /// The rows of a CSV file with a header, each with its line number, refused when short.
    static func csvRows(_ text: String, file: String, fields: Int) throws -> [(line: Int, row: [String])] {
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        var rows: [(Int, [String])] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            guard row.count >= fields else { throw LineProblem(file: file, line: line, message: "expected \(fields) fields, found \(row.count)") }
            rows.append((line, row))
        }
        return rows
    }

    static func scriptedDefects(_ text: String, file: String) throws -> [Scripted] {
        try csvRows(text, file: file, fields: 8).map { _, row in
            Scripted(unit: row[0], room: row[1], item: row[2], note: row[3], severity: row[4].isEmpty ? nil : Severity(name: row[4]),
                     story: row[5], rectification: row[6].isEmpty ? nil : row[6], recheckNote: row[7].isEmpty ? nil : row[7])
        }
    }

    static func laterStories(_ text: String, file: String) throws -> [LaterStory] {
        try csvRows(text, file: file, fields: 9).map { line, row in
            func result(_ outcome: String, _ note: String) throws -> Result? {
                switch outcome {
                case "": return nil
                case "passed", "failed": return Result(passed: outcome == "passed", note: note.isEmpty ? nil : note)
                default: throw LineProblem(file: file, line: line, message: "a re-check is passed, failed or empty, not \(outcome)")
                }
            }
            return LaterStory(unit: row[0], room: row[1], item: row[2], round2: try result(row[3], row[4]),
                              reassignedTo: row[5].isEmpty ? nil : row[5], rectification: row[6].isEmpty ? nil : row[6],
                              round3: try result(row[7], row[8]))
        }
    }
}

/// Writes the demo's history step by step, through the store's ordinary actions.
final class DemoBuilder {
    let store: InspectionStore
    let fixture: DemoProject.Fixture
    let checklists: ChecklistSet
    let scripted: [DemoProject.Scripted]
    var clock: DemoClock
    var rng: SeededGenerator
    var units: [ProjectUnit] = []
    /// The defects of defects.csv by mark code, once recorded.
    var scriptedCodes: [String: DemoProject.Scripted] = [:]
    /// What befalls them in the round-3 demo, by mark code.
    var stories: [String: DemoProject.LaterStory] = [:]
    var lead: String { fixture.inspectors[0] }

    init(store: InspectionStore, fixture: DemoProject.Fixture, clock: DemoClock) throws {
        self.store = store
        self.fixture = fixture
        self.clock = clock
        checklists = try DefaultData.checklists()
        scripted = try DemoProject.scriptedDefects(try DemoProject.fixtureText(fixture.defects), file: DemoProject.folder + fixture.defects)
        rng = SeededGenerator(seed: fixture.seed)
        store.codeGenerator = SeededGenerator(seed: fixture.seed &+ 1)
        try store.relaxDurability()  // a fresh file that is moved into place only when complete
    }

    func inspector(_ unit: ProjectUnit) -> String {
        fixture.inspectors[((Int(unit.building) ?? 0) * 2 + unit.entrance) % fixture.inspectors.count]
    }

    func day(daysAgo: Int) -> Day { clock.today.adding(days: -daysAgo) }

    func createProject(withPlan: Bool) throws -> Project {
        let folder = DemoProject.folder
        let rows = try LayoutFile.rows(data: Data(try DemoProject.fixtureText(fixture.layout).utf8), file: folder + fixture.layout).get()
        let project = try store.write(clock.at(daysAgo: 60, actor: lead)) { tx in
            let project = try tx.createProject(name: fixture.project.name, delivery: day(daysAgo: -fixture.project.delivery_in_days),
                                               checklists: checklists, source: "shipped checklists")
            _ = try tx.importLayout(rows: rows, file: folder + fixture.layout)
            for c in fixture.contractors { _ = try tx.addContractor(name: c.name, trades: c.trades, buildings: c.buildings) }
            if withPlan, let name = fixture.plan {
                guard let written = fixture.plan_written_for.flatMap(Day.init) else {
                    throw LineProblem(file: folder + "project.yaml", line: 0, message: "plan_written_for: a date YYYY-MM-DD is needed with plan")
                }
                let plan = try PlanFile.load(SourceFile(name: folder + name, text: try DemoProject.fixtureText(name)), context: try tx.planContext()).get()
                _ = try tx.importPlan(plan.shifted(days: written.days(until: clock.today)), source: folder + name)
            }
            return project
        }
        units = try store.units()
        return project
    }

    /// Round 1: every unit walked, scripted and random defects recorded, and closed.
    func roundOne() throws {
        let r1 = fixture.round1
        _ = try store.write(clock.at(daysAgo: r1.opened_days_ago, actor: lead)) { tx in
            try tx.openRound(date: day(daysAgo: r1.opened_days_ago))
        }
        // Walking starts the day after the opening: the ponding tests stand 24 h first.
        let span = r1.opened_days_ago - 1 - r1.closed_days_ago
        for (index, unit) in units.enumerated() {
            let daysAgo = r1.opened_days_ago - 1 - index * span / max(1, units.count)
            try DemoProject.startPonding(unit, in: store, at: clock.at(daysAgo: daysAgo + 1, actor: inspector(unit), minute: index))
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
            try tx.closeRound(date: day(daysAgo: r1.closed_days_ago), partial: false)
        }
        scriptedCodes = try Dictionary(scripted.map { d in (try code(unit: d.unit, room: d.room, item: d.item, file: fixture.defects), d) },
                                       uniquingKeysWith: { a, _ in a })
    }

    /// The mark code of the defect recorded on `item` in `room` of `unit`, as `file` names it.
    func code(unit: String, room: String, item: String, file: String) throws -> String {
        guard let found = try store.unit(code: unit).flatMap({ try store.defects(unit: $0.id).first { $0.item == item && $0.room == room } }) else {
            throw LineProblem(file: DemoProject.folder + file, line: 0, message: "no defect on \(item) in \(unit) \(room)")
        }
        return found.code.text
    }

    /// Between rounds 1 and 2: the unified answers are prepared, contractors claim fixes, and
    /// two problems are waived with an answer.
    func claimsAfterRoundOne() throws {
        let r1 = fixture.round1
        _ = try store.write(clock.at(daysAgo: r1.closed_days_ago - 1, actor: lead)) { tx in
            for a in fixture.answers {
                try tx.defineAnswer(UnifiedAnswer(code: a.code, title: a.title, text: a.text, plan: ContingencyPlan(
                    action: a.action, owner: a.owner, due: day(daysAgo: -a.due_in_days), buyerQuestions: a.buyer_questions)))
            }
        }
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
                    try claim(defect.code.text, note: note, by: claimant, daysAgo: daysAgo)
                }
                continue
            }
            try claimLikely(defect, by: claimant, daysAgo: daysAgo)
        }
    }

    /// Most contractors claim a fix, in words their trade uses.
    func claimLikely(_ defect: DefectSummary, by claimant: String, daysAgo: Int) throws {
        guard Double(rng.next() % 1000) / 1000 < fixture.rectification.share else { return }
        let notes = fixture.rectification.notes[defect.category] ?? ["已整改"]
        try claim(defect.code.text, note: notes[Int(rng.next() % UInt64(notes.count))], by: claimant, daysAgo: daysAgo)
    }

    func claim(_ code: String, note: String, by claimant: String, daysAgo: Int) throws {
        try store.write(clock.at(daysAgo: daysAgo, actor: claimant)) { tx in _ = try tx.rectify(code: code, note: note) }
    }

    /// A re-check as it mostly goes: claimed fixes mostly hold; unclaimed ones fail.
    func likelyResult(_ defect: DefectSummary) -> DemoProject.Result {
        let passed = defect.status == .rectified && rng.next() % 100 < 85
        return DemoProject.Result(passed: passed, note: passed ? nil : "仍未整改到位")
    }

    /// Round 2, under way: scripted re-checks, one entrance walked completely, another's
    /// lower floors re-checked.
    func roundTwoUnderWay() throws {
        let r2 = fixture.round2
        _ = try store.write(clock.at(daysAgo: r2.opened_days_ago, actor: lead)) { tx in
            try tx.openRound(date: day(daysAgo: r2.opened_days_ago))
        }
        let results = scriptedCodes.compactMapValues { s in
            ["passed", "failed"].contains(s.story) ? DemoProject.Result(passed: s.story == "passed", note: s.recheckNote) : nil
        }
        try recheck(results, daysAgo: r2.opened_days_ago - 1)
        // The scripted defects not re-checked above wait for their stories.
        try walkGroups(done: r2.done, rechecked: r2.rechecked, floors: r2.rechecked_floors, round: 2, openedDaysAgo: r2.opened_days_ago) {
            self.scriptedCodes[$0.code.text] == nil ? self.likelyResult($0) : nil
        }
    }

    /// Re-checks by mark code, each in its unit's inspector's name, the day given.
    func recheck(_ results: [String: DemoProject.Result], daysAgo: Int) throws {
        for (code, result) in results.sorted(by: { $0.key < $1.key }) {
            let defect = try store.defect(code: code).defect
            let unit = units.first { $0.id == defect.unit }!
            try store.write(clock.at(daysAgo: daysAgo, actor: inspector(unit))) { tx in
                _ = try tx.recheck(code: code, passed: result.passed, note: result.note)
            }
        }
    }

    /// Walks the units of the `done` entrances completely and re-checks those of the
    /// `rechecked` entrances up to `floors`, over the days since the round opened.
    func walkGroups(done: [String], rechecked: [String], floors: Int, round: Int, openedDaysAgo: Int,
                    result: (DefectSummary) -> DemoProject.Result?) throws {
        func group(_ unit: ProjectUnit) -> String { "\(unit.building)-\(unit.entrance)" }
        for (index, unit) in units.enumerated() {
            let whole = done.contains(group(unit))
            guard whole || (rechecked.contains(group(unit)) && unit.floor <= floors) else { continue }
            try walk(unit, index: index, daysAgo: max(1, openedDaysAgo - 1 - index % openedDaysAgo), round: round, items: whole, result: result)
        }
    }

    /// Walks a unit as the app does: its re-check queue first (each result from `result`;
    /// nil leaves it for later), then, with `items`, its ponding tests (started the day
    /// before), new defects and a pass for every other item.
    func walk(_ unit: ProjectUnit, index: Int, daysAgo: Int, round: Int, items: Bool,
              result: (DefectSummary) -> DemoProject.Result?) throws {
        if items { try DemoProject.startPonding(unit, in: store, at: clock.at(daysAgo: daysAgo + 1, actor: inspector(unit), minute: index)) }
        try store.write(clock.at(daysAgo: daysAgo, actor: inspector(unit), minute: index)) { tx in
            let view = try tx.unitRound(unit, round: round)
            for defect in view.rechecks where defect.status.blocksDelivery && view.results.rechecks[defect.id] == nil {
                guard let result = result(defect) else { continue }
                _ = try tx.recheck(code: defect.code.text, passed: result.passed, note: result.note)
            }
            if items {
                try RandomDefects.record(Int(rng.next() % 2), in: unit, checklists: checklists, transaction: tx, using: &rng)
                try tx.passRemaining(unit: unit.code)
            }
        }
    }

    /// The rest of round 2: every unit with work left walked, its re-checks by the stories
    /// where they tell, and the round closed complete.
    func finishRoundTwo(stories list: [DemoProject.LaterStory]) throws {
        stories = try Dictionary(list.map { (try code(unit: $0.unit, room: $0.room, item: $0.item, file: fixture.round3.stories), $0) },
                                 uniquingKeysWith: { a, _ in a })
        let r3 = fixture.round3
        let progress = try store.progress(round: 2)
        let left = units.enumerated().filter { _, unit in
            progress[unit.id].map { $0.recorded < $0.applicable || $0.rechecksDone < $0.rechecks } ?? false
        }
        let (first, last) = (r3.round2_walked_days_ago.first ?? 1, r3.round2_walked_days_ago.last ?? 1)
        for (position, (index, unit)) in left.enumerated() {
            let daysAgo = first - position * (first - last) / max(1, left.count - 1)
            let items = progress[unit.id].map { $0.recorded < $0.applicable } ?? false
            try walk(unit, index: index, daysAgo: daysAgo, round: 2, items: items) {
                self.stories[$0.code.text]?.round2 ?? self.likelyResult($0)
            }
        }
        _ = try store.write(clock.at(daysAgo: r3.round2_closed_days_ago, actor: lead)) { tx in
            try tx.closeRound(date: day(daysAgo: r3.round2_closed_days_ago), partial: false)
        }
    }

    /// Between rounds 2 and 3: the stories' defects handed on and claimed as they tell, the
    /// others claimed as after round 1.
    func claimsAfterRoundTwo() throws {
        let r3 = fixture.round3
        let contractors = try store.contractors()
        for (index, defect) in try store.defects(DefectFilter()).filter({ $0.status == .open }).enumerated() {
            let daysAgo = r3.round2_closed_days_ago - 1 - index % max(1, r3.round2_closed_days_ago - r3.opened_days_ago - 2)
            guard let story = stories[defect.code.text] else {
                try claimLikely(defect, by: defect.contractor ?? contractors[0].name, daysAgo: daysAgo)
                continue
            }
            var claimant = defect.contractor ?? contractors[0].name
            if let name = story.reassignedTo {
                try store.write(clock.at(daysAgo: daysAgo, actor: lead)) { tx in _ = try tx.reassign(code: defect.code.text, contractor: name) }
                claimant = name
            }
            if let note = story.rectification { try claim(defect.code.text, note: note, by: claimant, daysAgo: daysAgo) }
        }
    }

    /// Round 3, under way: the stories' re-checks, then some entrances walked.
    func roundThreeUnderWay() throws {
        let r3 = fixture.round3
        _ = try store.write(clock.at(daysAgo: r3.opened_days_ago, actor: lead)) { tx in
            try tx.openRound(date: day(daysAgo: r3.opened_days_ago))
        }
        try recheck(stories.compactMapValues(\.round3), daysAgo: r3.opened_days_ago - 1)
        try walkGroups(done: r3.done, rechecked: r3.rechecked, floors: r3.rechecked_floors, round: 3,
                       openedDaysAgo: r3.opened_days_ago) { self.likelyResult($0) }
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

    /// The same clock `days` days earlier.
    func movedBack(days: Int) -> DemoClock {
        DemoClock(today: today.adding(days: -days), now: now.addingTimeInterval(Double(-days) * 86_400))
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
