import Foundation
import GRDB
import InspectionCore
@testable import InspectionStore
import Testing

/// Reading a history a batch at a time, the payloads decoded on other threads: every event
/// comes once, in the statement's order, as it was written, whatever the batch size.
@Suite struct HistoryReadingTests {
    /// A history of `count` events: short payloads that repeat, and longer ones that don't.
    func history(_ count: Int) throws -> (DatabaseQueue, [Event]) {
        let queue = try DatabaseQueue()
        var events: [Event] = []
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE event (seq INTEGER PRIMARY KEY, id BLOB NOT NULL, replica BLOB NOT NULL, hlc INTEGER NOT NULL, kind TEXT NOT NULL,
                    at INTEGER NOT NULL, actor TEXT NOT NULL, round INTEGER NOT NULL, unit BLOB, defect BLOB, payload TEXT NOT NULL)
                """)
            for n in 0..<count {
                let body: EventBody = switch n % 3 {
                case 0: .defectRectified(DefectRectified(note: "已整改"))
                case 1: .defectRectified(DefectRectified(note: "第 \(n) 次整改：更换合页，调整门扇与门框的缝隙，重新打胶"))
                default: .defectRechecked(DefectRechecked(passed: n % 2 == 0, note: n % 4 == 0 ? nil : "仍未整改到位"))
                }
                let event = Event(id: UUID(), replica: UUID(), hlc: Int64(n), at: Date(timeIntervalSince1970: Double(n)), actor: "甲",
                                  round: 1, unit: UUID(), defect: UUID(), body: body)
                try EventCodec.insert(event, into: db)
                events.append(event)
            }
        }
        return (queue, events)
    }

    @Test(arguments: [1, 255, 700, 16_384])
    func everyEventComesOnceInOrder(batch: Int) throws {
        let (queue, written) = try history(1_500)
        let (read, payloads, stored) = try queue.read { db in
            var read: [Event] = []
            var payloads: [String] = []
            try EventCodec.forEachDecodingInParallel(db.makeStatement(sql: "SELECT \(EventCodec.columns) FROM event ORDER BY seq"),
                                                     batch: batch) { event, payload in
                read.append(event)
                payloads.append(String(decoding: payload, as: UTF8.self))
            }
            return (read, payloads, try String.fetchAll(db, sql: "SELECT payload FROM event ORDER BY seq"))
        }
        #expect(read == written)
        #expect(payloads == stored)
    }

    @Test func aBodyThatThrowsStopsTheReadingWithItsError() throws {
        struct Stop: Error {}
        let (queue, _) = try history(1_500)
        var seen = 0
        #expect(throws: Stop.self) {
            try queue.read { db in
                try EventCodec.forEachDecodingInParallel(db.makeStatement(sql: "SELECT \(EventCodec.columns) FROM event ORDER BY seq"),
                                                         batch: 600) { _, _ in
                    seen += 1
                    if seen == 700 { throw Stop() }
                }
            }
        }
        #expect(seen == 700)
    }

    @Test func aPayloadThatDoesNotDecodeIsAnError() throws {
        let (queue, _) = try history(900)
        try queue.write { try $0.execute(sql: "UPDATE event SET payload = '{\"passed\": \"maybe\"}' WHERE seq = 801") }
        #expect(throws: (any Error).self) {
            try queue.read { db in
                try EventCodec.forEachDecodingInParallel(db.makeStatement(sql: "SELECT \(EventCodec.columns) FROM event ORDER BY seq"),
                                                         batch: 300) { _, _ in }
            }
        }
    }
}

/// The conflicts' lists of events are written without the encoder, as it writes them.
@Suite struct IdentityListTests {
    @Test(arguments: [0, 1, 2, 5])
    func aListOfIdentitiesIsWrittenAsTheEncoderWritesIt(count: Int) throws {
        let ids = (0..<count).map { _ in UUID() }
        #expect(EventCodec.json(ids: ids) == (try EventCodec.json(ids)))
        #expect(try EventCodec.decoder.decode([UUID].self, from: Data(EventCodec.json(ids: ids).utf8)) == ids)
    }
}
