import Foundation
import InspectionCore
import InspectionDemo
import InspectionStore
@testable import InspectionTUI
import TerminalKit
import TerminalTesting
import Testing

let testToday = Day(year: 2026, month: 11, day: 23)!
let testNow: Date = {
    var c = DateComponents()
    c.year = 2026; c.month = 11; c.day = 23; c.hour = 10
    return Calendar.current.date(from: c)!
}()

/// The demo project in the middle of round 2, in memory, as of 2026-11-23, with an inspector already named unless
/// `named` is false.
func demoStore(named: Bool = true) throws -> InspectionStore {
    let store = try InspectionStore.inMemory()
    _ = try DemoProject.build(into: store, today: testToday, now: testNow, stage: .round2)
    if named { try store.setSetting(InspectionApp.inspectorKey, "王建国") }
    return store
}

func makeApp(_ store: InspectionStore, language: Language = .zh, contractor: String? = nil) throws -> InspectionApp {
    try InspectionApp(store: store, configuration: AppConfiguration(
        language: language, colorSupport: .eight, contractor: contractor, clock: { testNow }, today: { testToday }))
}

/// Runs the app on an in-memory terminal with the keys of `script` and returns the terminal.
@discardableResult
func drive(_ app: InspectionApp, _ script: String, width: Int = 80, height: Int = 24, extra: [InputEvent] = []) -> TestTerminal {
    let terminal = TestTerminal(width: width, height: height, events: keys(script) + extra)
    run(app, on: terminal, tooSmallMessage: app.tooSmallMessage)
    return terminal
}

/// Runs the app on `store` with `script`, checks every row is exactly the terminal's width,
/// and returns the screen with trailing spaces trimmed: a whole screen to compare line by line.
func wholeScreen(_ store: InspectionStore, _ script: String, language: Language, contractor: String? = nil,
                 width: Int, height: Int) throws -> [String] {
    let terminal = drive(try makeApp(store, language: language, contractor: contractor), script, width: width, height: height)
    #expect(terminal.screen.count == height)
    for line in terminal.screen { #expect(DisplayWidth.of(line) == width, "\(line)") }
    return terminal.trimmedScreen
}

/// The display column where `text` starts in `line`, counting wide characters as two.
func column(of text: String, in line: String) -> Int? {
    guard let range = line.range(of: text) else { return nil }
    return DisplayWidth.of(String(line[..<range.lowerBound]))
}

/// The screen after `script`, every row checked to be exactly the terminal's width, with
/// trailing spaces trimmed: for whole-screen expectations.
func wholeScreen(_ app: InspectionApp, _ script: String, size: (Int, Int)) -> [String] {
    let terminal = drive(app, script, width: size.0, height: size.1)
    #expect(terminal.screen.count == size.1)
    for line in terminal.screen { #expect(DisplayWidth.of(line) == size.0, "\(line)") }
    return terminal.trimmedScreen
}
