import ArgumentParser
import Foundation
import InspectionCore
import InspectionReports
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
        print("Rebuilt \(path) from \(englishCount(summary.events, "event", "events")): \(englishCount(summary.units, "unit", "units")), \(englishCount(summary.rounds, "round", "rounds")), \(englishCount(summary.defects, "defect", "defects")).")
    }
}

struct Join: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make this laptop's own replica of the project in SOURCE (another laptop's file, or the team's sync folder).",
        discussion: """
        SOURCE issues the new replica its identity and the tag its mark codes start with \
        (recorded in SOURCE's history), then the new file (--db, which must not exist) \
        receives the whole history. Afterwards `yanfang merge` or `yanfang sync` bring the \
        laptops' work together. Never copy a project file by hand: a copy shares its \
        original's identity and is refused when it would record.
        """)

    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Another replica's file of the project, or the folder the team syncs through.", valueName: "SOURCE")) var source: String
    @Option(help: "Who joins (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

    func run() throws {
        let path = database.path(root: root)
        if FileManager.default.fileExists(atPath: path) { throw StoreError.exists(path: path) }
        let context = try Env.action(inspector)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue {
            // A sync folder: the tag is claimed there.
            let (identity, events, project) = try createDatabase(at: path) { store -> ((id: UUID, tag: String), Int, String) in
                let identity = try InspectionStore.join(folder: source, into: store, context: context)
                return (identity, try store.events().count, try store.requireProject().name)
            }
            print("Joined \(project) as replica \(identity.tag) through \(source): \(path) has \(events) events; its mark codes start with \(identity.tag) (e.g. 1-\(identity.tag)…). Sync to bring in the rest.")
            return
        }
        let origin = try InspectionStore.open(path: source)
        let project = try origin.requireProject()
        let (identity, events) = try createDatabase(at: path) { store -> ((id: UUID, tag: String), Int) in
            let identity = try InspectionStore.join(source: origin, into: store, context: context)
            return (identity, try store.events().count)
        }
        try origin.close()
        print("Joined \(project.name) as replica \(identity.tag): \(path) has its \(events) events; its mark codes start with \(identity.tag) (e.g. 1-\(identity.tag)…).")
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring into this file every event of other replicas' files that it lacks.",
        discussion: """
        In one transaction; any order, any number of times gives the same result. A file of \
        another project, not yanfang's, or of a newer schema refuses the whole merge and \
        nothing changes. The other files are only read (they may be open in another yanfang).
        """)

    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Other replicas' files of the project.", valueName: "FILE")) var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to merge") }
    }

    func run() throws {
        let path = database.path(root: root)
        let store = try database.open(root: root)
        let summary = try store.merge(files: files)
        try store.close()
        let clause = mergeClause(summary, into: path, from: files.count == 1 ? files[0] : "\(files.count) files")
        print(summary.newEvents == 0 ? "Nothing new: \(clause)." : "M" + clause.dropFirst() + ".")
    }
}

/// What a merge did, as a clause (no full stop).
func mergeClause(_ summary: MergeSummary, into path: String, from source: String) -> String {
    if summary.newEvents == 0 { return "\(path) already had every event of \(source)" }
    let replicas = summary.replicas == 1 ? "1 replica" : "\(summary.replicas) replicas"
    return "merged \(source) into \(path): \(summary.newEvents) new event\(summary.newEvents == 1 ? "" : "s") from \(replicas)"
}

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exchange work with the team through a shared folder (a USB stick, a network or cloud folder).",
        discussion: """
        Merges every replica file in DIR (*.yanfang) into this file, then writes this file's \
        copy there as replica-TAG.yanfang (written aside and renamed, so no one reads half of \
        it). Each laptop runs it against the same folder; each copy carries everything its \
        laptop had heard of, so work travels even between laptops that never meet.
        """)

    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The shared folder.", valueName: "DIR")) var folder: String

    func run() throws {
        let path = database.path(root: root)
        let store = try database.open(root: root)
        let summary = try store.sync(folder: folder)
        try store.close()
        let merged = summary.others == 0 ? "no other replica there yet"
            : mergeClause(summary.merged, into: path, from: "\(summary.others) replica file\(summary.others == 1 ? "" : "s")")
        print("Synced with \(folder): \(merged); wrote \(summary.snapshot) (\(summary.events) events).")
    }
}

struct Replicas: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The project's replicas (laptops) this file has heard of.")

    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        let store = try database.read(root: root)
        let list = try store.replicas()
        if json { return try printJSON(list) }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for replica in list {
            let latest = replica.latest.map { "latest \(formatter.string(from: $0))" } ?? "nothing recorded"
            print("\(replica.tag.padding(toLength: 4, withPad: " ", startingAt: 0)) \(replica.events) events, \(latest)\(replica.isThisFile ? "  (this file)" : "")")
        }
    }
}

struct Conflicts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Records from different laptops that contradict each other, until a lead resolves them.",
        discussion: """
        Two results for one item of a unit in a round, a passed and a failed re-check of one \
        defect in one round, a defect waived on one laptop and re-checked on another, two \
        reassignments. Until resolved the cautious reading counts: a recorded defect stands, a \
        failed re-check stands over a pass, a waived and failed defect stays open.
        """,
        subcommands: [List.self, Resolve.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the conflicts not yet resolved.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "JSON for scripts.") var json = false

        func run() throws {
            let store = try database.read(root: root)
            let views = try store.conflicts()
            let names = Dictionary(try store.contractors().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            if json { return try printJSON(views.map { ConflictJSON($0, contractors: names) }) }
            if views.isEmpty { return print("No conflicts.") }
            for view in views {
                print(ConflictJSON.title(view))
                for (i, side) in view.sides.enumerated() {
                    print("   \(i + 1). laptop \(side.replicaTag): \(describe(side.event, contractors: names))")
                }
            }
            print("Resolve one with: yanfang conflicts resolve NAME --keep N --note WHY  (--keep all: every side stays, the cautious reading counts)")
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve a conflict: keep one side (the others are set aside), or all.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The conflict's name, as listed.", valueName: "C-XXXXX")) var name: String
        @Option(help: ArgumentHelp("The side that stands (its number in the list), or all.", valueName: "N|all")) var keep: String
        @Option(help: "Why (kept in the history).") var note: String
        @Option(help: "Who resolves it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func validate() throws {
            if keep != "all" && Int(keep) == nil { throw ValidationError("--keep is a side's number or all, not \(keep)") }
        }

        func run() throws {
            let store = try database.open(root: root)
            let view = try store.write(try Env.action(inspector)) { try $0.resolveConflict(name, keep: Int(keep), note: note) }
            let kept = Int(keep).map { "side \($0) stands, the other\(view.sides.count > 2 ? "s" : "") set aside" } ?? "every side stays (the cautious reading)"
            print("Resolved \(view.conflict.shortName) (\(ConflictJSON.what(view))): \(kept).")
        }
    }
}

/// `yanfang conflicts --json`.
struct ConflictJSON: Encodable {
    struct Side: Encodable { var laptop: String; var event: UUID; var kind: String; var actor: String; var at: Date; var text: String }
    var name: String
    var kind: String
    var round: Int
    var unit: String
    var defect: String?
    var room: String?
    var item: String?
    var sides: [Side]

    init(_ view: ConflictView, contractors: [UUID: String]) {
        let c = view.conflict
        name = c.shortName
        kind = c.kind.rawValue
        round = c.round
        unit = view.unitCode
        defect = view.defectCode
        room = c.pair?.room
        item = c.pair?.item
        sides = view.sides.map { Side(laptop: $0.replicaTag, event: $0.event.id, kind: $0.event.body.kind, actor: $0.event.actor,
                                      at: $0.event.at, text: describe($0.event, contractors: contractors)) }
    }

    static func what(_ view: ConflictView) -> String {
        let c = view.conflict
        switch c.kind {
        case .itemResults: return "\(view.unitCode) \(c.pair?.room ?? "") \(c.pair?.item ?? ""): two results"
        case .recheckResults: return "re-check of \(view.defectCode ?? "?"): passed and failed"
        case .waivedAndRechecked: return "\(view.defectCode ?? "?"): waived and re-checked"
        case .reassignments: return "\(view.defectCode ?? "?"): two reassignments"
        }
    }

    static func title(_ view: ConflictView) -> String {
        "\(view.conflict.shortName)  round \(view.conflict.round)  \(view.unitCode)  \(what(view))"
    }
}
