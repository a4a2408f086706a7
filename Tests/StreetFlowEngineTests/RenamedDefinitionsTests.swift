import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// Definitions are data: the behaviour suites run on the shipped workflows and on the same workflows with every
/// workflow, state, action, field and enum key renamed (a mechanical rewrite of the YAML), with the same outcome.
struct RenamedDefinitionsTests {
    typealias F = EngineFixture

    static let namings = [Naming.shipped, Naming.renamed]

    /// An engine on a fresh store over the workflows under `naming`, at `day`.
    static func withEngine(
        _ naming: Naming, on day: String = "2020-06-01", _ body: (StreetFlowEngine, ManualClock) async throws -> Void
    ) async throws {
        try await F.withTemporaryDirectory { dir in
            let catalog = try RenamedWorkflows.catalog(naming, in: dir)
            let clock = ManualClock(F.morning(day))
            let engine = try await F.engine(in: dir, catalog: catalog, clock: clock)
            try await body(engine, clock)
        }
    }

    static func submit(
        _ engine: StreetFlowEngine, _ n: Naming, _ workflow: String, _ subject: [String: FieldValue], by caller: Caller
    ) async throws -> WorkflowInstance {
        try await engine.submit(
            workflow: n(workflow), subject: n.values(subject), comment: nil, idempotencyKey: nil, caller: caller
        ).instance
    }

    static func act(
        _ engine: StreetFlowEngine, _ n: Naming, _ id: String, _ action: String, by caller: Caller,
        comment: String? = nil, fields: [String: FieldValue] = [:]
    ) async throws -> WorkflowInstance {
        try await F.act(engine, id, n(action), by: caller, comment: comment, fields: n.values(fields)).instance
    }

    static func plaque(_ n: Naming, text: String = "健康小屋", placement: String = "inside") -> [String: FieldValue] {
        [
            "committee": .string("蓝天二村"), "text": .string(text), "placement": .string(n(placement)),
            "reason": .string("便于居民就近获得健康服务"),
        ]
    }

    @Test func theRewriteRenamesEveryKey() async throws {
        let n = Naming.renamed
        #expect(RenamedWorkflows.names.count > 60)
        for name in RenamedWorkflows.names { #expect(n(name) != name, "\(name) is its own reverse") }
        try await F.withTemporaryDirectory { dir in
            let catalog = try RenamedWorkflows.catalog(n, in: dir)
            let keys = Set(catalog.currentDefinitions.map(\.key))
            #expect(keys == Set(F.catalog.currentDefinitions.map { n($0.key) }))
            for definition in catalog.currentDefinitions {
                let names = Set(
                    definition.states.map(\.key) + definition.actions.map(\.key) + definition.fields.map(\.key))
                #expect(names.isDisjoint(with: RenamedWorkflows.names), "\(definition.key) keeps a shipped key")
            }
        }
    }

    @Test(arguments: namings)
    func plaqueHappyPathArrives(_ n: Naming) async throws {
        try await Self.withEngine(n) { engine, _ in
            let id = try await Self.submit(engine, n, "plaque-admission", Self.plaque(n), by: F.health).id
            _ = try await Self.act(engine, n, id, "forward", by: F.officeA)
            _ = try await Self.act(engine, n, id, "approve", by: F.street)
            let done = try await Self.act(
                engine, n, id, "arrange", by: F.officeB,
                fields: ["location": .string("服务大厅东墙"), "place": .string(n("inside"))])
            #expect(done.state == n("arranged"))
            #expect(done.final)
            #expect(done.fields[n("location")] == .string("服务大厅东墙"))
        }
    }

    @Test(arguments: namings)
    func returnedPlaqueIsAmendedAndResubmitted(_ n: Naming) async throws {
        try await Self.withEngine(n) { engine, _ in
            let id = try await Self.submit(engine, n, "plaque-admission", Self.plaque(n), by: F.health).id
            let returned = try await Self.act(engine, n, id, "return", by: F.officeA, comment: "请写明标牌全称")
            #expect(returned.state == n("returned"))
            let amended = try await Self.act(
                engine, n, id, "resubmit", by: F.health, fields: ["text": .string("社区健康小屋")])
            #expect(amended.state == n("office-review"))
            #expect(amended.subject[n("text")] == .string("社区健康小屋"))
            #expect(amended.fields.isEmpty, "a resubmission amends the subject, not the action fields")
            let detail = try await engine.get(id: id, caller: F.officeA)
            #expect(detail.instance.subject[n("text")] == .string("社区健康小屋"))
        }
    }

    @Test(arguments: namings)
    func rejectAndWithdrawEndTheRequest(_ n: Naming) async throws {
        try await Self.withEngine(n) { engine, _ in
            let rejected = try await Self.submit(engine, n, "plaque-admission", Self.plaque(n), by: F.health).id
            _ = try await Self.act(engine, n, rejected, "forward", by: F.officeA)
            let refusal = await F.errorCode { try await Self.act(engine, n, rejected, "reject", by: F.street) }
            #expect(refusal == "CommentRequired")
            let final = try await Self.act(engine, n, rejected, "reject", by: F.street, comment: "与服务无关")
            #expect(final.state == n("rejected"))
            #expect(final.final)

            let withdrawn = try await Self.submit(engine, n, "plaque-admission", Self.plaque(n), by: F.health).id
            let gone = try await Self.act(engine, n, withdrawn, "withdraw", by: F.health)
            #expect(gone.state == n("withdrawn"))
        }
    }

    @Test(arguments: namings)
    func onlyTheFourPlaquesHangAtTheDoor(_ n: Naming) async throws {
        try await Self.withEngine(n) { engine, _ in
            let refused = await F.errorCode {
                try await Self.submit(engine, n, "plaque-admission", Self.plaque(n, placement: "door"), by: F.health)
            }
            #expect(refused == "GuardFailed")
            let plaque = F.catalog.committees.first { $0.name == "蓝天二村" }!.doorPlaques[1]
            let door = try await Self.submit(
                engine, n, "plaque-admission", Self.plaque(n, text: plaque, placement: "door"), by: F.health)
            #expect(door.state == n("office-review"))
        }
    }

    @Test(arguments: namings)
    func tasksAreDecidedByTheReferenceLists(_ n: Naming) async throws {
        try await Self.withEngine(n) { engine, _ in
            func task(_ text: String) async throws -> WorkflowInstance {
                try await Self.submit(
                    engine, n, "task-admission",
                    ["text": .string(text), "reason": .string("需居委会协助入户"), "validUntil": .string("2020-12-31")],
                    by: F.civil)
            }
            // A sample list decides nothing; a published negative entry refuses; a close one goes to the office.
            let listed = try await task("协助开展人口普查")
            #expect(listed.state == n("office-review"))
            #expect(listed.listMatch?.entry.code == "ADM-01")
            let negative = try await task("开具亲属关系证明")
            #expect(negative.state == n("refused"))
            let close = try await task("为居民开具亲属关系证明")
            #expect(close.state == n("negative-check"))
            let unlisted = try await task("收集居民宠物饲养信息")
            #expect(unlisted.state == n("office-review"))

            // A task for every committee (blank committee) concerns each committee; one for 莱顿 does not concern 蓝天二村.
            let laidun = try await Self.submit(
                engine, n, "task-admission",
                [
                    "text": .string("收集居民宠物饲养信息"), "reason": .string("需居委会协助入户"),
                    "validUntil": .string("2020-12-31"), "committee": .string("莱顿"),
                ],
                by: F.civil)
            let seen = Set(try await engine.list(InstanceFilter(), caller: F.lantian2).instances.map(\.id))
            #expect(seen == [listed.id, negative.id, close.id, unlisted.id])
            #expect(try await engine.get(id: unlisted.id, caller: F.lantian2).instance.id == unlisted.id)
            let hidden = await F.errorCode { try await engine.get(id: laidun.id, caller: F.lantian2) }
            #expect(hidden == "NoSuchInstance")
            #expect(try await engine.get(id: laidun.id, caller: F.laidun).instance.id == laidun.id)
        }
    }

    @Test(arguments: namings)
    func theFullPhaseOpensWhenThePilotIsAccepted(_ n: Naming) async throws {
        try await Self.withEngine(n, on: "2019-10-08") { engine, clock in
            let programme = try await Self.submit(
                engine, n, "street-programme",
                ["name": .string("中山街道居委会规范达标提标增能"), "pilot": .string("蓝天二村")], by: F.admin
            ).id
            let early = await F.errorCode { try await Self.act(engine, n, programme, "open-full", by: F.street) }
            #expect(early == "GuardFailed")

            let rollout = try await Self.submit(
                engine, n, "committee-rollout",
                ["committee": .string("蓝天二村"), "phase": .string(n("pilot"))],
                by: F.officeA
            ).id
            let everyItem = FieldValue.list(
                F.catalog.currentDefinition("committee-rollout")!.action("submit-self-check")!.fields[0].values
                    .map { n($0.key) })
            let partial = await F.errorCode {
                try await Self.act(
                    engine, n, rollout, "submit-self-check", by: F.lantian2,
                    fields: ["checklist": .list([n("door-plaques")])])
            }
            #expect(partial == "GuardFailed")
            _ = try await Self.act(
                engine, n, rollout, "submit-self-check", by: F.lantian2, fields: ["checklist": everyItem])
            _ = try await Self.act(engine, n, rollout, "start-inspection", by: F.officeA)
            let rectifying = try await Self.act(
                engine, n, rollout, "rectify", by: F.officeA, comment: "制度未汇编成册",
                fields: ["shortfalls": .list([n("walls-cleared")])])
            #expect(rectifying.state == n("rectifying"))
            _ = try await Self.act(engine, n, rollout, "resume", by: F.lantian2)
            _ = try await Self.act(
                engine, n, rollout, "submit-self-check", by: F.lantian2, fields: ["checklist": everyItem])
            _ = try await Self.act(engine, n, rollout, "start-inspection", by: F.officeA)
            clock.advance(by: 86_400)
            let accepted = try await Self.act(engine, n, rollout, "accept", by: F.officeA)
            #expect(accepted.state == n("accepted"))

            let full = try await Self.act(engine, n, programme, "open-full", by: F.street)
            #expect(full.state == n("full"))
        }
    }
}
