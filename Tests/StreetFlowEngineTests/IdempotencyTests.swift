import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// An idempotency key answers only the request it was first sent with: same caller, method, target and content.
struct IdempotencyTests {
    typealias F = EngineFixture

    static func refusal(_ body: () async throws -> CommandResult) async -> WorkflowError? {
        do {
            let result = try await body()
            Issue.record("expected a refusal, got \(result.instance.id) v\(result.instance.version)")
            return nil
        } catch let error as WorkflowError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func aRepeatedSubmitReturnsTheStoredReply() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            let first = try await F.submitPlaque(engine, key: "job-1")
            let again = try await F.submitPlaque(engine, key: "job-1")
            #expect(again.replayed && !first.replayed)
            #expect(again.instance == first.instance)
            #expect(try await engine.list(InstanceFilter(), caller: F.officeA).instances.count == 1)
            // The key is the caller's own: another caller's identical key is another request.
            let other = try await F.submitPlaque(engine, by: F.officeHealth, key: "job-1")
            #expect(!other.replayed && other.instance.id != first.instance.id)
        }
    }

    @Test func aSubmitKeyWithADifferentPayloadIsRefusedNamingTheFirstRequest() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            let first = try await F.submitPlaque(engine, text: "健康小屋", key: "job-1")
            let error = try #require(
                await Self.refusal { try await F.submitPlaque(engine, text: "养老顾问点", key: "job-1") })
            #expect(error.code.rawValue == "IdempotencyKeyReused")
            #expect(error.parameters["firstRequest"] == .string(first.instance.id))
            #expect(error.parameters["firstMethod"] == .string("Submit"))
            #expect(error.parameters["key"] == .string("job-1"))
            // Another workflow with the same key is another request too.
            let task = await Self.refusal {
                try await engine.submit(
                    workflow: "task-admission",
                    subject: [
                        "text": .string("入户调查"), "reason": .string("需要"), "validUntil": .string("2020-12-31"),
                    ], comment: nil, idempotencyKey: "job-1", caller: F.health)
            }
            #expect(task?.code.rawValue == "IdempotencyKeyReused")
            #expect(
                try await engine.list(InstanceFilter(), caller: F.officeA).instances.map(\.id) == [first.instance.id])
        }
    }

    @Test func aSubmitKeyReusedOnWithdrawIsRefusedAndNothingIsWithdrawn() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            _ = try await F.submitPlaque(engine, text: "健康小屋", key: "job-1")
            let other = try await F.submitPlaque(engine, text: "养老顾问点").instance
            let error = try #require(
                await Self.refusal { try await F.act(engine, other.id, "withdraw", by: F.health, key: "job-1") })
            #expect(error.code.rawValue == "IdempotencyKeyReused")
            #expect(error.parameters["firstMethod"] == .string("Submit"))
            let after = try await engine.get(id: other.id, caller: F.health).instance
            #expect(after.state == "office-review" && after.version == other.version)
        }
    }

    @Test func anActKeyAnswersOnlyTheSameAction() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            let id = try await F.submitPlaque(engine).instance.id
            let other = try await F.submitPlaque(engine, text: "养老顾问点").instance.id
            let forwarded = try await F.act(
                engine, id, "forward", by: F.officeA, comment: "齐全", expected: 1, key: "fw-1")
            // The same request again (a retry after a lost reply): the stored reply, nothing new.
            let retry = try await F.act(engine, id, "forward", by: F.officeA, comment: "齐全", expected: 1, key: "fw-1")
            #expect(retry.replayed && retry.instance == forwarded.instance)
            // Anything different with the same key: refused, naming the first request.
            let variants: [(String, () async throws -> CommandResult)] = [
                (
                    "comment",
                    { try await F.act(engine, id, "forward", by: F.officeA, comment: "不全", expected: 1, key: "fw-1") }
                ),
                (
                    "expected",
                    { try await F.act(engine, id, "forward", by: F.officeA, comment: "齐全", expected: 2, key: "fw-1") }
                ),
                (
                    "action",
                    { try await F.act(engine, id, "return", by: F.officeA, comment: "齐全", expected: 1, key: "fw-1") }
                ),
                (
                    "target",
                    {
                        try await F.act(
                            engine, other, "forward", by: F.officeA, comment: "齐全", expected: 1, key: "fw-1")
                    }
                ),
                (
                    "fields",
                    {
                        try await F.act(
                            engine, id, "forward", by: F.officeA, comment: "齐全", fields: ["x": .string("y")],
                            expected: 1,
                            key: "fw-1")
                    }
                ),
                ("submit", { try await F.submitPlaque(engine, by: F.officeA, key: "fw-1") }),
                (
                    "cc",
                    {
                        try await engine.act(
                            id: id, action: "forward", comment: "齐全", fields: [:], expectedVersion: 1,
                            idempotencyKey: "fw-1", caller: F.officeA, cc: ["蓝天二村"])
                    }
                ),
                (
                    "attachments",
                    {
                        try await engine.act(
                            id: id, action: "forward", comment: "齐全", fields: [:], expectedVersion: 1,
                            idempotencyKey: "fw-1", caller: F.officeA,
                            attachments: [AttachmentInput(name: "照片.png", sha256: String(repeating: "a", count: 64))])
                    }
                ),
            ]
            for (name, body) in variants {
                let error = await Self.refusal(body)
                #expect(error?.code.rawValue == "IdempotencyKeyReused", "\(name)")
                #expect(error?.parameters["firstRequest"] == .string(id), "\(name)")
                #expect(error?.parameters["firstMethod"] == .string("Act"), "\(name)")
            }
            #expect(try await engine.get(id: other, caller: F.officeA).instance.state == "office-review")
            #expect(try await engine.get(id: id, caller: F.officeA).instance.version == forwarded.instance.version)
        }
    }

    @Test func keysThatDifferOnlyAfterANulAreRefused() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            for key in ["job\u{0}A", "job\u{0}B"] {
                let error = try #require(await Self.refusal { try await F.submitPlaque(engine, key: key) })
                #expect(error.code.rawValue == "InvalidText")
                #expect(error.parameters["parameter"] == .string("idempotencyKey"))
                #expect(error.parameters["reason"] == .string("nul"))
            }
            #expect(try await engine.list(InstanceFilter(), caller: F.officeA).instances.isEmpty)
        }
    }

    @Test func aKeyRecordedBeforeKeysWereScopedAnswersOnlyItsOwnTarget() async throws {
        try await F.withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path)
            let engine = try await F.engine(in: dir, store: store)
            let first = try await F.submitPlaque(engine).instance
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .millisecondsSince1970
            let reply = try encoder.encode(first)
            try store.write {
                try $0.saveIdempotencyRecord(
                    IdempotencyRecord(
                        uid: F.health.uid, key: "old", method: "", target: "", requestSHA256: "", instanceID: "",
                        reply: reply, createdAt: Date()))
            }
            let replayed = try await F.submitPlaque(engine, text: "任意", key: "old")
            #expect(replayed.replayed && replayed.instance.id == first.id)
            let withdraw = await Self.refusal {
                try await F.act(engine, "PA-OTHER", "withdraw", by: F.health, key: "old")
            }
            #expect(withdraw?.code.rawValue == "IdempotencyKeyReused")
        }
    }
}
