// A laptop's day, for the merge benchmark: in the latest round (opened first if none is open),
// walk UNITS units of the project one after another as the interface would, each result its
// own transaction: every re-check due (one in four fails), then ITEMS items one by one (every
// so often a defect instead of a pass, DEFECTS a unit), then the rest of the unit passes.
// Usage: yanfang-bench day DATABASE [UNITS] [ITEMS] [DEFECTS]
import Foundation
import InspectionCore
import InspectionStore

func recordDay(path: String, unitCount: Int, items: Int, defects: Int) throws {
    let clock = ContinuousClock()
    let today = Day(year: 2026, month: 12, day: 1)!
    func context() -> ActionContext { ActionContext(actor: "基准日", at: Date(), today: today) }
    let store = try InspectionStore.open(path: path)
    if try store.rounds().last?.isOpen != true {
        let opening = try store.write(context()) { tx in try tx.openRound(date: today) }
        print("opened round \(opening.number): \(opening.rechecks) re-checks")
    }
    let round = try store.rounds().last!.number
    let all = try store.units()
    // One building's stretch of units, as one laptop walks them: consecutive units from a third in.
    let start = all.count / 3
    let units = Array(all[start..<min(all.count, start + unitCount)])
    var writes = 0, rechecks = 0, passes = 0, found = 0, rest = 0
    let started = clock.now
    for unit in units {
        let view = try store.unitRound(unit: unit, round: round)
        for defect in view.rechecks where view.results.rechecks[defect.id] == nil && defect.status.blocksDelivery {
            let passed = rechecks % 4 != 3
            _ = try store.write(context()) { tx in
                try tx.recheck(code: defect.code.text, passed: passed, note: passed ? nil : "复查未通过")
            }
            rechecks += 1; writes += 1
        }
        // A ponding check waits 24 h after its start: a day of walking leaves them.
        let checklists = try store.checklists()
        let unrecorded = Array(view.results.unrecorded(view.pairs).filter { !PondingRules.isPonding(checklists.item($0.item)) }.prefix(items))
        let every = max(1, unrecorded.count / max(1, defects))
        for (index, pair) in unrecorded.enumerated() {
            if defects > 0 && index % every == every - 1 && index / every < defects {
                _ = try store.write(context()) { tx in
                    try tx.addDefect(unit: unit.code, item: pair.item, room: pair.room, note: "基准：墙面空鼓", severity: nil)
                }
                found += 1
            } else {
                _ = try store.write(context()) { tx in
                    try tx.recordItem(unit: unit.code, item: pair.item, room: pair.room, outcome: .pass)
                }
                passes += 1
            }
            writes += 1
        }
        let passed = try store.write(context()) { tx in try tx.passRemaining(unit: unit.code) }
        if !passed.isEmpty { rest += 1; writes += 1 }
    }
    let elapsed = clock.now - started
    print("day in round \(round): \(units.count) units (\(units.first?.code ?? "-") … \(units.last?.code ?? "-")), "
          + "\(writes) results: \(rechecks) re-checks, \(passes) passes, \(found) defects, \(rest) rest-passed; "
          + "\(elapsed.components.seconds) s")
}
