import CSV
import Foundation
import InspectionCore

/// Reads a layout CSV: a header row naming `building,entrance,floor,unit,type` (in any
/// order; the Chinese headers 楼栋,单元,楼层,户,户型 work too), then one row per unit.
/// UTF-8 with or without a BOM; CRLF or LF.
public enum LayoutFile {
    static let columns = ["building", "entrance", "floor", "unit", "type"]
    static let chineseColumns = ["楼栋": "building", "单元": "entrance", "楼层": "floor", "户": "unit", "房号": "unit", "户型": "type"]

    /// The rows, or every problem found, each with file:line.
    public static func rows(data: Data, file: String) -> Result<[LayoutRow], FileProblems> {
        let text: String
        switch decodeUTF8(data, file: file) {
        case .success(let t): text = t
        case .failure(let problem): return .failure(FileProblems([problem]))
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            return .failure(FileProblems([LineProblem(file: file, line: 1, message: "cannot read as CSV (\(error))")]))
        }
        var problems: [LineProblem] = []
        var line = 1
        guard let header = reader.next(), !(header.count == 1 && header[0].isEmpty) else {
            return .failure(FileProblems([LineProblem(file: file, line: 1, message: "the file is empty; it needs the header building,entrance,floor,unit,type")]))
        }
        var position: [String: Int] = [:]
        for (index, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            let column = chineseColumns[name] ?? name
            if columns.contains(column) {
                if position[column] != nil {
                    problems.append(LineProblem(file: file, line: 1, message: "column \"\(column)\" appears twice in the header"))
                }
                position[column] = index
            }
        }
        let missing = columns.filter { position[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
            problems.append(LineProblem(file: file, line: 1, message: "missing column\(missing.count == 1 ? "" : "s") \(list) in the header (expected building,entrance,floor,unit,type)"))
            return .failure(FileProblems(problems))
        }
        line += newlines(in: header)
        var rows: [LayoutRow] = []
        while let fields = reader.next() {
            line += 1
            let rowLine = line
            line += newlines(in: fields)
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            if newlines(in: fields) > 0 {
                problems.append(LineProblem(file: file, line: rowLine, message: "a field runs over several lines (an unbalanced quote?)"))
                continue
            }
            guard fields.count == header.count else {
                problems.append(LineProblem(file: file, line: rowLine, message: "expected \(header.count) fields, found \(fields.count)"))
                continue
            }
            func field(_ name: String) -> String { fields[position[name]!] }
            rows.append(LayoutRow(line: rowLine, building: field("building"), entrance: field("entrance"),
                                  floor: field("floor"), unit: field("unit"), type: field("type")))
        }
        return problems.isEmpty ? .success(rows) : .failure(FileProblems(problems))
    }

    private static func newlines(in fields: [String]) -> Int {
        fields.reduce(0) { count, field in
            count + field.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" || $1 == "\r" ? 1 : 0) }
        }
    }
}
