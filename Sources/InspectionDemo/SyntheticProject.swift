import DefaultData
import Foundation
import InspectionCore
import InspectionStore
import ProjectFiles

/// A large, deterministic project for benchmarks: buildings of two entrances, 25 floors and
/// four units a floor; every round walks every unit, re-checks what is carried over, finds
/// about ten new defects a unit, and closes; between rounds contractors claim most fixes.
public enum SyntheticProject {
    public struct Options: Sendable {
        public var units: Int
        public var rounds: Int
        public var defectsPerUnitRound: Int
        public var seed: UInt64
        /// Units written per transaction.
        public var batch = 250

        public init(units: Int, rounds: Int, defectsPerUnitRound: Int = 10, seed: UInt64 = 1) {
            self.units = units
            self.rounds = rounds
            self.defectsPerUnitRound = defectsPerUnitRound
            self.seed = seed
        }
    }

    public static let unitsPerBuilding = 200

    /// The layout rows for `count` units.
    public static func layout(units count: Int) -> [LayoutRow] {
        var rows: [LayoutRow] = []
        let types = ["A", "B", "C", "A"]
        var index = 0
        while rows.count < count {
            let building = index / unitsPerBuilding + 1
            let within = index % unitsPerBuilding
            let entrance = within / 100 + 1
            let floor = within % 100 / 4 + 1
            let number = within % 4 + 1
            rows.append(LayoutRow(line: rows.count + 2, building: String(building), entrance: String(entrance), floor: String(floor),
                                  unit: String(number), type: types[number - 1]))
            index += 1
        }
        return rows
    }

    /// Fills `store` (new and empty), reporting progress through `progress`.
    public static func generate(into store: InspectionStore, options: Options, today: Day,
                                progress: (String) -> Void = { _ in }) throws {
        let checklists = try DefaultData.checklists()
        let firstRound = firstRound(options, today: today)
        let delivery = firstRound.adding(months: 3).adding(days: 5)
        try seed(store, options)
        try store.write(context(firstRound.adding(days: -10), inspectors[0])) { tx in
            _ = try tx.createProject(name: "合成项目 \(options.units) 户", delivery: delivery, checklists: checklists, source: "shipped checklists")
            _ = try tx.importLayout(rows: layout(units: options.units), file: "synthetic layout")
            for trade in checklists.trades {
                _ = try tx.addContractor(name: "\(trade.name.zh)承包有限公司", trades: [trade.id], buildings: nil)
            }
        }
        try work(in: store, options: options, today: today, seeded: true, progress: progress)
    }

    // Rounds every 20 days, the last closed two days ago; round 1 three months before delivery.
    static func firstRound(_ options: Options, today: Day) -> Day {
        today.adding(days: -16 - 20 * (max(1, options.rounds) - 1))
    }

    static let inspectors = ["王建国", "李敏", "张磊", "陈晓燕", "刘洋", "赵静"]

    /// The one unified answer the synthetic project's waived problems share (its due date is
    /// set when it is defined).
    static let syntheticAnswer = UnifiedAnswer(
        code: "HB-01", title: "交付后维修的问题", text: "交付时按统一口径向业主说明",
        plan: ContingencyPlan(action: "交付后一个月内维修", owner: "工程项目部", due: Day(year: 2026, month: 1, day: 1)!,
                              buyerQuestions: "由客服登记并约定维修时间"))

    static func context(_ day: Day, _ actor: String) -> ActionContext {
        ActionContext(actor: actor, at: Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + 36_000), today: day)
    }

    /// Identities and mark codes from the options' seed, and commits that need not survive a power cut.
    static func seed(_ store: InspectionStore, _ options: Options) throws {
        var idSource = SeededGenerator(seed: options.seed &+ 7)
        let ids = LockedGenerator(&idSource)
        store.makeID = { ids.uuid() }
        store.codeGenerator = SeededGenerator(seed: options.seed &+ 13)
        try store.relaxDurability()
    }

    /// Walks every unit of the project in `store` (set up already: a generated project, or a
    /// replica joined from one) through `options.rounds` rounds, as `generate` does. Two
    /// replicas of one layout worked this way with different seeds make two full histories
    /// that share only the layout (the merge benchmark).
    public static func work(in store: InspectionStore, options: Options, today: Day, seeded: Bool = false,
                            progress: (String) -> Void = { _ in }) throws {
        if !seeded { try seed(store, options) }
        var rng = SeededGenerator(seed: options.seed)
        let checklists = try DefaultData.checklists()
        let firstRound = firstRound(options, today: today)
        let units = try store.units()
        for round in 1...max(1, options.rounds) {
            let opened = firstRound.adding(days: (round - 1) * 20)
            let opening = try store.write(context(opened, inspectors[0])) { tx in try tx.openRound(date: opened) }
            progress("round \(round): \(opening.rechecks) re-checks")
            for start in stride(from: 0, to: units.count, by: options.batch) {
                let slice = units[start..<min(units.count, start + options.batch)]
                // Walked from the day after the opening: the ponding tests, started the day
                // before, have stood 24 h.
                let day = opened.adding(days: 1 + start * 12 / max(1, units.count))
                try store.write(context(day.adding(days: -1), inspectors[start / options.batch % inspectors.count])) { tx in
                    for unit in slice { try tx.startPondingTests(unit: unit.code) }
                }
                try store.write(context(day, inspectors[start / options.batch % inspectors.count])) { tx in
                    for unit in slice {
                        for defect in try tx.recheckQueue(unit, round: round) {
                            let passed = defect.status == .rectified ? rng.next() % 100 < 80 : rng.next() % 100 < 10
                            _ = try tx.recheck(code: defect.code.text, passed: passed, note: passed ? nil : "仍未整改到位")
                        }
                        try RandomDefects.record(options.defectsPerUnitRound, in: unit, checklists: checklists, transaction: tx, using: &rng)
                        try tx.passRemaining(unit: unit.code)
                    }
                }
            }
            let closed = opened.adding(days: 14)
            _ = try store.write(context(closed, inspectors[0])) { tx in try tx.closeRound(date: closed, partial: false) }
            // Between rounds: most fixes claimed, a few problems waived with one shared answer.
            if try store.answer(code: syntheticAnswer.code) == nil {
                var answer = syntheticAnswer
                answer.plan.due = closed.adding(days: 60)
                try store.write(context(closed.adding(days: 1), inspectors[0])) { tx in _ = try tx.defineAnswer(answer) }
            }
            let open = try store.defects({ var f = DefectFilter(); f.status = .open; return f }())
            for start in stride(from: 0, to: open.count, by: 5_000) {
                try store.write(context(closed.adding(days: 2), "承包单位")) { tx in
                    for defect in open[start..<min(open.count, start + 5_000)] {
                        let roll = rng.next() % 100
                        if roll < 75 {
                            _ = try tx.rectify(code: defect.code.text, note: "已整改")
                        } else if roll < 76 {
                            _ = try tx.waive(code: defect.code.text, answer: syntheticAnswer.code, approvedBy: inspectors[0])
                        }
                    }
                }
            }
            progress("round \(round): closed")
        }
    }
}

/// Hands out seeded UUIDs to a store that asks from its writer's thread.
final class LockedGenerator: @unchecked Sendable {
    private var generator: SeededGenerator
    private let lock = NSLock()

    init(_ generator: inout SeededGenerator) { self.generator = generator }

    func uuid() -> UUID {
        lock.lock()
        defer { lock.unlock() }
        let a = generator.next(), b = generator.next()
        var bytes = withUnsafeBytes(of: a.bigEndian) { Array($0) } + withUnsafeBytes(of: b.bigEndian) { Array($0) }
        bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
        bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
