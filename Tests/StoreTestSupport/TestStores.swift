import Foundation
import GRDB
import PostgresStore
import WorkflowStore

/// The two stores the conformance suite runs every store test against, from one source.
public enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgresql

    public var description: String { rawValue }
}

/// A fresh store of one kind, and a way around it to the database below (as an intruder or a careless
/// administrator would go).
public struct TestStore {
    public let store: any WorkflowStore
    public let kind: StoreKind
    /// Runs SQL on the database directly: SQLite's file, or PostgreSQL as the daemon's role.
    public let execute: (String) throws -> Void
    /// Runs SQL with the append-only guard lifted (an intruder with full rights), then puts it back.
    public let tamper: (String) throws -> Void
    /// Runs SQL as PostgreSQL's superuser (nil on SQLite, which has no roles).
    public let superuser: ((String) throws -> String)?
    let close: () throws -> Void
}

/// A direct database change refused, with the database's message.
public struct RawSQLError: Error, CustomStringConvertible {
    public let description: String
}

public enum TestStores {
    /// A fresh, empty store of `kind` for `body`; removed afterwards.
    public static func with<T>(
        _ kind: StoreKind, attachmentLimit: Int = 10 << 20, _ body: (TestStore) throws -> T
    ) throws -> T {
        let test = try make(kind, attachmentLimit: attachmentLimit)
        defer { try? test.close() }
        return try body(test)
    }

    public static func make(_ kind: StoreKind, attachmentLimit: Int = 10 << 20) throws -> TestStore {
        switch kind {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sf-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let path = dir.appendingPathComponent("sf.sqlite").path
            let store = try SQLiteStore(path: path, attachmentLimit: attachmentLimit)
            func raw(_ body: (Database) throws -> Void) throws {
                let queue = try DatabaseQueue(path: path)
                defer { try? queue.close() }
                do {
                    try queue.write(body)
                } catch let error as DatabaseError {
                    throw RawSQLError(description: error.message ?? "\(error)")
                }
            }
            return TestStore(
                store: store, kind: kind, execute: { sql in try raw { try $0.execute(sql: sql) } },
                tamper: { sql in
                    try raw { db in
                        let triggers = try String.fetchAll(
                            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
                        try db.execute(sql: "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete")
                        try db.execute(sql: sql)
                        for trigger in triggers { try db.execute(sql: trigger) }
                    }
                }, superuser: nil,
                close: {
                    try store.close()
                    try? FileManager.default.removeItem(at: dir)
                })
        case .postgresql:
            let cluster = try PostgresTestCluster.shared
            let location = try cluster.makeDatabase()
            let store = try PostgresStore(location: location, attachmentLimit: attachmentLimit, pool: 4)
            func su(_ sql: String) throws -> String {
                do {
                    return try cluster.psql(sql, database: location.database)
                } catch let error as ClusterError {
                    throw RawSQLError(description: error.description)
                }
            }
            return TestStore(
                store: store, kind: kind,
                execute: { sql in
                    do {
                        try cluster.psql(sql, database: location.database, user: PostgresTestCluster.role)
                    } catch let error as ClusterError {
                        throw RawSQLError(description: error.description)
                    }
                },
                tamper: { sql in
                    _ = try su(
                        "ALTER TABLE events DISABLE TRIGGER USER; \(sql); ALTER TABLE events ENABLE TRIGGER USER")
                }, superuser: su,
                close: {
                    try store.close()
                    _ = try? cluster.psql("DROP DATABASE \(location.database) WITH (FORCE)")
                })
        }
    }
}
