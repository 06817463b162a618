import Foundation
import GRDB
import InspectionCore

extension InspectionStore {
    /// The events that set rectification terms (`RectificationTerms.kinds`), as the partial
    /// index `event_terms` names them: a query must repeat it word for word to use the index.
    static let termsCondition = "kind IN ('project.created', 'settings.changed', 'round.closed')"

    /// The rectification terms the history sets: days in force and each closed round's deadline.
    public func rectificationTerms() throws -> RectificationTerms {
        try read(Self.rectificationTerms)
    }

    static func rectificationTerms(_ db: Database) throws -> RectificationTerms {
        RectificationTerms(try EventCodec.fetch(db, where: termsCondition))
    }
}
