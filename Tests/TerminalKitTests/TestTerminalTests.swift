import TerminalKit
import TerminalTesting
import Testing

/// A tiny program: a counter that `j` raises and `q` quits.
final class Counter: TerminalProgram {
    var count = 0
    func render(into buffer: inout ScreenBuffer) -> Position? {
        buffer.put("计数 \(count)", at: Position(x: 0, y: 0))
        return nil
    }
    func handle(_ event: InputEvent) -> Bool {
        if event == .key(.character("j")) { count += 1 }
        return event != .key(.character("q"))
    }
}

@Test func scriptedKeysDriveAProgramAndEveryFrameIsRecorded() {
    let terminal = TestTerminal(width: 80, height: 24, events: keys("jjjq"))
    run(Counter(), on: terminal, tooSmallMessage: "terminal too small (needs 80×24)")
    #expect(terminal.frames.count == 4)
    #expect(terminal.trimmedScreen.first == "计数 3")
}

@Test func belowTheMinimumTheScreenSaysSoAndRecoversWhenEnlarged() {
    let terminal = TestTerminal(width: 60, height: 20, events: keys("j") + [.resize(Size(width: 80, height: 24))] + keys("jq"))
    let counter = Counter()
    run(counter, on: terminal, tooSmallMessage: "terminal too small (needs 80×24)")
    #expect(terminal.frames[0].lines().contains { $0.contains("terminal too small (needs 80×24)") })
    #expect(counter.count == 1)  // the key pressed while too small did nothing
    #expect(terminal.trimmedScreen.first == "计数 1")
}

@Test func keyScriptsNameSpecialKeys() {
    #expect(keys("a<enter><esc><c-c><up>") == [.key(.character("a")), .key(.enter), .key(.escape), .key(.control("c")), .key(.up)])
    #expect(keys("门<space>") == [.key(.character("门")), .key(.character(" "))])
}

@Test func ctrlCEndsTheProgram() {
    let terminal = TestTerminal(events: keys("j<c-c>j"))
    let counter = Counter()
    run(counter, on: terminal, tooSmallMessage: "")
    #expect(counter.count == 1)
}
