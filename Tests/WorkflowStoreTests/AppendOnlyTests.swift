import Foundation
import GRDB
import Testing
import WorkflowModel
import WorkflowStore

struct AppendOnlyTests {
    struct Boom: Error {}

    @Test func refusesUpdateAndDeleteOfEvents() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            let store = try SQLiteStore(path: path)
            try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-1"), in: store)

            let raw = try DatabaseQueue(path: path)
            for sql in ["UPDATE events SET comment = 'changed'", "DELETE FROM events WHERE id = 1"] {
                let error = #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: sql) } }
                #expect(error?.message == "events are append-only", "\(sql)")
            }
            try raw.close()
            #expect(try store.read { try $0.events(of: "PA-1") }.first?.event.comment == "请审核")
            #expect(try store.verifyChain().ok)
        }
    }

    @Test func writesEventsAndProjectionTogether() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path)
            let request = StoreFixture.plaqueRequest(id: "PA-1")
            let stored = try StoreFixture.store(request, in: store)
            #expect(stored.map(\.globalSequence) == [1])
            #expect(try store.read { try $0.instance("PA-1") } == request.0)

            // A body that throws after appending leaves neither events nor a projection behind.
            let second = StoreFixture.plaqueRequest(id: "PA-2")
            #expect(throws: Boom.self) {
                try store.write { tx in
                    _ = try tx.append(second.1, to: second.0, summary: "x")
                    #expect(try tx.instance("PA-2") != nil)
                    throw Boom()
                }
            }
            #expect(try store.read { try $0.instance("PA-2") } == nil)
            #expect(try store.read { try $0.events(of: "PA-2") }.isEmpty)

            // Nor does a failing step on an existing instance: its projection keeps the old version.
            let office = StoreFixture.actor(uid: 3001, roles: [.office])
            #expect(throws: Boom.self) {
                try store.write { tx in
                    var instance = try tx.instance("PA-1")!
                    let events = try StoreFixture.plaque.transition(
                        instance: instance, command: .act(action: "forward", comment: nil, fields: [:]), actor: office,
                        context: TransitionContext(now: StoreFixture.time(5))
                    ).get()
                    for event in events { instance.apply(event, definition: StoreFixture.plaque) }
                    _ = try tx.append(events, to: instance, summary: "x")
                    throw Boom()
                }
            }
            #expect(try store.read { try $0.instance("PA-1") }?.version == 1)
            #expect(try store.read { try $0.chainHead() }.globalSequence == 1)
            #expect(try store.verifyChain().ok)
        }
    }

    @Test func aFailingSavepointIsUndoneAloneAndTheChainStaysWhole() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path)
            try store.write { tx in
                _ = try tx.savepoint {
                    try tx.append(
                        StoreFixture.plaqueRequest(id: "PA-1").1, to: StoreFixture.plaqueRequest(id: "PA-1").0,
                        summary: "a")
                }
                #expect(throws: Boom.self) {
                    try tx.savepoint {
                        _ = try tx.append(
                            StoreFixture.plaqueRequest(id: "PA-2").1, to: StoreFixture.plaqueRequest(id: "PA-2").0,
                            summary: "b")
                        throw Boom()
                    }
                }
                _ = try tx.savepoint {
                    try tx.append(
                        StoreFixture.plaqueRequest(id: "PA-3").1, to: StoreFixture.plaqueRequest(id: "PA-3").0,
                        summary: "c")
                }
            }
            #expect(try store.read { try $0.instance("PA-2") } == nil)
            #expect(try store.read { try $0.events(after: 0, limit: 10) }.map(\.instanceID) == ["PA-1", "PA-3"])
            let report = try store.verifyChain()
            #expect(report.ok)
            #expect(report.checked == 2)
        }
    }
}
