import Foundation
import InspectionReports
import InspectionStore
import Testing

/// Prints HTML to PDF with headless Chromium and extracts the text with pdftotext, as a
/// person printing the file would see it. `.ci/run` installs chromium and poppler-utils.
func printedText(ofHTML html: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yanfang-pdf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = folder.appendingPathComponent("page.html"), pdf = folder.appendingPathComponent("page.pdf")
    try Data(html.utf8).write(to: page)
    let browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let browser else { throw BrowserMissing(message: "no Chromium: apt-get install chromium poppler-utils (as .ci/run does)") }
    try runTool(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                          "--user-data-dir=\(folder.path)/profile", "--print-to-pdf=\(pdf.path)", page.absoluteString])
    try runTool("/usr/bin/pdftotext", ["-layout", pdf.path, folder.appendingPathComponent("page.txt").path])
    return try String(contentsOf: folder.appendingPathComponent("page.txt"), encoding: .utf8)
}

struct BrowserMissing: Error, CustomStringConvertible { var message: String; var description: String { message } }

func runTool(_ path: String, _ arguments: [String]) throws {
    guard FileManager.default.isExecutableFile(atPath: path) else { throw BrowserMissing(message: "\(path) is missing (apt-get install poppler-utils)") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    if process.terminationStatus != 0 { throw BrowserMissing(message: "\(path) exited \(process.terminationStatus)") }
}

@Suite(.serialized) struct PrintedDocuments {
    @Test func theReportPrintsWithChineseHeadingsChartsAndMarkCodes() throws {
        let p = try ScriptedProject()
        let report = try AcceptanceReport.load(store: p.store, round: 3, today: ScriptedProject.today)
        let text = try printedText(ofHTML: report.html())
        for heading in ["模拟验收报告", "一、范围与日期", "四、重复整改不合格（奖罚）", "五、统一口径的风险问题", "八、交付前须完成的工作"] {
            #expect(text.contains(heading), "missing \(heading)")
        }
        #expect(text.contains(p.codes["leak"]!))
        #expect(text.contains(p.codes["window"]!))
        #expect(text.contains("门窗"))  // a chart label, drawn as SVG text
    }

    @Test func theRectificationListPrintsAPagePerBuildingWithItsCodes() throws {
        let p = try ScriptedProject()
        let list = try RectificationList.load(store: p.store, contractor: ScriptedProject.windows, all: true, today: ScriptedProject.today)
        let text = try printedText(ofHTML: list.html())
        #expect(text.contains("整改通知单"))
        #expect(text.contains(ScriptedProject.windows))
        #expect(text.contains(p.codes["glass"]!) && text.contains(p.codes["window"]!))
        #expect(text.contains("1栋") && text.contains("2栋"))
        #expect(text.contains("\u{0C}"))  // the form feed between printed pages
    }

    @Test func theReportPrintsTheRoundsDeadline() throws {
        let p = try ScriptedProject()
        let report = try AcceptanceReport.load(store: p.store, round: 3, today: ScriptedProject.today)
        let text = try printedText(ofHTML: report.html())
        #expect(text.contains("整改期限：2026-10-26。"))
        #expect(text.contains("奖励依据"))
    }

    @Test func theReportPrintsEachUnifiedAnswerWithItsPlanAndItsDefects() throws {
        let p = try ScriptedProject()
        let report = try AcceptanceReport.load(store: p.store, round: 3, today: ScriptedProject.today)
        let text = try printedText(ofHTML: report.html())
        let a = ScriptedProject.profileAnswer
        for expected in ["MC-01 · 窗型材批次变形", a.text, "预案 · 措施", a.plan.action, "责任人", a.plan.owner, "完成时间", "2027-03-31",
                         "业主问询答复", a.plan.buyerQuestions, "批准人", "客服经理 周文", p.codes["window"]!] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        let english = try printedText(ofHTML: report.html(language: .en))
        for expected in ["MC-01", "Contingency plan", "By whom", "By when", "2027-03-31", "Approved by", p.codes["window"]!] {
            #expect(english.contains(expected), "missing \(expected)")
        }
    }

    @Test func theNoticePrintsItsDeadlineAndWhatIsOverdue() throws {
        let p = try ScriptedProject()
        let list = try RectificationList.load(store: p.store, contractor: ScriptedProject.waterproofing, all: false, today: ScriptedProject.today)
        let text = try printedText(ofHTML: list.html())
        #expect(text.contains("整改期限：2026-10-26（逾期 1 项）"))
        #expect(text.contains("2026-10-26 逾期"))
        #expect(text.contains(p.codes["leak"]!))
    }
}
