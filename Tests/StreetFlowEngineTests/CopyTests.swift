import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// 抄送: an action copies a request to departments, committees or users, who can then see it (read-only) — in
/// Get, in List (the store's SQL) and in Watch — and a definition's standing copies are made on every decision.
struct CopyTests {
    typealias F = EngineFixture

    static let lantian1 = F.caller(5003, "cmte-lantian1", [.committee("蓝天一村")])

    @Test func aCopyLetsItsTargetsSeeTheRequestButNotActOnIt() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let id = try await F.submitPlaque(engine).instance.id
            for caller in [F.civil, F.laidun] {
                #expect(await F.errorCode { try await engine.get(id: id, caller: caller) } == "NoSuchInstance")
            }
            let forwarded = try await engine.act(
                id: id, action: "forward", comment: "请民政办知悉", fields: [:], expectedVersion: nil, idempotencyKey: nil,
                caller: F.officeA, cc: ["department:civil", "莱顿居委会"])
            #expect(forwarded.instance.copiedTo == ["department:civil", "committee:莱顿"])
            #expect(forwarded.events.last?.event.fields["cc"] == .list(["department:civil", "committee:莱顿"]))
            for caller in [F.civil, F.laidun] {
                #expect(try await engine.get(id: id, caller: caller).instance.id == id)
                #expect(try await engine.list(InstanceFilter(), caller: caller).instances.map(\.id) == [id])
                // Read-only: a copy gives no role on the request.
                #expect(try await engine.get(id: id, caller: caller).actions.isEmpty)
                #expect(
                    await F.errorCode { try await F.act(engine, id, "withdraw", by: caller) } == "PermissionDenied")
            }
            // Whoever was not copied still sees nothing.
            #expect(await F.errorCode { try await engine.get(id: id, caller: Self.lantian1) } == "NoSuchInstance")
            #expect(try await engine.list(InstanceFilter(), caller: Self.lantian1).instances.isEmpty)

            // The definition copies the committee concerned on the decision; copies accumulate.
            let approved = try await F.act(engine, id, "approve", by: F.street)
            #expect(approved.events.last?.event.fields["cc"] == .list(["committee:蓝天二村"]))
            #expect(approved.instance.copiedTo == ["department:civil", "committee:莱顿", "committee:蓝天二村"])
            #expect(try await engine.verifyAudit().ok)
        }
    }

    @Test func anUnknownTargetIsRefusedAndNothingChanges() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let id = try await F.submitPlaque(engine).instance.id
            let code = await F.errorCode {
                try await engine.act(
                    id: id, action: "forward", comment: nil, fields: [:], expectedVersion: nil, idempotencyKey: nil,
                    caller: F.officeA, cc: ["不存在的单位"])
            }
            #expect(code == "UnknownName")
            #expect(try await engine.get(id: id, caller: F.officeA).instance.state == "office-review")
        }
    }

    @Test func aWatcherWhoWasCopiedSeesTheDecision() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let id = try await F.submitPlaque(engine).instance.id
            let stream = await engine.watch(caller: F.civil)
            _ = try await engine.act(
                id: id, action: "forward", comment: nil, fields: [:], expectedVersion: nil, idempotencyKey: nil,
                caller: F.officeA, cc: ["department:civil"])
            var iterator = stream.makeAsyncIterator()
            let seen = await iterator.next()
            #expect(seen?.instanceID == id)
            #expect(seen?.event.action == "forward")
        }
    }
}
