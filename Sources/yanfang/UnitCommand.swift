import ArgumentParser
import Foundation
import InspectionCore
import InspectionReports
import InspectionStore

struct UnitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit",
        abstract: "A unit's results in a round: every item with its result, its re-checks and progress.")
    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The unit code, e.g. 3-1-0502.") var code: String
    @Option(help: "The round (default: the latest).") var round: Int?
    @Flag(help: "Print JSON.") var json = false

    struct ItemJSON: Encodable { var room: String; var item: String; var result: String?; var defects: [String] }
    struct RecheckJSON: Encodable { var code: String; var roundFound: Int; var result: String?; var status: DefectStatus; var failedRechecks: Int }
    struct UnitJSON: Encodable {
        var unit: String; var round: Int; var type: String
        var applicable: Int; var recorded: Int; var rechecks: Int; var rechecksDone: Int; var complete: Bool
        var items: [ItemJSON]; var recheckList: [RecheckJSON]; var found: [String]
    }

    func run() throws {
        let store = try database.read(root: root)
        guard let unit = try store.unit(code: code) else { throw InspectionError.unknownUnit(code) }
        let rounds = try store.rounds()
        guard let number = round ?? rounds.last?.number else { throw InspectionError.noOpenRound }
        guard rounds.contains(where: { $0.number == number }) else { throw InspectionError.roundNotFound(number) }
        let view = try store.unitRound(unit: unit, round: number)
        let codes = Dictionary(view.found.map { ($0.id, $0.code.text) }, uniquingKeysWith: { a, _ in a })
        let items = view.pairs.map { pair -> ItemJSON in
            switch view.results.result(pair) {
            case .pass?: return ItemJSON(room: pair.room, item: pair.item, result: "pass", defects: [])
            case .notApplicable?: return ItemJSON(room: pair.room, item: pair.item, result: "na", defects: [])
            case .defects(let ids)?: return ItemJSON(room: pair.room, item: pair.item, result: "defect", defects: ids.compactMap { codes[$0] })
            case nil: return ItemJSON(room: pair.room, item: pair.item, result: nil, defects: [])
            }
        }
        let rechecks = view.rechecks.map { d in
            RecheckJSON(code: d.code.text, roundFound: d.roundFound, result: view.results.rechecks[d.id].map { $0 ? "pass" : "fail" },
                        status: d.status, failedRechecks: d.failedRechecks)
        }
        let p = view.progress
        let result = UnitJSON(unit: unit.code, round: number, type: unit.type, applicable: p.applicable, recorded: p.recorded,
                              rechecks: p.rechecks, rechecksDone: p.rechecksDone, complete: p.isComplete,
                              items: items, recheckList: rechecks, found: view.found.map(\.code.text))
        if json { try printJSON(result); return }
        print("\(unit.code) round \(number): items \(p.recorded)/\(p.applicable), re-checks \(p.rechecksDone)/\(p.rechecks)\(p.isComplete ? ", complete" : "")")
        for r in rechecks { print("  re-check \(r.code) (round \(r.roundFound)): \(r.result ?? "-")") }
        for i in items where i.result != nil { print("  \(i.room) \(i.item): \(i.result!)\(i.defects.isEmpty ? "" : " " + i.defects.joined(separator: " "))") }
    }
}
