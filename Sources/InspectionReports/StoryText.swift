import Foundation
import InspectionCore
import InspectionStore

/// A defect's story in words, the same on the contractor's screen and in every export:
/// "第2轮复查未过：楼下顶棚仍有新水渍", "round 1 claimed fixed: 已重做防水层".
public enum StoryText {
    public static func line(_ step: DefectStory.Step, language: Language) -> String {
        let note = step.note.flatMap { $0.isEmpty ? nil : $0 } ?? noNote.text(language)
        let day = dayFormatter.string(from: step.at)
        switch (step.kind, language) {
        case (.failedRecheck, .zh): return "第\(step.round)轮复查未过（\(day)）：\(note)"
        case (.failedRecheck, .en): return "round \(step.round) re-check failed (\(day)): \(note)"
        case (.claimed, .zh): return "报整改完成（\(day)）：\(note)"
        case (.claimed, .en): return "claimed fixed (\(day)): \(note)"
        }
    }

    /// Every step, oldest first.
    public static func lines(_ story: DefectStory?, language: Language) -> [String] {
        (story?.steps ?? []).map { line($0, language: language) }
    }

    /// The failed re-checks' lines, then the claims' lines, each joined for one table cell.
    public static func cells(_ story: DefectStory?, language: Language, separator: String) -> (failed: String, claims: String) {
        let s = story ?? DefectStory()
        return (s.failedRechecks.map { line($0, language: language) }.joined(separator: separator),
                s.claims.map { line($0, language: language) }.joined(separator: separator))
    }

    static let noNote = Localized(zh: "（未写说明）", en: "(no note)")

    static let dayFormatter: DateFormatter = {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f
    }()
}
