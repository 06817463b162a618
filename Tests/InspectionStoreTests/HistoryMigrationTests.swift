import Foundation
import GRDB
import InspectionCore
@testable import InspectionStore
import Testing

/// A file of schema v1 (the demo as the previous release made it, with a few more actions:
/// a not-applicable, an undone pass, a room passed whole, a failed and an undone re-check, a
/// reassignment, a waiver, a claim, a threshold change and a retracted defect) opens, is
/// migrated to the complete history, and shows exactly what it showed before.
@Suite struct HistoryMigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("V1Fixture/demo-v1.yanfang").path

    func copyOfTheFixture(_ dir: TempDir) throws -> String {
        let path = dir.path("demo-v1.db")
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: path)
        return path
    }

    /// The projections of a file as it is on disk, read without migrating it.
    func dumpUnmigrated(_ path: String) throws -> [String] {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        #expect(try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == 1)
        return try queue.read(InspectionStore.projectionDump)
    }

    @Test func aVersionOneFileMigratesWithEveryProjectionAndMarkCodeAsItWas() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = try copyOfTheFixture(dir)
        let before = try dumpUnmigrated(path)
        let eventsBefore = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") }

        let store = try InspectionStore.open(path: path)
        let after = try store.projectionDump()
        // The rows more: the replica this file became, and the project's rectification days
        // (schema v3's setting) at their default.
        #expect(after.filter { $0.hasPrefix("\"replica\"|") }.count == 1)
        #expect(after.contains("\"rectification_days\"|7"))
        // Schema v8's row of rectification terms: the deadline round 1's close set.
        let terms = #""terms"|"{\"days\":7,\"daysSet\":false,\"deadlines\":{\"1\":\"2026-11-11\"},\"recheckScope\":\"open\"}""#
        #expect(after.contains(terms))
        // And schema v5's rows of claims and penalty flags, which the tables held in other forms.
        let claims = after.filter { $0.hasPrefix("\"claim\"|") }, flags = after.filter { $0.hasPrefix("\"flag\"|") }
        // Every defect.rectified event of the fixture (74; none taken back) is a claim row.
        #expect(claims.count == 74)
        #expect(flags.count == (try store.penalties(round: nil).reduce(0) { $0 + $1.count }))
        #expect(flags.count == before.filter { $0.hasPrefix("\"defect\"|") && !$0.contains("|NULL|NULL|") }.count)
        let difference = after.filter {
            !$0.hasPrefix("\"replica\"|") && $0 != "\"rectification_days\"|7" && $0 != terms && !claims.contains($0) && !flags.contains($0)
        }.difference(from: before)
        #expect(difference.isEmpty, "migration changed: \(difference.prefix(6).map { "\($0)" })")
        #expect(after.filter { $0.hasPrefix("\"defect\"|") }.count == 123)

        // Nothing lost from the history, and every event now carries what it changed.
        let events = try store.events()
        #expect(events.count == eventsBefore.map { $0 + 1 })
        // The v1 events are the project's first replica's; the file goes on as a replica of
        // its own, whose joining is its first event.
        let this = try store.replicaIdentity()
        #expect(Set(events.dropLast().map(\.replica)) == [try store.requireProject().id])
        #expect(events.last?.replica == this.id)
        #expect(events.last?.body == .replicaJoined(ReplicaJoined(replica: this.id, tag: this.tag, parent: nil)))
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.hlc < $1.hlc }, "clocks increase in the file's order")
        for event in events {
            switch event.body {
            case .projectCreated(let p): #expect(p.project == (try store.requireProject().id))
            case .checklistsImported(let c): #expect(c.set == (try store.checklists()))
            case .layoutImported(let l): #expect(l.added?.count == l.units)
            case .roundOpened(let r): #expect(r.recheckList?.count == r.rechecks)
            case .remainingPassed(let r): #expect(r.except != nil)
            default: break
            }
        }
        let layoutUnits = events.flatMap { event -> [ProjectUnit] in
            if case .layoutImported(let l) = event.body { return l.added ?? [] }
            return []
        }
        #expect(layoutUnits.map(\.code).sorted() == (try store.units()).map(\.code).sorted())

        // The migrated history rebuilds the same projections, and the codes still answer.
        try store.rebuild()
        #expect(try store.projectionDump() == after)
        #expect(try store.defect(code: "1-256SR").summary.contractor == "华建门窗工程有限公司")
        #expect(try store.defect(code: "1-26C34").defect.failedRechecks == 1)
        try store.close()

        // Opened again, nothing more happens.
        let again = try InspectionStore.open(path: path)
        #expect(try again.projectionDump() == after)
        try again.close()
    }

    @Test func theMigratedFileKeepsWorking() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try InspectionStore.open(path: try copyOfTheFixture(dir))
        let context = ActionContext(actor: "张工", at: Date(timeIntervalSince1970: 1_796_000_000), today: Day("2026-12-01")!)
        let found = try store.write(context) { try $0.addDefect(unit: "1-1-0102", item: "DW-01", room: "入户门", note: "门吸缺失", severity: nil) }
        #expect(try store.defect(code: found.code.text).defect.status == .open)
        // 1-ZXPWZ's re-check was taken back before the migration: it can be recorded again.
        _ = try store.write(context) { try $0.recheck(code: "1-ZXPWZ", passed: true, note: nil) }
        #expect(try store.defect(code: "1-ZXPWZ").defect.status == .closed)
        // New events come after every migrated one.
        let events = try store.events()
        #expect(events.suffix(2).allSatisfy { $0.replica == (try? store.replicaIdentity().id) })
        let written = try store.projectionDump()
        try store.rebuild()
        #expect(try store.projectionDump() == written)
    }
}
