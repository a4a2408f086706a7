import Foundation
import Testing
import WorkflowModel

@testable import WorkflowStore

/// Durable means every commit is synced before its reply: GRDB's pool sets `synchronous = NORMAL` when it turns WAL on,
/// after the store's own setup, so the store must set FULL again on the writing connection — and a write must sync.
struct SynchronousTests {
    @Test func theWritingConnectionSyncsEveryCommit() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            let store = try SQLiteStore(path: path)
            #expect(try store.writerSynchronous() == 2)
            try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-S1"), in: store)
            #expect(try store.writerSynchronous() == 2)
            // And again after reopening an existing file.
            try store.close()
            let reopened = try SQLiteStore(path: path)
            #expect(try reopened.writerSynchronous() == 2)
        }
    }
}

/// The WAL is copied into the database every 4,000 pages, not SQLite's 1,000: fewer commits pay for a checkpoint
/// (one client's p99 was that), and the WAL still stops growing.
struct CheckpointTests {
    @Test func theWALIsCheckpointedEvery4000PagesAndNoLater() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            func walPages() throws -> Int {
                let size = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
                return max(0, size - 32) / (4096 + 24)
            }
            // Each request its own commit, ~14 pages each: well past SQLite's 1,000 pages, short of 4,000.
            var n = 0
            while try walPages() < 2000 {
                n += 1
                try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-C\(n)"), in: store)
                #expect(n < 1000)
                if n >= 1000 { return }
            }
            // Past 4,000 pages a commit checkpoints, and the WAL starts again from its beginning.
            var largest = 0
            while n < 900 {
                n += 1
                try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-C\(n)"), in: store)
                largest = max(largest, try walPages())
            }
            #expect(largest >= 4000)
            #expect(largest < 4000 + 100)
            #expect(try store.read { try $0.instances(InstanceFilter(limit: 1000)) }.count == 900)
        }
    }

    /// A clean close leaves the whole store in its file: the WAL empty, and a copy of the file alone complete.
    @Test func aCleanCloseLeavesEverythingInTheDatabaseFile() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            let store = try SQLiteStore(path: path)
            for n in 0..<50 { try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-W\(n)"), in: store) }
            try store.close()
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            #expect(wal == 0)
            let copy = dir.appendingPathComponent("copy").appendingPathComponent("sf.sqlite")
            try FileManager.default.createDirectory(
                at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: path, toPath: copy.path)
            let copied = try SQLiteStore(path: copy.path)
            defer { try? copied.close() }
            #expect(try copied.read { try $0.instances(InstanceFilter(limit: 100)) }.count == 50)
            #expect(try copied.verifyChain().ok)
        }
    }
}
