import Foundation
import GRDB
import Testing
import WorkflowModel
import WorkflowStore

struct AuditChainTests {
    /// A store with five requests, each forwarded once: ten events.
    static func populated(_ dir: URL) throws -> (SQLiteStore, String) {
        let path = dir.appendingPathComponent("sf.sqlite").path
        let store = try SQLiteStore(path: path)
        let office = StoreFixture.actor(uid: 3001, roles: [.office])
        for n in 1...5 {
            try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-\(n)", at: StoreFixture.time(n)), in: store)
            try StoreFixture.act("forward", on: "PA-\(n)", in: store, actor: office, comment: "同意 \(n)")
        }
        return (store, path)
    }

    /// Changes the database behind StoreFlow's back, as an intruder with the sqlite3 tool would.
    static func tamper(_ path: String, _ sql: String) throws {
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in
            let triggers = try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
            try db.execute(sql: "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete")
            try db.execute(sql: sql)
            for trigger in triggers { try db.execute(sql: trigger) }
        }
        try raw.close()
    }

    @Test func anIntactChainVerifies() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let (store, _) = try Self.populated(dir)
            let report = try store.verifyChain(pageSize: 3)
            #expect(report.ok)
            #expect(report.checked == 10)
            #expect(report.firstBroken == nil)
            #expect(report.head == (try store.read { try $0.chainHead() }))
            #expect(report.head.globalSequence == 10)
        }
    }

    @Test func namesTheEventWhoseCommentWasChanged() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let (store, path) = try Self.populated(dir)
            let target = try #require(try store.read { try $0.events(of: "PA-3") }.last)
            #expect(target.event.comment == "同意 3")

            try Self.tamper(path, "UPDATE events SET comment = '不同意' WHERE id = \(target.globalSequence)")

            #expect(try store.read { try $0.events(of: "PA-3") }.last?.event.comment == "不同意")
            let report = try store.verifyChain(pageSize: 4)
            #expect(!report.ok)
            #expect(report.firstBroken == target.globalSequence)
            #expect(report.brokenInstance == "PA-3")
            #expect(report.checked == Int(target.globalSequence) - 1)
            // The trigger is back.
            let raw = try DatabaseQueue(path: path)
            #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "DELETE FROM events") } }
        }
    }

    @Test func reportsADeletedMiddleEvent() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let (store, path) = try Self.populated(dir)
            try Self.tamper(path, "DELETE FROM events WHERE id = 6")

            let report = try store.verifyChain()
            #expect(!report.ok)
            #expect(report.firstBroken == 7)
            #expect(report.problem?.contains("event 6 is missing") == true)
            #expect(report.checked == 5)
        }
    }

    @Test func reportsARewrittenHashLink() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let (store, path) = try Self.populated(dir)
            // Re-hashing a changed event does not help: the next event's previous-hash no longer matches.
            let events = try store.read { try $0.events(after: 0, limit: 100) }
            var changed = events[3].event
            changed.comment = "伪造"
            let forged = AuditChain.hash(
                previous: events[3].previousHash, instanceID: events[3].instanceID, workflow: events[3].workflow,
                event: changed)
            try Self.tamper(path, "UPDATE events SET comment = '伪造', hash = '\(forged)' WHERE id = 4")

            let report = try store.verifyChain()
            #expect(report.firstBroken == 5)
            #expect(report.problem?.contains("previous-hash") == true)
        }
    }
}
