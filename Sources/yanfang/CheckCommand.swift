import ArgumentParser
import Foundation
import InspectionStore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the file: SQLite's integrity check, and the defect tables against the history.",
        discussion: "Reads only. Exit 0 when the file is sound; 2, with one line per problem, when it is damaged.")
    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let path = database.path(root: root)
        let problems = try database.read(root: root).check()
        guard !problems.isEmpty else {
            print("\(path): ok (integrity check passed; defects agree with their history)")
            return
        }
        for problem in problems { print(problem) }
        throw EnvironmentError(description: "\(path) is damaged: \(problems.count) problem\(problems.count == 1 ? "" : "s") found")
    }
}
