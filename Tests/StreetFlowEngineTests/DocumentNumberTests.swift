import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// 文号: every decision that admits or refuses is filed under the next number of its series in the year of the
/// decision — gap-free (a failed command gives its number back), concurrent decisions included — and the number
/// is in the event (so in the audit chain), in the projection and in searches.
struct DocumentNumberTests {
    typealias F = EngineFixture

    static func approvedPlaque(_ engine: StreetFlowEngine, _ text: String) async throws -> CommandResult {
        let id = try await F.submitPlaque(engine, text: text).instance.id
        _ = try await F.act(engine, id, "forward", by: F.officeA)
        return try await F.act(engine, id, "approve", by: F.street)
    }

    @Test func decisionsAreNumberedPerSeriesAndYear() async throws {
        try await F.withTemporaryDirectory { dir in
            let clock = ManualClock(F.morning("2020-06-01"))
            let engine = try await F.engine(in: dir, clock: clock)
            let first = try await Self.approvedPlaque(engine, "健康小屋")
            #expect(first.instance.documentNumber == "中山准〔2020〕1号")
            #expect(first.events.last?.event.fields["documentNumber"] == .string("中山准〔2020〕1号"))
            #expect(try await Self.approvedPlaque(engine, "法律服务点").instance.documentNumber == "中山准〔2020〕2号")

            // A refusal is its own series; so is an automatic one (the negative list).
            let refused = try await engine.submit(
                workflow: "task-admission",
                subject: ["text": .string("无犯罪记录证明"), "reason": .string("x"), "validUntil": .string("2020-12-31")],
                comment: nil, idempotencyKey: nil, caller: F.civil)
            #expect(refused.instance.state == "refused")
            #expect(refused.instance.documentNumber == "中山不准〔2020〕1号")
            // Steps that decide nothing carry no number.
            let pending = try await F.submitPlaque(engine, text: "待审核")
            #expect(pending.instance.documentNumber == nil)

            // A new year starts each series at 1.
            clock.set(F.morning("2021-01-04"))
            #expect(try await Self.approvedPlaque(engine, "新年的牌子").instance.documentNumber == "中山准〔2021〕1号")

            // The number is searchable and what is stored is what was returned.
            let found = try await engine.list(InstanceFilter(text: "〔2020〕2号"), caller: F.officeA)
            #expect(found.instances.map(\.documentNumber) == ["中山准〔2020〕2号"])
            let stored = try await engine.get(id: first.instance.id, caller: F.officeA).instance
            #expect(stored.documentNumber == "中山准〔2020〕1号")
            #expect(try await engine.verifyAudit().ok)
        }
    }

    @Test func concurrentDecisionsTakeEveryNumberOnce() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            var ids: [String] = []
            for index in 0..<12 {
                let id = try await F.submitPlaque(engine, text: "牌子\(index)").instance.id
                _ = try await F.act(engine, id, "forward", by: F.officeA)
                ids.append(id)
            }
            let numbers = try await withThrowingTaskGroup(of: String?.self) { group in
                for id in ids {
                    group.addTask { try await F.act(engine, id, "approve", by: F.street).instance.documentNumber }
                }
                var numbers: [String] = []
                for try await number in group { numbers.append(number ?? "") }
                return numbers
            }
            #expect(Set(numbers) == Set((1...12).map { "中山准〔2020〕\($0)号" }))
        }
    }

    @Test func aFailedDecisionGivesItsNumberBack() async throws {
        try await F.withTemporaryDirectory { dir in
            let clock = ManualClock(F.morning("2020-12-01"))
            let engine = try await F.engine(in: dir, clock: clock)
            // A task admitted until 2020-12-31, then proposed for revocation.
            let task = try await engine.submit(
                workflow: "task-admission",
                subject: [
                    "text": .string("收集居民宠物饲养信息"), "reason": .string("x"), "validUntil": .string("2020-12-31"),
                ],
                comment: nil, idempotencyKey: nil, caller: F.civil
            ).instance.id
            _ = try await F.act(engine, task, "forward", by: F.officeA)
            #expect(try await F.act(engine, task, "approve", by: F.street).instance.state == "admitted")
            let revocation = try await engine.submit(
                workflow: "admission-revocation",
                subject: ["admission": .string(task), "reason": .string("no-longer-needed"), "details": .string("x")],
                comment: nil, idempotencyKey: nil, caller: F.officeA
            ).instance.id
            // The task expires before the street decides: revoking it now fails as a whole.
            clock.set(F.morning("2021-01-04"))
            #expect(try await engine.fireDueTimers() >= 1)
            #expect(try await engine.get(id: task, caller: F.officeA).instance.state == "expired")
            let failed = await F.errorCode {
                try await F.act(engine, revocation, "revoke", by: F.street, comment: "撤销")
            }
            #expect(failed == "ActionNotAllowed")
            #expect(try await engine.get(id: revocation, caller: F.officeA).instance.state == "street-review")
            // The number it would have taken goes to the next revocation decided that year.
            let plaque = try await Self.approvedPlaque(engine, "健康小屋").instance.id
            let other = try await engine.submit(
                workflow: "admission-revocation",
                subject: [
                    "admission": .string(plaque), "reason": .string("no-longer-needed"), "details": .string("x"),
                ],
                comment: nil, idempotencyKey: nil, caller: F.officeA
            ).instance.id
            let decided = try await F.act(engine, other, "revoke", by: F.street, comment: "撤销")
            #expect(decided.instance.documentNumber == "中山撤〔2021〕1号")
            // The revoked admission carries the revocation's number beside its own.
            let admission = try await engine.get(id: plaque, caller: F.officeA).instance
            #expect(admission.documentNumber == "中山准〔2021〕1号")
            #expect(admission.fields["revocationNumber"] == .string("中山撤〔2021〕1号"))
            #expect(try await engine.verifyAudit().ok)
        }
    }
}
