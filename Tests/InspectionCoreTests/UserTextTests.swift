import Foundation
import InspectionCore
import Testing

@Suite struct UserTextTests {
    @Test func controlAndBidiCharactersAreRemovedAndBreaksBecomeSpaces() {
        #expect(UserText.line("窗框\u{1B}[2J渗水\u{7}\u{8}") == "窗框[2J渗水")
        #expect(UserText.line("第一行\n第二行\r第三行\t完") == "第一行 第二行 第三行 完")
        #expect(UserText.line("a\u{202E}cba\u{2066}x\u{2069}\u{200F}") == "acbax")
        #expect(UserText.line("\u{9B}31m\u{7F}红") == "31m红")
        #expect(UserText.line("  trailing\r\n") == "trailing")
        #expect(UserText.line("普通备注，无需处理") == "普通备注，无需处理")
    }

    @Test func namesAreStoredAndComparedInNFC() {
        let combining = "Cafe\u{301}"
        #expect(UserText.line(combining) == "Caf\u{E9}")
        #expect(Array(UserText.line(combining).unicodeScalars) == Array("Caf\u{E9}".unicodeScalars))
        #expect(Array(UserText.line("\u{F900}").unicodeScalars) == ["\u{8C48}"])  // a CJK compatibility ideograph
        #expect(UserText.sameName(combining, "Caf\u{E9}"))
        #expect(!UserText.sameName("Cafe", "Caf\u{E9}"))
    }

    @Test func echoedValuesShowControlsEscaped() {
        #expect(UserText.escaped("x\u{1B}[31m\n") == "x\\u{1B}[31m\\u{A}")
        #expect(UserText.escaped("无此单位") == "无此单位")
    }
}
