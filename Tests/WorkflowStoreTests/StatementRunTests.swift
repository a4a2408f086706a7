import Foundation
import GRDB
import GRDBSQLite
import Testing

@testable import WorkflowStore

/// The commit path's statements bind through SQLite's C API (`Statement.run`): each value as GRDB would bind it, and
/// a failure as GRDB would report it, with nothing half-written.
struct StatementRunTests {
    static func table() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT, number INTEGER, bytes BLOB)")
        }
        return queue
    }

    @Test
    func bindsEachKindOfValueAsGRDBDoes() throws {
        let queue = try Self.table()
        let rows: [[SQLValue]] = [
            [.integer(1), .text("牌匾 \"quoted\"\n"), .integer(-7), .bytes(Data([0, 1, 255]))],
            [.integer(2), .text(""), .null, .bytes(Data())],
            [.integer(3), .null, .integer(Int64.max), .null],
        ]
        try queue.write { db in
            let statement = try db.cachedStatement(sql: "INSERT INTO t (id, text, number, bytes) VALUES (?, ?, ?, ?)")
            for row in rows { try statement.run(row) }
            // The same rows through GRDB's own binding, under other ids, must read back the same.
            for row in rows {
                try db.execute(
                    sql: "INSERT INTO t (id, text, number, bytes) VALUES (? + 10, ?, ?, ?)",
                    arguments: StatementArguments(row))
            }
        }
        try queue.read { db in
            for id in 1...3 {
                let mine = try #require(
                    try Row.fetchOne(db, sql: "SELECT text, number, bytes FROM t WHERE id = ?", arguments: [id]))
                let grdb = try #require(
                    try Row.fetchOne(db, sql: "SELECT text, number, bytes FROM t WHERE id = ?", arguments: [id + 10]))
                #expect(mine == grdb, "row \(id): \(mine) against \(grdb)")
            }
            // An empty text is "", not NULL; an empty blob is an empty blob.
            #expect(try String.fetchOne(db, sql: "SELECT typeof(text) FROM t WHERE id = 2") == "text")
            #expect(try String.fetchOne(db, sql: "SELECT typeof(bytes) FROM t WHERE id = 2") == "blob")
        }
    }

    @Test
    func aFailingStepThrowsGRDBsErrorAndTheStatementStaysUsable() throws {
        let queue = try Self.table()
        try queue.write { db in
            let statement = try db.cachedStatement(sql: "INSERT INTO t (id, text) VALUES (?, ?)")
            try statement.run([.integer(1), .text("first")])
            let error = #expect(throws: DatabaseError.self) { try statement.run([.integer(1), .text("again")]) }
            #expect(error?.resultCode == .SQLITE_CONSTRAINT)
            try statement.run([.integer(2), .text("second")])
        }
        #expect(
            try queue.read { try String.fetchAll($0, sql: "SELECT text FROM t ORDER BY id") } == ["first", "second"])
    }

    @Test
    func aValueSQLiteRefusesIsNotReplacedByTheLastCallsValue() throws {
        let queue = try Self.table()
        try queue.write { db in
            let statement = try db.cachedStatement(sql: "INSERT INTO t (id, text) VALUES (?, ?)")
            try statement.run([.integer(1), .text("short")])
            sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, 100)
            let error = #expect(throws: DatabaseError.self) {
                try statement.run([.integer(2), .text(String(repeating: "长", count: 200))])
            }
            #expect(error?.resultCode == .SQLITE_TOOBIG)
            // Too few values: GRDB's own message, and nothing runs with what was bound before.
            #expect(throws: DatabaseError.self) { try statement.run([.integer(3)]) }
        }
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t") } == 1)
    }
}
