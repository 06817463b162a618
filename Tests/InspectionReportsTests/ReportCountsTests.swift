import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import Testing

@Suite struct ThreeRoundProjectCounts {
    @Test func boardCountsEachRoundExactly() throws {
        let p = try ScriptedProject()
        let round1 = try p.store.board(round: 1, today: ScriptedProject.today).tables.total
        #expect(round1.new == 3)
        #expect(round1.waived == 1)  // waived between rounds 1 and 2
        #expect(round1.open == 0 && round1.rectified == 2 && round1.closed == 0)
        let round2 = try p.store.board(round: 2, today: ScriptedProject.today).tables.total
        #expect(round2.new == 1 && round2.failedRechecks == 1 && round2.closed == 1 && round2.waived == 1)
        #expect(round2.open == 1 && round2.rectified == 1)  // the glass defect open; the leak claimed fixed again
        let round3 = try p.store.board(round: 3, today: ScriptedProject.today).tables.total
        #expect(round3.new == 0 && round3.failedRechecks == 2 && round3.open == 2 && round3.closed == 1 && round3.waived == 1)
    }

    @Test func theDefectFailingTwoRechecksIsFlaggedOnceInRoundThree() throws {
        let p = try ScriptedProject()
        let round3 = try p.store.penalties(round: 3)
        #expect(round3.first { $0.contractor == ScriptedProject.waterproofing }?.defects == [p.codes["leak"]!])
        #expect(try p.store.penalties(round: 2).allSatisfy { $0.count == 0 })
        let total = try p.store.penalties(round: nil)
        #expect(total.reduce(0) { $0 + $1.count } == 1)
        #expect(total.first?.contractor == ScriptedProject.waterproofing)
    }

    @Test func reportStatesRecheckOutcomesWaivedRisksAndActions() throws {
        let p = try ScriptedProject()
        let report = try AcceptanceReport.load(store: p.store, round: 2, today: ScriptedProject.today)
        #expect(report.facts.rechecks == RecheckOutcomes(carried: 2, passed: 1, failed: 1, waived: 0, pending: 0))
        #expect(report.facts.waived.map(\.code.text) == [p.codes["window"]!])
        let md = report.markdown()
        #expect(md.contains("## 五、统一口径的风险问题"))
        #expect(md.contains("型材变形属批次问题"))
        #expect(md.contains("| 复查通过 | 1 |"))
        #expect(md.contains("| 复查未过 | 1 |"))
        let round3 = try AcceptanceReport.load(store: p.store, round: 3, today: ScriptedProject.today)
        // Both of the leak's failures followed a claim of rectification.
        #expect(round3.markdown().contains("| 责任单位 | 本轮 | 累计 | 整改后仍不合格 | 未整改 | 编号 |"))
        #expect(round3.markdown().contains("| \(ScriptedProject.waterproofing) | 1 | 1 | 2 | 0 | \(p.codes["leak"]!) |"))
        #expect(round3.markdown().contains("同一问题在同一责任单位名下复查未过 2 次及以上，计入该单位奖罚"))
        #expect(round3.actions(.zh).contains { $0.contains("整改 2 项未销项问题") })
    }

    @Test func boardJSONHasTheRoundsCountsByBuildingCategoryAndContractor() throws {
        let p = try ScriptedProject()
        let board = try p.store.board(round: 3, today: ScriptedProject.today)
        let json = try JSONOutput.encode(BoardJSON(board, checklists: try p.store.checklists()))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let byContractor = try #require(object["byContractor"] as? [[String: Any]])
        let water = try #require(byContractor.first { $0["contractor"] as? String == ScriptedProject.waterproofing })
        #expect(water["failedRechecks"] as? Int == 1 && water["open"] as? Int == 1)
        let readiness = try #require(object["readiness"] as? [String: Any])
        #expect(readiness["ready"] as? Int == 1 && readiness["units"] as? Int == 3)
        #expect((readiness["blockingUnits"] as? [String]) == ["1-1-0101", "2-1-0101"])
    }

    /// Round 1 closed with the leak and the window open in 1-1-0101 and the tile in 1-1-0102;
    /// since then the window was waived and the tile closed, and the glass found in 2-1-0101.
    @Test func aClosedRoundsReportKeepsTheReadinessItClosedWith() throws {
        let p = try ScriptedProject()
        let round1 = try AcceptanceReport.load(store: p.store, round: 1, today: ScriptedProject.today)
        #expect(round1.board.readiness.blockingUnits == ["1-1-0101", "1-1-0102"])
        let md = round1.markdown()
        #expect(md.contains("可交付率 = 无待整改、待复查问题且已验满 3 轮的户 ÷ 全部户数；交付前以它代替一次交付成功率。"))
        #expect(md.contains("- 可交付率: 0 / 3 = 0.0%\n"))
        #expect(md.contains("- 未达交付条件的户：有未销项问题（2）: 1-1-0101 1-1-0102\n"))
        #expect(md.contains("- 未达交付条件的户：验房不足 3 轮（3）: 1-1-0101(1) 1-1-0102(1) 2-1-0101(1)\n"))
        let round3 = try AcceptanceReport.load(store: p.store, round: 3, today: ScriptedProject.today)
        #expect(round3.board.readiness.blockingUnits == ["1-1-0101", "2-1-0101"])
        #expect(round3.board.readiness.lackingRounds == [])
        #expect(round3.markdown().contains("- 可交付率: 1 / 3 = 33.3%\n"))
        #expect(round3.html().contains("一次交付成功率"))
    }

    /// The leak: failed its first re-check, both claims on time (rounds 1 and 2 closed on
    /// 09-29 and 10-09, claims on 09-30 and 10-10); the tile passed its first; the glass
    /// (windows) failed its first, with no claim.
    @Test func theReportAndBoardGiveTheRewardFiguresPerContractor() throws {
        let p = try ScriptedProject()
        let report = try AcceptanceReport.load(store: p.store, round: 3, today: ScriptedProject.today)
        let md = report.markdown()
        #expect(md.contains("### 奖励依据\n\n| 责任单位 | 一次整改合格率 | 按期报整改 | 未销项 | 重复整改不合格 |\n"))
        #expect(md.contains("| \(ScriptedProject.windows) | 0.0%（0/1） | 0/0 | 1 | 0 |\n"))
        #expect(md.contains("| \(ScriptedProject.waterproofing) | 0.0%（0/1） | 2/2 | 1 | 1 |\n"))
        #expect(md.contains("| \(ScriptedProject.tiling) | 100.0%（1/1） | 1/1 | 0 | 0 |\n"))
        #expect(md.contains("| 江城建工第三建设有限公司 | — | 0/0 | 0 | 0 |\n"))
        #expect(report.html().contains("<h3>奖励依据</h3>"))
        let json = try JSONOutput.encode(BoardJSON(report.board, checklists: try p.store.checklists()))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rewards = try #require(object["rewards"] as? [[String: Any]])
        let tiling = try #require(rewards.first { $0["contractor"] as? String == ScriptedProject.tiling })
        #expect(tiling["firstTimePassRate"] as? Double == 1 && tiling["claimsOnTime"] as? Int == 1)
    }

    /// In Chinese a dwelling is 户 (房号), never 单元 (the entrance).
    @Test func theReportCallsADwelling户() throws {
        let p = try ScriptedProject()
        let md = try AcceptanceReport.load(store: p.store, round: 1, today: ScriptedProject.today).markdown()
        #expect(md.contains("| 范围内户数 | 3 |"))
        #expect(md.contains("| 已验户数 | 3 |"))
        #expect(md.contains("## 六、未到达的户与复查"))
        #expect(md.contains("未达交付条件的户"))
        #expect(!md.contains("单元 ") && !md.contains("范围内单元") && !md.contains("已验单元"))
    }
}

