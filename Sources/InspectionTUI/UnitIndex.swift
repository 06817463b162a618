import Foundation
import InspectionCore

/// Every unit in layout order, with what `/` compares typed text with, built once per layout
/// (the layout changes only by an import, which another program does): a keystroke in the
/// search compares bytes instead of normalising 10,000 codes again.
struct UnitIndex {
    let units: [ProjectUnit]
    let byID: [UUID: ProjectUnit]
    /// Each code in lower case, with its dashes and without, as UTF-8.
    let dashed: [[UInt8]]
    let compact: [[UInt8]]

    init(_ units: [ProjectUnit]) {
        self.units = units
        byID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        dashed = units.map { Array($0.code.lowercased().utf8) }
        compact = dashed.map { $0.filter { $0 != UInt8(ascii: "-") } }
    }

    /// The units whose code is `exact`, then those containing `part` (or, typed without dashes,
    /// whose code without dashes contains `compactPart`), in layout order.
    func find(exact: String?, part: String, compactPart: String) -> (exact: [ProjectUnit], partial: [ProjectUnit]) {
        let exactBytes = exact.map { Array($0.utf8) }, partBytes = Array(part.utf8), compactBytes = Array(compactPart.utf8)
        var exactUnits: [ProjectUnit] = [], partUnits: [ProjectUnit] = []
        for i in units.indices {
            if let exactBytes, dashed[i] == exactBytes { exactUnits.append(units[i]) }
            else if Self.contains(dashed[i], partBytes) || (!compactBytes.isEmpty && Self.contains(compact[i], compactBytes)) {
                partUnits.append(units[i])
            }
        }
        return (exactUnits, partUnits)
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        var start = 0
        while start + needle.count <= haystack.count {
            var i = 0
            while i < needle.count && haystack[start + i] == needle[i] { i += 1 }
            if i == needle.count { return true }
            start += 1
        }
        return false
    }
}
