import Foundation
import Testing
import WorkflowModel

@testable import WorkflowStore

/// The write path keeps committed projections decoded (``ProjectionCache``); what a command undone or a transaction
/// rolled back wrote must never be read as if it had been committed.
struct ProjectionCacheTests {
    struct Refused: Error {}

    static let office = StoreFixture.actor(uid: 3001, roles: [.office, .street])

    /// The projection after `action`, computed (not stored).
    static func acted(_ instance: WorkflowInstance, _ action: String) throws -> (WorkflowInstance, [WorkflowEvent]) {
        let events = try StoreFixture.plaque.transition(
            instance: instance, command: .act(action: action, comment: nil, fields: [:]), actor: office,
            context: TransitionContext(now: StoreFixture.time(30), separationOfDuties: false)
        ).get()
        var updated = instance
        for event in events { updated.apply(event, definition: StoreFixture.plaque) }
        return (updated, events)
    }

    @Test func aCommandUndoneInItsSavepointLeavesNoProjectionBehind() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path)
            let request = StoreFixture.plaqueRequest(id: "PA-1")
            try StoreFixture.store(request, in: store)

            let seen: [String] = try store.write { tx in
                var seen: [String] = []
                // First command of the batch: forwards the request.
                try tx.savepoint {
                    let (forwarded, events) = try Self.acted(try tx.instance("PA-1")!, "forward")
                    _ = try tx.append(events, to: forwarded, summary: "")
                }
                seen.append(try tx.instance("PA-1")!.state)
                // Second: appends the next step, then fails — undone alone.
                #expect(throws: Refused.self) {
                    try tx.savepoint {
                        let (approved, events) = try Self.acted(try tx.instance("PA-1")!, "approve")
                        _ = try tx.append(events, to: approved, summary: "")
                        seen.append(try tx.instance("PA-1")!.state)
                        throw Refused()
                    }
                }
                // Third: sees the first command's projection, not the undone one.
                seen.append(try tx.instance("PA-1")!.state)
                return seen
            }
            #expect(seen == ["street-review", "approved", "street-review"])
            // Committed and cached as the first command left it; the store's row agrees.
            #expect(store.projections.instance("PA-1")?.state == "street-review")
            #expect(try store.read { try $0.instance("PA-1") }?.state == "street-review")
            #expect(try store.read { try $0.events(of: "PA-1") }.count == 2)
        }
    }

    @Test func aTransactionRolledBackDoesNotReachTheCache() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path)
            try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-2"), in: store)
            #expect(throws: Refused.self) {
                try store.write { tx in
                    let (forwarded, events) = try Self.acted(try tx.instance("PA-2")!, "forward")
                    _ = try tx.append(events, to: forwarded, summary: "")
                    throw Refused()
                }
            }
            // The next transaction reads the committed projection, from the cache or the row.
            let state = try store.write { try $0.instance("PA-2")!.state }
            #expect(state == "office-review")
            #expect(store.projections.instance("PA-2")?.state == "office-review")
        }
    }

    @Test func theCacheIsBoundedAndServesTheMostRecent() throws {
        let cache = ProjectionCache(capacity: 8)
        let instance = StoreFixture.plaqueRequest(id: "PA-0").0
        for n in 0..<100 {
            var copy = instance
            copy.id = "PA-\(n)"
            cache.insert(CollectionOfOne(copy))
            // A hit in the old generation moves to the young one and survives the next turnover.
            _ = cache.instance("PA-0")
        }
        #expect(cache.count <= 8)
        #expect(cache.instance("PA-99")?.id == "PA-99")
        #expect(cache.instance("PA-0")?.id == "PA-0")
        #expect(cache.instance("PA-50") == nil)
    }
}

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
