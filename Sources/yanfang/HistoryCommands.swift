import ArgumentParser
import Foundation
import InspectionStore

struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild every table the board and lists read from the history (the events).",
        discussion: """
        The history is the source of truth: the tables of units, contractors, rounds, defects, \
        re-check lists and progress are projections of it. This empties them and applies every \
        event again, in order, in one transaction (nothing changes if it fails).
        """)

    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let path = database.path(root: root)
        let store = try database.open(root: root)
        let summary = try store.rebuild()
        try store.close()
        print("Rebuilt \(path) from \(summary.events) events: \(summary.units) units, \(summary.rounds) rounds, \(summary.defects) defects.")
    }
}
