import Foundation
import GRDB
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// A store lost, replaced or cut short is never written to or started on silently.
struct StoreFaultTests {
    typealias F = EngineFixture

    static func store(_ dir: URL) throws -> SQLiteStore {
        try SQLiteStore(
            path: dir.appendingPathComponent("sf.sqlite").path,
            chainHeadFile: dir.appendingPathComponent("chain-head").path)
    }

    /// Changes the database behind the daemon's back, as someone with the file would.
    static func edit(_ path: String, _ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write(body)
        try queue.close()
    }

    /// Changes the actor of event `at` and recomputes every hash from there on, as the 40-line script did: the
    /// chain links again and only heads kept elsewhere can tell.
    static func rewriteChain(_ path: String, at sequence: Int64, actorUser: String) throws {
        // Closed before the edit: a store only dropped closes in its own time, and the editor's open would race it.
        let store = try SQLiteStore(path: path)
        let events = try store.read { try $0.events(after: 0, limit: 1_000_000) }
        try store.close()
        try edit(path) { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS events_no_update")
            var previous = sequence > 1 ? events[Int(sequence) - 2].hash : AuditChain.genesis
            for stored in events where stored.globalSequence >= sequence {
                var event = stored.event
                if stored.globalSequence == sequence {
                    event.actor.user = actorUser
                    try db.execute(
                        sql: "UPDATE events SET actor_user = ? WHERE id = ?", arguments: [actorUser, sequence])
                }
                let hash = AuditChain.hash(
                    previous: previous, instanceID: stored.instanceID, workflow: stored.workflow, event: event)
                try db.execute(
                    sql: "UPDATE events SET prev_hash = ?, hash = ? WHERE id = ?",
                    arguments: [previous, hash, stored.globalSequence])
                previous = hash
            }
        }
    }

    static func code(_ body: () async throws -> some Any) async -> (String?, String?) {
        do {
            _ = try await body()
            return (nil, nil)
        } catch let error as WorkflowError {
            return (error.code.rawValue, error.parameters["reason"]?.stringValue)
        } catch let error as StoreError {
            return (error.code.rawValue, error.message)
        } catch {
            return ("\(error)", nil)
        }
    }

    @Test func aDatabaseDeletedWhileRunningRefusesWritesServesReadsAndIsNotStartedOnAgain() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, store: try Self.store(dir))
            var acknowledged: [String] = []
            for n in 0..<15 { acknowledged.append(try await F.submitPlaque(engine, text: "标牌\(n)").instance.id) }
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(at: dir.appendingPathComponent("sf.sqlite" + suffix))
            }
            // The next write is refused by name before anything is acknowledged; reads go on.
            let refused = await Self.code { try await F.submitPlaque(engine, text: "丢失之后") }
            #expect(refused.0 == "StorageFailure" && refused.1 == "storeLost")
            #expect(await engine.storeProblem?.code == .storeLost)
            #expect(try await engine.list(InstanceFilter(), caller: F.officeA).instances.count == 15)
            #expect(
                await engine.healthCheck(), "the engine answers (by refusing): a restart would not bring the file back")
            // Restarted on what is now at the path (a new, empty database): refused, naming what is missing.
            let restart = await Self.code { try await F.engine(in: dir, store: try Self.store(dir)) }
            #expect(restart.0 == "StoreBehind")
            #expect(restart.1?.contains("the store is empty, but 15 events were acknowledged") == true, "\(restart)")
            // The administrator who means it starts anyway, and the head is the store's from then on.
            var options = EngineOptions()
            options.acceptStoreReset = true
            _ = try await F.engine(in: dir, store: try Self.store(dir), options: options)
            _ = try await F.engine(in: dir, store: try Self.store(dir))
        }
    }

    @Test func aDatabaseReplacedWhileRunningRefusesWrites() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, store: try Self.store(dir))
            _ = try await F.submitPlaque(engine)
            let other = dir.appendingPathComponent("other.sqlite").path
            _ = try SQLiteStore(path: other)
            #expect(rename(other, dir.appendingPathComponent("sf.sqlite").path) == 0)
            let refused = await Self.code { try await F.submitPlaque(engine, text: "替换之后") }
            #expect(refused.0 == "StorageFailure" && refused.1 == "storeLost")
            // Once lost, lost until a restart: the path naming a file again does not bring writes back.
            #expect(await Self.code { try await F.submitPlaque(engine, text: "再试") }.1 == "storeLost")
        }
    }

    @Test func aStoreCutShortOrRewrittenIsRefusedAtStart() async throws {
        try await F.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            do {
                let store = try Self.store(dir)
                let engine = try await F.engine(in: dir, store: store)
                for n in 0..<60 { _ = try await F.submitPlaque(engine, text: "标牌\(n)") }
                // Stopped cleanly, so the file copied below holds all 60 (a store only dropped closes in its own time).
                try store.close()
            }
            let backup = dir.appendingPathComponent("copy.sqlite").path
            try FileManager.default.copyItem(atPath: path, toPath: backup)
            // The newest 50 events deleted (the append-only trigger dropped first, as an attacker would).
            try Self.edit(path) { db in
                try db.execute(sql: "DROP TRIGGER events_no_delete")
                try db.execute(sql: "DELETE FROM events WHERE id > 10")
            }
            let cut = await Self.code { try await F.engine(in: dir, store: try Self.store(dir)) }
            #expect(cut.0 == "StoreBehind")
            #expect(cut.1?.contains("the store ends at event 10, but events up to 60 were acknowledged") == true)
            // A rewritten chain (one approver changed, every later hash recomputed) keeps the length but not the
            // recorded head.
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.copyItem(atPath: backup, toPath: path)
            try Self.rewriteChain(path, at: 5, actorUser: "someone-else")
            let rewritten = await Self.code { try await F.engine(in: dir, store: try Self.store(dir)) }
            #expect(rewritten.0 == "StoreBehind")
            #expect(rewritten.1?.contains("the chain was rewritten") == true, "\(rewritten)")
        }
    }

    @Test func theHeadFileSurvivesATornSlot() async throws {
        try await F.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("chain-head").path
            let file = try ChainHeadFile(path: path)
            file.record(ChainHead(globalSequence: 7, hash: String(repeating: "a", count: 64)))
            file.record(ChainHead(globalSequence: 8, hash: String(repeating: "b", count: 64)))
            #expect(file.read()?.head.globalSequence == 8)
            // The slot written last is torn (a power cut mid-write): the other one still says where the chain was.
            let handle = try #require(FileHandle(forUpdatingAtPath: path))
            try handle.seek(toOffset: 160 + 40)
            try handle.write(contentsOf: Data("XXXX".utf8))
            try handle.close()
            #expect(try ChainHeadFile(path: path).read()?.head.globalSequence == 7)
        }
    }
}
