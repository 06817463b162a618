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
        return PlanCheck.warnings(plan, categories: try decodeChecklists(db).categories, delivery: project.delivery, today: today,
                                  rounds: rounds, units: try units(db), progress: try rounds.last.map { try progress(db, round: $0.number) } ?? [:])
    }

    static func plan(_ db: Database) throws -> ProjectPlan? {
        guard try db.tableExists("plan"),
              let json = try String.fetchOne(db, sql: "SELECT json FROM plan WHERE id = 1") else { return nil }
        return try EventCodec.decoder.decode(ProjectPlan.self, from: Data(json.utf8))
    }
}
