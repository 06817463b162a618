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

/// A rebuild writes the projections without SQLite checking their foreign keys row by row,
/// and checks them once before it commits.
@Suite struct RebuildKeysTests {
    @Test func aRowWithoutItsParentRollsTheRebuildBackAndKeysAreCheckedAgainAfter() throws {
        let world = try World()
        try world.openRound()
        _ = try world.addDefect("1-1-0101")
        let before = try world.store.projectionDump()
        let orphan = "INSERT INTO recheck (round, defect_rowid, unit_rowid, building, category) VALUES (9, 999999, 999999, '1', 'doors')"
        #expect(throws: (any Error).self) {
            try world.store.writeRebuilding { db in
                try Projector.rebuild(db)
                try db.execute(sql: orphan)
            }
        }
        #expect(try world.store.projectionDump() == before)
        #expect(try world.store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM recheck WHERE round = 9") } == 0)
        // The connection checks every row's keys again.
        #expect(try world.store.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") } == 1)
        #expect(throws: (any Error).self) { try world.store.writer.write { try $0.execute(sql: orphan) } }
        // A rebuild as it should be commits.
        #expect(try world.store.rebuild().defects == 1)
        #expect(try world.store.projectionDump() == before)
    }

    /// An event of another file that does not read (here a finding whose code is a number)
    /// refuses the merge, naming the event, and this file is left as it was: whether the merge
    /// applies the events it brings or rebuilds from the whole history.
    @Test(arguments: [20_000, 0])
    func anEventThatDoesNotReadRefusesTheMerge(largeShare: Int) throws {
        let a = try World()
        let b = try World(joining: a)
        try b.openRound()
        _ = try b.addDefect("1-1-0101")
        let found = try #require(try b.store.events().last { $0.body.kind == "defect.found" })
        try b.store.writer.write { try $0.execute(sql: "UPDATE event SET payload = '{\"code\": 7}' WHERE id = ?", arguments: [found.id]) }
        let dump = try a.store.projectionDump()
        let events = try a.store.events()
        #expect {
            try a.store.merge(from: b.store, largeShare: largeShare)
        } throws: { error in
            guard case let StoreError.unreadableEvent(_, event, kind) = error else { return false }
            return event == found.id && kind == "defect.found" && "\(error)".contains("does not read")
        }
        #expect(try a.store.projectionDump() == dump)
        #expect(try a.store.events() == events)
    }

    /// Rebuilding a history that holds an event that does not read names this file and the
    /// event, and changes nothing.
    @Test func rebuildingAnEventThatDoesNotReadNamesIt() throws {
        let a = try World()
        try a.openRound()
        _ = try a.addDefect("1-1-0101")
        let found = try #require(try a.store.events().last { $0.body.kind == "defect.found" })
        let dump = try a.store.projectionDump()
        try a.store.writer.write { try $0.execute(sql: "UPDATE event SET kind = 'defect.foundd' WHERE id = ?", arguments: [found.id]) }
        #expect {
            try a.store.rebuild()
        } throws: { error in
            guard case let StoreError.unreadableEvent(_, event, kind) = error else { return false }
            return event == found.id && kind == "defect.foundd"
        }
        #expect(try a.store.projectionDump() == dump)
    }
}
