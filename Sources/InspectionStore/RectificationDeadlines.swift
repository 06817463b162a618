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

    /// Read in every action that shows a defect: from their projection (schema v8), folded
    /// from the history in a file of an older schema being migrated.
    static func rectificationTerms(_ db: Database) throws -> RectificationTerms {
        guard try db.tableExists("rectification_terms") else { return try rectificationTermsFromHistory(db) }
        guard let json = try String.fetchOne(db.cachedStatement(sql: "SELECT json FROM rectification_terms")) else {
            return RectificationTerms()
        }
        return try EventCodec.decoder.decode(RectificationTerms.self, from: Data(json.utf8))
    }

    /// The terms folded from the events that set them.
    static func rectificationTermsFromHistory(_ db: Database) throws -> RectificationTerms {
        RectificationTerms(try EventCodec.fetch(db, where: termsCondition))
    }

    /// The rule the next round to close will follow for its deadline (the open round, else
    /// the next to open), by the plan and the setting in force now.
    public func deadlineRule() throws -> DeadlineRule {
        try read { db in
            let rounds = try Self.rounds(db)
            let closing = rounds.last.map { $0.isOpen ? $0.number : $0.number + 1 } ?? 1
            return try Self.rectificationTerms(db).rule(closing: closing, plan: try Self.plan(db))
        }
    }
}
