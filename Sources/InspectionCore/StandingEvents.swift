import Foundation

extension Event {
    /// `events` without those a later correction took back (an undo, or a lead's resolution
    /// of a conflict setting them aside), in their order: what the history says happened.
    public static func standing(_ events: [Event], _ corrections: Corrections? = nil) -> [Event] {
        let corrections = corrections ?? Corrections(events)
        let setAside = corrections.setAsideForPair.values.reduce(corrections.withdrawn) { $0.union($1) }
        return events.filter { !setAside.contains($0.id) }
    }
}
