import Foundation
import GRDB
import InspectionCore

extension InspectionStore {
    /// Makes `target` (a new, empty file) a practice copy of the project in `source`: the
    /// whole history, under an identity of its own that the project never hears of. The
    /// source is only read, so nothing of the practice can reach it; the copy is never to be
    /// merged (its events would be the project's strangers).
    public static func practiceCopy(of source: InspectionStore, into target: InspectionStore) throws {
        try target.receive(try source.history(), as: ThisReplica.makeFirst())
    }
}
