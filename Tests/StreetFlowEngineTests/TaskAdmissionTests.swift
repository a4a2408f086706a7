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

            // The district's list is a sample: a wording on it is shown to the office, never admitted at once.
            let sample = try await Self.submitTask(engine, "协助开展人口普查")
            #expect(sample.instance.state == "office-review")
            #expect(sample.instance.listMatch?.entry.code == "ADM-01")
            #expect(sample.instance.listMatch?.sample == true)

            let listed = try await Self.submitTask(engine, "无犯罪记录证明")
            #expect(listed.instance.state == "refused")
            let admit = try #require(listed.events.last?.event)
            #expect(admit.action == "refuse-negative")
            #expect(admit.actor.user == "system")
            let match = try #require(admit.listMatch)
            #expect(match.list == "negative-certificates")
            #expect(match.listVersion == lists.list("negative-certificates")?.version)
            #expect(match.entry.code == "NEG-05")
            #expect(match.kind == .negative)
            #expect(listed.instance.listMatch == match)
            // What is stored is what was returned.
            let stored = try await engine.history(id: listed.instance.id, caller: F.officeA)
            #expect(stored.last?.event.listMatch == match)

            let negative = try await Self.submitTask(engine, "开具亲属关系证明")
            #expect(negative.instance.state == "refused")
            #expect(negative.instance.final)
            let refusal = try #require(negative.events.last?.event)
            #expect(refusal.action == "refuse-negative")
            #expect(refusal.listMatch?.list == "negative-certificates")
            #expect(refusal.listMatch?.entry.code == "NEG-01")
            #expect(refusal.listMatch?.listVersion == lists.list("negative-certificates")?.version)
            #expect(refusal.comment?.contains("公安派出所") == true)

            // Worded differently from the entry: the office decides, shown the entry it came close to.
            let close = try await Self.submitTask(engine, "为居民开具亲属关系证明")
            #expect(close.instance.state == "negative-check")
            #expect(!close.instance.final)
            #expect(close.instance.listMatch?.entry.code == "NEG-01")
            #expect(close.instance.listMatch?.exact == false)

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
