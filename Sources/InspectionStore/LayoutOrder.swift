import InspectionCore

extension Array where Element == DefectSummary {
    /// In layout order (building, entrance, floor, unit), then room and mark code. Sorts
    /// positions by keys made once, not the summaries themselves: moving tens of thousands
    /// of large values around was most of an export's time.
    func inLayoutOrder() -> [DefectSummary] {
        let keys = map { ($0.layoutKey, $0.room, $0.code) }
        return indices.sorted { keys[$0] < keys[$1] }.map { self[$0] }
    }
}
