import Foundation
import GRDB
import InspectionCore

extension StoreTransaction {
    /// What a plan is checked against: the layout and the checklist categories.
    public func planContext() throws -> PlanContext {
        PlanContext(units: try InspectionStore.units(db), categories: try checklists().categories)
    }

    /// Puts a plan in force, whole (it replaces the one before). Refused with every problem
    /// when it does not fit the project.
    @discardableResult
    public func importPlan(_ plan: ProjectPlan, source: String) throws -> ProjectPlan {
        _ = try project()
        switch PlanRules.validated(plan, against: try planContext()) {
        case .failure(let problems):
            throw InspectionError.invalidValue("the plan does not fit the project: " + problems.list.map(\.message).joined(separator: "; "))
        case .success(let valid):
            try append(.planImported(PlanImported(source: source, plan: valid)))
            return valid
        }
    }

    /// The plan in force, as this transaction sees it.
    public func plan() throws -> ProjectPlan? {
        try InspectionStore.plan(db)
    }
}

extension InspectionStore {
    /// The plan in force (nil: none imported; every unit is then in every round).
    public func plan() throws -> ProjectPlan? {
        try read(Self.plan)
    }

    /// What a plan would be checked against in this project.
    public func planContext() throws -> PlanContext {
        try read { db in PlanContext(units: try Self.units(db), categories: try Self.decodeChecklists(db).categories) }
    }

    /// What the plan says against the schedule and the work done, as of `today` (none
    /// without a plan).
    public func planWarnings(today: Day) throws -> [DeadlineWarning] {
        try read { db in try Self.planWarnings(db, today: today) }
    }

    static func planWarnings(_ db: Database, today: Day) throws -> [DeadlineWarning] {
        guard let plan = try plan(db), let project = try project(db) else { return [] }
        let rounds = try rounds(db)
        return PlanCheck.warnings(plan, rectificationDays: try rectificationDays(db), categories: try decodeChecklists(db).categories,
                                  delivery: project.delivery, today: today,
                                  rounds: rounds, units: try units(db), progress: try rounds.last.map { try progress(db, round: $0.number) } ?? [:])
    }

    /// The units in a round's scope by the plan in force: those in its batches. Nil when every
    /// unit is in scope: no plan, a round the plan does not list, or one without batches.
    public func scope(round: Int) throws -> Set<UUID>? {
        try read { db in try Self.scope(db, round: round) }
    }

    static func scope(_ db: Database, round: Int) throws -> Set<UUID>? {
        guard let planned = try plan(db)?.round(round), !planned.batches.isEmpty else { return nil }
        var ids: Set<UUID> = []
        for row in try Row.fetchAll(db, sql: "SELECT id, building, entrance FROM unit") {
            let unit = ProjectUnit(id: row["id"], building: row["building"], entrance: row["entrance"], floor: 0, number: 0, type: "")
            if planned.includes(unit) { ids.insert(unit.id) }
        }
        return ids
    }

    /// Round `number`'s progress against its plan (default: the latest round), or nil without
    /// a plan for it. Only the units part-way through the round are replayed, for their items by
    /// category; those with nothing recorded and those complete are counted from their
    /// projection rows.
    public func planProgress(round number: Int?, today: Day) throws -> PlanProgress? {
        try read { db in try Self.planProgress(db, round: number, today: today) }
    }

    /// `replayingEveryUnit`: the slow way, every unit replayed (tests compare the two).
    static func planProgress(_ db: Database, round number: Int?, today: Day, replayingEveryUnit: Bool = false) throws -> PlanProgress? {
        let rounds = try rounds(db)
        guard let plan = try plan(db), let project = try project(db), let n = number ?? rounds.last?.number,
              let planned = plan.round(n) else { return nil }
        let actual = rounds.first { $0.number == n }
        let checklists = try decodeChecklists(db)
        let progress = actual == nil ? [:] : try progress(db, round: n)
        // Each unit type's items by category where a unit stands in its entrance, once.
        let floors = try entranceFloors(db)
        struct TypeAt: Hashable { var type: String; var situation: UnitSituation }
        var typeItems: [TypeAt: (pairs: [RoomItem], byCategory: [String: Int])] = [:]
        func items(_ unit: ProjectUnit) -> (pairs: [RoomItem], byCategory: [String: Int]) {
            let situation = UnitSituation(floor: unit.floor, entranceFloors: floors[EntranceKey(building: unit.building, entrance: unit.entrance)])
            let key = TypeAt(type: unit.type, situation: situation)
            if let known = typeItems[key] { return known }
            let pairs = checklists.pairs(forType: unit.type, situation: situation)
            var byCategory: [String: Int] = [:]
            for pair in pairs { byCategory[checklists.item(pair.item)?.category ?? "", default: 0] += 1 }
            typeItems[key] = (pairs, byCategory)
            return (pairs, byCategory)
        }
        var work: [PlanProgress.UnitWork] = []
        for unit in try units(db) where planned.includes(unit) {
            let type = items(unit)
            let row = progress[unit.id]
            var byCategory: [String: (applicable: Int, recorded: Int)]
            if actual == nil {
                byCategory = type.byCategory.mapValues { ($0, 0) }
            } else if !replayingEveryUnit, let row, row.applicable == type.pairs.count, row.recorded == 0 || row.recorded >= row.applicable {
                // Its row counts the same pairs: none recorded, or every one.
                byCategory = type.byCategory.mapValues { ($0, row.recorded == 0 ? 0 : $0) }
            } else {
                let results = try unitRound(db, unit: unit, round: n, checklists: checklists).results
                byCategory = [:]
                for pair in type.pairs {
                    let category = checklists.item(pair.item)?.category ?? ""
                    byCategory[category, default: (0, 0)].applicable += 1
                    if results.result(pair) != nil { byCategory[category, default: (0, 0)].recorded += 1 }
                }
            }
            work.append(PlanProgress.UnitWork(unit: unit, byCategory: byCategory, isComplete: row?.isComplete ?? false))
        }
        // Units with a result recorded, per local day.
        var perDay: [Day: Set<UUID>] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT unit, at FROM event WHERE round = ? AND unit IS NOT NULL
            AND kind IN ('item.recorded', 'remaining.passed', 'defect.found', 'defect.rechecked')
            """, arguments: [n])
        let calendar = Calendar.current
        while let row = try rows.next() {
            let c = calendar.dateComponents([.year, .month, .day], from: EventCodec.date(row["at"]))
            guard let day = Day(year: c.year!, month: c.month!, day: c.day!) else { continue }
            perDay[day, default: []].insert(row["unit"])
        }
        return PlanProgress.compute(planned, actual: actual, today: today, delivery: project.delivery, work: work,
                                    unitsPerDay: perDay.keys.sorted().map { PlanProgress.DayCount(day: $0, units: perDay[$0]!.count) })
    }

    /// Results recorded in a round by each person (a "pass the rest" counts its items; undone
    /// results included): who did what.
    public func resultsByActor(round: Int) throws -> [String: Int] {
        try read { db in
            var map: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT actor, sum(CASE kind WHEN 'remaining.passed' THEN json_extract(payload, '$.count') ELSE 1 END)
                FROM event WHERE round = ? AND kind IN ('item.recorded', 'remaining.passed', 'defect.found', 'defect.rechecked')
                GROUP BY actor
                """, arguments: [round]) {
                map[row[0]] = row[1]
            }
            return map
        }
    }

    /// The days the contractors get between rounds: a project setting, 7 unless changed.
    public func rectificationDays() throws -> Int {
        try read(Self.rectificationDays)
    }

    static func rectificationDays(_ db: Database) throws -> Int {
        guard try db.columns(in: "project").contains(where: { $0.name == "rectification_days" }) else { return ProjectPlan.defaultRectificationDays }
        return try Int.fetchOne(db, sql: "SELECT rectification_days FROM project") ?? ProjectPlan.defaultRectificationDays
    }

    static func plan(_ db: Database) throws -> ProjectPlan? {
        guard try db.tableExists("plan"),
              let json = try String.fetchOne(db, sql: "SELECT json FROM plan WHERE id = 1") else { return nil }
        return try EventCodec.decoder.decode(ProjectPlan.self, from: Data(json.utf8))
    }
}
