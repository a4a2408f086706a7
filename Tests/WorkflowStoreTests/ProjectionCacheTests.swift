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
