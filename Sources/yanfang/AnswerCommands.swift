import ArgumentParser
import Foundation
import InspectionCore
import InspectionReports
import InspectionStore

struct AnswerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer",
        abstract: "Unified answers (统一口径) with their contingency plans (预案), shared by the defects they are applied to.",
        discussion: "A defect is waived with one of them: yanfang defect waive MARKCODE --answer CODE --approved-by NAME.",
        subcommands: [Define.self, Revise.self, List.self, Show.self])

    struct Define: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Define a unified answer and its contingency plan.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Its code: 1 to 16 letters, digits or dashes (KT-01).") var code: String
        @Option(help: "A short title (the issue it answers).") var title: String
        @Option(help: "The answer given to buyers (统一口径).") var text: String
        @Option(help: "Plan: what will be done.") var action: String
        @Option(help: "Plan: by whom.") var owner: String
        @Option(help: "Plan: by when (YYYY-MM-DD).") var due: String
        @Option(help: "Plan: how a buyer's question is handled at handover.") var buyerQuestions: String
        @Option(help: "Who defines it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            guard let day = try Env.parseDay(due, option: "--due") else { throw UsageError("give --due YYYY-MM-DD") }
            let answer = UnifiedAnswer(code: code, title: UserText.line(title), text: UserText.line(text),
                                       plan: ContingencyPlan(action: UserText.line(action), owner: UserText.line(owner), due: day,
                                                             buyerQuestions: UserText.line(buyerQuestions)))
            let store = try database.open(root: root)
            let defined = try store.write(try Env.action(inspector)) { tx in try tx.defineAnswer(answer) }
            print("\(defined.code): defined (\(defined.title)).")
        }
    }

    struct Revise: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revise a unified answer: the fields given replace what it said.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Its code.") var code: String
        @Option(help: "A short title.") var title: String?
        @Option(help: "The answer given to buyers.") var text: String?
        @Option(help: "Plan: what will be done.") var action: String?
        @Option(help: "Plan: by whom.") var owner: String?
        @Option(help: "Plan: by when (YYYY-MM-DD).") var due: String?
        @Option(help: "Plan: how a buyer's question is handled at handover.") var buyerQuestions: String?
        @Option(help: "Who revises it (default: $YANFANG_INSPECTOR or the login name).") var inspector: String?

        func run() throws {
            let changes = AnswerChanges(title: UserText.line(title), text: UserText.line(text), action: UserText.line(action),
                                        owner: UserText.line(owner), due: try Env.parseDay(due, option: "--due"),
                                        buyerQuestions: UserText.line(buyerQuestions))
            let store = try database.open(root: root)
            let revised = try store.write(try Env.action(inspector)) { tx in try tx.reviseAnswer(code: code, changes) }
            print("\(revised.code): revised.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every unified answer, with how many defects it was applied to.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let store = try database.read(root: root)
            let answers = try store.answers().map { ($0, try store.defectsWaived(answer: $0.answer.code)) }
            if json {
                try printJSON(answers.map { AnswerJSON($0.0, defects: $0.1) })
                return
            }
            if answers.isEmpty { print("No unified answers (yanfang answer define CODE …)."); return }
            for (record, defects) in answers {
                let a = record.answer
                print("\(a.code)  \(a.title)  — \(a.plan.owner) by \(a.plan.due); \(englishCount(defects.count, "defect", "defects"))")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A unified answer, its contingency plan and the defects it was applied to.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Its code.") var code: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let store = try database.read(root: root)
            guard let record = try store.answer(code: code) else { throw InspectionError.unknownAnswer(code) }
            let defects = try store.defectsWaived(answer: record.answer.code)
            if json {
                try printJSON(AnswerJSON(record, defects: defects))
                return
            }
            let a = record.answer
            print("\(a.code)  \(a.title)")
            print("\(FieldLabels.unifiedAnswer.zh): \(a.text)")
            print("\(FieldLabels.contingencyPlan.zh):")
            print("  what: \(a.plan.action)")
            print("  by whom: \(a.plan.owner)")
            print("  by when: \(a.plan.due)")
            print("  buyers' questions: \(a.plan.buyerQuestions)")
            print("defined by \(record.definedBy)" + (record.revisedBy.map { ", revised \(record.revisions) time\(record.revisions == 1 ? "" : "s"), last by \($0)" } ?? ""))
            print("\(englishCount(defects.count, "defect", "defects")):")
            for d in defects { print("  \(d.code)  \(d.unitCode) \(d.room)  \(d.note)" + (d.approvedBy.map { "  (approved by \($0))" } ?? "")) }
        }
    }
}
