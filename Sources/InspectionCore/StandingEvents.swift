import Foundation

extension Event {
    /// `events` without those a later correction took back (and without the corrections),
    /// in their order: what the history says happened.
    public static func standing(_ events: [Event]) -> [Event] {
        let reverted = Set(events.compactMap { event -> UUID? in
            if case .reverted(let r) = event.body { return r.target }
            return nil
        })
        return events.filter { !reverted.contains($0.id) }
    }
}
