import InspectionCore
import Testing

@Suite struct WordsTests {
    @Test func theWaivedStatusSaysTheProblemRemainsWithAUnifiedAnswer() {
        #expect(DefectStatus.waived.name.zh == "遗留问题（已统一口径）")
        #expect(DefectStatus.waived.name.en == "waived (unified answer)")
    }
}
