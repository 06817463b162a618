import ArgumentParser
import Foundation
import InspectionCore
import InspectionStore

struct PondingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ponding", abstract: "Ponding tests (闭水试验): start one in a unit's wet room; list those running and due.",
        discussion: "The check is recorded 24 h after the start as the item's result (yanfang inspect UNIT --item ID --pass, or yanfang defect add).",
        subcommands: [Start.self, List.self])

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a ponding test (the water is in); its check is due 24 h later.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The unit code, e.g. 3-1-0502.") var unit: String
        @Option(help: "The ponding item, e.g. LK-01.") var item: String?
        @Option(help: "The room (when the item applies to several).") var room: String?
        @Flag(help: "Every ponding test of the unit not started yet this round.") var all = false
        @Option(help: "Who starts it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func validate() throws {
            if all == (item != nil) { throw ValidationError("give --item ID [--room R], or --all") }
            if all && room != nil { throw ValidationError("--room goes with --item, not --all") }
        }

        func run() throws {
            let store = try database.open(root: root)
            let tests = try store.write(try Env.action(inspector)) { tx in
                all ? try tx.startPondingTests(unit: unit) : [try tx.startPonding(unit: unit, item: item ?? "", room: room)]
            }
            for test in tests {
                print("\(test.unitCode) \(test.pair.room) \(test.pair.item): ponding test started \(FieldTime.text(test.started)); check it from \(FieldTime.text(test.due)).")
            }
            if tests.isEmpty { print("\(unit): no ponding test left to start this round.") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The open round's ponding tests waiting for their check: due first, then running.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Checked ones too.") var all = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let store = try database.read(root: root)
            guard let round = try store.rounds().last(where: \.isOpen) else { throw InspectionError.noOpenRound }
            let now = try Env.now()
            let tests = try store.pondingTests(round: round.number, checked: all)
            func state(_ t: PondingTest) -> String { t.checked ? "checked" : t.isDue(at: now) ? "due" : "running" }
            let ordered = tests.filter { state($0) == "due" } + tests.filter { state($0) == "running" } + tests.filter { state($0) == "checked" }
            if json {
                struct PondingJSON: Encodable { var unit, room, item, started, due, by, state: String }
                try printJSON(ordered.map {
                    PondingJSON(unit: $0.unitCode, room: $0.pair.room, item: $0.pair.item, started: FieldTime.text($0.started),
                                due: FieldTime.text($0.due), by: $0.actor, state: state($0))
                })
            } else {
                for t in ordered {
                    print("\(t.unitCode)\t\(t.pair.room)\t\(t.pair.item)\tstarted \(FieldTime.text(t.started))\tdue \(FieldTime.text(t.due))\t\(state(t))")
                }
                if ordered.isEmpty { print("No ponding tests waiting in round \(round.number).") }
            }
        }
    }
}

struct SprayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spray", abstract: "Spray tests (淋水试验) of windows and façades, per entrance and band of floors.",
        subcommands: [Record.self, List.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a spray test of an entrance's band of floors.",
            discussion: "Each --leak UNIT:ROOM:NOTE (or UNIT:ROOM:ITEM:NOTE; the item is LK-03, window leaks, unless named) becomes a defect of that unit in the open round.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The building, e.g. 1.") var building: String
        @Option(help: "The entrance (单元), e.g. 2.") var entrance: Int
        @Option(help: ArgumentHelp("The band of floors tested.", valueName: "FROM-TO")) var floors: String
        @Option(help: ArgumentHelp("pass or leak.", valueName: "pass|leak")) var result: String
        @Option(help: ArgumentHelp("Where water came in (repeat for each).", valueName: "UNIT:ROOM[:ITEM]:NOTE")) var leak: [String] = []
        @Option(help: "A note on the test (equipment, weather, duration).") var note: String?
        @Option(help: ArgumentHelp("The day of the test (default today).", valueName: "YYYY-MM-DD")) var date: String?
        @Option(help: "Who tested (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            guard let band = FloorBand(floors) else { throw UsageError("--floors \(floors) is not a band of floors (e.g. 1-6)") }
            guard ["pass", "leak"].contains(result) else { throw UsageError("--result \(result) must be pass or leak") }
            let day = try Env.parseDay(date, option: "--date")
            let store = try database.open(root: root)
            let checklists = try store.checklists()
            let leaks = try leak.map { try SprayRules.LeakInput.parse(UserText.line($0), isItem: { checklists.item($0) != nil }) }
            let context = try Env.action(inspector, date: day)
            let recorded = try store.write(context) { tx in
                try tx.recordSpray(building: building, entrance: entrance, floors: band, date: context.today, passed: result == "pass",
                                   leaks: leaks, note: note.map(UserText.line))
            }
            let test = recorded.test
            print("Spray test \(test.building)-\(test.entrance) floors \(test.floors) on \(test.date): \(test.passed ? "passed" : "leaks")"
                + (recorded.defects.isEmpty ? "." : "; defects " + recorded.defects.map(\.code.text).joined(separator: ", ") + "."))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every spray test recorded, and each entrance's floors left untested.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let store = try database.read(root: root)
            let tests = try store.sprayTests()
            let coverage = try store.sprayCoverage()
            if json {
                struct LeakJSON: Encodable { var unit, room, item, note: String }
                struct TestJSON: Encodable {
                    var building: String; var entrance: Int; var floors: String; var date: String; var by: String
                    var result: String; var leaks: [LeakJSON]; var note: String?
                }
                struct EntranceJSON: Encodable { var building: String; var entrance: Int; var floors: String; var untested: [String] }
                struct ListJSON: Encodable { var tests: [TestJSON]; var entrances: [EntranceJSON] }
                try printJSON(ListJSON(
                    tests: tests.map { t in
                        TestJSON(building: t.building, entrance: t.entrance, floors: t.floors.description, date: t.date.description, by: t.actor,
                                 result: t.passed ? "pass" : "leak", leaks: t.leaks.map { LeakJSON(unit: $0.unit, room: $0.room, item: $0.item, note: $0.note) },
                                 note: t.note)
                    },
                    entrances: coverage.map { EntranceJSON(building: $0.building, entrance: $0.entrance, floors: $0.floors.description,
                                                            untested: $0.untested.map(\.description)) }))
                return
            }
            for t in tests {
                let leaks = t.leaks.map { "\($0.unit) \($0.room) \($0.item) \($0.note)" }.joined(separator: "; ")
                print("\(t.building)-\(t.entrance)\tfloors \(t.floors)\t\(t.date)\t\(t.actor)\t\(t.passed ? "pass" : "leak")" + (leaks.isEmpty ? "" : "\t\(leaks)"))
            }
            for c in coverage where !c.isComplete {
                print("untested: \(c.building)-\(c.entrance) floors \(c.untested.map(\.description).joined(separator: ", "))")
            }
        }
    }
}
