import Foundation
import InspectionCore
import InspectionFixtures
import InspectionStore
import Testing

/// The small checklist (see SmallChecklist) and helpers for these tests.
enum Fixture {
    static let checklists = SmallChecklist.checklists
    static let pairsOfS = SmallChecklist.pairsOfS
    static func day(_ text: String) -> Day { SmallChecklist.day(text) }

    /// Layout rows for unit codes like `1-1-0102`.
    static func rows(_ codes: [String], type: String = "S") -> [LayoutRow] {
        codes.enumerated().map { index, code in
            let parts = code.split(separator: "-").map(String.init)
            let floor = String(parts[2].prefix(2)), number = String(parts[2].suffix(2))
            return LayoutRow(line: index + 2, building: parts[0], entrance: parts[1], floor: floor, unit: number, type: type)
        }
    }

}

/// Rebuilding `store` from its history reproduces every projection table the actions wrote,
/// and a second rebuild changes nothing.
func expectRebuildReproducesTheProjections(_ store: InspectionStore) throws {
    let written = try store.projectionDump()
    let summary = try store.rebuild()
    #expect(summary.events == (try store.events().count))
    let rebuilt = try store.projectionDump()
    #expect(rebuilt.count == written.count, "rows: \(written.count) written, \(rebuilt.count) rebuilt")
    let difference = rebuilt.difference(from: written)
    #expect(difference.isEmpty, "rebuild differs: \(difference.prefix(6).map { "\($0)" })")
    #expect(try store.projectionDump() == rebuilt)
    try store.rebuild()
    #expect(try store.projectionDump() == rebuilt, "a second rebuild changed the projections")
}

/// A project in a store, with a clock, a calendar and short-hand actions.
///
/// Contractors: 门企 (doors), 瓷砖分包 (tiling), 防水甲 (waterproofing), 防水乙 (waterproofing);
/// a new defect goes by trade to the first, so LK-01 goes to 防水甲.
final class World {
    let store: InspectionStore
    var clock = Date(timeIntervalSince1970: 1_750_000_000)
    /// The next date a round opens or closes on.
    var today = Fixture.day("2025-06-01")
    let delivery = Fixture.day("2025-10-31")
    var contractors: [String: Contractor] = [:]

    init(units: [String] = ["1-1-0101", "1-1-0102"], store: InspectionStore? = nil, checklists: ChecklistSet = Fixture.checklists,
         contractorTrades: [(String, [String])] = World.defaultContractors) throws {
        self.store = try store ?? InspectionStore.inMemory()
        try write(as: "组长") { tx in
            _ = try tx.createProject(name: "滨江花园", delivery: delivery, checklists: checklists, source: "test")
            if !units.isEmpty { _ = try tx.importLayout(rows: Fixture.rows(units), file: "layout.csv") }
            for (name, trades) in contractorTrades {
                contractors[name] = try tx.addContractor(name: name, trades: trades, buildings: nil)
            }
        }
    }

    /// A new replica of `other`'s project (another laptop), joined from it, whose clock
    /// runs `clockSkew` seconds behind.
    init(joining other: World, clockSkew: TimeInterval = 0) throws {
        store = try InspectionStore.inMemory()
        clock = other.clock - clockSkew
        today = other.today
        contractors = other.contractors
        _ = try InspectionStore.join(source: other.store, into: store, context: other.context("组长"))
    }

    static let defaultContractors = [("门企", ["doors"]), ("瓷砖分包", ["tiling"]), ("防水甲", ["waterproofing"]), ("防水乙", ["waterproofing"])]

    func context(_ actor: String) -> ActionContext {
        clock += 60
        return ActionContext(actor: actor, at: clock, today: today)
    }

    @discardableResult
    func write<T>(as actor: String = "王工", _ body: (StoreTransaction) throws -> T) throws -> T {
        try store.write(context(actor), body)
    }

    @discardableResult
    func openRound() throws -> RoundOpening {
        today = today.adding(days: 7)
        let date = today
        return try write(as: "组长") { try $0.openRound(date: date) }
    }

    @discardableResult
    func closeRound(partial: Bool = false) throws -> Round {
        today = today.adding(days: 7)
        let date = today
        return try write(as: "组长") { try $0.closeRound(date: date, partial: partial) }
    }

    /// Passes every unrecorded item of every unit, then closes the round (refused while
    /// re-checks are unrecorded).
    @discardableResult
    func passAllAndClose() throws -> Round {
        for unit in try store.units() { try write { _ = try $0.passRemaining(unit: unit.code) } }
        return try closeRound()
    }

    /// Records a defect and returns its mark code.
    func addDefect(_ unit: String, _ item: String = "DW-01", room: String? = nil,
                   contractor: ContractorChoice = .byTrade) throws -> String {
        try write { try $0.addDefect(unit: unit, item: item, room: room, note: "问题", severity: nil, contractor: contractor) }.code.text
    }

    func rectify(_ code: String) throws {
        try write(as: "施工单位") { _ = try $0.rectify(code: code, note: "已整改") }
    }

    func recheck(_ code: String, passed: Bool) throws {
        try write { _ = try $0.recheck(code: code, passed: passed, note: nil) }
    }

    /// Waives with a unified answer; the default one (`JG-01`) is defined on first use.
    func waive(_ code: String, answer: String = World.structuralAnswer.code, approvedBy: String = "客服经理") throws {
        // In the waiver's transaction, so that a refused waiver leaves no answer behind either.
        try write(as: "客服") { tx in
            if answer == World.structuralAnswer.code, try tx.answer(code: answer) == nil { try tx.defineAnswer(World.structuralAnswer) }
            _ = try tx.waive(code: code, answer: answer, approvedBy: approvedBy)
        }
    }

    static let structuralAnswer = UnifiedAnswer(
        code: "JG-01", title: "结构原因", text: "结构原因，统一口径解释",
        plan: ContingencyPlan(action: "出具设计说明", owner: "工程部", due: Fixture.day("2025-12-31"), buyerQuestions: "由工程师现场解释"))

    func defineAnswer(_ answer: UnifiedAnswer) throws {
        try write(as: "客服") { _ = try $0.defineAnswer(answer) }
    }

    func reviseAnswer(_ code: String, _ changes: AnswerChanges) throws {
        try write(as: "客服") { _ = try $0.reviseAnswer(code: code, changes) }
    }

    func reassign(_ code: String, to name: String?) throws {
        try write(as: "客服") { _ = try $0.reassign(code: code, contractor: name) }
    }

    @discardableResult
    func undo(_ unit: String) throws -> Event {
        try write { try $0.undoLast(unit: unit) }
    }

    func eventCount() throws -> Int { try store.events().count }

    func unit(_ code: String) throws -> ProjectUnit {
        guard let unit = try store.unit(code: code) else { throw InspectionError.unknownUnit(code) }
        return unit
    }

    /// Mark codes on a unit's re-check list in a round.
    func recheckList(_ unit: String, round: Int) throws -> [String] {
        try store.unitRound(unit: self.unit(unit), round: round).rechecks.map(\.code.text)
    }

    func status(_ code: String) throws -> DefectStatus {
        try store.defect(code: code).defect.status
    }

    /// Penalty counts by contractor name, leaving out zeros.
    func penalties(round: Int?) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for p in try store.penalties(round: round) where p.count > 0 { counts[p.contractor] = p.count }
        return counts
    }
}

/// A generator that yields each value of a list in turn, then the last forever: draws the
/// same mark code again on purpose.
struct ScriptedGenerator: RandomNumberGenerator, Sendable {
    var values: [UInt64]
    var index = 0

    init(_ values: [UInt64]) { self.values = values }

    mutating func next() -> UInt64 {
        defer { index += 1 }
        return values[min(index, values.count - 1)]
    }
}
