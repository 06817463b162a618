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
        arguments(event, payload: String(decoding: try event.body.encodePayload(with: encoder), as: UTF8.self))
    }

    /// The row of an event whose payload is at hand as another file stores it (a merge): the
    /// text the event was decoded from, not encoded again.
    static func arguments(_ event: Event, payload: String) -> StatementArguments {
        [event.id, event.replica, event.hlc, event.body.kind, milliseconds(event.at), event.actor, event.round,
         event.unit, event.defect, payload]
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

    /// Every event a statement selecting `columns` gives, in its order, with the payloads of
    /// each batch of rows decoded on all the processor's cores (the decoding is most of what
    /// reading the history costs). For a rebuild and for reading another replica's history to
    /// merge it; a batch of a few rows is decoded on this thread.
    /// `body` gets each event with its payload as stored.
    static func forEachDecodingInParallel(_ statement: Statement, arguments: StatementArguments = [], batch size: Int = 16_384,
                                          _ body: (Event, Data) throws -> Void) throws {
        struct Raw {
            var id: UUID, replica: UUID, hlc: Int64, kind: String, at: Int64, actor: String, round: Int
            var unit: UUID?, defect: UUID?, payload: Data
        }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var raws: [Raw] = []
        raws.reserveCapacity(size)
        func drain() throws {
            guard !raws.isEmpty else { return }
            let rows = raws
            var decoded = [Result<EventBody, any Error>?](repeating: nil, count: rows.count)
            // Handing a few rows to other threads would cost more than decoding them here.
            let threads = rows.count < 256 ? 1 : workers
            decoded.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                let chunk = (rows.count + threads - 1) / threads
                DispatchQueue.concurrentPerform(iterations: threads) { worker in
                    // One decoder per worker: nothing is shared between the threads but the rows.
                    let decoder = JSONDecoder()
                    // Short payloads repeat (a rectification's "已整改", a failed re-check's
                    // note): each is decoded once per worker and batch.
                    var short: [ShortPayload: EventBody] = [:]
                    for i in (worker * chunk)..<min(rows.count, (worker + 1) * chunk) {
                        let row = rows[i]
                        guard row.payload.count <= ShortPayload.maximum else {
                            out[i] = Result { try EventBody.decode(kind: row.kind, payload: row.payload, with: decoder) }
                            continue
                        }
                        let key = ShortPayload(kind: row.kind, payload: row.payload)
                        if let body = short[key] {
                            out[i] = .success(body)
                        } else {
                            out[i] = Result { try EventBody.decode(kind: row.kind, payload: row.payload, with: decoder) }
                            if case .success(let body) = out[i] { short[key] = body }
                        }
                    }
                }
            }
            for (raw, result) in zip(rows, decoded) {
                try body(Event(id: raw.id, replica: raw.replica, hlc: raw.hlc, at: date(raw.at), actor: raw.actor,
                               round: raw.round, unit: raw.unit, defect: raw.defect, body: result!.get()), raw.payload)
            }
            raws.removeAll(keepingCapacity: true)
        }
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() {
            raws.append(Raw(id: row[0], replica: row[1], hlc: row[2], kind: row[3], at: row[4], actor: row[5], round: row[6],
                            unit: row[7], defect: row[8], payload: row[9] ?? Data()))
            if raws.count == size { try drain() }
        }
        try drain()
    }

    /// A payload short enough to be worth looking up among those decoded before.
    private struct ShortPayload: Hashable {
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
}
