import InspectionCore
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

@Suite struct SharedVocabulary {
    @Test func theBoardPrintsThePenaltyRuleWithTheThresholdInForce() throws {
        let store = try demoStore()
        _ = try store.write(ActionContext(actor: "组长", at: testNow, today: testToday)) { tx in
            try tx.changeSettings(penaltyThreshold: 3, readinessTarget: nil, delivery: nil)
        }
        let terminal = drive(try makeApp(store), "b4")
        #expect(terminal.shows(RuleSentences.penalty(threshold: 3).zh))
        #expect(terminal.shows("同一问题在同一责任单位名下复查未过 3 次及以上"))
    }

    @Test func placesAreNamedAlikeOnScreensAndInDocuments() throws {
        let unit = try #require(try demoStore().unit(code: "3-1-0502"))
        #expect(Texts.zh.unitLabel(unit) == PlaceNames.unit(unit).zh)
        #expect(Texts.en.unitLabel(unit) == "Bldg 3 · Entr. 1 · 0502")
        #expect(Texts.en.entranceLabel("3", 1) == PlaceNames.entrance("3", 1).en)
    }
}
