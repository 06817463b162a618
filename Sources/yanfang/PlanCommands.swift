import ArgumentParser
import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import ProjectFiles

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "The inspection plan: rounds, batches, who covers what, materials, the demonstration unit.",
        subcommands: [Import.self, Export.self, Show.self, Check.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a plan file (YAML) in force; any problem refuses the whole file.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The plan file.", valueName: "FILE.yaml")) var file: String
        @Option(help: "Who imports it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            let text = try readText(URL(fileURLWithPath: file), display: file).get()
            let store = try database.open(root: root)
            let context = try Env.action(inspector)
            let plan = try store.write(context) { tx in
                let checked = try PlanFile.load(SourceFile(name: file, text: text), context: try tx.planContext()).get()
                return try tx.importPlan(checked, source: file)
            }
            let batches = plan.rounds.map(\.batches.count).reduce(0, +)
            let members = Set(plan.rounds.flatMap { $0.members.map(\.name) }).count
            print("Imported the plan: \(plan.rounds.count) round\(plan.rounds.count == 1 ? "" : "s"), \(batches) batch\(batches == 1 ? "" : "es"), \(members) member\(members == 1 ? "" : "s").")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the plan in force as a plan file (imports back to the same plan), or one round's printable plan.",
            discussion: "With --round N --format html|md: the round plan handed out at the kick-off meeting (单轮验收计划): "
                + "dates, batches, who does what, the standards by category, the materials; HTML is one A4 page set.")
        enum Format: String, ExpressibleByArgument { case yaml, html, md }
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Option(help: "One round's printable plan (with --format html or md).") var round: Int?
        @Option(help: "yaml (the plan file; the default), html or md (a round's printable plan).") var format: Format = .yaml
        @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "FILE")) var out: String?

        func validate() throws {
            if format != .yaml && round == nil { throw ValidationError("--format \(format.rawValue) prints one round's plan: give --round N") }
            if format == .yaml && round != nil { throw ValidationError("--round N prints one round's plan: give --format html or md") }
        }

        func run() throws {
            let store = try database.read(root: root)
            let plan = try requirePlan(store)
            guard let round else {
                try writeDocument(Data(PlanFile.yaml(plan, categories: try store.checklists().categories).utf8), to: out)
                return
            }
            let document = try RoundPlanDocument.load(store: store, round: round)
            let language = root.lang?.language ?? .zh
            let text = format == .html ? document.html(language: language) : document.markdown(language: language)
            try writeDocument(Data(text.utf8), to: out)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The plan in force, or one round of it.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this round.") var round: Int?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let store = try database.read(root: root)
            let plan = try requirePlan(store)
            if let round, plan.round(round) == nil {
                throw InspectionError.invalidValue("the plan has no round \(round) (rounds 1 to \(plan.rounds.count))")
            }
            let context = try store.planContext()
            if json {
                try printJSON(PlanText.json(plan, context: context, round: round))
            } else {
                for line in PlanText.lines(plan, context: context, rectificationDays: try store.rectificationDays(),
                                               deadlineRule: try store.deadlineRule(), round: round) { print(line) }
            }
        }
    }
}

extension PlanCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The plan against the schedule and the work done as of today: round 1 late, the last round after the 30-day cutoff, "
                + "fewer than three rounds, too little time to rectify between rounds, batches or categories no one covers, rounds behind.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let store = try database.read(root: root)
            _ = try requirePlan(store)
            let warnings = try store.planWarnings(today: try Env.today())
            if json {
                struct WarningJSON: Encodable { var kind: String; var message: String; var messageZh: String }
                try printJSON(warnings.map { WarningJSON(kind: $0.kind, message: $0.message.en, messageZh: $0.message.zh) })
            } else if warnings.isEmpty {
                print("The plan: no warnings.")
            } else {
                for warning in warnings { print("warning: \(warning.message.en)") }
            }
        }
    }
}

/// The plan in force, or a refusal saying how to give one.
func requirePlan(_ store: InspectionStore) throws -> ProjectPlan {
    _ = try store.requireProject()
    guard let plan = try store.plan() else { throw InspectionError.invalidValue("the project has no plan yet (yanfang plan import plan.yaml)") }
    return plan
}
