import ArgumentParser
import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import TerminalKit

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "round", abstract: "Open, close and follow inspection rounds.",
                                                    subcommands: [Open.self, Close.self, Status.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open the next round, with its re-check list.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("The day it opens (default: today).", valueName: "YYYY-MM-DD")) var date: String?
        @Option(help: "Who opens it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            let store = try database.open(root: root)
            let day = try Env.parseDay(date, option: "--date") ?? Env.today()
            let opening = try store.write(try Env.action(inspector, date: day)) { tx in
                try tx.openRound(date: day)
            }
            print("Round \(opening.number) open (\(day)): \(englishCount(opening.units, "unit", "units")) in scope, \(englishCount(opening.rechecks, "defect", "defects")) to re-check.")
            try warnAboutDeadlines(store)
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close the open round.",
            discussion: "Refused (exit 3) while items or re-checks are unrecorded, unless --partial, which records what was not reached.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Close even with unrecorded work, recording what was not reached.") var partial = false
        @Option(help: ArgumentHelp("The day it closes (default: today).", valueName: "YYYY-MM-DD")) var date: String?
        @Option(help: "Who closes it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            let store = try database.open(root: root)
            let day = try Env.parseDay(date, option: "--date") ?? Env.today()
            let round = try store.write(try Env.action(inspector, date: day)) { tx in
                try tx.closeRound(date: day, partial: partial)
            }
            var line = "Round \(round.number) closed (\(day))"
            if round.partial {
                line += " as partial: \(englishCount(round.unreachedUnits.count, "unit", "units")) not reached, \(englishCount(round.pendingRechecks.count, "re-check", "re-checks")) not recorded"
            }
            print(line + ".")
            if let deadline = try store.rectificationTerms().deadlines[round.number] {
                print("Rectification deadline for every defect still open: \(deadline).")
            }
            try warnAboutDeadlines(store)
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Where the rounds stand.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        struct RoundJSON: Encodable {
            var number: Int; var opened: Day; var closed: Day?; var open: Bool; var partial: Bool
            var unitsInScope: Int; var unitsInspected: Int; var unitsInProgress: Int; var unitsNotStarted: Int
            var rechecks: Int; var rechecksDone: Int; var unreachedUnits: Int; var pendingRechecks: Int
        }
        struct StatusJSON: Encodable {
            var project: String; var delivery: Day; var rounds: [RoundJSON]; var openRound: Int?
            var minimumRounds: Int; var roundsClosed: Int
        }

        func run() throws {
            let store = try database.read(root: root)
            let project = try store.requireProject()
            var list: [RoundJSON] = []
            for round in try store.rounds() {
                let p = RoundProgress(try store.progress(round: round.number).values)
                list.append(RoundJSON(number: round.number, opened: round.opened, closed: round.closed, open: round.isOpen, partial: round.partial,
                                      unitsInScope: p.inScope, unitsInspected: p.inspected, unitsInProgress: p.inProgress,
                                      unitsNotStarted: p.notStarted, rechecks: p.rechecks, rechecksDone: p.rechecksDone,
                                      unreachedUnits: round.unreachedUnits.count, pendingRechecks: round.pendingRechecks.count))
            }
            let status = StatusJSON(project: project.name, delivery: project.delivery, rounds: list, openRound: list.last(where: \.open)?.number,
                                    minimumRounds: RoundRules.minimumRounds, roundsClosed: list.filter { !$0.open }.count)
            if json { try printJSON(status); return }
            print("\(project.name) — delivery \(project.delivery)")
            if list.isEmpty { print("No rounds yet (yanfang round open).") }
            for r in list {
                let state = r.open ? "open since \(r.opened)" : "closed \(r.closed!)\(r.partial ? " (partial)" : "")"
                print("Round \(r.number): \(state); units \(r.unitsInspected)/\(r.unitsInScope) inspected, \(r.unitsInProgress) in progress; re-checks \(r.rechecksDone)/\(r.rechecks)")
            }
            print("\(status.roundsClosed) of at least \(RoundRules.minimumRounds) rounds closed.")
        }
    }
}

/// The schedule's warnings (round 1 late, defects open within 30 days of delivery, fewer
/// than three rounds by the cutoff), on standard error after a round opens or closes.
func warnAboutDeadlines(_ store: InspectionStore) throws {
    for warning in try store.deadlines(today: try Env.today()).warnings {
        FileHandle.standardError.write(Data("warning: \(warning.message.en)\n".utf8))
    }
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record results for a unit in the open round.",
        discussion: "--pass-remaining records a pass for every item not yet recorded; --item with --pass or --na records one.")
    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The unit code, e.g. 3-1-0502.") var unit: String
    @Flag(help: "Pass every item not yet recorded in this round.") var passRemaining = false
    @Option(help: "One checklist item to record.") var item: String?
    @Option(help: "The room of --item (when it applies to several).") var room: String?
    @Flag(help: "Record --item as passed.") var pass = false
    @Flag(help: "Record --item as not applicable.") var na = false
    @Flag(help: "Withdraw --item's pass or not-applicable this round (it is unrecorded again; kept in the history).") var withdraw = false
    @Option(help: "Who inspects (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

    func validate() throws {
        if passRemaining && item != nil { throw ValidationError("give either --pass-remaining or --item, not both") }
        if !passRemaining && item == nil { throw ValidationError("give --pass-remaining, or --item with --pass, --na or --withdraw") }
        if item != nil && [pass, na, withdraw].filter({ $0 }).count != 1 { throw ValidationError("with --item, give one of --pass, --na or --withdraw") }
    }

    func run() throws {
        let store = try database.open(root: root)
        // The line is printed only once the transaction has committed.
        let line = try store.write(try Env.action(inspector)) { tx -> String in
            if passRemaining {
                let (pairs, skipped) = try tx.passRemainingSkipping(unit: unit)
                return "\(unit): \(pairs.count) item\(pairs.count == 1 ? "" : "s") passed."
                    + (skipped.isEmpty ? "" : " Left \(skipped.count) ponding check\(skipped.count == 1 ? "" : "s") not started 24 h earlier: "
                        + skipped.map { "\($0.room) \($0.item)" }.joined(separator: ", ") + ".")
            }
            if withdraw {
                try tx.withdrawResult(unit: unit, item: item ?? "", room: room)
                return "\(unit): \(item ?? "") withdrawn; it is unrecorded again."
            }
            let changed = try tx.recordItem(unit: unit, item: item ?? "", room: room, outcome: pass ? .pass : .notApplicable)
            return "\(unit): \(item ?? "") \(pass ? "passed" : "not applicable")\(changed ? "" : " (already recorded)")."
        }
        print(line)
    }
}

struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Take back the last result recorded in a unit this round (kept in the history).")
    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The unit code.") var unit: String
    @Option(help: "Who corrects it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

    func run() throws {
        let store = try database.open(root: root)
        let target = try store.write(try Env.action(inspector)) { tx in try tx.undoLast(unit: unit) }
        print("\(unit): took back \(target.body.kind) of \(target.actor).")
    }
}

struct DefectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "defect", abstract: "Record and follow defects by mark code.",
                                                    subcommands: [Add.self, Rectify.self, Recheck.self, Waive.self, Assign.self, Edit.self, Withdraw.self,
                                                                  Show.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a defect; prints its mark code.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The unit code, e.g. 3-1-0502.") var unit: String
        @Option(help: "The checklist item id, e.g. LK-01.") var item: String
        @Option(help: "The room (when the item applies to several).") var room: String?
        @Option(help: "What is wrong, as written on the sticker.") var note: String?
        @Option(help: "severe, major or minor (default: the item's).") var severity: String?
        @Option(help: "The contractor (default: the one covering the item's trade).") var contractor: String?
        @Option(help: "Who found it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            let store = try database.open(root: root)
            var level: Severity?
            if let severity {
                guard let s = Severity(name: severity) else { throw UsageError("--severity \(severity) must be severe, major or minor") }
                level = s
            }
            let contractorName = contractor ?? root.contractor
            let defect = try store.write(try Env.action(inspector)) { tx in
                try tx.addDefect(unit: unit, item: item, room: room, note: UserText.line(note), severity: level,
                                 contractor: contractorName.map { .named(UserText.line($0)) } ?? .byTrade)
            }
            print(defect.code.text)
        }
    }

    struct Rectify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a defect rectified (the contractor's claim).")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The mark code.") var code: String
        @Option(help: "What was done.") var note: String?
        @Option(help: "Who claims it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            let store = try database.open(root: root)
            let defect = try store.write(try Env.action(inspector)) { tx in try tx.rectify(code: code, note: UserText.line(note)) }
            print("\(defect.code): rectified, awaiting re-check.")
        }
    }

    struct Recheck: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a re-check in the open round: pass or fail.")
        enum Outcome: String, ExpressibleByArgument { case pass, fail }
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The mark code.") var code: String
        @Argument(help: "pass or fail.") var outcome: Outcome
        @Option(help: "What was seen.") var note: String?
        @Option(help: "Who re-checks (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            let store = try database.open(root: root)
            let defect = try store.write(try Env.action(inspector)) { tx in
                try tx.recheck(code: code, passed: outcome == .pass, note: UserText.line(note))
            }
            if defect.status == .closed {
                print("\(defect.code): re-check passed, closed.")
            } else {
                print("\(defect.code): re-check failed (\(defect.failedRechecks) failed)" + (defect.responsibility.flagged ? ", counted against its contractor." : "."))
            }
        }
    }

    struct Waive: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Waive a defect that cannot be fixed before delivery, with a unified answer (统一口径) defined for the project.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The mark code.") var code: String
        @Option(help: "The unified answer's code (yanfang answer list).") var answer: String
        @Option(help: "Who approved the waiver.") var approvedBy: String
        @Option(help: "Who waives it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            let store = try database.open(root: root)
            let defect = try store.write(try Env.action(inspector)) { tx in try tx.waive(code: code, answer: answer, approvedBy: approvedBy) }
            print("\(defect.code): waived with unified answer \(defect.answerCode ?? answer), approved by \(defect.approvedBy ?? approvedBy).")
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hand a defect to another contractor.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The mark code.") var code: String
        @Option(help: "The contractor's name.") var contractor: String?
        @Option(help: "Who reassigns it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            guard let typed = contractor ?? root.contractor else { throw UsageError("give --contractor NAME") }
            let name = UserText.line(typed)
            let store = try database.open(root: root)
            let defect = try store.write(try Env.action(inspector)) { tx in try tx.reassign(code: code, contractor: name) }
            print("\(defect.code): now with \(name).")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a defect: its note, severity, room (in the round it was found) or contractor.",
            discussion: "Each change is a new event in the history; the defect's story shows it.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The mark code.") var code: String
        @Option(help: "The new note.") var note: String?
        @Option(help: "The new room (only while the round it was found in is open).") var room: String?
        @Option(help: "severe, major or minor.") var severity: String?
        @Option(help: "Hand it to this contractor.") var contractor: String?
        @Flag(help: "Take it from its contractor (none).") var noContractor = false
        @Option(help: "Who corrects it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func validate() throws {
            if contractor != nil && noContractor { throw ValidationError("give either --contractor or --no-contractor, not both") }
            if note == nil && room == nil && severity == nil && contractor == nil && !noContractor {
                throw ValidationError("give what to change: --note, --room, --severity, --contractor or --no-contractor")
            }
        }

        func run() throws {
            var level: Severity?
            if let severity {
                guard let s = Severity(name: severity) else { throw UsageError("--severity \(severity) must be severe, major or minor") }
                level = s
            }
            let store = try database.open(root: root)
            let choice: String?? = noContractor ? .some(nil) : contractor.map { .some(UserText.line($0)) }
            let defect = try store.write(try Env.action(inspector)) { tx in
                try tx.editDefect(code: code, note: note.map(UserText.line), room: room.map(UserText.line), severity: level, contractor: choice)
            }
            print("\(defect.code): corrected.")
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a defect recorded in the open round, its claim, or its re-check result (kept in the history).",
            discussion: """
                Without a flag, the defect itself (found in the open round); its mark code still answers, as withdrawn. \
                --claim takes back the claim that it is fixed (before its re-check); --recheck withdraws its re-check \
                result of the open round.
                """)
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The mark code.") var code: String
        @Flag(help: "Take back the claim that it is fixed.") var claim = false
        @Flag(help: "Withdraw its re-check result of the open round.") var recheck = false
        @Option(help: "Who withdraws it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func validate() throws {
            if claim && recheck { throw ValidationError("give at most one of --claim and --recheck") }
        }

        func run() throws {
            let store = try database.open(root: root)
            let line = try store.write(try Env.action(inspector)) { tx -> String in
                if claim { return "\(try tx.takeBackClaim(code: code).code): claim taken back." }
                if recheck { return "\(try tx.withdrawRecheck(code: code).code): re-check result withdrawn." }
                return "\(try tx.withdrawDefect(code: code).code): withdrawn."
            }
            print(line)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A defect and its whole history.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The mark code.") var code: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let store = try database.read(root: root)
            let detail = try store.defect(code: code)
            let checklists = try store.checklists()
            let contractors = try store.contractors()
            if json {
                try printJSON(DefectJSON(detail, checklists: checklists, contractors: contractors))
                return
            }
            let s = detail.summary, d = detail.defect
            let names = Dictionary(contractors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let item = checklists.item(s.item)
            print("\(s.code)  \(s.unitCode) \(s.room)  \(s.item) \(item?.name.zh ?? "")")
            print("note: \(s.note.isEmpty ? "-" : s.note)")
            print("severity: \(s.severity.name.zh) \(s.severity.rawValue)   contractor: \(s.contractor ?? PenaltyRules.unassigned)   found in round \(s.roundFound) by \(s.inspector)")
            if let w = detail.withdrawal {
                print(CorrectionText.withdrawn(at: w.at, by: w.by, language: .en) + " (it was \(d.status.rawValue))")
            } else {
                print("status: \(d.status.name.zh) \(d.status.rawValue)   failed re-checks: \(d.failedRechecks)" + (d.flags.isEmpty ? "" : "   counted against " + d.flags.map { "\($0.contractor.flatMap { names[$0] } ?? PenaltyRules.unassigned) in round \($0.round)" }.joined(separator: ", ")))
                if let deadline = s.deadline {
                    print("rectification deadline: \(deadline)" + (s.isOverdue(today: try Env.today()) ? " (overdue: still open without a claim)" : ""))
                }
            }
            if let waiver = d.waiver {
                print("unified answer: " + (d.answerCode.map { "\($0) " } ?? "") + waiver + (d.approvedBy.map { " (approved by \($0))" } ?? ""))
            }
            print("history:")
            for event in detail.history { print("  " + describe(event, contractors: names, history: detail.history)) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List defects.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this unit.") var unit: String?
        @Option(help: "Only this contractor.") var contractor: String?
        @Option(help: "Only this status: open, rectified, closed, waived.") var status: String?
        @Option(help: "Only found in this round.") var round: Int?
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            var code: String; var unit: String; var room: String; var item: String; var note: String; var severity: Severity
            var contractor: String?; var roundFound: Int; var status: DefectStatus; var failedRechecks: Int; var flagged: Bool
            /// Laptops recorded contradicting steps of it that no lead has resolved (`yanfang conflicts`).
            var inConflict: Bool
            /// Its rectification deadline, and whether it is still open without a claim after it.
            var deadline: Day?; var overdue: Bool
        }

        func run() throws {
            let store = try database.read(root: root)
            if let unit, try store.unit(code: unit) == nil { throw InspectionError.unknownUnit(unit) }
            var filter = DefectFilter()
            filter.unitCode = unit
            if let name = contractor ?? root.contractor { filter.contractor = try store.requireContractor(named: name).name }
            filter.roundFound = round
            if let status {
                guard let value = DefectStatus(rawValue: status) else { throw UsageError("--status \(status) must be open, rectified, closed or waived") }
                filter.status = value
            }
            let defects = try store.defects(filter)
            let today = try Env.today()
            let rows = defects.map { Row(code: $0.code.text, unit: $0.unitCode, room: $0.room, item: $0.item, note: $0.note, severity: $0.severity,
                                         contractor: $0.contractor, roundFound: $0.roundFound, status: $0.status,
                                         failedRechecks: $0.failedRechecks, flagged: $0.flagRound != nil, inConflict: $0.inConflict,
                                         deadline: $0.deadline, overdue: $0.isOverdue(today: today)) }
            if json { try printJSON(rows); return }
            for r in rows {
                print([DisplayWidth.fit(r.code, width: 10), DisplayWidth.fit(r.unit, width: 10), DisplayWidth.fit(r.room, width: 8),
                       DisplayWidth.fit(r.item, width: 6), DisplayWidth.fit(r.status.rawValue + (r.inConflict ? "!" : ""), width: 9),
                       "R\(r.roundFound)", r.failedRechecks > 0 ? "×\(r.failedRechecks)" : "  ",
                       DisplayWidth.fit(r.deadline.map { "\($0)" + (r.overdue ? "!" : "") } ?? "", width: 11), r.note].joined(separator: " "))
            }
        }
    }
}

struct Board: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The defect board of a round: counts by building, category and contractor, readiness, deadlines.")
    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The round (default: the latest).") var round: Int?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let store = try database.read(root: root)
        let board = try store.board(round: round, today: try Env.today())
        let checklists = try store.checklists()
        if json { try printJSON(BoardJSON(board, checklists: checklists)); return }
        print(BoardText.render(board, checklists: checklists).joined(separator: "\n"))
    }
}

struct Penalties: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Repeat failures counted against each contractor.")
    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only those flagged in this round (default: cumulative).") var round: Int?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let store = try database.read(root: root)
        if let round, !(try store.rounds().contains { $0.number == round }) { throw InspectionError.roundNotFound(round) }
        let list = try store.penalties(round: round)
        if json { try printJSON(list); return }
        let threshold = try store.requireProject().settings.penaltyThreshold
        print(RuleSentences.penalty(threshold: threshold).en + ", " + (round.map { "flagged in round \($0)" } ?? "all rounds") + ":")
        print("  " + DisplayWidth.fit("contractor", width: 30) + " defects  after claim  no claim")
        for p in list {
            print("  " + DisplayWidth.fit(p.contractor, width: 30) + " " + DisplayWidth.fit(String(p.count), width: 7, alignment: .right)
                  + "  " + DisplayWidth.fit(String(p.afterClaim), width: 11, alignment: .right)
                  + "  " + DisplayWidth.fit(String(p.withoutClaim), width: 8, alignment: .right)
                  + (p.defects.isEmpty ? "" : "  " + p.defects.joined(separator: " ")))
        }
    }
}
