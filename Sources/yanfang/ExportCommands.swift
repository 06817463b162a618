import ArgumentParser
import Foundation
import InspectionCore
import InspectionReports
import InspectionStore
import ProjectFiles

enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, html, md
}

/// Writes a document to --out, or to standard output.
func writeDocument(_ data: Data, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(data)
        return
    }
    do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw EnvironmentError(description: "\(path): cannot write (\(describe(error)))")
    }
    FileHandle.standardError.write(Data("Wrote \(path)\n".utf8))
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Documents to print or send.", subcommands: [Rectification.self])

    struct Rectification: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A contractor's rectification list: only its own defects, by building, entrance, unit and room.",
            discussion: "CSV is UTF-8 with a BOM for Excel and LibreOffice; HTML is one printable A4 file, a page per building.")
        @ParentCommand var root: Yanfang
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The contractor's name.") var contractor: String?
        @Option(help: "csv, html or md.") var format: DocumentFormat
        @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "FILE")) var out: String?
        @Flag(help: "Include closed and waived defects (default: only what is still to fix).") var all = false

        func run() throws {
            guard let name = contractor ?? root.contractor else { throw UsageError("give --contractor NAME") }
            let store = try database.read(root: root)
            let language = root.lang?.language ?? .zh
            if format == .csv {
                // Straight from the store: a list of tens of thousands of rows at the database's pace.
                try writeDocument(try RectificationList.csv(store: store, contractor: name, all: all, today: try Env.today(), language: language), to: out)
                return
            }
            let list = try RectificationList.load(store: store, contractor: name, all: all, today: try Env.today())
            switch format {
            case .csv: break
            case .html: try writeDocument(Data(list.html(language: language).utf8), to: out)
            case .md: try writeDocument(Data(list.markdown(language: language).utf8), to: out)
            }
        }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The mock acceptance report (模拟验收报告) of a round.")
    enum Format: String, ExpressibleByArgument { case html, md }
    @ParentCommand var root: Yanfang
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The round (default: the latest).") var round: Int?
    @Option(help: "html or md.") var format: Format = .html
    @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "FILE")) var out: String?

    func run() throws {
        let store = try database.read(root: root)
        let report = try AcceptanceReport.load(store: store, round: round, today: try Env.today())
        let language = root.lang?.language ?? .zh
        let text = format == .html ? report.html(language: language) : report.markdown(language: language)
        try writeDocument(Data(text.utf8), to: out)
    }
}
