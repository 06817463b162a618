import InspectionCore
import Yams

/// The plan file (`plan.yaml`, beside the checklists): read with every problem at its line,
/// checked against the project, and written back in the same form (`yanfang plan export`).
///
/// ```yaml
/// demonstration_unit: 1-1-0101   # 示范户
/// rounds:
///   - round: 1
///     start: 2026-11-02
///     finish: 2026-11-20
///     batches:                   # in order; none: every unit is in the round
///       - name: 第一批
///         buildings: ["1"]
///         entrances: ["2-1"]     # building-entrance
///         start: 2026-11-02
///         finish: 2026-11-10
///     members:
///       - name: 王工             # the name they give as inspector
///         role: 工程
///         batches: [第一批]      # none: every batch
///         categories: [hollowness, 渗漏]   # id or name; none: every category
///     materials: [空鼓锤, 粉笔]  # none: the shipped list
/// ```
public enum PlanFile {
    public static let fileName = "plan.yaml"

    /// Reads and checks a plan; any problem refuses the whole file.
    public static func load(_ source: SourceFile, context: PlanContext) -> Result<ProjectPlan, FileProblems> {
        let problems = YAMLProblems(file: source.name)
        var lines: [PlanPlace: Int] = [:]
        guard let plan = parse(source.text, problems: problems, lines: &lines), problems.list.isEmpty else {
            return .failure(FileProblems(problems.list))
        }
        switch PlanRules.validated(plan, against: context) {
        case .success(let valid):
            return .success(valid)
        case .failure(let found):
            let located = found.list.map { LineProblem(file: source.name, line: line(of: $0.place, in: lines), message: $0.message) }
            // In the file's order, so that they read from top to bottom.
            return .failure(FileProblems(located.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)))
        }
    }

    /// The line a place was written on, else the nearest enclosing one's.
    static func line(of place: PlanPlace, in lines: [PlanPlace: Int]) -> Int {
        if let line = lines[place] { return line }
        switch place {
        case .roundNumber(let r), .roundStart(let r), .roundFinish(let r): return lines[.round(r)] ?? 0
        case .batchStart(let r, let b), .batchFinish(let r, let b), .batchPlace(let r, let b, _): return lines[.batch(r, b)] ?? lines[.round(r)] ?? 0
        case .memberRole(let r, let m), .memberBatch(let r, let m, _), .memberCategory(let r, let m, _):
            return lines[.member(r, m)] ?? lines[.round(r)] ?? 0
        case .batch(let r, _), .member(let r, _): return lines[.round(r)] ?? 0
        default: return lines[.plan] ?? 1
        }
    }

    static func parse(_ text: String, problems: YAMLProblems, lines: inout [PlanPlace: Int]) -> ProjectPlan? {
        guard let root = composeYAML(text, problems: problems),
              let fields = YAMLFields(root, what: "the plan", allowed: ["demonstration_unit", "rounds"], problems: problems)
        else { return nil }
        func mark(_ place: PlanPlace, _ node: Node?) { if let line = node?.mark?.line { lines[place] = line } }
        mark(.plan, root)
        mark(.demonstrationUnit, fields.node("demonstration_unit"))
        let demonstration = fields.string("demonstration_unit", required: false)
        guard let roundList = fields.node("rounds")?.sequence else {
            problems.add(fields.node("rounds") ?? root, "\"rounds\" must be a list of rounds")
            return nil
        }
        var rounds: [RoundPlan] = []
        for (r, node) in roundList.enumerated() {
            mark(.round(r), node)
            guard let f = YAMLFields(node, what: "round", allowed: ["round", "start", "finish", "batches", "members", "materials"], problems: problems)
            else { continue }
            mark(.roundNumber(r), f.node("round"))
            mark(.roundStart(r), f.node("start"))
            mark(.roundFinish(r), f.node("finish"))
            let number = f.node("round")?.int
            if number == nil { problems.add(f.node("round") ?? node, "round: \"round\" must be its number (1, 2, 3 …)") }
            let what = "round \(number.map(String.init) ?? "?")"
            let start = day(f, "start", what: what), finish = day(f, "finish", what: what)
            var batches: [PlanBatch] = []
            for (b, batchNode) in list(f, "batches", what: what).enumerated() {
                mark(.batch(r, b), batchNode)
                guard let bf = YAMLFields(batchNode, what: "batch", allowed: ["name", "buildings", "entrances", "start", "finish"], problems: problems),
                      let name = bf.string("name") else { continue }
                mark(.batchStart(r, b), bf.node("start"))
                mark(.batchFinish(r, b), bf.node("finish"))
                let buildings = bf.strings("buildings", required: false) ?? []
                let entranceTexts = bf.strings("entrances", required: false) ?? []
                var entrances: [PlanEntrance] = []
                for (text, entranceNode) in entranceTexts {
                    guard let entrance = PlanEntrance(text) else {
                        problems.add(entranceNode, "batch \(name): entrance \"\(text)\" must be written building-entrance (3-1)")
                        continue
                    }
                    entrances.append(entrance)
                }
                for (p, (_, placeNode)) in (buildings + entranceTexts).enumerated() { mark(.batchPlace(r, b, p), placeNode) }
                guard let bs = day(bf, "start", what: "batch \(name)"), let bfin = day(bf, "finish", what: "batch \(name)") else { continue }
                batches.append(PlanBatch(name: name, start: bs, finish: bfin, buildings: buildings.map(\.0), entrances: entrances))
            }
            var members: [PlanMember] = []
            for (m, memberNode) in list(f, "members", what: what).enumerated() {
                mark(.member(r, m), memberNode)
                guard let mf = YAMLFields(memberNode, what: "member", allowed: ["name", "role", "batches", "categories"], problems: problems),
                      let name = mf.string("name"), let role = mf.string("role") else { continue }
                mark(.memberRole(r, m), mf.node("role"))
                let memberBatches = mf.strings("batches", required: false) ?? []
                let categories = mf.strings("categories", required: false) ?? []
                for (i, (_, n)) in memberBatches.enumerated() { mark(.memberBatch(r, m, i), n) }
                for (i, (_, n)) in categories.enumerated() { mark(.memberCategory(r, m, i), n) }
                members.append(PlanMember(name: name, role: role, batches: memberBatches.map(\.0), categories: categories.map(\.0)))
            }
            var materials = PlanDefaults.materials
            if f.has("materials"), let listed = f.strings("materials") {
                materials = listed.map(\.0).filter { !$0.isEmpty }
            }
            guard let number, let start, let finish else { continue }
            rounds.append(RoundPlan(number: number, start: start, finish: finish, batches: batches, members: members, materials: materials))
        }
        return ProjectPlan(demonstrationUnit: demonstration, rounds: rounds)
    }

    private static func day(_ fields: YAMLFields, _ key: String, what: String) -> Day? {
        guard let text = fields.string(key) else { return nil }
        guard let day = Day(text) else {
            fields.problems.add(fields.node(key), "\(what): \(key) \"\(text)\" is not a date (YYYY-MM-DD)")
            return nil
        }
        return day
    }

    private static func list(_ fields: YAMLFields, _ key: String, what: String) -> [Node] {
        guard let node = fields.node(key) else { return [] }
        guard let sequence = node.sequence else {
            fields.problems.add(node, "\(what): \"\(key)\" must be a list")
            return []
        }
        return Array(sequence)
    }

    // MARK: - Writing

    /// The plan as a file that reads back to the same plan; categories are written as ids,
    /// with their names in a comment.
    public static func yaml(_ plan: ProjectPlan, categories: [Category]) -> String {
        var out = "# 验收计划 · inspection plan (yanfang plan import / export)\n"
        if let unit = plan.demonstrationUnit { out += "demonstration_unit: \(quoted(unit))\n" }
        out += "rounds:\n"
        for round in plan.rounds {
            out += "  - round: \(round.number)\n"
            out += "    start: \(round.start)\n"
            out += "    finish: \(round.finish)\n"
            if !round.batches.isEmpty {
                out += "    batches:\n"
                for batch in round.batches {
                    out += "      - name: \(quoted(batch.name))\n"
                    if !batch.buildings.isEmpty { out += "        buildings: \(flow(batch.buildings))\n" }
                    if !batch.entrances.isEmpty { out += "        entrances: \(flow(batch.entrances.map(\.description)))\n" }
                    out += "        start: \(batch.start)\n"
                    out += "        finish: \(batch.finish)\n"
                }
            }
            if !round.members.isEmpty {
                out += "    members:\n"
                for member in round.members {
                    out += "      - name: \(quoted(member.name))\n"
                    out += "        role: \(quoted(member.role))\n"
                    if !member.batches.isEmpty { out += "        batches: \(flow(member.batches))\n" }
                    if !member.categories.isEmpty {
                        let names = member.categories.map { id in categories.first { $0.id == id }?.name.zh ?? id }
                        out += "        categories: \(flow(member.categories))  # \(names.joined(separator: "、"))\n"
                    }
                }
            }
            out += "    materials: \(flow(round.materials))\n"
        }
        return out
    }

    private static func flow(_ texts: [String]) -> String { "[" + texts.map(quoted).joined(separator: ", ") + "]" }

    /// A YAML double-quoted scalar: the text exactly, whatever characters it has.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
