import Foundation
import GRDB
import InspectionCore
import InspectionStore
import PropertyBased
import Testing

/// Three laptops on one project (a first replica, one joined from it and one joined from
/// that, whose clocks run a day behind and a day ahead) each record random work, merging now
/// and then; at the end each merges the others in its own order.
@Suite struct MergePropertyTests {
    @Test func mergesInAnyOrderAnyNumberOfTimesGiveTheSameTables() async {
        let coverage = MergeCoverage()
        await propertyCheck(count: 15, input: Gen.int(in: 2...4), Gen.int(in: 0...9999).array(of: 30...120)) { maxRounds, steps in
            let a = try Simulation(maxRounds: maxRounds)
            let b = try Simulation(joining: a, clockSkew: 86_400)
            let c = try Simulation(joining: b, clockSkew: -86_400)
            let laptops = [a, b, c]
            for step in steps {
                let laptop = laptops[step % 3]
                if step % 13 == 0 {
                    // A merge between two laptops in the middle of the work.
                    let other = laptops[(step / 13) % 3]
                    if other !== laptop { coverage.record(try laptop.world.store.merge(from: other.world.store)) }
                } else {
                    try laptop.perform(step / 3)
                }
            }
            // Each laptop merges the others, in different orders.
            for (laptop, order) in [(a, [b, c]), (b, [c, a]), (c, [a, b])] {
                for other in order { coverage.record(try laptop.world.store.merge(from: other.world.store)) }
            }
            // b and c had not seen what a merged last: once more round, then all agree.
            for (laptop, order) in [(b, [a]), (c, [b])] {
                for other in order { coverage.record(try laptop.world.store.merge(from: other.world.store)) }
            }
            let tables = try a.world.store.projectionDump()
            for laptop in [b, c] {
                let other = try laptop.world.store.projectionDump()
                #expect(other == tables, "differs: \(other.difference(from: tables).prefix(4).map { "\($0)" })")
                #expect(try laptop.world.store.events().count == (try a.world.store.events().count))
            }
            // Idempotent: merging again brings nothing and changes nothing.
            for laptop in laptops {
                for other in laptops where other !== laptop {
                    #expect(try laptop.world.store.merge(from: other.world.store).newEvents == 0)
                }
                #expect(try laptop.world.store.projectionDump() == tables)
            }
            // The merged tables are the history's: a rebuild gives them again.
            try a.checkRebuildEqualsIncremental()
            // Mark codes never repeat across laptops, and each answers for its own defect.
            let found = try a.world.store.events().compactMap { event -> (UUID, String)? in
                if case .defectFound(let f) = event.body { return (event.defect!, f.code.text) }
                return nil
            }
            #expect(Set(found.map(\.1)).count == found.count, "a mark code was given twice")
            coverage.add(found: found.count, replicas: Set(try a.world.store.events().map(\.replica)).count)
        }
        #expect(coverage.rebuilt > 0, "no merge brought events from before the file's latest")
        #expect(coverage.appended > 0, "no merge applied events after the file's latest")
        #expect(coverage.found > 0)
    }

    @Test func aFileOfAnotherProjectIsRefusedAndNothingChanges() throws {
        let a = try World()
        let other = try World()
        let before = try a.store.projectionDump()
        #expect(throws: StoreError.self) { try a.store.merge(from: other.store) }
        #expect(try a.store.projectionDump() == before)
    }

    @Test func replicasGetDistinctTagsFromTheirParents() throws {
        let a = try World()
        let b = try World(joining: a)
        let c = try World(joining: a)
        let d = try World(joining: b)
        let tags = try [a, b, c, d].map { try $0.store.replicaIdentity().tag }
        #expect(tags[0].count == 1)
        #expect(tags[1] == tags[0] + "2" && tags[2] == tags[0] + "3" && tags[3] == tags[1] + "2")
        #expect(throws: InspectionError.self) { _ = try World(joining: d) }
        // Mark codes carry the tag.
        try b.openRound()
        #expect(try b.addDefect("1-1-0101").hasPrefix("1-\(tags[1])"))
    }
}

final class MergeCoverage: @unchecked Sendable {
    var rebuilt = 0, appended = 0, found = 0, replicas = 0

    func record(_ summary: MergeSummary) {
        guard summary.newEvents > 0 else { return }
        if summary.rebuilt { rebuilt += 1 } else { appended += 1 }
    }

    func add(found: Int, replicas: Int) {
        self.found += found
        self.replicas = max(self.replicas, replicas)
    }
}

/// A merge that brings in a large share of the history inserts the events without the event
/// table's indexes and makes them again: the same tables and the same indexes as a merge that
/// keeps them up.
@Suite struct LargeMergeTests {
    @Test func aLargeMergeGivesTheSameTablesAndKeepsTheEventIndexes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("large-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.db").path
        let a = try World(store: InspectionStore.create(path: path))
        let b = try World(joining: a)
        try b.openRound()
        let code = try b.addDefect("1-1-0101")
        _ = try b.addDefect("1-1-0102")
        try b.rectify(code)
        let small = try World(joining: a)
        let indexes = { try DatabaseQueue(path: path).read {
            try String.fetchAll($0, sql: "SELECT name || ': ' || coalesce(sql, '(constraint)') FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event' ORDER BY name")
        } }
        let before = try indexes()
        #expect(before.count >= 5)

        let large = try a.store.merge(from: b.store, largeShare: 0)
        #expect(large.newEvents > 0 && large.rebuilt)
        #expect(try indexes() == before)
        #expect(try a.store.projectionDifferences() == ([], []))
        #expect(try Set(b.store.events().map(\.id)).isSubset(of: a.store.events().map(\.id)))
        // The same events merged the ordinary way give the same tables.
        _ = try small.store.merge(from: b.store)
        #expect(try a.store.projectionDump() == small.store.projectionDump())
        // A merge that brings nothing new leaves the indexes too.
        #expect(try a.store.merge(from: b.store, largeShare: 0).newEvents == 0)
        #expect(try indexes() == before)
    }
}
