import Foundation

/// The inspection plan (整体验收计划 with one 单轮验收计划 per round): when each round runs,
/// its batches of buildings (分批), who inspects what (人员及分工), the materials to prepare
/// (物资准备) and the demonstration unit the team practises on (示范户). It is imported whole
/// as one event, so it travels with the history and merges like any other change.
public struct ProjectPlan: Hashable, Sendable, Codable {
    /// The code of the demonstration unit (示范户).
    public var demonstrationUnit: String?
    public var rounds: [RoundPlan]

    /// Days the contractors need between one round's finish and the next one's start, unless
    /// the project's setting says otherwise (`yanfang settings --rectification-days`).
    public static let defaultRectificationDays = RectificationTerms.defaultDays

    public init(demonstrationUnit: String? = nil, rounds: [RoundPlan]) {
        self.demonstrationUnit = demonstrationUnit
        self.rounds = rounds
    }

    public func round(_ number: Int) -> RoundPlan? { rounds.first { $0.number == number } }
}

/// One round's plan.
public struct RoundPlan: Hashable, Sendable, Codable {
    public var number: Int
    public var start: Day
    public var finish: Day
    /// In the order they are inspected; none means every unit is in the round, as one batch.
    public var batches: [PlanBatch]
    public var members: [PlanMember]
    public var materials: [String]

    public init(number: Int, start: Day, finish: Day, batches: [PlanBatch], members: [PlanMember], materials: [String] = PlanDefaults.materials) {
        self.number = number
        self.start = start
        self.finish = finish
        self.batches = batches
        self.members = members
        self.materials = materials
    }

    /// Whether a unit is in the round's scope: in one of its batches, or every unit when it has none.
    public func includes(_ unit: ProjectUnit) -> Bool {
        batches.isEmpty || batches.contains { $0.includes(unit) }
    }

    /// The batch a unit belongs to (nil when outside every batch, or when there are none).
    public func batch(of unit: ProjectUnit) -> PlanBatch? {
        batches.first { $0.includes(unit) }
    }

    public func member(named name: String) -> PlanMember? {
        members.first { $0.name == name }
    }
}

/// A named set of buildings and entrances inspected together, with its own dates.
public struct PlanBatch: Hashable, Sendable, Codable {
    public var name: String
    public var start: Day
    public var finish: Day
    public var buildings: [String]
    public var entrances: [PlanEntrance]

    public init(name: String, start: Day, finish: Day, buildings: [String], entrances: [PlanEntrance] = []) {
        self.name = name
        self.start = start
        self.finish = finish
        self.buildings = buildings
        self.entrances = entrances
    }

    public func includes(_ unit: ProjectUnit) -> Bool {
        buildings.contains(unit.building) || entrances.contains(PlanEntrance(building: unit.building, entrance: unit.entrance))
    }

    /// Its buildings and entrances as written: `1, 2, 3-1`.
    public var places: [String] { buildings + entrances.map(\.description) }
}

/// One entrance (单元) of a building, written `3-1`.
public struct PlanEntrance: Hashable, Sendable, Codable, CustomStringConvertible {
    public var building: String
    public var entrance: Int

    public init(building: String, entrance: Int) {
        self.building = building
        self.entrance = entrance
    }

    /// `3-1` → building 3, entrance 1.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let entrance = Int(parts[1]), entrance > 0, !parts[0].isEmpty else { return nil }
        self.init(building: String(parts[0]), entrance: entrance)
    }

    public var description: String { "\(building)-\(entrance)" }
}

/// A member of the round's team: who they are (the name they give as inspector), their role
/// and what they cover. No batches listed: every batch of the round; no categories: all.
public struct PlanMember: Hashable, Sendable, Codable {
    public var name: String
    public var role: String
    public var batches: [String]
    public var categories: [String]

    public init(name: String, role: String, batches: [String] = [], categories: [String] = []) {
        self.name = name
        self.role = role
        self.batches = batches
        self.categories = categories
    }

    public func covers(batch: String?) -> Bool { batches.isEmpty || batch.map(batches.contains) ?? true }
    public func covers(category: String) -> Bool { categories.isEmpty || categories.contains(category) }
}

public enum PlanDefaults {
    /// The materials a round needs when its plan names none (物资准备).
    public static let materials = ["空鼓锤", "粉笔", "标示贴", "手电", "水桶/闭水用具", "淋水设备", "卷尺", "靠尺", "塞尺"]
    /// Roles of the joint team, as the method names them; others may be written too.
    public static let roles = ["客服", "工程", "物业", "设计", "监理", "施工单位"]
}

/// Where in a plan a problem is, so that a file reader can name the line it was written on.
public enum PlanPlace: Hashable, Sendable {
    case plan
    case demonstrationUnit
    case round(Int)
    case roundNumber(Int)
    case roundStart(Int)
    case roundFinish(Int)
    case batch(Int, Int)
    case batchStart(Int, Int)
    case batchFinish(Int, Int)
    case batchPlace(Int, Int, Int)
    case member(Int, Int)
    case memberRole(Int, Int)
    case memberBatch(Int, Int, Int)
    case memberCategory(Int, Int, Int)
}

/// A plan problem at a place.
public struct PlanProblem: Hashable, Sendable {
    public var place: PlanPlace
    public var message: String
    public init(_ place: PlanPlace, _ message: String) {
        self.place = place
        self.message = message
    }
}

/// Every problem of a plan.
public struct PlanProblems: Error, Hashable, Sendable {
    public var list: [PlanProblem]
    public init(list: [PlanProblem]) { self.list = list }
}

/// What a plan is checked against: the project's layout and checklist categories.
public struct PlanContext: Sendable {
    public var units: [ProjectUnit]
    public var categories: [Category]

    public init(units: [ProjectUnit], categories: [Category]) {
        self.units = units
        self.categories = categories
    }
}

public enum PlanRules {
    /// The plan with its categories as ids, or every problem in it. Categories may be written
    /// as an id or a name in either language; entrances as `building-entrance`.
    public static func validated(_ plan: ProjectPlan, against context: PlanContext) -> Result<ProjectPlan, PlanProblems> {
        var problems: [PlanProblem] = []
        var plan = plan
        let buildings = Set(context.units.map(\.building))
        let entrances = Set(context.units.map { PlanEntrance(building: $0.building, entrance: $0.entrance) })
        let buildingList = buildings.sorted { compareBuildings($0, $1) < 0 }.joined(separator: ", ")
        if plan.rounds.isEmpty { problems.append(PlanProblem(.plan, "the plan has no rounds")) }
        if let code = plan.demonstrationUnit, !context.units.contains(where: { $0.code == code }) {
            problems.append(PlanProblem(.demonstrationUnit, "demonstration unit \(code) is not in the layout"))
        }
        for (r, round) in plan.rounds.enumerated() {
            if round.number != r + 1 {
                problems.append(PlanProblem(.roundNumber(r), "round \(round.number) is in place \(r + 1): rounds are numbered 1, 2, 3 … in order"))
            }
            if round.finish < round.start {
                problems.append(PlanProblem(.roundFinish(r), "round \(round.number) finishes \(round.finish), before it starts (\(round.start))"))
            }
            if r > 0, round.start < plan.rounds[r - 1].finish {
                let previous = plan.rounds[r - 1]
                problems.append(PlanProblem(.roundStart(r),
                                            "round \(round.number) starts \(round.start), before round \(previous.number) finishes (\(previous.finish))"))
            }
            var owner: [ProjectUnit.ID: String] = [:]
            var names: Set<String> = []
            for (b, batch) in round.batches.enumerated() {
                if !names.insert(batch.name).inserted {
                    problems.append(PlanProblem(.batch(r, b), "round \(round.number): batch \(batch.name) twice"))
                }
                if batch.finish < batch.start {
                    problems.append(PlanProblem(.batchFinish(r, b), "batch \(batch.name) finishes \(batch.finish), before it starts (\(batch.start))"))
                }
                if batch.start < round.start || batch.finish > round.finish {
                    problems.append(PlanProblem(batch.start < round.start ? .batchStart(r, b) : .batchFinish(r, b),
                                                "batch \(batch.name) (\(batch.start) to \(batch.finish)) is outside round \(round.number) (\(round.start) to \(round.finish))"))
                }
                if b > 0, batch.start < round.batches[b - 1].start {
                    problems.append(PlanProblem(.batchStart(r, b),
                                                "batch \(batch.name) starts \(batch.start), before batch \(round.batches[b - 1].name) (\(round.batches[b - 1].start)): batches are listed in order"))
                }
                if batch.places.isEmpty {
                    problems.append(PlanProblem(.batch(r, b), "batch \(batch.name) names no buildings or entrances"))
                }
                for (p, building) in batch.buildings.enumerated() where !buildings.contains(building) {
                    problems.append(PlanProblem(.batchPlace(r, b, p), "batch \(batch.name): unknown building \(building) (buildings: \(buildingList))"))
                }
                for (e, entrance) in batch.entrances.enumerated() where !entrances.contains(entrance) {
                    problems.append(PlanProblem(.batchPlace(r, b, batch.buildings.count + e), "batch \(batch.name): unknown entrance \(entrance)"))
                }
                var reported: Set<String> = []
                for unit in context.units where batch.includes(unit) {
                    if let other = owner[unit.id], other != batch.name {
                        if reported.insert(other).inserted {
                            problems.append(PlanProblem(.batch(r, b), "batch \(batch.name): unit \(unit.code) is in batch \(other) too"))
                        }
                    } else {
                        owner[unit.id] = batch.name
                    }
                }
            }
            var members: Set<String> = []
            for (m, member) in round.members.enumerated() {
                if !members.insert(member.name).inserted {
                    problems.append(PlanProblem(.member(r, m), "round \(round.number): member \(member.name) twice"))
                }
                if member.role.isEmpty { problems.append(PlanProblem(.memberRole(r, m), "member \(member.name) has no role")) }
                for (i, name) in member.batches.enumerated() where !names.contains(name) {
                    let known = round.batches.map(\.name).joined(separator: ", ")
                    problems.append(PlanProblem(.memberBatch(r, m, i), "member \(member.name): unknown batch \(name) (batches of round \(round.number): \(known.isEmpty ? "none" : known))"))
                }
                var ids: [String] = []
                for (i, text) in member.categories.enumerated() {
                    guard let category = category(text, in: context.categories) else {
                        problems.append(PlanProblem(.memberCategory(r, m, i),
                                                    "member \(member.name): unknown category \(text) (categories: \(context.categories.map(\.id).joined(separator: ", ")))"))
                        continue
                    }
                    if !ids.contains(category.id) { ids.append(category.id) }
                }
                plan.rounds[r].members[m].categories = ids
            }
        }
        return problems.isEmpty ? .success(plan) : .failure(PlanProblems(list: problems))
    }

    /// A category by id or by name in either language.
    public static func category(_ text: String, in categories: [Category]) -> Category? {
        let key = text.trimmingCharacters(in: .whitespaces)
        return categories.first { $0.id == key } ?? categories.first { $0.name.zh == key || $0.name.en.lowercased() == key.lowercased() }
    }
}

/// What one member covers in one round: the units of their batches (every unit of the
/// round's scope when they have none) and their categories (all when they have none).
public struct MemberAssignment: Hashable, Sendable {
    public var round: RoundPlan
    public var member: PlanMember

    public init(round: RoundPlan, member: PlanMember) {
        self.round = round
        self.member = member
    }

    public func includes(_ unit: ProjectUnit) -> Bool {
        guard round.includes(unit) else { return false }
        return member.batches.isEmpty || round.batch(of: unit).map { member.batches.contains($0.name) } ?? false
    }

    public func covers(category: String) -> Bool { member.covers(category: category) }

    /// Whether it narrows anything: some batches or some categories.
    public var isPartial: Bool { !member.batches.isEmpty || !member.categories.isEmpty || !round.batches.isEmpty }
}

extension ProjectPlan {
    /// The same plan with every date `days` later (earlier when negative).
    public func shifted(days: Int) -> ProjectPlan {
        var plan = self
        for r in plan.rounds.indices {
            plan.rounds[r].start = plan.rounds[r].start.adding(days: days)
            plan.rounds[r].finish = plan.rounds[r].finish.adding(days: days)
            for b in plan.rounds[r].batches.indices {
                plan.rounds[r].batches[b].start = plan.rounds[r].batches[b].start.adding(days: days)
                plan.rounds[r].batches[b].finish = plan.rounds[r].batches[b].finish.adding(days: days)
            }
        }
        return plan
    }

    /// What `name` covers in round `number` (nil: the plan does not name them there).
    public func assignment(of name: String, round number: Int) -> MemberAssignment? {
        guard let round = round(number), let member = round.member(named: name) else { return nil }
        return MemberAssignment(round: round, member: member)
    }
}
