import Foundation
import GRDB
@testable import InspectionStore
import Testing

/// Values bound straight to SQLite read back as those GRDB binds: the same types and bytes.
@Suite struct RowWriterTests {
    @Test func boundValuesReadBackAsGRDBWritesThem() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER NOT NULL PRIMARY KEY, a, b, c, d, e, f, g)")
            let id = UUID()
            let writer = try RowWriter(db, sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for n in 1...3 {
                let rowid = try writer.bind(Int64(n)).bind(id).bind("验房 \(n)").bind("").bind(true).bind(nil as String?)
                    .bind(Int?.none).bind(UUID?.none).execute()
                #expect(rowid == Int64(n))
                try db.execute(sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               arguments: [n + 100, id, "验房 \(n)", "", true, nil as String?, nil as Int?, nil as UUID?])
            }
            let typed = "SELECT typeof(a), hex(a), typeof(b), b, typeof(c), c, typeof(d), d, typeof(e), e, typeof(f), typeof(g) FROM t WHERE n = ?"
            for n in 1...3 {
                let written = try Row.fetchOne(db, sql: typed, arguments: [n])
                let grdb = try Row.fetchOne(db, sql: typed, arguments: [n + 100])
                #expect(written == grdb)
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT b) FROM t") == 3)
        }
    }

    @Test func aStatementReturningTheRowidGivesIt() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, n INTEGER)")
            let upsert = try RowWriter(db, sql: "INSERT INTO t (name, n) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET n = excluded.n RETURNING id")
            let first = try upsert.bind("a").bind(1).fetchInt64()
            let second = try upsert.bind("b").bind(2).fetchInt64()
            let again = try upsert.bind("a").bind(3).fetchInt64()
            #expect(first != second)
            #expect(again == first)
            #expect(try Int.fetchAll(db, sql: "SELECT n FROM t ORDER BY id") == [3, 2])
        }
    }
}
