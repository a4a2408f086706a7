import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

struct PolicyTests {
    typealias F = EngineFixture

    @Test func eachCallerSeesWhatConcernsThem() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            let healthID = try await F.submitPlaque(engine, by: F.health, committee: "蓝天二村", text: "健康小屋").instance.id
            let civilID = try await F.submitPlaque(engine, by: F.civil, committee: "莱顿", text: "养老顾问点").instance.id
            let taskID = try await engine.submit(
                workflow: "task-admission",
                subject: [
                    "text": .string("收集居民宠物饲养信息"), "reason": .string("需要入户"), "validUntil": .string("2020-12-31"),
                ], comment: nil, idempotencyKey: nil, caller: F.civil
            ).instance.id

            func visible(_ caller: Caller) async throws -> Set<String> {
                Set(try await engine.list(InstanceFilter(), caller: caller).instances.map(\.id))
            }
            #expect(try await visible(F.health) == [healthID])
            #expect(try await visible(F.civil) == [civilID, taskID])
            #expect(try await visible(F.lantian2) == [healthID, taskID])
            #expect(try await visible(F.laidun) == [civilID, taskID])
            #expect(try await visible(F.officeA) == [healthID, civilID, taskID])
            #expect(try await visible(F.street) == [healthID, civilID, taskID])
            // A filter cannot widen what a department sees.
            #expect(try await engine.list(InstanceFilter(committee: "莱顿"), caller: F.health).instances.isEmpty)

            #expect(try await engine.get(id: healthID, caller: F.health).instance.id == healthID)
            for (id, caller) in [(civilID, F.health), (healthID, F.civil), (civilID, F.lantian2), (healthID, F.laidun)]
            {
                #expect(await F.errorCode { try await engine.get(id: id, caller: caller) } == "NoSuchInstance")
            }
            // What one may not see, one may not act on, and the refusal does not reveal that it exists.
            #expect(
                await F.errorCode { try await F.act(engine, civilID, "withdraw", by: F.health) } == "NoSuchInstance")
            #expect(
                await F.errorCode { try await engine.comment(id: civilID, text: "?", caller: F.health) }
                    == "NoSuchInstance")
            #expect(
                await F.errorCode { try await engine.get(id: "PA-19700101-XXXXX", caller: F.officeA) }
                    == "NoSuchInstance")
            // The committee sees the request but holds no role to act on it.
            #expect(
                await F.errorCode { try await F.act(engine, healthID, "forward", by: F.lantian2) } == "PermissionDenied"
            )
        }
    }

    @Test func theSubmitterMayNotForwardTheirOwnRequest() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            let id = try await F.submitPlaque(engine, by: F.officeHealth).instance.id
            let denied = await F.attempt { try await F.act(engine, id, "forward", by: F.officeHealth) }
            guard case .failure(let error as WorkflowError) = denied else {
                Issue.record("the submitter forwarded their own request: \(denied)")
                return
            }
            #expect(error.code == .permissionDenied)
            #expect(error.parameters["reason"] == .string("separationOfDuties"))
            #expect(try await engine.get(id: id, caller: F.officeHealth).actions.contains("forward") == false)
            // Another office clerk may; and the submitter may still withdraw (as the applicant department).
            #expect(try await F.act(engine, id, "forward", by: F.officeA).instance.state == "street-review")
            #expect(try await F.act(engine, id, "withdraw", by: F.officeHealth).instance.state == "withdrawn")
        }
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, options: EngineOptions(separationOfDuties: false))
            let id = try await F.submitPlaque(engine, by: F.officeHealth).instance.id
            #expect(try await F.act(engine, id, "forward", by: F.officeHealth).instance.state == "street-review")
        }
    }

    @Test func handOverRestrictsTheQueueToTheAssignee() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            let id = try await F.submitPlaque(engine).instance.id

            #expect(
                await F.errorCode {
                    try await engine.assign(id: id, to: "nobody", expectedVersion: 1, caller: F.officeA)
                } == "NoSuchUser")
            #expect(
                await F.errorCode {
                    try await engine.assign(id: id, to: "health-li", expectedVersion: 1, caller: F.officeA)
                } == "PermissionDenied")
            #expect(
                await F.errorCode {
                    try await engine.assign(id: id, to: "office-b", expectedVersion: 1, caller: F.health)
                } == "PermissionDenied")

            let assigned = try await engine.assign(id: id, to: "office-b", expectedVersion: 1, caller: F.officeA)
            #expect(assigned.instance.assignee == "office-b")
            #expect(assigned.events.map(\.event.kind) == [.assigned])
            #expect(assigned.events.first?.event.target == "office-b")
            #expect(assigned.events.first?.event.actor.user == "office-a")

            let refused = await F.attempt { try await F.act(engine, id, "forward", by: F.officeA) }
            guard case .failure(let error as WorkflowError) = refused else {
                Issue.record("a clerk acted on a request handed to another: \(refused)")
                return
            }
            #expect(error.code == .permissionDenied)
            #expect(error.parameters["assignee"] == .string("office-b"))
            #expect(try await engine.get(id: id, caller: F.officeC).actions.isEmpty)
            #expect(try await engine.get(id: id, caller: F.officeB).actions.contains("forward"))

            let forwarded = try await F.act(engine, id, "forward", by: F.officeB, expected: 2)
            #expect(forwarded.instance.state == "street-review")
            // Entering a new state clears the assignment.
            #expect(forwarded.instance.assignee == nil)
        }
    }

    @Test func claimTakesARequestIntoOnesOwnHands() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            let id = try await F.submitPlaque(engine).instance.id
            #expect(
                await F.errorCode { try await engine.claim(id: id, expectedVersion: 1, caller: F.street) }
                    == "PermissionDenied")
            let claimed = try await engine.claim(id: id, expectedVersion: 1, caller: F.officeC)
            #expect(claimed.instance.assignee == "office-c")
            #expect(claimed.events.first?.event.target == "office-c")
            #expect(
                await F.errorCode { try await engine.claim(id: id, expectedVersion: 1, caller: F.officeA) }
                    == "VersionConflict")
            #expect(await F.errorCode { try await F.act(engine, id, "forward", by: F.officeA) } == "PermissionDenied")
            #expect(try await F.act(engine, id, "forward", by: F.officeC).instance.state == "street-review")
            // In the street's queue, an office clerk cannot claim.
            #expect(
                await F.errorCode { try await engine.claim(id: id, expectedVersion: nil, caller: F.officeC) }
                    == "PermissionDenied")
        }
    }

    static let jointReview = """
        workflow: joint-review
        version: 1
        title: {zh: 联合会签, en: Joint review}
        summary: text
        submit:
          who: [department]
        fields:
          text: {type: text, required: true, maxLength: 100, label: {zh: 事项, en: Item}}
        initial: review
        states:
          review:
            label: {zh: 会签, en: Joint review}
            queue: office
          done:
            label: {zh: 完成, en: Done}
            final: true
        actions:
          approve:
            label: {zh: 会签通过, en: Approve}
            from: review
            to: done
            who: [office]
            signoff: {count: 2}

        """

    @Test func jointSignOffRecordsOneEventPerSignature() async throws {
        try await F.withTemporaryDirectory { dir in
            let workflows = dir.appendingPathComponent("workflows", isDirectory: true)
            try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
            try Self.jointReview.write(
                to: workflows.appendingPathComponent("joint-review.yaml"), atomically: true, encoding: .utf8)
            let catalog = try EngineCatalog.load(workflows: workflows, seeds: F.seeds)
            let engine = try await F.engine(in: dir, catalog: catalog)

            let id = try await engine.submit(
                workflow: "joint-review", subject: ["text": .string("联合检查")], comment: nil, idempotencyKey: nil,
                caller: F.health
            ).instance.id
            let first = try await F.act(engine, id, "approve", by: F.officeA, comment: "同意")
            #expect(first.events.map(\.event.kind) == [.signed])
            #expect(first.instance.state == "review")
            #expect(first.instance.signatures["approve"]?.map(\.user) == ["office-a"])
            #expect(await F.errorCode { try await F.act(engine, id, "approve", by: F.officeA) } == "AlreadySigned")
            #expect(await F.errorCode { try await F.act(engine, id, "approve", by: F.health) } == "PermissionDenied")

            let second = try await F.act(engine, id, "approve", by: F.officeB, comment: "同意")
            #expect(second.events.map(\.event.kind) == [.signed, .transitioned])
            #expect(second.instance.state == "done")
            #expect(second.instance.final)
            let history = try await engine.history(id: id, caller: F.officeA)
            #expect(history.map(\.event.kind) == [.submitted, .signed, .signed, .transitioned])
            #expect(history.filter { $0.event.kind == .signed }.map(\.event.actor.user) == ["office-a", "office-b"])
        }
    }
}
