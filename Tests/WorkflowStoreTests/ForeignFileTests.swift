import Foundation
import GRDB
import Testing
import WorkflowStore

struct ForeignFileTests {
    @Test func refusesATextFileAndLeavesItAlone() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("notes.txt")
            try Data("these are my notes, not a database\n".utf8).write(to: url)
            let before = try StoreFixture.fileBytes(url)

            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: url.path) }
            #expect(error?.code == .foreignDatabase)
            #expect(try StoreFixture.fileBytes(url) == before)
            #expect(!FileManager.default.fileExists(atPath: url.path + "-wal"))
        }
    }

    @Test func refusesAnotherApplicationsDatabaseAndLeavesItAlone() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("other.sqlite")
            let other = try DatabaseQueue(path: url.path)
            try other.write { db in
                try db.execute(
                    sql: """
                        PRAGMA application_id = 1234;
                        CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
                        INSERT INTO customers (name) VALUES ('Ada'), ('Grace');
                        """)
            }
            try other.close()
            let before = try StoreFixture.fileBytes(url)

            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: url.path) }
            #expect(error?.code == .foreignDatabase)
            #expect(error?.message.contains("1234") == true)
            #expect(try StoreFixture.fileBytes(url) == before)
        }
    }

    @Test func refusesAnSQLiteFileWithoutApplicationIDThatHasTables() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("plain.sqlite")
            let other = try DatabaseQueue(path: url.path)
            try other.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
            try other.close()
            let before = try StoreFixture.fileBytes(url)

            #expect(throws: StoreError.self) { try SQLiteStore(path: url.path) }
            #expect(try StoreFixture.fileBytes(url) == before)
        }
    }

    enum Damage: String, CaseIterable {
        case garbledPages
        case truncated
    }

    @Test(arguments: Damage.allCases)
    func refusesADamagedFileAndLeavesItAlone(_ damage: Damage) throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("sf.sqlite")
            let store = try SQLiteStore(path: url.path)
            for n in 0..<200 {
                try StoreFixture.store(
                    StoreFixture.plaqueRequest(id: "PA-\(n)", text: String(repeating: "牌", count: 40)), in: store)
            }
            try store.close()
            // Move everything into the main file, so the damage hits the data and not a stale copy.
            let raw = try DatabaseQueue(path: url.path)
            try raw.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try raw.close()
            let wal = URL(fileURLWithPath: url.path + "-wal")
            let walBytes = FileManager.default.fileExists(atPath: wal.path) ? try StoreFixture.fileBytes(wal).count : 0
            #expect(walBytes == 0)

            var bytes = try StoreFixture.fileBytes(url)
            let pageSize = 4096
            #expect(bytes.count > 8 * pageSize)
            switch damage {
            case .garbledPages:
                // Keep page 1 (header and schema) so the file still looks like ours; overwrite every other page.
                var generator = SystemRandomNumberGenerator()
                for index in pageSize..<bytes.count { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
            case .truncated:
                bytes = bytes.prefix(bytes.count / 2 + 100)
            }
            try bytes.write(to: url)

            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: url.path) }
            #expect(error?.code == .corruptDatabase)
            #expect(try StoreFixture.fileBytes(url) == bytes)
        }
    }
}
