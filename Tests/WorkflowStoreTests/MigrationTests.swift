import Foundation
import GRDB
import Testing
import WorkflowModel

@testable import WorkflowStore

struct MigrationTests {
    @Test func createsEveryTableInAnEmptyFile() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let store = try SQLiteStore(path: path)
            try store.close()

            let queue = try DatabaseQueue(path: path)
            try queue.read { (db: Database) throws in
                #expect(try Int32.fetchOne(db, sql: "PRAGMA application_id") == SQLiteStore.applicationID)
                #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
                let applied = try SQLiteStore.migrator.appliedIdentifiers(db)
                #expect(applied == Set(SQLiteStore.migrationIdentifiers))
                for table in [
                    "events", "instances", "definitions", "timers", "idempotency", "reference_lists", "attachments",
                ] {
                    #expect(try db.tableExists(table), "\(table)")
                }
            }
        }
    }

    @Test func adoptsAnSQLiteFileLeftEmptyByACrashDuringCreation() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            // What a kill between creating the file and writing the application id leaves: a header, no tables.
            let partial = try DatabaseQueue(path: path)
            _ = try partial.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode = WAL") }
            try partial.close()
            #expect(try StoreFixture.fileBytes(URL(fileURLWithPath: path)).count > 0)

            try SQLiteStore(path: path).close()
            let store = try SQLiteStore(path: path)
            try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-1"), in: store)
            try store.close()
            let queue = try DatabaseQueue(path: path)
            #expect(
                try queue.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") } == SQLiteStore.applicationID)
        }
    }

    @Test(arguments: SQLiteStore.migrationIdentifiers.dropLast())
    func upgradesAnEarlierSchemaKeepingItsData(_ version: String) throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("old.sqlite").path
            let request = StoreFixture.plaqueRequest(id: "PA-20200302-OLD01")
            // A file as an older StreetFlow left it: migrated only up to `version`, with a request in it.
            let old = try DatabaseQueue(path: path)
            try old.write { db in try db.execute(sql: "PRAGMA application_id = \(SQLiteStore.applicationID)") }
            try SQLiteStore.migrator.migrate(old, upTo: version)
            // Its rows are written as any version writes them (events and the first schema's instance columns):
            // recorded by a current store, copied over.
            let current = dir.appendingPathComponent("current.sqlite").path
            let store = try SQLiteStore(path: current)
            _ = try store.write { try $0.append(request.1, to: request.0, summary: "卫生服务点") }
            try store.close()
            try old.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS current", arguments: [current])
                let columns =
                    "id, workflow, definition_version, version, state, final, committee, department, submitter_uid, "
                    + "summary, created_ms, updated_ms, next_deadline_ms, data"
                try db.execute(sql: "INSERT INTO events SELECT * FROM current.events")
                try db.execute(sql: "INSERT INTO instances (\(columns)) SELECT \(columns) FROM current.instances")
                try db.execute(sql: "DETACH DATABASE current")
            }
            if version == SQLiteStore.migrationIdentifiers[0] {
                #expect(try old.read { try $0.tableExists("attachments") } == false)
            }
            // A timer as every version kept it.
            try old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO timers (instance_id, deadline_index, entered_version, due_ms)
                        VALUES ('\(request.0.id)', 0, 1, 1583200800000)
                        """)
            }
            // A key recorded before keys were scoped to a method, a target and a request's hash.
            try old.write { db in
                try db.execute(
                    sql: "INSERT INTO idempotency (uid, key, reply, created_ms) VALUES (1000, 'old-key', x'7b7d', 0)")
            }
            try old.close()

            let upgraded = try SQLiteStore(path: path)
            #expect(try upgraded.read { try $0.instance(request.0.id) } == request.0)
            #expect(try upgraded.read { try $0.events(of: request.0.id) }.map(\.event) == request.1)
            #expect(try upgraded.verifyChain().ok)
            // The v2 tables are there and usable.
            let sha = try upgraded.write {
                try $0.putAttachment(Data("photo".utf8), mediaType: "image/jpeg", at: Date())
            }
            #expect(try upgraded.read { try $0.attachment(sha) } == Data("photo".utf8))
            // The v3 columns are there; the old record reads with no method and no hash.
            let legacy = try #require(try upgraded.read { try $0.idempotencyRecord(uid: 1000, key: "old-key") })
            #expect(legacy.method == "" && legacy.requestSHA256 == "" && legacy.reply == Data("{}".utf8))
            // The v4 sequence counts from 1, and the document number is searchable.
            #expect(try upgraded.write { try $0.nextDocumentNumber(kind: "admission", year: 2026) } == 1)
            #expect(try upgraded.read { try $0.instances(InstanceFilter(text: "卫生")) }.map(\.id) == [request.0.id])
            // The timer kept (v10 moved timers into a table clustered by their key), and due as before.
            #expect(
                try upgraded.read { try $0.dueTimers(at: Date(timeIntervalSince1970: 1_583_200_800), limit: 10) }
                    .map(\.instanceID) == [request.0.id])
            try upgraded.close()

            let queue = try DatabaseQueue(path: path)
            try queue.read { (db: Database) throws in
                #expect(try db.tableExists("reference_lists"))
                // Events are indexed by request once, by UNIQUE (instance_id, seq) (v8 dropped the duplicate).
                let indexes = try db.indexes(on: "events")
                #expect(!indexes.contains { $0.name == "events_instance" })
                #expect(indexes.contains { $0.isUnique && $0.columns == ["instance_id", "seq"] })
                #expect(try SQLiteStore.migrator.appliedIdentifiers(db) == Set(SQLiteStore.migrationIdentifiers))
                let timers = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'timers'")
                #expect(timers?.contains("WITHOUT ROWID") == true)
                #expect(try db.indexes(on: "timers").contains { $0.name == "timers_due" && $0.columns == ["due_ms"] })
            }
        }
    }

    @Test func refusesAFileOfANewerStreetFlow() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("newer.sqlite").path
            try SQLiteStore(path: path).close()
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v3-from-the-future')")
            }
            try queue.close()

            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
            #expect(error?.code == .newerSchema)
            #expect(error?.message.contains("v3-from-the-future") == true)
        }
    }
}
