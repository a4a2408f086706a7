import Foundation
import StoreTestSupport
import Testing
import WorkflowModel
import WorkflowStore

struct AppendOnlyTests {
    struct Boom: Error {}

    @Test(arguments: StoreKind.allCases) func refusesUpdateAndDeleteOfEvents(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-1"), in: store)

            let statements = ["UPDATE events SET comment = 'changed'", "DELETE FROM events WHERE id = 1"]
            for sql in statements {
                let error = #expect(throws: RawSQLError.self) { try test.execute(sql) }
                // PostgreSQL refuses the daemon's own role by grant before the trigger is reached.
                let refusal = kind == .sqlite ? "events are append-only" : "permission denied for table events"
                #expect(error?.description.contains(refusal) == true, "\(sql): \(String(describing: error))")
            }
            // The trigger stops everyone else, PostgreSQL's superuser included.
            if let superuser = test.superuser {
                for sql in statements + ["TRUNCATE events"] {
                    let error = #expect(throws: RawSQLError.self) { try superuser(sql) }
                    #expect(error?.description.contains("events are append-only") == true, "\(sql)")
                }
            }
            #expect(try store.read { try $0.events(of: "PA-1") }.first?.event.comment == "请审核")
            #expect(try store.verifyChain().ok)
        }
    }

    @Test(arguments: StoreKind.allCases) func writesEventsAndProjectionTogether(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
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

    @Test(arguments: StoreKind.allCases) func aFailingSavepointIsUndoneAloneAndTheChainStaysWhole(
        kind: StoreKind
    ) throws {
        try TestStores.with(kind) { test in
            let store = test.store
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
