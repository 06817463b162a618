import ArgumentParser
import Foundation
import InspectionCore
import InspectionStore
import InspectionTUI

struct Training: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Practise on the demonstration unit (示范户) in a throwaway copy of the project.",
        discussion: """
        The real interface on a copy made in a temporary folder (deleted on quit), opened at the plan's
        demonstration unit (or --unit), in the open round, else in the next one opened in the copy.
        The project file is only read: nothing of the practice reaches it. Every screen says it is practice.
        """)
    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The unit to practise on (default: the plan's demonstration unit).") var unit: String?

    func run() throws {
        let source = try database.read(root: root)
        _ = try source.requireProject()
        let planned = try source.plan()?.demonstrationUnit
        guard let code = unit ?? planned else {
            throw InspectionError.invalidValue("the plan names no demonstration unit (demonstration_unit: in the plan file); give one with --unit CODE")
        }
        guard try source.unit(code: code) != nil else { throw InspectionError.unknownUnit(code) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yanfang-training-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("practice.db").path
        let practice = try InspectionStore.create(path: path)
        try InspectionStore.practiceCopy(of: source, into: practice)
        try source.close()
        // A round to practise in: the open one, else the next, opened in the copy only.
        if try practice.rounds().last?.isOpen != true {
            let today = try Env.today()
            try practice.write(try Env.context(actor: Env.inspector(nil), date: today)) { _ = try $0.openRound(date: today) }
        }
        try practice.setSetting(InspectionApp.currentUnitKey, code)
        try practice.close()
        try runInterface(path: path, language: root.lang?.language, contractor: nil, practice: true)
    }
}
