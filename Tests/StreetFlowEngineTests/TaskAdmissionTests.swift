import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

struct TaskAdmissionTests {
    typealias F = EngineFixture

    static func submitTask(_ engine: StreetFlowEngine, _ text: String) async throws -> CommandResult {
        try await engine.submit(
            workflow: "task-admission",
            subject: ["text": .string(text), "reason": .string("需居委会协助入户"), "validUntil": .string("2020-12-31")],
            comment: nil, idempotencyKey: nil, caller: F.civil)
    }

    @Test func consultsTheLoadedListsAndRecordsTheEntryAndVersion() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let lists = F.catalog.lists

            let listed = try await Self.submitTask(engine, "协助开展人口普查")
            #expect(listed.instance.state == "admitted")
            let admit = try #require(listed.events.last?.event)
            #expect(admit.action == "admit-listed")
            #expect(admit.actor.user == "system")
            let match = try #require(admit.listMatch)
            #expect(match.list == "admin-affairs")
            #expect(match.listVersion == lists.list("admin-affairs")?.version)
            #expect(match.entry.code == "ADM-01")
            #expect(match.kind == .reference)
            #expect(listed.instance.listMatch == match)
            // What is stored is what was returned.
            let stored = try await engine.history(id: listed.instance.id, caller: F.officeA)
            #expect(stored.last?.event.listMatch == match)

            let negative = try await Self.submitTask(engine, "为居民开具亲属关系证明")
            #expect(negative.instance.state == "refused")
            #expect(negative.instance.final)
            let refusal = try #require(negative.events.last?.event)
            #expect(refusal.action == "refuse-negative")
            #expect(refusal.listMatch?.list == "negative-certificates")
            #expect(refusal.listMatch?.entry.code == "NEG-01")
            #expect(refusal.listMatch?.listVersion == lists.list("negative-certificates")?.version)
            #expect(refusal.comment?.contains("公安派出所") == true)

            let unlisted = try await Self.submitTask(engine, "收集居民宠物饲养信息")
            #expect(unlisted.instance.state == "office-review")
            #expect(unlisted.events.map(\.event.action) == ["submit", "route-review"])
            #expect(unlisted.events.allSatisfy { $0.event.listMatch == nil })
        }
    }

    @Test func aListEntryNotYetValidDoesNotCount() async throws {
        // The national negative list is valid from 2020-04-27; before that the certificate is simply unlisted.
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-03-02")))
            let early = try await Self.submitTask(engine, "为居民开具亲属关系证明")
            #expect(early.instance.state == "office-review")
            #expect(early.instance.listMatch == nil)
        }
    }
}
