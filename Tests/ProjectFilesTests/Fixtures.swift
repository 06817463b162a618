import DefaultData
import Foundation
import InspectionCore
import ProjectFiles

enum Fixture {
    /// The shipped checklist files plus `extra`, as a loader would be handed them.
    static func shippedPlus(_ extra: SourceFile) -> [SourceFile] {
        DefaultData.checklistFiles() + [extra]
    }

    /// The shipped files with one replaced by `text` (same name).
    static func shipped(replacing name: String, with text: (String) -> String) -> [SourceFile] {
        DefaultData.checklistFiles().map { $0.name == name ? SourceFile(name: name, text: text($0.text)) : $0 }
    }

    /// The 1-based line of the first line of `text` containing `needle`.
    static func line(of needle: String, in text: String) -> Int? {
        text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    /// Layout CSV rows and then units, as `yanfang layout import` reads them.
    static func units(_ data: Data, file: String = "layout.csv", types: Set<String> = ["A", "B", "C"]) -> Result<[ProjectUnit], FileProblems> {
        LayoutFile.rows(data: data, file: file).flatMap {
            LayoutRules.units(from: $0, file: file, unitTypes: types, existingCodes: [], makeID: { UUID() })
        }
    }

    static func bytes(_ hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).map { i in
            let start = hex.index(hex.startIndex, offsetBy: i)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
        }
    }
}

extension Result where Failure == FileProblems {
    var problems: [LineProblem] {
        if case .failure(let f) = self { return f.problems }
        return []
    }
}
