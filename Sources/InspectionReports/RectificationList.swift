import CSV
import Foundation
import InspectionCore
import InspectionStore

/// A contractor's rectification list (整改通知单): only its own defects, grouped by
/// building, entrance, unit and room, each with the code on the sticker at the spot.
public struct RectificationList: Sendable {
    public var project: Project
    public var contractor: String
    public var generated: Day
    /// In layout order, then room and code.
    public var defects: [DefectSummary]
    /// Why each is on the list: failed re-checks and claims, by defect.
    public var stories: [UUID: DefectStory]
    public var checklists: ChecklistSet
    /// The deadline the latest closed round set for what is still open on the list.
    public var deadline: Day? { defects.compactMap(\.deadline).max() }
    public var overdue: Int { defects.filter { $0.isOverdue(today: generated) }.count }

    /// "整改期限：2026-11-30（逾期 3 项）"
    func deadlineLine(_ deadline: Day, _ l: Language) -> String {
        let overdue = overdue
        switch l {
        case .zh: return "\(FieldLabels.deadline.zh)：\(deadline)" + (overdue > 0 ? "（\(FieldLabels.overdue.zh) \(overdue) 项）" : "")
        case .en: return "\(FieldLabels.deadline.en): \(deadline)" + (overdue > 0 ? " (\(overdue) \(FieldLabels.overdue.en))" : "")
        }
    }

    /// The list for `contractor`: what it still has to fix (open, or claimed fixed and
    /// awaiting re-check), or every one of its defects when `all`.
    /// `contractor` may be a unique part of the name.
    public static func load(store: InspectionStore, contractor typed: String, all: Bool, today: Day) throws -> RectificationList {
        let found = try store.resolveContractor(typed)
        var filter = DefectFilter()
        filter.contractor = found.name
        if !all { filter.statuses = DefectStatus.allCases.filter(\.blocksDelivery) }
        let defects = try store.defects(filter)
        return RectificationList(project: try store.requireProject(), contractor: found.name, generated: today,
                                 defects: defects, stories: try store.stories(of: defects.map(\.id)), checklists: try store.checklists())
    }

    /// Buildings in order, each with its defects.
    public var byBuilding: [(building: String, defects: [DefectSummary])] {
        var order: [String] = []
        var groups: [String: [DefectSummary]] = [:]
        for d in defects {
            if groups[d.building] == nil { order.append(d.building) }
            groups[d.building, default: []].append(d)
        }
        return order.map { ($0, groups[$0]!) }
    }

    func roomName(_ d: DefectSummary, _ language: Language) -> String {
        checklists.roomName(d.room, unitType: d.unitType, language: language)
    }

    func itemName(_ d: DefectSummary, _ language: Language) -> String {
        checklists.item(d.item)?.name.text(language) ?? d.item
    }

    // MARK: - CSV

    /// UTF-8 with a BOM and CRLF line ends, so Excel and LibreOffice open the Chinese
    /// intact; cells a spreadsheet would run as formulas are neutralised.
    public func csv(language: Language = .zh) throws -> Data {
        let rows = defects.map { d in
            RectificationRow(id: d.id, code: d.code.text, unitCode: d.unitCode, place: d.layoutKey, unitType: d.unitType, room: d.room, item: d.item,
                             note: d.note, severity: d.severity, roundFound: d.roundFound,
                             failedRechecks: d.failedRechecks, status: d.status, rectificationNote: d.rectificationNote, deadline: d.deadline)
        }
        return try Self.csv(rows, stories: stories, checklists: checklists, today: generated, language: language)
    }

    /// The CSV of a contractor's list straight from the store: the same file as
    /// `load(...).csv(...)`, without a `DefectSummary` per row.
    public static func csv(store: InspectionStore, contractor: String, all: Bool, today: Day, language: Language = .zh) throws -> Data {
        let found = try store.resolveContractor(contractor)
        let rows = try store.rectificationRows(contractor: found.name, statuses: all ? nil : DefectStatus.allCases.filter(\.blocksDelivery))
        return try csv(rows, stories: try store.stories(of: rows.map(\.id)), checklists: try store.checklists(), today: today, language: language)
    }

    /// The deadline cell: the date, marked when it has passed without a claim.
    static func deadlineText(_ deadline: Day?, status: DefectStatus, today: Day, _ l: Language) -> String {
        guard let deadline else { return "" }
        return RectificationTerms.isOverdue(status: status, deadline: deadline, today: today)
            ? "\(deadline) \(FieldLabels.overdue.text(l))" : deadline.description
    }

    static func csv(_ rows: [RectificationRow], stories: [UUID: DefectStory], checklists: ChecklistSet, today: Day, language: Language) throws -> Data {
        let out = try QuotedFields(quoted: true, reservingCapacity: 3 + 160 * (rows.count + 1))
        out.bytes.append(contentsOf: [0xEF, 0xBB, 0xBF])
        let header = [RT.code, RT.unit, RT.building, RT.entrance, RT.floor, RT.room, RT.itemID, RT.item, RT.note,
                      RT.severity, RT.roundFound, RT.failed, RT.status, FieldLabels.deadline, RT.failedWhy, RT.claims].map { $0.text(language) }
        try out.append(row: header)
        for d in rows {
            let story = StoryText.cells(stories[d.id], language: language, separator: "\n")
            let row = [d.code, d.unitCode, d.place.building, String(d.place.entrance), String(d.place.floor),
                       checklists.roomName(d.room, unitType: d.unitType, language: language), d.item,
                       checklists.item(d.item)?.name.text(language) ?? d.item, d.note, d.severity.name.text(language), String(d.roundFound),
                       String(d.failedRechecks), d.status.name.text(language),
                       deadlineText(d.deadline, status: d.status, today: today, language), story.failed, story.claims]
            try out.append(row: row.map(Escape.spreadsheetCell))
        }
        return Data(out.bytes)
    }

    // MARK: - Markdown

    public func markdown(language: Language = .zh) -> String {
        let l = language
        var out = "# \(RT.rectificationTitle.text(l)) · \(Escape.markdownCell(project.name))\n\n"
        out += "- \(RT.contractor.text(l)): \(Escape.markdownCell(contractor))\n"
        out += "- \(RT.delivery.text(l)): \(project.delivery)\n- \(RT.generated.text(l)): \(generated)\n"
        out += "- \(RT.itemsToFix.text(l)): \(defects.filter { $0.status == .open }.count) · \(RT.awaiting.text(l)): \(defects.filter { $0.status == .rectified }.count)\n"
        if let deadline { out += "- \(deadlineLine(deadline, l))\n" }
        out += "\n"
        if defects.isEmpty { return out + RT.noItems.text(l) + "\n" }
        for (building, list) in byBuilding {
            out += "## \(Escape.markdownCell(buildingName(building, l)))\n\n"
            out += "| \(RT.code.text(l)) | \(RT.unit.text(l)) | \(RT.room.text(l)) | \(RT.item.text(l)) | \(RT.note.text(l)) | \(RT.severity.text(l)) | \(RT.roundFound.text(l)) | \(RT.failed.text(l)) | \(RT.status.text(l)) | \(FieldLabels.deadline.text(l)) | \(RT.why.text(l)) |\n"
            out += "|---|---|---|---|---|---|---|---|---|---|---|\n"
            for d in list {
                let cells = [d.code.text, d.unitCode, roomName(d, l), "\(d.item) \(itemName(d, l))", d.note, d.severity.name.text(l),
                             String(d.roundFound), String(d.failedRechecks), d.status.name.text(l),
                             Self.deadlineText(d.deadline, status: d.status, today: generated, l),
                             StoryText.lines(stories[d.id], language: l).joined(separator: "；")]
                out += "| " + cells.map(Escape.markdownCell).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        return out
    }

    func buildingName(_ building: String, _ l: Language) -> String { PlaceNames.building(building).text(l) }

    // MARK: - HTML

    /// One printable A4 file: a page per building, every user text escaped.
    public func html(language: Language = .zh) -> String {
        let l = language
        let title = "\(RT.rectificationTitle.text(l)) · \(project.name) · \(contractor)"
        var body = "<header><h1>\(Escape.html(RT.rectificationTitle.text(l)))</h1>"
        body += "<p class=\"meta\">\(Escape.html(RT.project.text(l))): \(Escape.html(project.name)) · \(Escape.html(RT.contractor.text(l))): <strong>\(Escape.html(contractor))</strong>"
        body += " · \(Escape.html(RT.delivery.text(l))): \(project.delivery) · \(Escape.html(RT.generated.text(l))): \(generated)</p>"
        body += "<p class=\"meta\">\(Escape.html(RT.itemsToFix.text(l))): \(defects.filter { $0.status == .open }.count) · \(Escape.html(RT.awaiting.text(l))): \(defects.filter { $0.status == .rectified }.count)</p>"
        if let deadline { body += "<p class=\"meta deadline\"><strong>\(Escape.html(deadlineLine(deadline, l)))</strong></p>" }
        body += "</header>\n"
        if defects.isEmpty { body += "<p>\(Escape.html(RT.noItems.text(l)))</p>" }
        for (building, list) in byBuilding {
            body += "<section class=\"building\"><h2>\(Escape.html(buildingName(building, l)))</h2>\n"
            var unit = ""
            for d in list {
                if d.unitCode != unit {
                    if !unit.isEmpty { body += "</tbody></table>\n" }
                    unit = d.unitCode
                    let label = PlaceNames.unit(building: d.building, entrance: d.entrance, floor: d.floor, number: d.number).text(l)
                    body += "<h3>\(Escape.html(d.unitCode)) <small>\(Escape.html(label))</small></h3>\n"
                    body += "<table><thead><tr>" + [RT.code, RT.room, RT.item, RT.note, RT.severity, RT.roundFound, RT.failed, RT.status, FieldLabels.deadline, RT.why]
                        .map { "<th>\(Escape.html($0.text(l)))</th>" }.joined() + "</tr></thead><tbody>\n"
                }
                let cells = [("code", d.code.text), ("", roomName(d, l)), ("", "\(d.item) \(itemName(d, l))"), ("", d.note),
                             ("sev-\(d.severity.rawValue)", d.severity.name.text(l)), ("num", String(d.roundFound)),
                             (d.failedRechecks > 0 ? "num warn" : "num", String(d.failedRechecks)), ("", d.status.name.text(l)),
                             (d.isOverdue(today: generated) ? "deadline warn" : "deadline", Self.deadlineText(d.deadline, status: d.status, today: generated, l))]
                let why = StoryText.lines(stories[d.id], language: l).map(Escape.html).joined(separator: "<br>")
                body += "<tr>" + cells.map { "<td class=\"\($0.0)\">\(Escape.html($0.1))</td>" }.joined() + "<td class=\"why\">\(why)</td></tr>\n"
            }
            body += "</tbody></table>\n<p class=\"sign\">\(Escape.html(RT.signature.text(l)))</p></section>\n"
        }
        return HTMLPage.document(title: title, language: l, body: body)
    }
}

/// The page frame shared by the documents: A4, print-friendly, no outside resources.
enum HTMLPage {
    static let style = """
        @page { size: A4; margin: 14mm 12mm; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
               font-size: 10.5pt; color: #111; margin: 0; }
        h1 { font-size: 18pt; margin: 0 0 4pt; }
        h2 { font-size: 14pt; border-bottom: 2px solid #333; padding-bottom: 2pt; margin: 14pt 0 6pt; }
        h3 { font-size: 11pt; margin: 10pt 0 4pt; }
        h3 small { font-weight: normal; color: #555; margin-left: 6pt; }
        .meta { color: #333; margin: 2pt 0; }
        table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; page-break-inside: auto; }
        tr { page-break-inside: avoid; }
        th, td { border: 1px solid #999; padding: 3pt 4pt; text-align: left; vertical-align: top; }
        th { background: #eee; }
        td.num, th.num { text-align: right; }
        td.code { font-family: "DejaVu Sans Mono", monospace; font-weight: bold; white-space: nowrap; }
        td.warn { color: #b00; font-weight: bold; }
        td.deadline { white-space: nowrap; }
        td.sev-severe { color: #b00; font-weight: bold; }
        td.why { font-size: 9pt; color: #333; }
        section.building { break-before: page; page-break-before: always; }
        section.building:first-of-type { break-before: auto; page-break-before: auto; }
        section.report { break-inside: avoid-page; }
        .sign { margin-top: 14pt; }
        .warning { color: #b00; }
        svg text { font-size: 10px; }
        """

    static func document(title: String, language: Language, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language == .zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8">
        <title>\(Escape.html(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
