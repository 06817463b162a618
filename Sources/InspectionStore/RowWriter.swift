import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement run many times in a row (a rebuild writes hundreds of thousands of
/// defect, re-check and claim rows; a merge inserts every event it brings), with its values
/// bound straight to SQLite, in the statement's order. GRDB's `StatementArguments` first
/// gathers the values into an array of `DatabaseValue`s and checks their count for each row:
/// a fifth of what writing a defect's row cost. The values are stored as GRDB stores them
/// (a UUID as its 16 bytes, a Bool as 0 or 1), so what is written reads back the same.
final class RowWriter {
    private let statement: Statement
    private var index: Int32 = 0
    /// The first binding SQLite refused since the last run (SQLITE_OK: none).
    private var refused = SQLITE_OK

    init(_ db: Database, sql: String) throws {
        // A statement of its own (not GRDB's cached one, which others bind through GRDB).
        statement = try db.makeStatement(sql: sql)
        // No values through GRDB: it resets the statement before each run, keeping ours.
        statement.setUncheckedArguments([])
    }

    private var handle: OpaquePointer { statement.sqliteStatement }
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func next() -> Int32 {
        index += 1
        return index
    }

    private func check(_ code: Int32) {
        if code != SQLITE_OK, refused == SQLITE_OK { refused = code }
    }

    /// Binds the next value, NULL when there is none.
    private func bind<T>(_ value: T?, _ bindValue: (OpaquePointer, Int32, T) -> Int32) -> Self {
        let at = next()
        check(value.map { bindValue(handle, at, $0) } ?? sqlite3_bind_null(handle, at))
        return self
    }

    @discardableResult func bind(_ value: Int64?) -> Self { bind(value) { sqlite3_bind_int64($0, $1, $2) } }

    @discardableResult func bind(_ value: Int?) -> Self { bind(value.map(Int64.init)) }

    @discardableResult func bind(_ value: Bool?) -> Self { bind(value.map { $0 ? Int64(1) : 0 }) }

    @discardableResult func bind(_ value: String?) -> Self {
        bind(value) { handle, at, value in
            var value = value
            return value.withUTF8 { Self.bindText(handle, at, UnsafeRawBufferPointer($0)) }
        }
    }

    /// UTF-8 bytes bound as text (a payload as another file stores it).
    @discardableResult func bind(text value: Data) -> Self {
        bind(value) { handle, at, value in value.withUnsafeBytes { Self.bindText(handle, at, $0) } }
    }

    private static func bindText(_ handle: OpaquePointer, _ at: Int32, _ text: UnsafeRawBufferPointer) -> Int32 {
        // An empty text still needs an address: SQLite reads none as NULL.
        guard let base = text.baseAddress, !text.isEmpty else { return sqlite3_bind_text(handle, at, "", 0, transient) }
        return sqlite3_bind_text(handle, at, base.assumingMemoryBound(to: CChar.self), Int32(text.count), transient)
    }

    @discardableResult func bind(_ value: UUID?) -> Self {
        bind(value) { handle, at, value in withUnsafeBytes(of: value.uuid) { sqlite3_bind_blob(handle, at, $0.baseAddress, 16, Self.transient) } }
    }

    /// Runs a statement that returns one integer (`RETURNING rowid`) with the values bound
    /// since the last run.
    func fetchInt64() throws -> Int64? {
        try run { try Int64.fetchOne(statement) }
    }

    /// Runs the statement with the values bound since the last run; returns the row id of the
    /// row inserted, and makes ready for the next row's values.
    @discardableResult func execute() throws -> Int64 {
        try run {
            try statement.execute()
            return sqlite3_last_insert_rowid(sqlite3_db_handle(handle))
        }
    }

    /// Runs the statement once with the values bound, then resets it: SQLite takes the next
    /// row's values only from a statement reset since it last ran.
    private func run<T>(_ body: () throws -> T) throws -> T {
        precondition(index == sqlite3_bind_parameter_count(handle), "\(index) values bound for \(statement.sql)")
        let code = refused
        index = 0
        refused = SQLITE_OK
        defer { sqlite3_reset(handle) }
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "a value could not be bound", sql: statement.sql) }
        return try body()
    }
}
