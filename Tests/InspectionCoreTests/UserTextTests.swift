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

    @Test func namesAlreadyInNFCAreKeptAsTheyAreAndOthersAreNormalized() {
        #expect(UserText.normalized("主卧") == "主卧")
        #expect(Array(UserText.normalized("\u{F900}房").unicodeScalars) == ["\u{8C48}", "\u{623F}"])
        // Ideographic tone marks are CJK punctuation that NFC reorders by combining class.
        #expect(Array(UserText.normalized("a\u{302B}\u{302A}").unicodeScalars) == ["a", "\u{302A}", "\u{302B}"])
        #expect(Array(UserText.normalized("（Cafe\u{301}）").unicodeScalars) == Array("（Caf\u{E9}）".unicodeScalars))
    }

    @Test func aRoomAndItemPairIsEqualAndHashesAlikeHoweverItsNameWasTyped() {
        let typed = RoomItem(room: "Cafe\u{301}\u{F900}", item: "DW-01")
        let stored = RoomItem(room: "Caf\u{E9}\u{8C48}", item: "DW-01")
        #expect(typed == stored)
        #expect(typed.hashValue == stored.hashValue)
        #expect(Set([typed, stored]).count == 1)
        #expect(RoomItem(room: "ab", item: "c") != RoomItem(room: "a", item: "bc"))
        var moved = stored
        moved.room = "Cafe\u{301}\u{F900}"
        #expect(moved == stored)
        let decoded = try? JSONDecoder().decode(RoomItem.self, from: Data(#"{"room":"Cafe\u0301","item":"x"}"#.utf8))
        #expect(decoded == RoomItem(room: "Caf\u{E9}", item: "x"))
    }

    @Test func echoedValuesShowControlsEscaped() {
        #expect(UserText.escaped("x\u{1B}[31m\n") == "x\\u{1B}[31m\\u{A}")
        #expect(UserText.escaped("无此单位") == "无此单位")
    }
}
