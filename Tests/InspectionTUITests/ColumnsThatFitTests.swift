import InspectionCore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

@Suite struct ColumnsThatFit {
    @Test func theEnglishUnitListKeepsItsRecheckNumbersAt80Columns() throws {
        let screen = drive(try makeApp(try demoStore(), language: .en), "<enter>").screen
        let first = try #require(screen.first { $0.contains("1-1-0101") })
        #expect(first.contains("items 446/446 re-checks 1/1"))
        #expect(first.contains("done, 1 open"))
    }

    @Test func theRoomHeadingStaysInViewWhileScrollingItsItems() throws {
        let app = try makeApp(try demoStore())
        let screen = drive(app, openUnit("1-2-0101") + String(repeating: "<down>", count: 14), width: 100, height: 30).screen
        #expect(screen[3].hasPrefix("■ 入户门  0/15"))
        #expect(!screen[4].contains("■"))
        #expect(screen.filter { $0.contains("■ 入户门") }.count == 1)
    }

    @Test func englishCountsAgreeWithTheirNouns() {
        let t = Texts.en
        #expect(t.failedCount(1) == "1 failed re-check")
        #expect(t.failedCount(2) == "2 failed re-checks")
        #expect(t.defectsCount(1) == "1 defect")
        #expect(t.daysLeft(1) == "1 day left")
    }
}
