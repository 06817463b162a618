// Times what one keystroke costs in the interface on a large project, through the same
// update/render path and store calls as the real program (the terminal is in memory):
// start-up to the first frame, moving in the unit list, finding a unit, opening it,
// recording a pass, undoing it, recording a re-check. Then the store calls alone.
// Usage: yanfang-bench DATABASE [ITERATIONS]
//        yanfang-bench day DATABASE [UNITS] [ITEMS] [DEFECTS]   (a laptop's day: see Day.swift)
//        yanfang-bench work DATABASE SEED [ROUNDS]   (every unit through ROUNDS rounds in a replica
//                                                      joined from a layout-only project)
import Foundation
import InspectionCore
import InspectionDemo
import InspectionStore
import InspectionTUI
import TerminalKit

let arguments = CommandLine.arguments
if arguments.count >= 3 && arguments[1] == "day" {
    let numbers = arguments.dropFirst(3).map { Int($0) }
    guard numbers.allSatisfy({ $0 != nil }) else {
        FileHandle.standardError.write(Data("usage: yanfang-bench day DATABASE [UNITS] [ITEMS] [DEFECTS]\n".utf8))
        exit(64)
    }
    let n = numbers.map { $0! }
    try recordDay(path: arguments[2], unitCount: n.count > 0 ? n[0] : 50, items: n.count > 1 ? n[1] : 80,
                  defects: n.count > 2 ? n[2] : 4)
    exit(0)
}
if arguments.count >= 4 && arguments[1] == "work" {
    guard let seed = UInt64(arguments[3]), let rounds = Int(arguments.count > 4 ? arguments[4] : "3") else {
        FileHandle.standardError.write(Data("usage: yanfang-bench work DATABASE SEED [ROUNDS]\n".utf8))
        exit(64)
    }
    let store = try InspectionStore.open(path: arguments[2])
    let units = try store.units().count
    try SyntheticProject.work(in: store, options: .init(units: units, rounds: rounds, seed: seed),
                              today: Day(year: 2026, month: 12, day: 1)!) { print($0) }
    exit(0)
}
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: yanfang-bench DATABASE [ITERATIONS]\n".utf8))
    exit(2)
}
let path = arguments[1]
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200
let clock = ContinuousClock()
var results: [(String, [Duration])] = []

func report(_ name: String, _ samples: [Duration]) {
    guard !samples.isEmpty else { return }
    let ms = samples.map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }.sorted()
    let median = ms[ms.count / 2], p95 = ms[min(ms.count - 1, ms.count * 95 / 100)]
    print(String(format: "%@ n=%d  median %.3f ms  p95 %.3f ms  max %.3f ms",
                 (name.padding(toLength: 36, withPad: " ", startingAt: 0)) as NSString, ms.count, median, p95, ms.last!))
}

let today = Day(year: 2026, month: 12, day: 1)!
let configuration = AppConfiguration(language: .zh, colorSupport: .eight, clock: { Date() }, today: { today })
let setup = try InspectionStore.open(path: path)
try setup.setSetting("ui.inspector", "基准")
try setup.setSetting("ui.unit", "")
let context = ActionContext(actor: "基准", at: Date(), today: today)
if try setup.rounds().last?.isOpen != true {
    _ = try setup.write(context) { tx in try tx.openRound(date: today) }
}
let units = try setup.units()
let round = try setup.rounds().last!.number

// Start-up: open the file, read the project, draw the first frame.
var startup: [Duration] = []
var app: InspectionApp!
for _ in 0..<5 {
    let t = clock.now
    app = try InspectionApp(store: try InspectionStore.open(path: path), configuration: configuration)
    var buffer = ScreenBuffer(width: 100, height: 30)
    _ = app.render(into: &buffer)
    startup.append(clock.now - t)
}
report("start-up: open + first frame", startup)

/// One keystroke: update, then draw the whole frame.
@MainActor @discardableResult
func press(_ key: Key) -> Duration {
    let t = clock.now
    _ = app.handle(.key(key))
    var buffer = ScreenBuffer(width: 100, height: 30)
    _ = app.render(into: &buffer)
    return clock.now - t
}

report("unit list: Enter from home", [press(.enter)])
report("unit list: ↓", (0..<iterations).map { _ in press(.down) })

var typing: [Duration] = [], open: [Duration] = [], pass: [Duration] = [], undo: [Duration] = [], recheck: [Duration] = [], move: [Duration] = []
for i in 0..<iterations {
    let unit = units[(i * 7919) % units.count]
    typing.append(press(.character("/")))
    for c in unit.code { typing.append(press(.character(c))) }
    // Enter on the found unit opens its walkthrough (an Enter more would open a defect's history).
    open.append(press(.enter))
    // The walkthrough opens on the first re-check still to do, else the first item.
    let view = try setup.unitRound(unit: unit, round: round)
    if view.rechecks.contains(where: { view.results.rechecks[$0.id] == nil && $0.status.blocksDelivery }) {
        recheck.append(press(.character("p")))
        undo.append(press(.character("u")))
        press(.tab)
    }
    let before = try setup.unitRound(unit: unit, round: round).progress.recorded
    pass.append(press(.character(" ")))
    guard try setup.unitRound(unit: unit, round: round).progress.recorded == before + 1 else {
        var screen = ScreenBuffer(width: 100, height: 30)
        _ = app.render(into: &screen)
        FileHandle.standardError.write(Data((screen.lines().joined(separator: "\n") + "\n").utf8))
        fatalError("Space did not record a pass in \(unit.code): the benchmark is not measuring a write")
    }
    undo.append(press(.character("u")))
    move.append(press(.down))
    press(.escape)
}
report("find: a keystroke in / search", typing)
report("open a unit: Enter", open)
report("record a pass: Space", pass)
report("record a re-check: p", recheck)
report("undo: u", undo)
report("move in a unit: ↓", move)

// The store calls alone.
var readUnit: [Duration] = [], writePass: [Duration] = []
for i in 0..<iterations {
    let unit = units[(i * 104_729) % units.count]
    var t = clock.now
    let view = try setup.unitRound(unit: unit, round: round)
    readUnit.append(clock.now - t)
    guard let pair = view.results.unrecorded(view.pairs).first else { continue }
    t = clock.now
    _ = try setup.write(context) { tx in try tx.recordItem(unit: unit.code, item: pair.item, room: pair.room, outcome: .pass) }
    writePass.append(clock.now - t)
    _ = try setup.write(context) { tx in try tx.undoLast(unit: unit.code) }
}
report("store: read a unit's round", readUnit)
report("store: record a pass (1 transaction)", writePass)
