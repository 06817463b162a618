import Foundation
import GRDB
import InspectionCore

/// What a contractor needs from a defect's history to know why it is on the list: every
/// failed re-check (which round, and the inspector's note on why) and every claim that it
/// was fixed (with the contractor's note), oldest first. Steps later taken back are left out.
///
/// The history is read here and nowhere else for lists, so that a change in how corrections
/// are recorded is adapted in one place.
public struct DefectStory: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case claimed, failedRecheck }

    public struct Step: Hashable, Sendable {
        public var kind: Kind
        /// The round the step belongs to (a claim between rounds belongs to the round just closed).
        public var round: Int
        public var at: Date
        public var actor: String
        public var note: String?
    }

    public var steps: [Step] = []

    public var failedRechecks: [Step] { steps.filter { $0.kind == .failedRecheck } }
    public var claims: [Step] { steps.filter { $0.kind == .claimed } }

    /// The story told by one defect's events.
    public init(events: [Event]) {
        for event in Event.standing(events) {
            switch event.body {
            case .defectRectified(let r):
                steps.append(Step(kind: .claimed, round: event.round, at: event.at, actor: event.actor, note: r.note))
            case .defectRechecked(let r) where !r.passed:
                steps.append(Step(kind: .failedRecheck, round: event.round, at: event.at, actor: event.actor, note: r.note))
            default:
                break
            }
        }
    }

    public init() {}
}

extension InspectionStore {
    /// The stories of `defects`, read in batches through the history's defect index.
    public func stories(of defects: [UUID]) throws -> [UUID: DefectStory] {
        try read { db in
            var events: [UUID: [Event]] = [:]
            var start = 0
            while start < defects.count {
                let batch = Array(defects[start..<min(start + 500, defects.count)])
                start += batch.count
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ",")
                let kinds = "'defect.rectified','defect.rechecked','reverted','conflict.resolved'"
                for event in try EventCodec.fetch(db, where: "defect IN (\(marks)) AND kind IN (\(kinds))", arguments: StatementArguments(batch)) {
                    if let id = event.defect { events[id, default: []].append(event) }
                }
            }
            return events.mapValues(DefectStory.init(events:))
        }
    }
}
