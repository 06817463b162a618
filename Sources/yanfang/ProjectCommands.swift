import ArgumentParser
import DefaultData
import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import ProjectFiles

func loadChecklists(directory: String?) throws -> (ChecklistSet, String) {
    guard let directory else {
        return (try ChecklistLoader.load(files: DefaultData.checklistFiles()).get(), "shipped checklists")
    }
    let url = URL(fileURLWithPath: directory)
    return (try ChecklistLoader.load(directory: url, defaults: DefaultData.checklistFiles()).get(), directory)
}

func readLayout(_ path: String) throws -> [LayoutRow] {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        throw LineProblem(file: path, line: 0, message: "a folder, not a layout file (give the CSV inside it)")
    }
    let data: Data
    do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw LineProblem(file: path, line: 0, message: "cannot read (\(describe(error)))")
    }
    // Cleaned like any text a person gives: building names end up in unit codes and on screens.
    return try LayoutFile.rows(data: data, file: path).get().map { row in
        LayoutRow(line: row.line, building: UserText.line(row.building), entrance: UserText.line(row.entrance),
                  floor: UserText.line(row.floor), unit: UserText.line(row.unit), type: UserText.line(row.type))
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new project database.")

    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The project's name.") var project: String
    @Option(help: ArgumentHelp("The contracted delivery date.", valueName: "YYYY-MM-DD")) var delivery: String
    @Option(help: ArgumentHelp("A layout CSV to import.", valueName: "FILE.csv")) var layout: String?
    @Option(help: ArgumentHelp("A folder of checklist YAML files (default: the shipped ones).", valueName: "DIR")) var checklists: String?
    @Option(help: "Who creates it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

    func run() throws {
        guard let day = try Env.parseDay(delivery, option: "--delivery") else { return }
        let (set, source) = try loadChecklists(directory: checklists)
        let rows = try layout.map(readLayout)
        let path = database.path(root: root)
        let context = try Env.action(inspector)
        let units = try createDatabase(at: path) { store in
            try store.write(context) { tx in
                _ = try tx.createProject(name: UserText.line(project), delivery: day, checklists: set, source: source)
                return try rows.map { try tx.importLayout(rows: $0, file: layout!) }?.count ?? 0
            }
        }
        print("Created \(path): \(UserText.line(project)), delivery \(day), \(set.items.count) checklist items, \(units) units.")
    }
}

/// Builds a database in a temporary file beside `path` and moves it into place only when
/// `build` succeeds, so a failed init leaves nothing behind.
func createDatabase<T>(at path: String, replacing: Bool = false, _ build: (InspectionStore) throws -> T) throws -> T {
    let manager = FileManager.default
    if manager.fileExists(atPath: path) && !replacing { throw StoreError.exists(path: path) }
    let temporary = TemporaryFiles.name(for: path)
    TemporaryFiles.removeStale(for: path)
    do {
        let store: InspectionStore
        do {
            store = try InspectionStore.create(path: temporary)
        } catch StoreError.cannotCreate(_, let reason) {
            throw StoreError.cannotCreate(path: path, reason: reason)
        }
        let result = try build(store)
        try store.close()
        if replacing {
            for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: path + suffix) }
            _ = try? manager.removeItem(atPath: path)
        }
        try manager.moveItem(atPath: temporary, toPath: path)
        for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: temporary + suffix) }
        return result
    } catch {
        for suffix in ["", "-wal", "-shm"] { try? manager.removeItem(atPath: temporary + suffix) }
        throw error
    }
}

struct LayoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "layout", abstract: "The project's buildings and units.",
                                                    subcommands: [Import.self, List.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add units from a CSV (building,entrance,floor,unit,type).")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The layout file.", valueName: "FILE.csv")) var file: String
        @Option(help: "Who imports it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            let rows = try readLayout(file)
            let store = try database.open(root: root)
            let units = try store.write(try Env.action(inspector)) { tx in
                try tx.importLayout(rows: rows, file: file)
            }
            let buildings = Set(units.map(\.building)).sorted { compareBuildings($0, $1) < 0 }
            print("Imported \(units.count) units in building\(buildings.count == 1 ? "" : "s") \(buildings.joined(separator: ", ")).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the units.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let store = try database.read(root: root)
            let units = try store.units()
            if json {
                struct UnitJSON: Encodable { var code: String; var building: String; var entrance: Int; var floor: Int; var unit: Int; var type: String }
                try printJSON(units.map { UnitJSON(code: $0.code, building: $0.building, entrance: $0.entrance, floor: $0.floor, unit: $0.number, type: $0.type) })
            } else {
                for unit in units { print("\(unit.code)\t\(PlaceNames.unit(unit).zh)\t\(unit.type)") }
            }
        }
    }
}

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checklist", abstract: "The checklist items in force.",
                                                    subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the checklist items.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let set = try database.read(root: root).checklists()
            if json {
                try printJSON(set)
                return
            }
            for category in set.categories {
                print("\(category.name.zh) \(category.name.en)")
                for item in set.items where item.category == category.id {
                    let columns = [item.id, item.name.zh, item.severity.rawValue, item.sensitivity.rawValue, item.method.rawValue, item.trade,
                                   item.rooms.joined(separator: ",")]
                    print("  " + columns.joined(separator: "\t"))
                }
            }
        }
    }
}

struct ContractorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "contractor", abstract: "Contractors responsible for rectification.",
                                                    subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a contractor and the trades it covers.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The company's name, e.g. 明远门窗工程有限公司.") var name: String
        @Option(help: ArgumentHelp("Trades it covers (ids or names, comma-separated).", valueName: "T1,T2")) var trades: String
        @Option(help: ArgumentHelp("Only these buildings (default: all).", valueName: "B1,B2")) var buildings: String?
        @Option(help: "Who adds it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            let store = try database.open(root: root)
            let list = trades.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let buildingList = buildings.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let contractor = try store.write(try Env.action(inspector)) { tx in
                try tx.addContractor(name: UserText.line(name), trades: list, buildings: buildingList)
            }
            print("Added \(contractor.name): \(contractor.trades.joined(separator: ", "))" + (contractor.buildings.map { " in buildings \($0.joined(separator: ", "))" } ?? ""))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the contractors.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let store = try database.read(root: root)
            let contractors = try store.contractors()
            if json {
                struct ContractorJSON: Encodable { var name: String; var trades: [String]; var buildings: [String]? }
                try printJSON(contractors.map { ContractorJSON(name: $0.name, trades: $0.trades, buildings: $0.buildings) })
            } else {
                for c in contractors {
                    print("\(c.name)\t\(c.trades.joined(separator: ","))" + (c.buildings.map { "\tbuildings \($0.joined(separator: ","))" } ?? ""))
                }
            }
        }
    }
}

struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show or change the project's settings.")
    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Failed re-checks that count a defect against its contractor (default 2).") var penaltyThreshold: Int?
    @Option(help: "Share of units that must be ready (default 0.98).") var readinessTarget: Double?
    @Option(help: ArgumentHelp("The contracted delivery date.", valueName: "YYYY-MM-DD")) var delivery: String?
    @Option(help: "Days contractors get to rectify after a round closes (1-90, default 7); rounds closed from now on. Never set, and with a plan, a round's deadline is the next round's planned start. yanfang plan check warns when the plan leaves fewer days between rounds.")
    var rectificationDays: Int?
    @Option(help: ArgumentHelp("Which earlier problems a round re-checks: open (neither closed nor waived, the default) or all (closed ones too); rounds opened from now on.",
                               valueName: "open|all")) var recheckScope: RecheckScope?
    @Option(help: "Who changes them (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

    func run() throws {
        let day = try Env.parseDay(delivery, option: "--delivery")
        let changing = penaltyThreshold != nil || readinessTarget != nil || day != nil || rectificationDays != nil || recheckScope != nil
        let store = try changing ? database.open(root: root) : database.read(root: root)
        if changing {
            try store.write(try Env.action(inspector)) { tx in
                try tx.changeSettings(penaltyThreshold: penaltyThreshold, readinessTarget: readinessTarget, delivery: day,
                                      rectificationDays: rectificationDays, recheckScope: recheckScope)
            }
        }
        let project = try store.requireProject()
        let terms = try store.rectificationTerms()
        print("project: \(project.name)")
        print("delivery: \(project.delivery)")
        print("penalty threshold: \(project.settings.penaltyThreshold) failed re-checks")
        print("readiness target: \(project.settings.readinessTarget)")
        print("rectification deadline: \(try store.deadlineRule().words.en)")
        print("re-check scope: \(terms.recheckScope.rawValue)" + (terms.recheckScope == .all ? " (every problem recorded earlier, closed ones included)" : " (problems neither closed nor waived)"))
    }
}

extension RecheckScope: ExpressibleByArgument {}
