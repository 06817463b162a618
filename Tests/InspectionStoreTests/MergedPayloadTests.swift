import Foundation
import GRDB
import InspectionCore
@testable import InspectionStore
import Testing

/// A merge inserts each event's payload as the other replica's file stores it: the events go
/// from replica to replica as they were written, not decoded and written again.
@Suite struct MergedPayloadTests {
    func payload(_ store: InspectionStore, _ id: UUID) throws -> String? {
        try store.read { try String.fetchOne($0, sql: "SELECT payload FROM event WHERE id = ?", arguments: [id]) }
    }

    @Test func aMergedEventKeepsThePayloadTextOfTheFileItCameFrom() throws {
        let a = try World()
        let b = try World(joining: a)
        try b.openRound()
        let code = try b.addDefect("1-1-0101")
        let found = try #require(try b.store.events().last { $0.body.kind == "defect.found" })
        // The same content laid out differently (spaces, the keys in another order), as
        // another writer of the format might store it.
        let stored = try #require(try payload(b.store, found.id))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any])
        let members: [String] = try object.keys.sorted(by: >).map { key in
            let value = try JSONSerialization.data(withJSONObject: object[key]!, options: [.fragmentsAllowed, .withoutEscapingSlashes])
            return "\"\(key)\" : \(String(decoding: value, as: UTF8.self))"
        }
        let relaid: String = "{ \(members.joined(separator: " , ")) }"
        #expect(relaid != stored)
        try b.store.writer.write { try $0.execute(sql: "UPDATE event SET payload = ? WHERE id = ?", arguments: [relaid, found.id]) }

        #expect(try a.store.merge(from: b.store).newEvents > 0)
        let merged: String? = try payload(a.store, found.id)
        #expect(merged == relaid)
        // It reads as the same event: both replicas have the same tables, the defect among them.
        #expect(try a.store.projectionDump() == b.store.projectionDump())
        #expect(try a.store.projectionDump().contains { $0.contains("|\"\(code)\"|") })
        #expect(try a.store.projectionDifferences() == ([], []))
    }
}
