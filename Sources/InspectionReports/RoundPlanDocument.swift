import Foundation
import InspectionCore
import InspectionStore

/// The round plan handed out at the kick-off meeting (单轮验收计划): dates, batches, who does
/// what, the standards by category, the materials. One content, written as A4 HTML or as
/// Markdown.
public struct RoundPlanDocument: Sendable {
    public var project: Project
    public var plan: ProjectPlan
    public var round: RoundPlan
    public var checklists: ChecklistSet
    public var units: [ProjectUnit]
    /// Days the contractors get between rounds (a project setting).
    public var rectificationDays = ProjectPlan.defaultRectificationDays

    public init(project: Project, plan: ProjectPlan, round: RoundPlan, checklists: ChecklistSet, units: [ProjectUnit]) {
        self.project = project
        self.plan = plan
        self.round = round
        self.checklists = checklists
        self.units = units
    }

    public static func load(store: InspectionStore, round number: Int) throws -> RoundPlanDocument {
        guard let project = try store.project() else { throw InspectionError.noProject }
        guard let plan = try store.plan() else { throw InspectionError.invalidValue("the project has no plan yet (yanfang plan import plan.yaml)") }
        guard let round = plan.round(number) else {
            throw InspectionError.invalidValue("the plan has no round \(number) (rounds 1 to \(plan.rounds.count))")
        }
        var document = RoundPlanDocument(project: project, plan: plan, round: round, checklists: try store.checklists(), units: try store.units())
        document.rectificationDays = try store.rectificationDays()
        return document
    }

    enum Block {
        case heading(String)
        case subheading(String)
        case keyValue([(String, String)])
        case table([String], [[String]])
        case checklist([String])
        case paragraph(String)
    }

    func title(_ l: Language) -> String { "\(PT.title.text(l)) · " + (l == .zh ? "第 \(round.number) 轮" : "Round \(round.number)") }

    func categoryNames(_ ids: [String], _ l: Language) -> String {
        if ids.isEmpty { return PT.allCategories.text(l) }
        return ids.map { checklists.category($0)?.name.text(l) ?? $0 }.joined(separator: l == .zh ? "、" : ", ")
    }

    /// The document's content, in order.
    func blocks(_ l: Language) -> [Block] {
        let list = l == .zh ? "、" : ", "
        var blocks: [Block] = []
        var dates: [(String, String)] = [
            (PT.roundDates.text(l), "\(round.start) – \(round.finish)"),
            (RT.delivery.text(l), "\(project.delivery)"),
            (PT.riskCutoff.text(l), "\(Deadlines.riskCutoff(delivery: project.delivery))"),
            (PT.rectification.text(l), l == .zh ? "每轮之间 \(rectificationDays) 天" : "\(rectificationDays) days between rounds"),
            (PT.inScope.text(l), "\(units.filter(round.includes).count)"),
        ]
        if let next = plan.round(round.number + 1) {
            dates.append((PT.nextRound.text(l), "\(next.start)"))
        }
        if let unit = plan.demonstrationUnit {
            dates.append((PT.demonstration.text(l), unit))
        }
        blocks += [.heading(PT.schedule.text(l)), .keyValue(dates)]

        blocks.append(.heading(PT.batches.text(l)))
        if round.batches.isEmpty {
            blocks.append(.paragraph(PT.noBatches.text(l)))
        } else {
            blocks.append(.table([PT.batch.text(l), PT.places.text(l), PT.units.text(l), PT.start.text(l), PT.finish.text(l)],
                                 round.batches.map { b in
                                     [b.name, b.places.joined(separator: list), "\(units.filter(b.includes).count)", "\(b.start)", "\(b.finish)"]
                                 }))
        }

        blocks.append(.heading(PT.team.text(l)))
        blocks.append(.table([PT.member.text(l), PT.role.text(l), PT.batch.text(l), PT.covers.text(l)], round.members.map { m in
            [m.name, m.role, m.batches.isEmpty ? PT.allBatches.text(l) : m.batches.joined(separator: list), categoryNames(m.categories, l)]
        }))

        blocks.append(.heading(PT.standards.text(l)))
        for category in checklists.categories {
            let who = round.members.filter { $0.covers(category: category.id) }.map(\.name)
            blocks.append(.subheading(category.name.text(l)))
            blocks.append(.paragraph("\(PT.coveredBy.text(l))\(who.isEmpty ? PT.nobody.text(l) : who.joined(separator: list))"))
            let items = checklists.items.filter { $0.category == category.id }
            blocks.append(.table([RT.itemID.text(l), RT.item.text(l), PT.method.text(l), PT.criterion.text(l), PT.clause.text(l)], items.map { item in
                [item.id, item.name.text(l) + (item.when.map { l == .zh ? "（" + $0.summary.zh + "）" : " (" + $0.summary.en + ")" } ?? ""), item.method.name.text(l),
                 item.criterion.text(l), item.clause ?? ""]
            }))
        }

        blocks += [.heading(PT.materials.text(l)), .checklist(round.materials)]
        return blocks
    }

    public func html(language l: Language = .zh) -> String {
        var b = "<header><h1>\(Escape.html(title(l)))</h1><p class=\"meta\">\(Escape.html(project.name))</p></header>\n"
        for block in blocks(l) {
            switch block {
            case .heading(let text): b += "<h2>\(Escape.html(text))</h2>\n"
            case .subheading(let text): b += "<h3>\(Escape.html(text))</h3>\n"
            case .keyValue(let rows): b += DocumentTable.keyValueHTML(rows)
            case .table(let header, let rows): b += DocumentTable.html(header, rows)
            case .checklist(let items): b += "<ul class=\"materials\">\n" + items.map { "<li>☐ \(Escape.html($0))</li>\n" }.joined() + "</ul>\n"
            case .paragraph(let text): b += "<p>\(Escape.html(text))</p>\n"
            }
        }
        b += "<p class=\"sign\">\(Escape.html(PT.signature.text(l)))</p>\n"
        return HTMLPage.document(title: "\(title(l)) · \(project.name)", language: l, body: b)
    }

    public func markdown(language l: Language = .zh) -> String {
        var s = "# \(Escape.markdownCell(title(l))) · \(Escape.markdownCell(project.name))\n\n"
        for block in blocks(l) {
            switch block {
            case .heading(let text): s += "## \(Escape.markdownCell(text))\n\n"
            case .subheading(let text): s += "### \(Escape.markdownCell(text))\n\n"
            case .keyValue(let rows): s += DocumentTable.markdown(["", ""], rows.map { [$0.0, $0.1] })
            case .table(let header, let rows): s += DocumentTable.markdown(header, rows)
            case .checklist(let items): s += items.map { "- [ ] \(Escape.markdownCell($0))\n" }.joined() + "\n"
            case .paragraph(let text): s += "\(Escape.markdownCell(text))\n\n"
            }
        }
        return s + Escape.markdownCell(PT.signature.text(l)) + "\n"
    }
}

/// The round plan's words in Chinese and English.
enum PT {
    static let title = Localized(zh: "单轮验收计划", en: "Round inspection plan")
    static let schedule = Localized(zh: "一、时间安排", en: "1. Dates")
    static let batches = Localized(zh: "二、分批验收", en: "2. Batches")
    static let team = Localized(zh: "三、人员及分工", en: "3. Team and division of work")
    static let standards = Localized(zh: "四、验收内容与验收标准", en: "4. What is checked, and the standard")
    static let materials = Localized(zh: "五、物资准备", en: "5. Materials")
    static let roundDates = Localized(zh: "本轮时间", en: "This round")
    static let riskCutoff = Localized(zh: "风险排查截止", en: "Risk-screening cutoff")
    static let rectification = Localized(zh: "整改时间", en: "Rectification")
    static let inScope = Localized(zh: "本轮验收户数", en: "Units in this round")
    static let nextRound = Localized(zh: "下一轮开始", en: "Next round starts")
    static let demonstration = Localized(zh: "示范户（培训）", en: "Demonstration unit (training)")
    static let noBatches = Localized(zh: "本轮不分批：全部户一并验收。", en: "No batches: every unit is in this round at once.")
    static let batch = Localized(zh: "批次", en: "Batch")
    static let places = Localized(zh: "楼栋/单元", en: "Buildings / entrances")
    static let units = Localized(zh: "户数", en: "Units")
    static let start = Localized(zh: "开始", en: "Start")
    static let finish = Localized(zh: "完成", en: "Finish")
    static let member = Localized(zh: "姓名", en: "Name")
    static let role = Localized(zh: "角色", en: "Role")
    static let covers = Localized(zh: "负责验收内容", en: "Checks")
    static let allBatches = Localized(zh: "全部批次", en: "every batch")
    static let allCategories = Localized(zh: "全部类别", en: "every category")
    static let coveredBy = Localized(zh: "负责人：", en: "Checked by: ")
    static let nobody = Localized(zh: "（无人负责）", en: "(no one)")
    static let method = Localized(zh: "检查方法", en: "Method")
    static let criterion = Localized(zh: "验收标准", en: "Standard")
    static let clause = Localized(zh: "依据", en: "Clause")
    static let signature = Localized(zh: "编制：____________    审核：____________    日期：____________",
                                     en: "Prepared by: ____________    Approved by: ____________    Date: ____________")
}
