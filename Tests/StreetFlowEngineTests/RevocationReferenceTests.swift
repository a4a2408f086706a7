import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// 准入撤销 names the admission it revokes: a request the proposer can see, of an admission workflow, that
/// took effect.
struct RevocationReferenceTests {
    typealias F = EngineFixture

    static func propose(_ engine: StreetFlowEngine, admission: String) async throws -> CommandResult {
        try await engine.submit(
            workflow: "admission-revocation",
            subject: [
                "admission": .string(admission), "reason": .string("residents-object"),
                "details": .string("居民普遍反对"),
            ],
            comment: nil, idempotencyKey: nil, caller: F.officeA)
    }

    static func refusal(_ body: () async throws -> CommandResult) async -> WorkflowError? {
        do {
            _ = try await body()
            return nil
        } catch let error as WorkflowError {
            return error
        } catch {
            return nil
        }
    }

    @Test func onlyAnAdmissionThatTookEffectCanBeRevoked() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let plaque = try await F.submitPlaque(engine)
            let id = plaque.instance.id

            let pending = await Self.refusal { try await Self.propose(engine, admission: id) }
            #expect(pending?.code == .invalidSubject)
            #expect(pending?.parameters["reason"] == .string("wrongState"))

            let unknown = await Self.refusal { try await Self.propose(engine, admission: "PA-20200601-NOPE0") }
            #expect(unknown?.parameters["field"] == .string("admission"))
            #expect(unknown?.parameters["reason"] == .string("unknownRequest"))

            _ = try await F.act(engine, id, "forward", by: F.officeA)
            _ = try await F.act(engine, id, "approve", by: F.street)
            let proposed = try await Self.propose(engine, admission: id)
            #expect(proposed.instance.state == "street-review")

            let rollout = try await engine.submit(
                workflow: "committee-rollout",
                subject: ["committee": .string("莱顿"), "phase": .string("full")],
                comment: nil, idempotencyKey: nil, caller: F.officeB)
            let wrong = await Self.refusal { try await Self.propose(engine, admission: rollout.instance.id) }
            #expect(wrong?.parameters["reason"] == .string("wrongWorkflow"))
        }
    }
}
