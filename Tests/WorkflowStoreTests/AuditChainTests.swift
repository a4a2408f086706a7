import Foundation
import StoreTestSupport
import Testing
import WorkflowModel
import WorkflowStore

struct AuditChainTests {
    /// A store with five requests, each forwarded once: ten events.
    static func populated(_ store: any WorkflowStore) throws {
        let office = StoreFixture.actor(uid: 3001, roles: [.office])
        for n in 1...5 {
            try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-\(n)", at: StoreFixture.time(n)), in: store)
            try StoreFixture.act("forward", on: "PA-\(n)", in: store, actor: office, comment: "同意 \(n)")
        }
    }

    @Test(arguments: StoreKind.allCases) func anIntactChainVerifies(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            try Self.populated(store)
            let report = try store.verifyChain(pageSize: 3)
            #expect(report.ok)
            #expect(report.checked == 10)
            #expect(report.firstBroken == nil)
            #expect(report.head == (try store.read { try $0.chainHead() }))
            #expect(report.head.globalSequence == 10)
        }
    }

    @Test(arguments: StoreKind.allCases) func namesTheEventWhoseCommentWasChanged(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            try Self.populated(store)
            let target = try #require(try store.read { try $0.events(of: "PA-3") }.last)
            #expect(target.event.comment == "同意 3")

            try test.tamper("UPDATE events SET comment = '不同意' WHERE id = \(target.globalSequence)")

            #expect(try store.read { try $0.events(of: "PA-3") }.last?.event.comment == "不同意")
            let report = try store.verifyChain(pageSize: 4)
            #expect(!report.ok)
            #expect(report.firstBroken == target.globalSequence)
            #expect(report.brokenInstance == "PA-3")
            #expect(report.checked == Int(target.globalSequence) - 1)
            // The guard is back.
            #expect(throws: RawSQLError.self) { try test.execute("DELETE FROM events") }
        }
    }

    @Test(arguments: StoreKind.allCases) func reportsADeletedMiddleEvent(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            try Self.populated(store)
            try test.tamper("DELETE FROM events WHERE id = 6")

            let report = try store.verifyChain()
            #expect(!report.ok)
            #expect(report.firstBroken == 7)
            #expect(report.problem?.contains("event 6 is missing") == true)
            #expect(report.checked == 5)
        }
    }

    @Test(arguments: StoreKind.allCases) func reportsARewrittenHashLink(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            try Self.populated(store)
            // Re-hashing a changed event does not help: the next event's previous-hash no longer matches.
            let events = try store.read { try $0.events(after: 0, limit: 100) }
            var changed = events[3].event
            changed.comment = "伪造"
            let forged = AuditChain.hash(
                previous: events[3].previousHash, instanceID: events[3].instanceID, workflow: events[3].workflow,
                event: changed)
            try test.tamper("UPDATE events SET comment = '伪造', hash = '\(forged)' WHERE id = 4")

            let report = try store.verifyChain()
            #expect(report.firstBroken == 5)
            #expect(report.problem?.contains("previous-hash") == true)
        }
    }
}
