import Foundation
import GRDB
import InspectionCore

/// Events to and from rows of the `event` table.
enum EventCodec {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
    static let decoder = JSONDecoder()

    static let columns = "id, kind, at, actor, round, unit, defect, payload"

    static func insert(_ event: Event, into db: Database) throws {
        let payload = try event.body.encodePayload(with: encoder)
        try db.cachedStatement(sql: "INSERT INTO event (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").execute(arguments: [
            event.id, event.body.kind, milliseconds(event.at), event.actor, event.round,
            event.unit, event.defect, String(decoding: payload, as: UTF8.self),
        ])
    }

    static func event(_ row: Row) throws -> Event {
        let kind: String = row["kind"]
        let payload: String = row["payload"]
        let body = try EventBody.decode(kind: kind, payload: Data(payload.utf8), with: decoder)
        return Event(id: row["id"], at: date(row["at"]), actor: row["actor"], round: row["round"],
                     unit: row["unit"], defect: row["defect"], body: body)
    }

    static func fetch(_ db: Database, where condition: String, arguments: StatementArguments = []) throws -> [Event] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT \(columns) FROM event WHERE \(condition) ORDER BY seq"), arguments: arguments)
            .map(event)
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
