import Foundation
import GRDB
import InspectionCore

/// Where an event stands in the history's order: (hlc, replica, id), the same in every replica.
struct HistoryPosition: Hashable {
    var hlc: Int64
    var replica: UUID
    var id: UUID

    init(hlc: Int64, replica: UUID, id: UUID) {
        self.hlc = hlc
        self.replica = replica
        self.id = id
    }

    init(_ event: Event) {
        hlc = event.hlc
        replica = event.replica
        id = event.id
    }

    /// The SQL condition "at or before this position", for `event` rows.
    static let atOrBefore = "(hlc, replica, id) <= (?, ?, ?)"
    var arguments: StatementArguments { [hlc, replica, id] }
}

/// An event row as a file stores it: its columns, and its payload as text not yet decoded
/// (a merge inserts the text as it came, and a rebuild decodes it on several cores).
struct StoredEvent: Sendable {
    var id: UUID, replica: UUID, hlc: Int64, kind: String, at: Int64, actor: String, round: Int
    var unit: UUID?, defect: UUID?, payload: Data

    var position: HistoryPosition { HistoryPosition(hlc: hlc, replica: replica, id: id) }

    /// The payload decoded (`EventCodec.UnreadableEvent` when it does not read).
    func body(with decoder: JSONDecoder) throws -> EventBody {
        do {
            return try EventBody.decode(kind: kind, payload: payload, with: decoder)
        } catch {
            throw EventCodec.UnreadableEvent(id: id, kind: kind)
        }
    }

    func event(_ body: EventBody) -> Event {
        Event(id: id, replica: replica, hlc: hlc, at: EventCodec.date(at), actor: actor, round: round, unit: unit, defect: defect, body: body)
    }

    /// Binds the row's columns, in `EventCodec.columns`' order (the payload as text).
    @discardableResult
    func bind(to writer: RowWriter) -> RowWriter {
        writer.bind(id).bind(replica).bind(hlc).bind(kind).bind(at).bind(actor).bind(round).bind(unit).bind(defect).bind(text: payload)
    }
}

extension StoredEvent {
    /// A row of `EventCodec.columns`, in their order.
    init(_ row: Row) {
        self.init(id: row[0], replica: row[1], hlc: row[2], kind: row[3], at: row[4], actor: row[5], round: row[6],
                  unit: row[7], defect: row[8], payload: row[9] ?? Data())
    }
}

/// Events to and from rows of the `event` table.
enum EventCodec {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
    static let decoder = JSONDecoder()

    static let columns = "id, replica, hlc, kind, at, actor, round, unit, defect, payload"
    /// The history's order, the same in every replica.
    static let order = "hlc, replica, id"

    static let insertSQL = "INSERT INTO event (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    static func insert(_ event: Event, into db: Database) throws {
        try db.cachedStatement(sql: insertSQL).execute(arguments: try arguments(event))
    }

    static func arguments(_ event: Event) throws -> StatementArguments {
        [event.id, event.replica, event.hlc, event.body.kind, milliseconds(event.at), event.actor, event.round,
         event.unit, event.defect, String(decoding: try event.body.encodePayload(with: encoder), as: UTF8.self)]
    }

    /// The event in a row of `columns`, in their order. On a cursor's row the payload is
    /// decoded where SQLite holds it, without a copy.
    static func event(_ row: Row) throws -> Event {
        let kind: String = row[3]
        let body = try row.withUnsafeData(atIndex: 9) { payload in
            try EventBody.decode(kind: kind, payload: payload ?? Data(), with: decoder)
        }
        return Event(id: row[0], replica: row[1], hlc: row[2], at: date(row[4]), actor: row[5],
                     round: row[6], unit: row[7], defect: row[8], body: body)
    }

    /// The events a statement selecting `columns` gives, read row by row in place.
    static func events(_ statement: Statement, arguments: StatementArguments = []) throws -> [Event] {
        var events: [Event] = []
        try forEach(statement, arguments: arguments) { events.append($0) }
        return events
    }

    /// Every event a statement selecting `columns` gives, in its order, read a batch of rows at
    /// a time. The payloads of a batch are decoded (most of what reading a history costs) on
    /// the processor's other cores while this thread reads the next batch and hands each
    /// event of the one before to `body`; this thread decodes what is left of a batch when
    /// it gets there. For a rebuild and for reading another replica's history to merge it;
    /// a few rows are decoded on this thread alone. `body` gets each event with its payload as
    /// stored.
    static func forEachDecodingInParallel(_ statement: Statement, arguments: StatementArguments = [], batch size: Int = 16_384,
                                          _ body: (Event, Data) throws -> Void) throws {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        func read() throws -> [StoredEvent] {
            var rows: [StoredEvent] = []
            rows.reserveCapacity(size)
            while rows.count < size, let row = try cursor.next() { rows.append(StoredEvent(row)) }
            return rows
        }
        var next: ParallelBatch<StoredEvent, Result<EventBody, any Error>>? = decoding(try read())
        while let batch = next {
            let following = try read()
            let bodies = batch.outputs()
            next = following.isEmpty ? nil : decoding(following)
            try withExtendedLifetime(batch) {
                for (stored, result) in zip(batch.inputs, bodies) { try body(stored.event(try result.get()), stored.payload) }
            }
        }
    }

    /// The rows of a statement selecting `columns`, their payloads not decoded.
    static func stored(_ statement: Statement, arguments: StatementArguments = []) throws -> [StoredEvent] {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        var rows: [StoredEvent] = []
        while let row = try cursor.next() { rows.append(StoredEvent(row)) }
        return rows
    }

    /// The rows' payloads decoded on other threads as well as this one (`ParallelBatch`).
    private static func decoding(_ rows: [StoredEvent]) -> ParallelBatch<StoredEvent, Result<EventBody, any Error>> {
        ParallelBatch(rows) {
            // Short payloads repeat (a rectification's "已整改", a failed re-check's note):
            // each is decoded once per thread and batch.
            var short: [ShortPayload: EventBody] = [:]
            let decoder = JSONDecoder()
            return { row in
                guard row.payload.count <= ShortPayload.maximum else { return Result { try row.body(with: decoder) } }
                let key = ShortPayload(kind: row.kind, payload: row.payload)
                if let body = short[key] { return .success(body) }
                let result = Result { try row.body(with: decoder) }
                if case .success(let body) = result { short[key] = body }
                return result
            }
        }
    }

    /// An event whose payload does not read (a kind this yanfang does not know, or a payload
    /// that is not what its kind says): the history that holds it does not rebuild.
    struct UnreadableEvent: Error {
        var id: UUID
        var kind: String
    }

    /// A payload short enough to be worth looking up among those decoded before.
    fileprivate struct ShortPayload: Hashable {
        static let maximum = 48
        var kind: String
        var payload: Data
    }

    static func forEach(_ statement: Statement, arguments: StatementArguments = [], _ body: (Event) throws -> Void) throws {
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() { try body(event(row)) }
    }

    /// Events matching `condition`, in the history's order; with `upTo`, only those at or
    /// before that position (a rebuild reads the history as it stood at each event).
    static func fetch(_ db: Database, where condition: String, arguments: StatementArguments = [],
                      upTo position: HistoryPosition? = nil) throws -> [Event] {
        var condition = condition
        var arguments = arguments
        if let position {
            condition = "(\(condition)) AND \(HistoryPosition.atOrBefore)"
            arguments += position.arguments
        }
        return try events(db.cachedStatement(sql: "SELECT \(columns) FROM event WHERE \(condition) ORDER BY \(order)"), arguments: arguments)
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A list of identities as `json` writes it (`["…","…"]`), without the encoder: a merge
    /// of two laptops' whole work writes one for each of hundreds of thousands of conflicts.
    /// An identity's text needs no escaping.
    static func json(ids: [UUID]) -> String {
        "[" + ids.map { "\"\($0.uuidString)\"" }.joined(separator: ",") + "]"
    }
}
