import Foundation
import StoreTestSupport
import Testing
import WorkflowModel
import WorkflowStore

/// Moving a street's records between stores: everything arrives as it was, verified on arrival; a target that
/// holds records is refused and left as it was.
struct StoreMigrationTests {
    /// Requests with history, timers, an attachment, an idempotency record, a document number, notices and a read
    /// mark, and a fact about the store.
    static func populate(_ store: any WorkflowStore) throws {
        try AuditChainTests.populated(store)
        try store.write { tx in
            try tx.replaceTimers(
                of: "PA-2",
                with: [
                    TimerRecord(
                        instanceID: "PA-2", deadlineIndex: 0, enteredStateVersion: 2, due: StoreFixture.time(900))
                ])
            _ = try tx.putAttachment(Data("照片".utf8), mediaType: "image/jpeg", at: StoreFixture.time())
            try tx.saveIdempotencyRecord(
                IdempotencyRecord(
                    uid: 2001, key: "k-1", method: "Submit", target: "plaque-admission", requestSHA256: "abc",
                    instanceID: "PA-1", reply: Data([0, 1, 2]), createdAt: StoreFixture.time()))
            _ = try tx.nextDocumentNumber(kind: "admission", year: 2020)
            let notices = try tx.addNotices(
                [
                    Notice(
                        recipient: "office", kind: .waiting, instanceID: "PA-1",
                        text: LocalizedText(zh: "待办", en: "waiting")),
                    Notice(
                        recipient: "user:health-li", kind: .decided, instanceID: "PA-2",
                        text: LocalizedText(zh: "已办结", en: "done")),
                ], at: StoreFixture.time(3))
            try tx.markNoticesRead(uid: 2001, ids: [notices[1].id])
            try tx.setMeta("deadlines.calendar", "abc")
        }
    }

    @Test(arguments: [(StoreKind.sqlite, StoreKind.postgresql), (.postgresql, .sqlite)])
    func everythingArrivesAndVerifies(from: StoreKind, to: StoreKind) throws {
        try TestStores.with(from) { source in
            try Self.populate(source.store)
            try TestStores.with(to) { target in
                let report = try source.store.write { tx in try StoreMigration.copy(from: tx, into: target.store) }
                #expect(report.head.globalSequence == 10)
                #expect(report.verified == 10)
                #expect(report.rows["events"] == 10)
                #expect(report.rows["notices"] == 2)
                #expect(report.rows["attachments"] == 1)
                struct Snapshot: Equatable {
                    var events: [StoredEvent]
                    var instances: [WorkflowInstance]
                    var timers: [TimerRecord]
                    var idempotency: IdempotencyRecord?
                    var notices: [StoredNotice]
                    var attachment: Data?
                    var meta: String?
                }
                func everything(_ store: any WorkflowStore) throws -> Snapshot {
                    try store.read { tx in
                        Snapshot(
                            events: try tx.events(after: 0, limit: 100),
                            instances: try tx.instances(InstanceFilter(limit: 100)),
                            timers: try tx.timers(), idempotency: try tx.idempotencyRecord(uid: 2001, key: "k-1"),
                            notices: try tx.notices(
                                recipients: ["office", "user:health-li"], uid: 2001, unreadOnly: false, afterID: 0,
                                limit: 10),
                            attachment: try tx.attachment(AuditChain.sha256(Data("照片".utf8))),
                            meta: try tx.meta("deadlines.calendar"))
                    }
                }
                let copied = try everything(target.store)
                #expect(copied.events.count == 10 && copied.notices.count == 2 && copied.timers.count == 1)
                #expect(try everything(target.store) == everything(source.store))
                // Numbers go on where they were: the next document number and the next notice id.
                #expect(try target.store.write { try $0.nextDocumentNumber(kind: "admission", year: 2020) } == 2)
                let next = try target.store.write {
                    try $0.addNotices(
                        [
                            Notice(
                                recipient: "office", kind: .system, instanceID: nil,
                                text: LocalizedText(zh: "新", en: "new"))
                        ], at: StoreFixture.time(4))
                }
                #expect(next.first?.id == 3)

                // A second move into the same target is refused, and the target stays as it was.
                let before = try everything(target.store)
                let error = #expect(throws: StoreError.self) {
                    try source.store.write { tx in try StoreMigration.copy(from: tx, into: target.store) }
                }
                #expect(error?.code == .targetNotEmpty)
                #expect(try everything(target.store) == before)
            }
        }
    }
}
