import ArgumentParser
import Foundation
import InspectionCore
import InspectionStore
import InspectionReports
import ProjectFiles

@main
struct Yanfang: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "yanfang",
        abstract: "验房 — pre-delivery mock inspection of new residential buildings.",
        discussion: """
        Without a subcommand, opens the terminal interface on the database.
        The database is --db FILE, else $YANFANG_DB, else ./yanfang.db.

        Exit status: 0 done; 1 refused by an inspection rule; 2 a bad file, database or
        terminal; 3 a round that cannot close yet; 64 bad arguments.
        """,
        version: version,
        subcommands: [
            Demo.self, Init.self, LayoutCommand.self, ChecklistCommand.self, ContractorCommand.self,
            RoundCommand.self, Inspect.self, UnitCommand.self, DefectCommand.self, AnswerCommand.self, PondingCommand.self, SprayCommand.self, Undo.self, Board.self, Penalties.self,
            Export.self, Report.self, PlanCommand.self, Training.self, Settings.self, Check.self, Join.self, Merge.self, Sync.self, Replicas.self, Conflicts.self, Rebuild.self,
        ]
    )

    @Option(name: .long, help: ArgumentHelp("The database file.", valueName: "FILE"))
    var db: String?

    @Option(name: .long, help: "Interface language: zh or en (default: zh when LANG starts with zh).")
    var lang: InterfaceLanguage?

    @Option(name: .long, help: ArgumentHelp("Open the rectification list of one contractor.", valueName: "NAME"))
    var contractor: String?

    var databasePath: String { Env.databasePath(db) }

    mutating func run() throws {
        try runInterface(path: databasePath, language: lang?.language, contractor: contractor)
    }

    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)  // --help, --version and usage errors, as the parser words them
        }
        do {
            try command.run()
        } catch {
            Foundation.exit(report(error))
        }
    }

    /// Prints a one-line message per problem and returns the exit status.
    static func report(_ error: Error) -> Int32 {
        // Values echoed in a message (a typed code, a name) are shown escaped: the line stays one plain line.
        func fail(_ message: String, _ status: Int32) -> Int32 {
            FileHandle.standardError.write(Data("yanfang: \(UserText.escaped(message))\n".utf8))
            return status
        }
        switch error {
        case let e as InspectionError:
            if case .roundIncomplete = e { return fail(e.description, 3) }
            return fail(e.description, 1)
        case let e as ContractorNameError:
            return fail(e.description, 1)
        case let e as StoreError:
            return fail(e.description, 2)
        case let e as FileProblems:
            for problem in e.problems { FileHandle.standardError.write(Data("\(UserText.escaped("\(problem)"))\n".utf8)) }
            return fail("\(e.problems.count) problem\(e.problems.count == 1 ? "" : "s"); nothing was changed", 2)
        case let e as LineProblem:
            return fail(e.description, 2)
        case let e as UsageError:
            return fail(e.description, ExitCode.validationFailure.rawValue)
        case let e as EnvironmentError:
            return fail(e.description, 2)
        case let e as ExitCode:
            return e.rawValue
        default:
            exit(withError: error)
        }
    }
}

enum InterfaceLanguage: String, ExpressibleByArgument, CaseIterable {
    case zh, en
    var language: Language { self == .zh ? .zh : .en }
}

/// The database option every subcommand shows in its help. The parser hands a value given
/// anywhere to the root's --db, so commands read both (`path(root:)`).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $YANFANG_DB, else ./yanfang.db).", valueName: "FILE"))
    var db: String?

    func path(root: Yanfang) -> String { Env.databasePath(db ?? root.db) }

    /// For a command that changes the file.
    func open(root: Yanfang) throws -> InspectionStore { try InspectionStore.open(path: path(root: root)) }

    /// For a command that only reads: the file is left byte-for-byte as it was.
    func read(root: Yanfang) throws -> InspectionStore { try InspectionStore.openForReading(path: path(root: root)) }
}

func printJSON<T: Encodable>(_ value: T) throws {
    print(try JSONOutput.encode(value))
}
