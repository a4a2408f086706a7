import Foundation
import Testing

@testable import WorkflowStore

/// A clean close seals the store so the next open can skip the whole-file check; anything else — a crash (no
/// seal), a file changed after the close — gets the whole-file check, which refuses a damaged file.
struct StoreSealTests {
    /// Overwrites a page in the middle of the file with garbage (its size stays).
    static func damage(_ path: String) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2 / 4096 * 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try handle.close()
    }

    static func fill(_ store: SQLiteStore) throws {
        for n in 0..<300 { try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-SEAL-\(n)"), in: store) }
    }

    /// A store in `dir` with 300 requests, closed cleanly (so sealed): its file and seal paths.
    static func sealedStore(in dir: URL) throws -> (path: String, seal: String) {
        let path = dir.appendingPathComponent("sf.sqlite").path
        let seal = dir.appendingPathComponent("store-seal").path
        let store = try SQLiteStore(path: path, seal: seal)
        try fill(store)
        try store.close()
        return (path, seal)
    }

    /// Opening `path` is refused as a damaged file.
    static func expectRefusedAsDamaged(_ path: String, seal: String) {
        #expect {
            _ = try SQLiteStore(path: path, seal: seal)
        } throws: { ($0 as? StoreError)?.code == .corruptDatabase }
    }

    @Test func aCleanCloseSealsAndTheNextOpenTakesTheSealAway() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            let seal = dir.appendingPathComponent("store-seal").path
            let store = try SQLiteStore(path: path, seal: seal)
            try Self.fill(store)
            #expect(!FileManager.default.fileExists(atPath: seal), "no seal while open")
            try store.close()
            #expect(StoreSeal.matches(seal, database: path))
            let reopened = try SQLiteStore(path: path, seal: seal)
            #expect(!FileManager.default.fileExists(atPath: seal), "opened: a crash from here leaves no seal")
            #expect(try reopened.read { try $0.instance("PA-SEAL-7") }?.id == "PA-SEAL-7")
            try reopened.close()
        }
    }

    @Test func aFileChangedAfterItsSealIsCheckedWholeAndRefusedWhenDamaged() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let (path, seal) = try Self.sealedStore(in: dir)
            try Self.damage(path)
            #expect(!StoreSeal.matches(seal, database: path))
            Self.expectRefusedAsDamaged(path, seal: seal)
        }
    }

    @Test func afterACrashThereIsNoSealAndTheWholeFileIsChecked() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let (path, seal) = try Self.sealedStore(in: dir)
            // Opened (the seal is taken) and "killed": never closed.
            _ = try SQLiteStore(path: path, seal: seal)
            #expect(!FileManager.default.fileExists(atPath: seal))
            try Self.damage(path)
            Self.expectRefusedAsDamaged(path, seal: seal)
        }
    }
}
