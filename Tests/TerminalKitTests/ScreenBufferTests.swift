import TerminalKit
import Testing

@Test func chineseAndDigitsLandAtColumnsZeroTwoFourFiveSix() {
    var screen = ScreenBuffer(width: 20, height: 2)
    screen.put("测试123", at: Position(x: 0, y: 0))
    #expect(screen.lines() == ["测试123             ", "                    "])
    #expect(screen[0, 0].text == "测")
    #expect(screen[1, 0].isContinuation)
    #expect(screen[2, 0].text == "试")
    #expect(screen[3, 0].isContinuation)
    #expect(screen[4, 0].text == "1")
    #expect(screen[5, 0].text == "2")
    #expect(screen[6, 0].text == "3")
}

@Test func aWideCharacterAtTheRightEdgeBecomesASpace() {
    var screen = ScreenBuffer(width: 5, height: 1)
    let written = screen.put("ab测试", at: Position(x: 0, y: 0))
    #expect(screen.lines() == ["ab测 "])
    #expect(written == 5)
    #expect(screen[4, 0].text == " ")
    #expect(!screen[4, 0].isContinuation)
}

@Test func maxWidthClipsLikeAnEdge() {
    var screen = ScreenBuffer(width: 10, height: 1)
    screen.put("测试测试", at: Position(x: 1, y: 0), maxWidth: 5)
    #expect(screen.lines() == [" 测试     "])
}

@Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
    var screen = ScreenBuffer(width: 6, height: 1)
    screen.put("测试", at: Position(x: 0, y: 0))
    screen.put("x", at: Position(x: 1, y: 0))  // the right half of 测
    #expect(screen.lines() == [" x试  "])
    screen.put("y", at: Position(x: 2, y: 0))  // the left half of 试
    #expect(screen.lines() == [" xy   "])
}

@Test func aWideCharacterOverANarrowOneAndBack() {
    var screen = ScreenBuffer(width: 4, height: 1)
    screen.put("abcd", at: Position(x: 0, y: 0))
    screen.put("门", at: Position(x: 1, y: 0))
    #expect(screen.lines() == ["a门d"])
    screen.put("窗", at: Position(x: 2, y: 0))  // starts on 门's continuation
    #expect(screen.lines() == ["a 窗"])
}

@Test func controlCharactersPrintAsSpaces() {
    var screen = ScreenBuffer(width: 6, height: 1)
    screen.put("a\tb\nc", at: Position(x: 0, y: 0))
    #expect(screen.lines() == ["a b c "])
}

@Test func writingOutsideTheBufferIsIgnored() {
    var screen = ScreenBuffer(width: 3, height: 1)
    #expect(screen.put("abc", at: Position(x: 0, y: 5)) == 0)
    #expect(screen.put("abc", at: Position(x: 3, y: 0)) == 0)
    #expect(screen.lines() == ["   "])
}

@Test func spansKeepTheirStyles() {
    var screen = ScreenBuffer(width: 8, height: 1)
    let bold = Style(bold: true)
    screen.put(Line([Span("门", style: bold), Span("窗")]), at: Position(x: 0, y: 0))
    #expect(screen[0, 0].style == bold)
    #expect(screen[2, 0].style == .plain)
    #expect(screen.lines() == ["门窗    "])
}
