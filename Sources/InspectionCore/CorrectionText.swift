import Foundation

/// A correction in words, for a defect's history and a unit's: "withdrew the defect
/// 2-PTEWG: 门吸缺失", "took back the claim that it was fixed". Never an internal id: the
/// record it corrects is named by what it said.
public enum CorrectionText {
    /// A `reverted` event, with the event it takes back (from the same history) when known;
    /// `room` names a room key in the reader's language.
    public static func reverted(_ r: Reverted, target: Event?, room: (String) -> String, language: Language) -> String {
        let zh = language == .zh
        switch target?.body {
        case .defectFound(let f)?:
            let note = f.note.isEmpty ? f.item : f.note
            return zh ? "撤回问题 \(f.code.text)：\(note)" : "withdrew the defect \(f.code.text): \(note)"
        case .defectRectified?:
            return zh ? "撤回整改完成申报" : "took back the claim that it was fixed"
        case .defectRechecked(let c)?:
            return zh ? "撤回复查结果（\(c.passed ? "合格" : "不合格")）" : "withdrew the re-check result (\(c.passed ? "passed" : "failed"))"
        case .itemRecorded(let i)?:
            let outcome = i.outcome == .pass ? (zh ? "合格" : "pass") : (zh ? "不适用" : "not applicable")
            return zh ? "撤回 \(room(i.room)) \(i.item) 的结果（\(outcome)）" : "withdrew the result of \(i.item) in \(room(i.room)) (\(outcome))"
        case .remainingPassed(let p)?:
            if let pair = r.pair {
                return zh ? "撤回 \(room(pair.room)) \(pair.item) 的结果（合格）" : "withdrew the result of \(pair.item) in \(room(pair.room)) (pass)"
            }
            return zh ? "撤回“其余合格”（\(p.count) 项）" : "withdrew the pass of the rest (\(p.count) \(p.count == 1 ? "item" : "items"))"
        default:
            return zh ? "更正：撤回一条记录" : "correction: took back a record"
        }
    }

    /// A `defect.edited` event: what changed, each field once.
    public static func edited(_ e: DefectEdited, room: (String) -> String, language: Language) -> String {
        let zh = language == .zh
        var parts: [String] = []
        if let note = e.note { parts.append(zh ? "改说明为“\(note)”" : "changed the note to “\(note)”") }
        if let key = e.room { parts.append(zh ? "改到\(room(key))" : "moved it to \(room(key))") }
        if let severity = e.severity {
            parts.append(zh ? "改严重程度为\(severity.name.zh)" : "changed the severity to \(severity.name.en)")
        }
        return parts.joined(separator: zh ? "，" : ", ")
    }

    /// What a withdrawn defect's mark code answers: "withdrawn on 2026-12-01, by 王工".
    public static func withdrawn(at date: Date, by actor: String, language: Language) -> String {
        let day = dayFormatter.string(from: date)
        return language == .zh ? "已于 \(day) 由 \(actor) 撤回" : "withdrawn on \(day), by \(actor)"
    }

    static let dayFormatter: DateFormatter = {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f
    }()

    /// The event a `reverted` event in `history` takes back.
    public static func target(of r: Reverted, in history: [Event]) -> Event? {
        history.first { $0.id == r.target }
    }
}
