import Foundation
import InspectionCore
import InspectionStore

/// JSON for scripts: stable keys, sorted, dates as YYYY-MM-DD.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A row of counts under a name: `{"building": "3", "new": 4, "open": 2, …}`.
public struct CountsRow: Encodable {
    public var key: String
    public var value: String
    public var name: String?
    public var counts: StatusCounts

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(value, forKey: Key(key))
        if let name { try c.encode(name, forKey: Key("name")) }
        for measure in BoardMeasure.allCases { try c.encode(counts[measure], forKey: Key(measure.rawValue)) }
        try c.encode(counts.total, forKey: Key("total"))
    }
}

/// `yanfang board --json`.
public struct BoardJSON: Encodable {
    struct ProjectPart: Encodable { var name: String; var delivery: Day; var penaltyThreshold: Int; var readinessTarget: Double }
    struct RoundPart: Encodable { var number: Int; var opened: Day; var closed: Day?; var partial: Bool; var open: Bool }
    struct Units: Encodable { var total: Int; var inScope: Int; var inspected: Int; var inProgress: Int; var notStarted: Int; var ready: Int }
    struct ReadinessPart: Encodable {
        var units: Int; var ready: Int; var rate: Double; var target: Double; var meetsTarget: Bool
        var roundsClosed: Int; var minimumRounds: Int; var readyForDelivery: Bool; var blockingUnits: [String]
        /// Units inspected in fewer than `minimumRounds` rounds, with the rounds each had.
        var lackingRounds: [String: Int]
    }
    struct DeadlinesPart: Encodable {
        var delivery: Day; var today: Day; var daysToDelivery: Int; var latestRoundOneStart: Day
        var roundOneStarted: Day?; var roundOneOnTime: Bool?; var riskCutoff: Day; var daysToRiskCutoff: Int
        var openDefects: Int; var warnings: [Warning]
    }
    struct Warning: Encodable { var kind: String; var message: String; var messageZh: String }
    struct Penalties: Encodable { var round: [ContractorPenalties]; var cumulative: [ContractorPenalties] }
    struct MatrixCell: Encodable { var building: String; var category: String; var counts: StatusCounts }
    /// Defects still without a claim after the latest closed round's deadline, today.
    struct Overdue: Encodable { var deadline: Day?; var total: Int; var byContractor: [String: Int] }

    var project: ProjectPart
    var round: RoundPart?
    var units: Units
    var readiness: ReadinessPart
    var totals: StatusCounts
    var byCategory: [CountsRow]
    var byBuilding: [CountsRow]
    var byContractor: [CountsRow]
    var matrix: [MatrixCell]
    var deadlines: DeadlinesPart
    var penalties: Penalties
    var overdue: Overdue
    /// Each contractor's reward figures (一次整改合格率, claims by the deadline, outstanding, repeat failures).
    var rewards: [RewardPart]
    struct RewardPart: Encodable {
        var contractor: String; var firstRechecks: Int; var firstRechecksPassed: Int; var firstTimePassRate: Double?
        var claims: Int; var claimsOnTime: Int; var outstanding: Int; var repeatFailures: Int
    }
    /// Conflicts between laptops not yet resolved (`yanfang conflicts`).
    var conflicts: Int
    /// Results of the round recorded after it closed, merged late from other laptops.
    var lateResults: Int
    /// The plan's warnings (`yanfang plan check`); empty without a plan.
    var planWarnings: [Warning]
    /// The round against its plan: per batch and per member, assigned, done, expected by
    /// today, ahead (negative: behind), pace and forecast finish; absent without a plan.
    var planProgress: PlanProgress?

    public init(_ board: BoardReport, checklists: ChecklistSet) {
        let p = board.project
        project = ProjectPart(name: p.name, delivery: p.delivery, penaltyThreshold: p.settings.penaltyThreshold,
                              readinessTarget: p.settings.readinessTarget)
        round = board.round.map { RoundPart(number: $0.number, opened: $0.opened, closed: $0.closed, partial: $0.partial, open: $0.isOpen) }
        let r = board.readiness
        units = Units(total: r.units, inScope: board.units.inScope, inspected: board.units.inspected,
                      inProgress: board.units.inProgress, notStarted: board.units.notStarted, ready: r.ready)
        let closed = board.rounds.filter { !$0.isOpen }.count
        readiness = ReadinessPart(units: r.units, ready: r.ready, rate: (r.rate * 10000).rounded() / 10000, target: r.target,
                                  meetsTarget: r.meetsTarget, roundsClosed: closed, minimumRounds: RoundRules.minimumRounds,
                                  readyForDelivery: r.readyForDelivery(roundsClosed: closed), blockingUnits: r.blockingUnits,
                                  lackingRounds: Dictionary(uniqueKeysWithValues: r.lackingRounds.map { ($0, r.roundsInspected[$0] ?? 0) }))
        let t = board.tables
        totals = t.total
        byCategory = t.categories.map { CountsRow(key: "category", value: $0, name: checklists.category($0)?.name.zh, counts: t.byCategory[$0] ?? StatusCounts()) }
        byBuilding = t.buildings.map { CountsRow(key: "building", value: $0, name: nil, counts: t.byBuilding[$0] ?? StatusCounts()) }
        byContractor = t.contractors.map { CountsRow(key: "contractor", value: board.contractorName($0), name: nil, counts: t.byContractor[$0] ?? StatusCounts()) }
        matrix = t.buildings.flatMap { b in t.categories.map { MatrixCell(building: b, category: $0, counts: t.cell(building: b, category: $0)) } }
        let d = board.deadlines
        deadlines = DeadlinesPart(delivery: d.delivery, today: d.today, daysToDelivery: d.daysToDelivery,
                                  latestRoundOneStart: d.latestRoundOneStart, roundOneStarted: d.roundOneStarted,
                                  roundOneOnTime: d.roundOneOnTime, riskCutoff: d.riskCutoff, daysToRiskCutoff: d.daysToRiskCutoff,
                                  openDefects: d.openDefects,
                                  warnings: d.warnings.map { Warning(kind: $0.kind, message: $0.message.en, messageZh: $0.message.zh) })
        penalties = Penalties(round: board.penaltiesInRound, cumulative: board.penaltiesTotal)
        overdue = Overdue(deadline: board.rectificationDeadline, total: board.overdueTotal,
                          byContractor: Dictionary(board.overdue.map { (board.contractorName($0.key), $0.value) }, uniquingKeysWith: +))
        rewards = board.rewards.map { r in
            RewardPart(contractor: r.contractor, firstRechecks: r.firstRechecks, firstRechecksPassed: r.firstRechecksPassed,
                       firstTimePassRate: r.firstTimePassRate.map { ($0 * 10000).rounded() / 10000 }, claims: r.claims,
                       claimsOnTime: r.claimsOnTime, outstanding: r.outstanding, repeatFailures: r.repeatFailures)
        }
        conflicts = board.conflicts
        lateResults = board.lateResults
        planWarnings = board.planWarnings.map { Warning(kind: $0.kind, message: $0.message.en, messageZh: $0.message.zh) }
        planProgress = board.planProgress
    }
}

/// `yanfang defect show --json`.
public struct DefectJSON: Encodable {
    struct HistoryEntry: Encodable {
        var id: UUID; var kind: String; var at: Date; var actor: String; var round: Int
        var note: String?; var passed: Bool?; var answer: String?; var target: UUID?; var contractor: String?
        var room: String?; var severity: Severity?
        /// A waiver's answer code and approver.
        var answerCode: String?; var approvedBy: String?
        /// A correction in words ("withdrew the defect 2-PTEWG: 门吸缺失").
        var correction: String?
    }
    struct WithdrawalEntry: Encodable { var at: Date; var by: String; var round: Int }
    struct RecheckEntry: Encodable { var round: Int; var passed: Bool; var note: String?; var inspector: String }

    var code: String
    var unit: String
    var building: String
    var room: String
    var item: String
    var itemName: String?
    var category: String
    var note: String
    var severity: Severity
    var contractor: String?
    var inspector: String
    var roundFound: Int
    /// open, rectified, closed, waived, or withdrawn (then `withdrawn` says when and by whom).
    var status: String
    var withdrawn: WithdrawalEntry?
    var failedRechecks: Int
    var flagged: Bool
    var flagRound: Int?
    var waiver: String?
    /// The unified answer it applies and who approved the waiver.
    var answerCode: String?
    var approvedBy: String?
    var rectificationNote: String?
    var rechecks: [RecheckEntry]
    var history: [HistoryEntry]

    public init(_ detail: DefectDetail, checklists: ChecklistSet, contractors: [Contractor]) {
        let s = detail.summary, d = detail.defect
        code = s.code.text
        unit = s.unitCode
        building = s.building
        room = s.room
        item = s.item
        itemName = checklists.item(s.item)?.name.zh
        category = s.category
        note = s.note
        severity = s.severity
        contractor = s.contractor
        inspector = s.inspector
        roundFound = s.roundFound
        status = detail.withdrawal == nil ? d.status.rawValue : "withdrawn"
        withdrawn = detail.withdrawal.map { WithdrawalEntry(at: $0.at, by: $0.by, round: $0.round) }
        failedRechecks = d.failedRechecks
        flagged = d.flag != nil
        flagRound = d.flag?.round
        waiver = d.waiver
        answerCode = d.answerCode
        approvedBy = d.approvedBy
        rectificationNote = d.rectificationNote
        rechecks = d.rechecks.map { RecheckEntry(round: $0.round, passed: $0.passed, note: $0.note, inspector: $0.inspector) }
        let names = Dictionary(contractors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        history = detail.history.map { event in
            var entry = HistoryEntry(id: event.id, kind: event.body.kind, at: event.at, actor: event.actor, round: event.round)
            switch event.body {
            case .defectFound(let f): entry.note = f.note; entry.contractor = f.contractor.flatMap { names[$0] }
            case .defectRectified(let r): entry.note = r.note
            case .defectRechecked(let r): entry.passed = r.passed; entry.note = r.note
            case .defectWaived(let w): entry.answer = w.answer; entry.answerCode = w.answerCode; entry.approvedBy = w.approvedBy
            case .defectReassigned(let r): entry.contractor = r.contractor.flatMap { names[$0] } ?? PenaltyRules.unassigned
            case .reverted(let r):
                entry.target = r.target
                entry.correction = CorrectionText.reverted(r, target: CorrectionText.target(of: r, in: detail.history), room: { $0 }, language: .en)
            case .defectEdited(let e):
                entry.note = e.note
                entry.room = e.room
                entry.severity = e.severity
                entry.correction = CorrectionText.edited(e, room: { $0 }, language: .en)
            default: break
            }
            return entry
        }
    }
}

/// One event of a defect's history as a line of text ("2026-10-03 王工 round 2: re-check failed — 仍渗水").
/// Contractors not in `contractors` are called `otherContractor` (a contractor's own view
/// names no one else).
public func describe(_ event: Event, contractors: [UUID: String], otherContractor: String = PenaltyRules.unassigned,
                     history: [Event] = []) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    formatter.locale = Locale(identifier: "en_US_POSIX")
    let when = formatter.string(from: event.at)
    let what: String
    switch event.body {
    case .defectFound(let f):
        what = "found" + (f.note.isEmpty ? "" : ": \(f.note)") + " [\(f.severity.rawValue)" + (f.contractor.map { ", " + (contractors[$0] ?? otherContractor) } ?? "") + "]"
    case .defectRectified(let r): what = "rectified" + (r.note.map { ": \($0)" } ?? "")
    case .defectRechecked(let r): what = (r.passed ? "re-check passed" : "re-check FAILED") + (r.note.map { ": \($0)" } ?? "")
    case .defectWaived(let w):
        what = "waived with unified answer" + (w.answerCode.map { " \($0)" } ?? "") + ": \(w.answer)" + (w.approvedBy.map { " (approved by \($0))" } ?? "")
    case .defectReassigned(let r): what = "reassigned to \(r.contractor.map { contractors[$0] ?? otherContractor } ?? PenaltyRules.unassigned)"
    case .reverted(let r):
        what = CorrectionText.reverted(r, target: CorrectionText.target(of: r, in: history), room: { $0 }, language: .en)
    case .defectEdited(let e): what = CorrectionText.edited(e, room: { $0 }, language: .en)
    case .itemRecorded(let r): what = "\(r.room) \(r.item): " + (r.outcome == .pass ? "passed" : "not applicable")
    case .remainingPassed(let r): what = "passed the rest of " + (r.room ?? "the unit") + " (\(r.count) items)"
    case .conflictResolved(let c): what = "resolved a conflict: \(c.note)"
    default: what = event.body.kind
    }
    return "\(when)  round \(event.round)  \(event.actor): \(what)"
}

/// A unified answer as `answer list --json` and `answer show --json` print it: the answer, its
/// contingency plan, and the defects it was applied to.
public struct AnswerJSON: Encodable {
    var code: String
    var title: String
    var text: String
    var plan: PlanEntry
    var definedBy: String
    var definedAt: Date
    var revisedBy: String?
    var revisedAt: Date?
    var revisions: Int
    var defects: [AnsweredDefect]

    struct PlanEntry: Encodable {
        var action: String
        var owner: String
        var due: String
        var buyerQuestions: String
    }

    struct AnsweredDefect: Encodable {
        var code: String
        var unit: String
        var room: String
        var item: String
        var note: String
        var approvedBy: String?
        var waivedRound: Int?
    }

    public init(_ r: AnswerRecord, defects: [DefectSummary]) {
        let a = r.answer
        code = a.code
        title = a.title
        text = a.text
        plan = PlanEntry(action: a.plan.action, owner: a.plan.owner, due: a.plan.due.description, buyerQuestions: a.plan.buyerQuestions)
        definedBy = r.definedBy
        definedAt = r.definedAt
        revisedBy = r.revisedBy
        revisedAt = r.revisedAt
        revisions = r.revisions
        self.defects = defects.map {
            AnsweredDefect(code: $0.code.text, unit: $0.unitCode, room: $0.room, item: $0.item, note: $0.note, approvedBy: $0.approvedBy,
                           waivedRound: $0.waivedRound)
        }
    }
}
