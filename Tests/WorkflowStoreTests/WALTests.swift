import Foundation
import GRDB
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
    /// The frames of the WAL's current log: those from its start that carry the salts in its header (the file itself
    /// is laid out longer, and a log started again leaves the frames of the last one behind it with other salts).
    static func framesInWAL(_ path: String) throws -> Int {
        let wal = try Data(contentsOf: URL(fileURLWithPath: path))
        guard wal.count >= 32 else { return 0 }
        let salts = wal[wal.startIndex + 16..<wal.startIndex + 24]
        var frames = 0
        while case let frame = wal.startIndex + 32 + frames * (24 + 4096), frame + 24 <= wal.endIndex,
            wal[frame + 8..<frame + 16] == salts, salts != Data(count: 8)
        {
            frames += 1
        }
        return frames
    }

    @Test func theWALIsCheckpointedEvery4000PagesAndNoLater() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            func walPages() throws -> Int { try CheckpointTests.framesInWAL(path + "-wal") }
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
            // What is left beside it is zeros (laid out for the next start), which SQLite reads as no WAL.
            let wal = try Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
            #expect(!wal.isEmpty && wal.allSatisfy { $0 == 0 })
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

/// The WAL is written over in place, never grown: a commit that extends a file pays for its new blocks and size in
/// its fdatasync (twice the time here), so the store lays a WAL of zeros out beside the closed database.
struct WALLayoutTests {
    static func walBytes(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
    }

    @Test func aNewStoreWritesOverItsLaidOutWALAndAReopenedOneFindsEverything() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            let laidOut = 32 + SQLiteStore.laidOutFrames * (24 + 4096)
            let store = try SQLiteStore(path: path)
            #expect(try Self.walBytes(path) == laidOut)
            for n in 0..<60 { try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-L\(n)"), in: store) }
            // Sixty commits went into the file as it was: none extended it.
            #expect(try Self.walBytes(path) == laidOut)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path + "-wal")).prefix(4) != Data(count: 4))
            try store.close()
            #expect(try Self.walBytes(path) == laidOut)
            let reopened = try SQLiteStore(path: path)
            defer { try? reopened.close() }
            #expect(try reopened.read { try $0.instances(InstanceFilter(limit: 100)) }.count == 60)
            #expect(try reopened.verifyChain().ok)
            try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-L60"), in: reopened)
            #expect(try reopened.read { try $0.instances(InstanceFilter(limit: 100)) }.count == 61)
        }
    }

    /// A WAL that is there may hold commits (after a crash it does): it is never written over, and an empty one
    /// only when no other process has the database open.
    @Test func anExistingWALIsLeftAlone() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            try SQLiteStore(path: path).close()
            let wal = URL(fileURLWithPath: path + "-wal")
            try FileManager.default.removeItem(at: wal)
            let frames = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) })
            try frames.write(to: wal)
            SQLiteStore.layOutWAL(database: path)
            #expect(try Data(contentsOf: wal) == frames)
            // Nor beside a database another process has open: its empty WAL may be about to be written.
            try FileManager.default.removeItem(at: wal)
            #expect(FileManager.default.createFile(atPath: wal.path, contents: nil))
            // The sqlite3 shell, holding the database open until its input ends.
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            holder.arguments = [path]
            let input = Pipe()
            let output = Pipe()
            (holder.standardInput, holder.standardOutput) = (input, output)
            try holder.run()
            defer { holder.terminate() }
            input.fileHandleForWriting.write(Data("SELECT count(*) FROM sqlite_master;\n.print open\n".utf8))
            var said = ""
            while !said.contains("open") {
                let chunk = output.fileHandleForReading.availableData
                guard !chunk.isEmpty else { break }
                said += String(decoding: chunk, as: UTF8.self)
            }
            try #require(said.contains("open"), "the sqlite3 shell did not open the database")
            SQLiteStore.layOutWAL(database: path)
            #expect(try Data(contentsOf: wal).isEmpty)
            try input.fileHandleForWriting.close()
            holder.waitUntilExit()
            // Or a connection of this process.
            let queue = try DatabaseQueue(path: path)
            #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") } ?? 0 > 0)
            SQLiteStore.layOutWAL(database: path)
            #expect(try Data(contentsOf: wal).isEmpty)
            try queue.close()
            SQLiteStore.layOutWAL(database: path)
            #expect(try Data(contentsOf: wal).count == 32 + SQLiteStore.laidOutFrames * (24 + 4096))
            // And nothing is laid out beside a database that is not there.
            let absent = dir.appendingPathComponent("absent.sqlite").path
            SQLiteStore.layOutWAL(database: absent)
            #expect(!FileManager.default.fileExists(atPath: absent + "-wal"))
        }
    }
}
