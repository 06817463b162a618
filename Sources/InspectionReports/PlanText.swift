import Foundation
import InspectionCore

/// The plan as lines of text (`yanfang plan show`) and as JSON (`--json`).
public enum PlanText {
    /// `deadlineRule`: how the next round to close sets its rectification deadline.
    public static func lines(_ plan: ProjectPlan, context: PlanContext, rectificationDays: Int, deadlineRule: DeadlineRule? = nil,
                             round: Int? = nil) -> [String] {
        var out: [String] = []
        if round == nil {
            out.append("Demonstration unit (示范户): \(plan.demonstrationUnit ?? "none") · rectification between rounds: \(rectificationDays) days (a project setting)")
            if let deadlineRule { out.append("Rectification deadline (整改期限) at the next close: \(deadlineRule.words.en)") }
        }
        for r in plan.rounds where round == nil || r.number == round {
            let inScope = context.units.filter(r.includes).count
            out.append("Round \(r.number): \(r.start) to \(r.finish), \(inScope) units in scope")
            for batch in r.batches {
                let units = context.units.filter(batch.includes).count
                out.append("  batch \(batch.name) (\(batch.places.joined(separator: ", "))): \(batch.start) to \(batch.finish), \(units) units")
            }
            for member in r.members {
                let batches = member.batches.isEmpty ? "every batch" : member.batches.joined(separator: ", ")
                let categories = member.categories.isEmpty ? "every category"
                    : member.categories.map { id in categoryName(id, context.categories) }.joined(separator: ", ")
                out.append("  member \(member.name) (\(member.role)): \(batches); \(categories)")
            }
            out.append("  materials: \(r.materials.joined(separator: ", "))")
        }
        return out
    }

    static func categoryName(_ id: String, _ categories: [Category]) -> String {
        categories.first { $0.id == id }.map { "\($0.name.zh) \($0.id)" } ?? id
    }

    /// `plan show --json`: the plan as stored, with each batch's unit count.
    public struct JSONView: Encodable {
        public var demonstrationUnit: String?
        public var rounds: [RoundView]

        public struct RoundView: Encodable {
            public var number: Int
            public var start: Day
            public var finish: Day
            public var units: Int
            public var batches: [BatchView]
            public var members: [PlanMember]
            public var materials: [String]
        }

        public struct BatchView: Encodable {
            public var name: String
            public var buildings: [String]
            public var entrances: [String]
            public var start: Day
            public var finish: Day
            public var units: Int
        }
    }

    public static func json(_ plan: ProjectPlan, context: PlanContext, round: Int? = nil) -> JSONView {
        JSONView(demonstrationUnit: plan.demonstrationUnit,
                 rounds: plan.rounds.filter { round == nil || $0.number == round }.map { r in
                     JSONView.RoundView(number: r.number, start: r.start, finish: r.finish, units: context.units.filter(r.includes).count,
                                        batches: r.batches.map { b in
                                            JSONView.BatchView(name: b.name, buildings: b.buildings, entrances: b.entrances.map(\.description),
                                                               start: b.start, finish: b.finish, units: context.units.filter(b.includes).count)
                                        },
                                        members: r.members, materials: r.materials)
                 })
    }
}
