import TerminalKit
import Testing

@Test func asciiTakesOneColumnAndCJKTwo() {
    #expect(DisplayWidth.of("abc") == 3)
    #expect(DisplayWidth.of("测试") == 4)
    #expect(DisplayWidth.of("测试123") == 7)
    #expect(DisplayWidth.of("３") == 2)  // fullwidth digit
    #expect(DisplayWidth.of("，") == 2)  // fullwidth comma
}

@Test func combiningMarksTakeNoColumnAndTextIsNormalised() {
    let decomposed = "e\u{0301}"  // e + combining acute
    #expect(DisplayWidth.of(decomposed) == 1)
    #expect(DisplayWidth.normalized(decomposed) == "\u{00E9}")
    #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
    #expect(DisplayWidth.of("\u{200B}") == 0)  // zero-width space
}

@Test func emojiPresentationTakesTwoColumns() {
    #expect(DisplayWidth.of("✅") == 2)
    #expect(DisplayWidth.of("👍") == 2)
    #expect(DisplayWidth.of("❤️") == 2)  // text heart made emoji by VS16
    #expect(DisplayWidth.of("🇨🇳") == 2)  // a flag
    #expect(DisplayWidth.of("✓") == 1)  // a text check mark stays narrow
}

@Test func controlCharactersTakeNoColumn() {
    #expect(DisplayWidth.of(Unicode.Scalar(0x07)!) == 0)
    #expect(DisplayWidth.of(Unicode.Scalar(0x9B)!) == 0)
}

@Test func fitNeverSplitsAWideCharacter() {
    #expect(DisplayWidth.fit("测试", width: 3, ellipsis: false) == "测 ")
    #expect(DisplayWidth.fit("测试测试", width: 5) == "测试…")
    #expect(DisplayWidth.fit("测试测试", width: 6) == "测试… ")
    #expect(DisplayWidth.fit("ab", width: 5, alignment: .right) == "   ab")
    #expect(DisplayWidth.fit("门窗", width: 6, alignment: .center) == " 门窗 ")
    #expect(DisplayWidth.of(DisplayWidth.fit("卫生间闭水试验", width: 9)) == 9)
}

@Test func prefixStopsBeforeAWideCharacterThatWouldStraddle() {
    #expect(DisplayWidth.prefix("a测试", fitting: 2) == "a")
    #expect(DisplayWidth.prefix("a测试", fitting: 3) == "a测")
}

@Test func wrapBreaksChineseAnywhereAndEnglishAtSpaces() {
    #expect(DisplayWidth.wrap("开启灵活关闭严密", width: 6) == ["开启灵", "活关闭", "严密"])
    #expect(DisplayWidth.wrap("opens freely and closes", width: 10) == ["opens", "freely and", "closes"])
    for line in DisplayWidth.wrap("标准 开启灵活、关闭严密，无卡阻（GB 50210-2018 §6.3.7）", width: 11) {
        #expect(DisplayWidth.of(line) <= 11)
    }
}
