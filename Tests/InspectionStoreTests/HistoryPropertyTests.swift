import Foundation
import InspectionCore
import InspectionFixtures
import InspectionStore
import PropertyBased
import Testing

/// Random sequences of inspection actions over a three-unit project (1–4 rounds), then
/// checks of what the history must guarantee. The actions are drawn from a list of numbers
/// so that PropertyBased can report and replay a failing sequence.
@Suite struct HistoryPropertyTests {
    /// Runs random action sequences, checking `check` at the end and again after the next
    /// round opens on what is left; then checks that the sequences reached what the
    /// properties are about. Sequences are drawn 30 at a time until they have (at most four
    /// times: a kind of action rarely reached in 30 draws is still reached in 120).
    func run(_ check: @escaping (Simulation) throws -> Void) async {
        let coverage = Coverage()
        for _ in 1...4 where !coverage.missing.isEmpty {
            await propertyCheck(count: 30, input: Gen.int(in: 1...4), Gen.int(in: 0...999).array(of: 10...90)) { maxRounds, steps in
                let simulation = try Simulation(maxRounds: maxRounds)
                for step in steps {
                    try simulation.perform(step)
                }
                try check(simulation)
                try coverage.add(simulation)
                if try simulation.world.store.rounds().last?.isOpen == false {
                    try simulation.world.openRound()
                    try check(simulation)
                }
            }
        }
        #expect(coverage.missing == [])
    }

    /// Every defect found and not retracted is closed, waived, found in the latest round, or
    /// on the latest round's re-check list; and each defect's projection is the fold of its
    /// events.
    @Test func noDefectIsLostAcrossRounds() async {
        await run { simulation in
            try simulation.checkNoDefectLost()
            try simulation.checkProjectionsEqualTheFold()
            try simulation.checkBoardCountsTheDefects()
        }
    }

    /// Emptying the projections and applying the whole history again gives every projection
    /// table row for row as the actions wrote them, and a second rebuild changes nothing.
    @Test func rebuildGivesTheProjectionsTheActionsWrote() async {
        await run { simulation in
            try simulation.checkRebuildEqualsIncremental()
        }
    }

    /// The same after every single action, on shorter sequences: no intermediate state of
    /// the projections depends on how it was reached.
    @Test func rebuildAfterEveryActionGivesTheSameProjections() async {
        await propertyCheck(count: 12, input: Gen.int(in: 2...3), Gen.int(in: 0...999).array(of: 10...50)) { maxRounds, steps in
            let simulation = try Simulation(maxRounds: maxRounds)
            for step in steps {
                try simulation.perform(step)
                try simulation.checkRebuildEqualsIncremental()
            }
        }
    }

    /// Penalties per contractor, in each round and in all, equal a count made from the
    /// event history alone; refused actions leave the history as it was.
    @Test func penaltyCountEqualsABruteForceCountOverTheEvents() async {
        await run { simulation in
            try simulation.checkPenaltiesAgainstTheHistory()
        }
    }
}

/// What the random sequences did, summed over the runs.
final class Coverage: @unchecked Sendable {
    var maxRounds = 0, flags = 0, failedRechecks = 0, undoneRechecks = 0, retracted = 0, plans = 0
    var edits = 0, claimsTakenBack = 0, resultsWithdrawn = 0
    /// Layout imports that moved the entrance's top floor during the rounds; defects found on
    /// the items with a floor condition.
    var topFloorMoves = 0, conditionalDefects = 0
    var pondingStarted = 0, pondingChecked = 0, sprays = 0

    /// What the sequences have not reached yet.
    var missing: [String] {
        let reached: KeyValuePairs<String, Bool> = [
            "three rounds": maxRounds >= 3, "a penalty flag": flags > 0, "a failed re-check": failedRechecks > 0,
            "an undone re-check": undoneRechecks > 0, "a retracted finding": retracted > 0, "an edit": edits > 0,
            "a claim taken back": claimsTakenBack > 0, "a result withdrawn": resultsWithdrawn > 0, "a plan": plans > 0,
            "a top floor moved": topFloorMoves > 0, "a defect on a conditional item": conditionalDefects > 0,
            "a ponding test started": pondingStarted > 0, "a ponding test checked": pondingChecked > 0, "a spray test": sprays > 0,
        ]
        return reached.filter { !$0.value }.map(\.key)
    }

    func add(_ simulation: Simulation) throws {
        let store = simulation.world.store
        let events = try store.events()
        let byID = Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        maxRounds = max(maxRounds, try store.rounds().count)
        flags += try store.penalties(round: nil).reduce(0) { $0 + $1.count }
        for event in events {
            if case .defectRechecked(let r) = event.body, !r.passed { failedRechecks += 1 }
            if case .planImported = event.body { plans += 1 }
            if case .reverted(let r) = event.body, let target = byID[r.target] {
                if case .defectRechecked = target.body { undoneRechecks += 1 }
                if case .defectFound = target.body { retracted += 1 }
                if case .defectRectified = target.body { claimsTakenBack += 1 }
                if case .itemRecorded = target.body { resultsWithdrawn += 1 }
                if case .remainingPassed = target.body, r.pair != nil { resultsWithdrawn += 1 }
            }
            if case .defectEdited = event.body { edits += 1 }
            if case .layoutImported(let l) = event.body, l.added?.contains(where: { $0.floor >= 3 }) == true { topFloorMoves += 1 }
            if case .defectFound(let f) = event.body, ["LK-16", "LK-17"].contains(f.item) { conditionalDefects += 1 }
            if case .pondingStarted = event.body { pondingStarted += 1 }
            if case .sprayRecorded = event.body { sprays += 1 }
        }
        for round in try store.rounds() {
            pondingChecked += try store.pondingTests(round: round.number, checked: true).filter(\.checked).count
        }
    }
}

final class Simulation {
    let world: World
    let maxRounds: Int
    /// The units of the layout; floors 3 and 4 are added by layout imports (which moves the
    /// entrance's top floor, and the top-floor item LK-16 with it).
    var units = ["1-1-0101", "1-1-0102", "1-1-0201"]
    /// The pairs defects are found on: the small set's, and its two items with a floor
    /// condition (refused where the condition does not hold).
    static let pairs = Fixture.pairsOfS + [RoomItem(room: "主卫", item: "LK-16"), RoomItem(room: "厨房", item: "LK-17")]
    /// Every mark code handed out, retracted ones included.
    var codes: [String] = []
    var refusals = 0

    init(maxRounds: Int) throws {
        world = try World(units: units, checklists: SmallChecklist.conditionalWithPonding)
        self.maxRounds = maxRounds
        try world.openRound()
    }

    /// Another laptop on the same project, joined from `other`.
    init(joining other: Simulation, clockSkew: TimeInterval = 0) throws {
        world = try World(joining: other.world, clockSkew: clockSkew)
        maxRounds = other.maxRounds
        codes = other.codes
        units = other.units
    }

    /// One action drawn from `step`. Actions on a defect mostly pick one it can apply to
    /// (live, and for a re-check found before the open round); one kind picks any code ever
    /// handed out, retracted ones included, to exercise refusals.
    func perform(_ step: Int) throws {
        var kind = step % 36
        let arg = step / 36
        let unit = units[arg % units.count]
        let live = try world.store.defects(DefectFilter()).filter { $0.status.blocksDelivery }
        let latest = try world.store.rounds().last?.number ?? 0
        let due = live.filter { $0.roundFound < latest }
        func pick(_ list: [DefectSummary]) -> String {
            list.isEmpty ? (codes.isEmpty ? "1-ZZZZZ" : codes[arg % codes.count]) : list[arg % list.count].code.text
        }
        // With nothing to act on, find a defect instead.
        if (live.isEmpty && [3, 4, 11, 21, 25, 26, 27].contains(kind)) || (due.isEmpty && (5...10).contains(kind)) { kind = arg % 3 }
        let before = try world.eventCount()
        do {
            switch kind {
            case 0, 1, 2:
                let pair = Self.pairs[(arg / 3) % Self.pairs.count]
                codes.append(try world.addDefect(unit, pair.item, room: pair.room, contractor: arg % 7 == 0 ? .none : .byTrade))
            case 3, 4: try world.rectify(pick(live))
            case 5, 6: try world.recheck(pick(due), passed: true)
            case 7, 8, 9, 10: try world.recheck(pick(due), passed: false)
            case 11:
                // Unified answers: defined (a code taken already is refused), revised (an unknown
                // code or a change that changes nothing is refused), applied to a defect (an
                // answer not defined is refused).
                let code = ["K0", "K1", "K2"][arg % 3]
                switch arg % 5 {
                case 0:
                    var answer = World.structuralAnswer
                    answer.code = code
                    answer.text = "口径\(arg % 7)"
                    try world.defineAnswer(answer)
                case 1: try world.reviseAnswer(code, AnswerChanges(text: "口径\(arg % 7)", due: arg % 2 == 0 ? world.today : nil))
                case 2: try world.waive(pick(live), answer: code, approvedBy: ["王经理", "李总"][arg % 2])
                default: try world.waive(pick(live))
                }
            case 12, 13: try world.undo(unit)
            case 14:
                // A re-check recorded and at once taken back, in one transaction.
                let code = pick(due)
                let unitCodes = Dictionary(try world.store.units().map { ($0.id, $0.code) }, uniquingKeysWith: { a, _ in a })
                try world.write { tx in
                    let defect = try tx.recheck(code: code, passed: arg % 3 == 0, note: nil)
                    try tx.undoLast(unit: unitCodes[defect.unit] ?? "?")
                }
            case 15: try world.write { _ = try $0.passRemaining(unit: unit) }
            case 16: try world.write { _ = try $0.passRemaining(unit: unit, room: arg % 2 == 0 ? "主卫" : "厨房") }
            case 17, 18:
                // The last round allowed mostly stays open, so that its re-checks get done.
                if latest < maxRounds || arg % 8 == 0 { try world.closeRound(partial: arg % 4 != 0) }
                // Mostly the next round opens at once; sometimes work goes on between rounds.
                if arg % 3 != 0, try world.store.rounds().count < maxRounds { try world.openRound() }
            case 19, 20:
                if try world.store.rounds().count < maxRounds { try world.openRound() }
            case 21: try world.reassign(pick(live), to: ["防水甲", "防水乙", "门企", nil][arg % 4])
            case 22:
                let any = codes.isEmpty ? "1-ZZZZZ" : codes[arg % codes.count]
                switch arg % 6 {
                case 0: try world.rectify(any)
                case 1: try world.recheck(any, passed: arg % 3 == 0)
                case 2: try world.waive(any)
                case 3: try world.reassign(any, to: "防水乙")
                default: try world.reassign(pick(live), to: ["防水乙", "瓷砖分包"][arg % 2])
                }
            case 23:
                try world.write(as: "组长") {
                    try $0.changeSettings(penaltyThreshold: arg % 3 + 1, readinessTarget: nil, delivery: nil,
                                          rectificationDays: arg % 2 == 0 ? arg % 20 + 1 : nil,
                                          recheckScope: [nil, .all, .open][arg % 3])
                }
            case 25:
                // Corrections: withdraw a defect (mostly one of the open round; refused for an earlier one).
                let recent = live.filter { $0.roundFound == latest }
                try world.write { _ = try $0.withdrawDefect(code: pick(arg % 4 == 0 ? live : recent)) }
            case 26:
                // Correct a defect's note, severity, room (HL-01 and LK-01 have several) or contractor.
                let code = pick(live)
                let rooms = ["主卫", "公卫", "厨房"]
                try world.write {
                    _ = try $0.editDefect(code: code, note: arg % 2 == 0 ? "更正\(arg)" : nil, room: arg % 3 == 0 ? rooms[arg % rooms.count] : nil,
                                          severity: Severity.allCases[arg % 3], contractor: arg % 5 == 0 ? .some("防水乙") : nil)
                }
            case 27: try world.write(as: "施工单位") { _ = try $0.takeBackClaim(code: pick(live.filter { $0.status == .rectified })) }
            case 28: try world.write { _ = try $0.withdrawRecheck(code: pick(due)) }
            case 29:
                let pair = Self.pairs[(arg / 3) % Self.pairs.count]
                try world.write { _ = try $0.withdrawResult(unit: unit, item: pair.item, room: pair.room) }
            case 30:
                // A plan put in force (one in five names a building the layout lacks, and is refused whole).
                try world.write(as: "组长") { _ = try $0.importPlan(Self.plan(arg, start: world.today), source: "plan.yaml") }
            case 31:
                // A layout import that adds the next floor up: the entrance's top floor moves.
                let floor = units.count   // 3, then 4
                guard floor <= 4, arg % 2 == 0 else { return }
                let code = "1-1-0\(floor)01"
                try world.write(as: "组长") { _ = try $0.importLayout(rows: Fixture.rows([code]), file: "layout.csv") }
                units.append(code)
            case 32, 35:
                // The first visit of a ponding test (one in five on an item that is not one, refused; or twice).
                let pair = arg % 5 == 0 ? Fixture.pairsOfS[(arg / 5) % Fixture.pairsOfS.count] : RoomItem(room: arg % 2 == 0 ? "主卫" : "公卫", item: "LK-01")
                try world.write { _ = try $0.startPonding(unit: unit, item: pair.item, room: pair.room) }
            case 33:
                // A day passes: the ponding tests started before stand 24 h.
                world.clock += 86_400
            case 34:
                // A spray test of the entrance's floors 1-2, passed or with a leak in a unit (a defect).
                let leaks = arg % 2 == 0 ? [] : [SprayRules.LeakInput(unit: unit, room: "厨房", item: "HL-01", note: "淋水渗漏\(arg)")]
                try world.write {
                    _ = try $0.recordSpray(building: "1", entrance: 1, floors: FloorBand(from: 1, to: arg % 3 == 0 ? 1 : 2), date: world.today,
                                           passed: leaks.isEmpty, leaks: leaks, note: nil)
                }
            case 24:
                // Finish the walk: pass what is left everywhere and close in full, in one
                // transaction (refused, whole, while re-checks are unrecorded).
                guard latest < maxRounds || arg % 8 == 0 else { return }
                world.today = world.today.adding(days: 7)
                let date = world.today
                try world.write { tx in
                    for code in units { _ = try tx.passRemaining(unit: code) }
                    _ = try tx.closeRound(date: date, partial: false)
                }
            default:
                break
            }
        } catch let error as InspectionError {
            refusals += 1
            // A refusal changes nothing.
            #expect(try world.eventCount() == before, "\(error) changed the history")
        }
    }

    /// A plan drawn from `arg`: one to three rounds, a batch per round or none, members
    /// covering some categories.
    static func plan(_ arg: Int, start: Day) -> ProjectPlan {
        let categories = [["doors-windows"], ["hollowness", "leaks"], []]
        let rounds = (0..<(arg % 3 + 1)).map { r -> RoundPlan in
            let from = start.adding(days: 21 * r), to = start.adding(days: 21 * r + 13)
            let batches = (arg + r) % 2 == 0 ? [] : [PlanBatch(name: "第一批", start: from, finish: to, buildings: [arg % 5 == 4 ? "9" : "1"])]
            return RoundPlan(number: r + 1, start: from, finish: to, batches: batches, members: [
                PlanMember(name: "王工", role: "工程", categories: categories[(arg + r) % 3]),
                PlanMember(name: "李工", role: "监理", categories: categories[(arg + r + 1) % 3]),
            ])
        }
        return ProjectPlan(demonstrationUnit: "1-1-0101", rounds: rounds)
    }

    /// What the history says, read from its events alone.
    struct Facts {
        var events: [Event]
        var reverted: Set<UUID>
        var found: [(id: UUID, code: String, round: Int, contractor: UUID?)] = []
        var contractorNames: [UUID: String] = [:]
        var threshold = 2
    }

    func facts() throws -> Facts {
        let events = try world.store.events()
        let reverted = Set(events.compactMap { e -> UUID? in
            if case .reverted(let r) = e.body { return r.target }
            return nil
        })
        var facts = Facts(events: events, reverted: reverted)
        for event in events {
            switch event.body {
            case .defectFound(let f) where !reverted.contains(event.id):
                facts.found.append((event.defect!, f.code.text, event.round, f.contractor))
            case .contractorAdded(let c):
                facts.contractorNames[c.contractor.id] = c.contractor.name
            case .settingsChanged(let s):
                facts.threshold = s.penaltyThreshold ?? facts.threshold
            default:
                break
            }
        }
        return facts
    }

    func summaries() throws -> [UUID: DefectSummary] {
        Dictionary(try world.store.defects(DefectFilter()).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Rebuilding from the history reproduces every projection table.
    func checkRebuildEqualsIncremental() throws {
        try expectRebuildReproducesTheProjections(world.store)
    }

    /// The latest round's board, read from the tallies the triggers keep, counts exactly
    /// the defects there are.
    func checkBoardCountsTheDefects() throws {
        let store = world.store
        guard let latest = try store.rounds().last else { return }
        let defects = try store.defects(DefectFilter())
        let board = try store.board(round: latest.number, today: world.today)
        var expected = StatusCounts()
        for d in defects {
            if d.roundFound == latest.number { expected.new += 1 }
            switch d.status {
            case .open: expected.open += 1
            case .rectified: expected.rectified += 1
            case .closed: expected.closed += 1
            case .waived: expected.waived += 1
            }
        }
        expected.failedRechecks = board.tables.total.failedRechecks
        #expect(board.tables.total == expected, "board \(board.tables.total) vs defects \(expected)")
        for building in Set(defects.map(\.building)) {
            #expect(board.tables.byBuilding[building]?.total == defects.filter { $0.building == building }.count)
        }
    }

    func checkNoDefectLost() throws {
        let store = world.store
        let facts = try facts()
        let summaries = try summaries()
        let latest = try #require(try store.rounds().last)

        // Lists show exactly the defects found and not withdrawn; a withdrawn code still
        // answers, as withdrawn (its sticker may be on the wall).
        #expect(Set(summaries.keys) == Set(facts.found.map(\.id)))
        for code in Set(codes).subtracting(facts.found.map(\.code)) {
            #expect(try store.defect(code: code).withdrawal != nil, "\(code) was withdrawn")
        }

        var latestRechecks: Set<UUID> = []
        for code in units {
            let view = try store.unitRound(unit: world.unit(code), round: latest.number)
            latestRechecks.formUnion(view.rechecks.map(\.id))
            // In the open round, the progress projection agrees with a replay of the unit's
            // events (a closed round's progress stays as it was when it closed).
            if latest.isOpen {
                #expect(try store.progress(round: latest.number)[view.unit.id] == view.progress, "progress of \(code)")
            }
        }
        for defect in facts.found {
            let summary = try #require(summaries[defect.id])
            switch summary.status {
            case .closed, .waived: continue
            case .open, .rectified:
                if defect.round == latest.number { continue }
                #expect(latestRechecks.contains(defect.id),
                        "\(defect.code) (round \(defect.round), \(summary.status)) is not on round \(latest.number)'s re-check list")
            }
        }

        // What keeps the open round from closing agrees with the replayed units: items not
        // recorded, and re-checks not recorded this round of defects not waived (a closed one
        // is on the list only in a round of scope `all`).
        if latest.isOpen {
            var units: [String] = []
            var rechecks: [String] = []
            for code in self.units {
                let view = try store.unitRound(unit: world.unit(code), round: latest.number)
                if !view.results.unrecorded(view.pairs).isEmpty { units.append(code) }
                rechecks += view.rechecks.filter { $0.status != .waived && view.results.rechecks[$0.id] == nil }.map(\.code.text)
            }
            let blockers = try world.write(as: "组长") { try $0.blockers() }
            #expect(blockers == RoundBlockers(round: latest.number, units: units, rechecks: rechecks.sorted()))
        }

        // Readiness agrees with the defects' states.
        let blocking = Set(summaries.values.filter { $0.status.blocksDelivery }.map(\.unitCode))
        #expect(Set(try store.readiness().blockingUnits) == blocking)
    }

    func checkProjectionsEqualTheFold() throws {
        let facts = try facts()
        let summaries = try summaries()
        for defect in facts.found {
            let history = facts.events.filter { $0.defect == defect.id }
            let folded = try #require(DefectLifecycle.fold(history, penaltyThreshold: facts.threshold))
            let summary = try #require(summaries[defect.id])
            #expect(summary.code == folded.code)
            #expect(summary.status == folded.status, "status of \(defect.code)")
            #expect(summary.failedRechecks == folded.failedRechecks, "failed re-checks of \(defect.code)")
            #expect(summary.flagRound == folded.flag?.round, "flag of \(defect.code)")
            #expect(summary.closedRound == folded.closedRound)
            #expect(summary.roundFound == folded.roundFound)
            #expect(summary.waiver == folded.waiver)
            #expect(summary.answerCode == folded.answerCode && summary.approvedBy == folded.approvedBy)
            #expect(summary.rectificationNote == folded.rectificationNote)
            #expect(summary.note == folded.note, "note of \(defect.code)")
            #expect(summary.room == folded.room, "room of \(defect.code)")
            #expect(summary.severity == folded.severity, "severity of \(defect.code)")
            #expect(summary.contractor == folded.contractor.flatMap { facts.contractorNames[$0] }, "contractor of \(defect.code)")
        }
    }

    /// For each defect: its non-reverted re-checks in order, failures counted since its
    /// contractor became responsible (a reassignment to another starts afresh), a flag at the
    /// threshold-th failure against that contractor.
    func checkPenaltiesAgainstTheHistory() throws {
        let facts = try facts()
        var expectedTotal: [String: [String]] = [:]
        var expectedByRound: [Int: [String: [String]]] = [:]
        for defect in facts.found {
            var contractor = defect.contractor
            var failures = 0
            for event in facts.events where event.defect == defect.id && !facts.reverted.contains(event.id) {
                switch event.body {
                case .defectReassigned(let r):
                    if r.contractor != contractor { failures = 0 }
                    contractor = r.contractor
                case .defectRechecked(let r) where !r.passed:
                    failures += 1
                    if failures == facts.threshold {
                        let name = contractor.flatMap { facts.contractorNames[$0] } ?? PenaltyRules.unassigned
                        expectedTotal[name, default: []].append(defect.code)
                        expectedByRound[event.round, default: [:]][name, default: []].append(defect.code)
                    }
                default:
                    break
                }
            }
        }
        func counted(_ list: [ContractorPenalties]) -> [String: [String]] {
            Dictionary(list.filter { $0.count > 0 }.map { ($0.contractor, $0.defects) }, uniquingKeysWith: { a, _ in a })
        }
        #expect(counted(try world.store.penalties(round: nil)) == expectedTotal.mapValues { $0.sorted() })
        for round in try world.store.rounds().map(\.number) {
            #expect(counted(try world.store.penalties(round: round)) == (expectedByRound[round] ?? [:]).mapValues { $0.sorted() },
                    "penalties in round \(round)")
        }
    }
}
