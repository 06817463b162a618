import Foundation
import InspectionCore
import InspectionStore
import ProjectFiles
import DefaultData

/// A scripted three-round project with known outcomes:
/// - 1-1-0101 LK-01 (waterproofing): fails its round-2 and round-3 re-checks → flagged in round 3.
/// - 1-1-0101 DW-10 (windows): waived in round 1 with a unified answer.
/// - 1-1-0102 HL-01 (tiling): rectified, passes its round-2 re-check → closed in round 2.
/// - 2-1-0101 PR-04 (windows): found in round 2, note written like a formula, still open.
struct ScriptedProject {
    let store: InspectionStore
    var codes: [String: String] = [:]  // name → mark code

    static let today = Day(year: 2026, month: 11, day: 23)!
    static let windows = "明远门窗工程有限公司"
    static let waterproofing = "云川建材防水工程有限公司"
    static let tiling = "恒砌瓷砖铺贴工程队"
    /// The unified answer the window is waived with.
    static let profileAnswer = UnifiedAnswer(
        code: "MC-01", title: "窗型材批次变形", text: "型材变形属批次问题，交付后统一更换，向业主出具书面承诺",
        plan: ContingencyPlan(action: "交付后30天内统一更换变形窗扇", owner: "明远门窗 项目经理", due: Day(year: 2027, month: 3, day: 31)!,
                              buyerQuestions: "客服出示书面承诺并登记更换时间"))

    static func context(_ day: Int) -> ActionContext {
        let date = Self.today.adding(days: day - 60)
        return ActionContext(actor: "王建国", at: Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400 + 36_000), today: date)
    }

    init() throws {
        store = try InspectionStore.inMemory()
        let rows = try LayoutFile.rows(data: Data("building,entrance,floor,unit,type\n1,1,1,1,A\n1,1,1,2,B\n2,1,1,1,B\n".utf8), file: "layout.csv").get()
        let checklists = try DefaultData.checklists()
        try store.write(Self.context(0)) { tx in
            _ = try tx.createProject(name: "脚本项目", delivery: Self.today.adding(days: 80), checklists: checklists, source: "test")
            _ = try tx.importLayout(rows: rows, file: "layout.csv")
            _ = try tx.addContractor(name: Self.windows, trades: ["windows"], buildings: nil)
            _ = try tx.addContractor(name: Self.waterproofing, trades: ["waterproofing"], buildings: nil)
            _ = try tx.addContractor(name: Self.tiling, trades: ["tiling"], buildings: nil)
            _ = try tx.addContractor(name: "江城建工第三建设有限公司", trades: ["general", "plastering", "painting", "entry-door", "interior-door", "plumbing", "electrical", "fitout"], buildings: nil)
        }
        // Round 1.
        _ = try store.write(Self.context(1)) { tx in try tx.openRound(date: Self.today.adding(days: -59)) }
        try startPonding(day: 1)
        codes["leak"] = try store.write(Self.context(2)) { tx in
            try tx.addDefect(unit: "1-1-0101", item: "LK-01", room: "主卫", note: "闭水试验后楼下渗水", severity: .severe).code.text
        }
        codes["window"] = try store.write(Self.context(2)) { tx in
            try tx.addDefect(unit: "1-1-0101", item: "DW-10", room: "客厅", note: "窗扇变形关闭不严", severity: nil).code.text
        }
        codes["tile"] = try store.write(Self.context(2)) { tx in
            try tx.addDefect(unit: "1-1-0102", item: "HL-01", room: "客厅", note: "地砖空鼓3块", severity: nil).code.text
        }
        try passAll(day: 3)
        _ = try store.write(Self.context(5)) { tx in try tx.closeRound(date: Self.today.adding(days: -55), partial: false) }
        _ = try store.write(Self.context(6)) { tx in
            try tx.defineAnswer(Self.profileAnswer)
            _ = try tx.waive(code: codes["window"]!, answer: Self.profileAnswer.code, approvedBy: "客服经理 周文")
        }
        _ = try store.write(Self.context(6)) { tx in try tx.rectify(code: codes["leak"]!, note: "已重做防水") }
        _ = try store.write(Self.context(6)) { tx in try tx.rectify(code: codes["tile"]!, note: "已重新铺贴") }
        // Round 2.
        _ = try store.write(Self.context(10)) { tx in try tx.openRound(date: Self.today.adding(days: -50)) }
        try startPonding(day: 10)
        _ = try store.write(Self.context(11)) { tx in try tx.recheck(code: codes["leak"]!, passed: false, note: "仍渗水") }
        _ = try store.write(Self.context(11)) { tx in try tx.recheck(code: codes["tile"]!, passed: true, note: nil) }
        codes["glass"] = try store.write(Self.context(11)) { tx in
            try tx.addDefect(unit: "2-1-0101", item: "PR-04", room: "客厅", note: "=HYPERLINK(\"http://x\") 玻璃划痕, 2处", severity: .minor).code.text
        }
        try passAll(day: 12)
        _ = try store.write(Self.context(15)) { tx in try tx.closeRound(date: Self.today.adding(days: -45), partial: false) }
        _ = try store.write(Self.context(16)) { tx in try tx.rectify(code: codes["leak"]!, note: "再次修补") }
        // Round 3.
        _ = try store.write(Self.context(20)) { tx in try tx.openRound(date: Self.today.adding(days: -40)) }
        try startPonding(day: 20)
        _ = try store.write(Self.context(21)) { tx in try tx.recheck(code: codes["leak"]!, passed: false, note: "楼下仍有水渍") }
        _ = try store.write(Self.context(21)) { tx in try tx.recheck(code: codes["glass"]!, passed: false, note: nil) }
        try passAll(day: 22)
        _ = try store.write(Self.context(25)) { tx in try tx.closeRound(date: Self.today.adding(days: -35), partial: false) }
    }

    /// Passes what is left in every unit on `day` (the ponding tests started a day or more before).
    func passAll(day: Int) throws {
        for unit in try store.units() {
            _ = try store.write(Self.context(day)) { tx in try tx.passRemaining(unit: unit.code) }
        }
    }

    /// The first visit of every unit's ponding tests, on `day`.
    func startPonding(day: Int) throws {
        for unit in try store.units() {
            _ = try store.write(Self.context(day)) { tx in try tx.startPondingTests(unit: unit.code) }
        }
    }
}
