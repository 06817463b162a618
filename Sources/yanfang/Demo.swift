import ArgumentParser
import Foundation
import InspectionCore
import InspectionDemo
import InspectionStore

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the demo project (a fresh file each time) and open it.",
        discussion: """
        The demo is a project in the middle of round 3 (--round 2: of round 2),
        built from the shipped fixtures and checklists into ./yanfang-demo.db
        (or --db FILE), with its plan (fixtures/demo/plan.yaml: rounds, batches,
        who covers what; its dates moved with the demo's) unless --no-plan.
        An earlier demo file there is replaced, any other file is left alone.
        --generate builds a large synthetic project instead, for benchmarks
        (default ./yanfang-generated.db).
        """)

    @ParentCommand var root: Yanfang
    @Option(name: .long, help: ArgumentHelp("Where to write it.", valueName: "FILE")) var db: String?
    @Flag(help: "Only build the file; do not open the interface.") var noInterface = false
    @Flag(help: "Build the demo without its plan (every unit in every round, as a project without one).") var noPlan = false
    @Option(help: ArgumentHelp("How far the demo has got: round 3 under way, or round 2 (whose penalty list is empty).",
                               valueName: "2|3")) var round = "3"
    @Flag(help: "Build a large synthetic project instead of the demo.") var generate = false
    @Option(help: "Units in the synthetic project.") var units = 10_000
    @Option(help: "Rounds in the synthetic project (each walked completely and closed).") var rounds = 3
    @Option(help: "New defects per unit per round in the synthetic project.") var defects = 10
    @Option(help: "Seed of the synthetic project.") var seed: UInt64 = 1

    func validate() throws {
        if units < 1 || units > 200_000 { throw ValidationError("--units must be from 1 to 200000") }
        if rounds < 1 || rounds > 9 { throw ValidationError("--rounds must be from 1 to 9") }
        if defects < 0 || defects > 50 { throw ValidationError("--defects must be from 0 to 50") }
    }

    func run() throws {
        guard let stage = Int(round).flatMap(DemoProject.Stage.init(rawValue:)) else { throw UsageError("--round \(round) must be 2 or 3") }
        let path = db ?? root.db ?? (generate ? "yanfang-generated.db" : "yanfang-demo.db")
        let replacing = try isReplaceableDemo(path)
        let today = try Env.today()
        if generate {
            let start = Date()
            try createDatabase(at: path, replacing: replacing) { store in
                try SyntheticProject.generate(into: store, options: .init(units: units, rounds: rounds, defectsPerUnitRound: defects, seed: seed),
                                              today: today) { line in
                    FileHandle.standardError.write(Data("  \(line)\n".utf8))
                }
                try store.markAsDemo()
            }
            let store = try InspectionStore.open(path: path)
            let count = try store.board(round: nil, today: today).tables.total.total
            print("Generated \(path): \(englishCount(units, "unit", "units")), \(englishCount(rounds, "round", "rounds")), \(englishCount(count, "defect", "defects")) in \(Int(Date().timeIntervalSince(start))) s.")
            return
        }
        let project = try createDatabase(at: path, replacing: replacing) { store in
            let project = try DemoProject.build(into: store, today: today, withPlan: !noPlan, stage: stage)
            try store.markAsDemo()
            return project
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        print("Demo database: \(absolute) (\(project.name), delivery \(project.delivery))")
        if !noInterface {
            try runInterface(path: path, language: root.lang?.language, contractor: root.contractor)
        }
    }

    /// An earlier demo may be replaced; any other file stays untouched (its header says which,
    /// so it is not even opened).
    func isReplaceableDemo(_ path: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        guard try InspectionStore.isDemoFile(path: path) else {
            throw EnvironmentError(description: "\(path): a yanfang project, not a demo; it is left alone (choose another --db)")
        }
        return true
    }
}
