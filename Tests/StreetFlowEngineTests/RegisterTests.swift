import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// The register (台账): plaques and boards enter it when arranged or admitted, or by hand for what hung before;
/// a revoked admission opens a removal task in the same transaction; the door must show exactly the 2+2 plaques.
struct RegisterTests {
    typealias F = EngineFixture

    static func arrangedPlaque(
        _ engine: StreetFlowEngine, text: String = "健康小屋", placement: String = "inside", location: String = "二楼"
    ) async throws -> String {
        var subject = F.plaqueSubject(text: text)
        subject["placement"] = .string(placement)
        let id = try await engine.submit(
            workflow: "plaque-admission", subject: subject, comment: nil, idempotencyKey: nil, caller: F.health
        ).instance.id
        _ = try await F.act(engine, id, "forward", by: F.officeA)
        _ = try await F.act(engine, id, "approve", by: F.street)
        _ = try await F.act(
            engine, id, "arrange", by: F.officeA, fields: ["location": .string(location), "place": .string(placement)])
        return id
    }

    static func enter(_ engine: StreetFlowEngine, _ text: String, place: String) async throws -> String {
        try await engine.submit(
            workflow: "register-entry",
            subject: [
                "committee": .string("蓝天二村"), "item": .string("plaque"), "text": .string(text),
                "place": .string(place), "origin": .string("existing"),
            ], comment: "2019年10月清理前盘点", idempotencyKey: nil, caller: F.officeA
        ).instance.id
    }

    @Test func arrangedPlaquesEnterTheRegisterAndARevocationOpensTheirRemoval() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let plaque = try await Self.arrangedPlaque(engine)
            var report = try #require(try await engine.register(committee: "蓝天二村", caller: F.officeA).first)
            let item = try #require(report.items.first)
            #expect(report.items.count == 1)
            #expect(item.text == "健康小屋" && item.place == "inside" && item.location == "二楼")
            #expect(item.admission == plaque && item.status == .inPlace)
            let entry = try await engine.get(id: item.id, caller: F.officeA)
            #expect(entry.history.first?.event.actor == .system)

            let revocation = try await engine.submit(
                workflow: "admission-revocation",
                subject: [
                    "admission": .string(plaque), "committee": .string("蓝天二村"),
                    "reason": .string("residents-object"), "details": .string("居民普遍反对"),
                ], comment: nil, idempotencyKey: nil, caller: F.officeA)
            _ = try await F.act(engine, revocation.instance.id, "revoke", by: F.street, comment: "同意撤销")
            report = try #require(try await engine.register(committee: "蓝天二村", caller: F.officeA).first)
            #expect(report.items.first?.status == .removalPending)
            let removal = try #require(report.items.first?.removal)
            let task = try await engine.get(id: removal, caller: F.lantian2)
            #expect(task.instance.state == "ordered")
            #expect(task.instance.subject["admission"] == .string(plaque))
            #expect(task.instance.subject["cause"] == .string("revocation"))
            #expect(task.actions == ["report-removed"])

            _ = try await F.act(
                engine, removal, "report-removed", by: F.lantian2, fields: ["removedOn": .string("2020-06-03")])
            let early = await F.errorCode { try await F.act(engine, removal, "confirm", by: F.lantian2) }
            #expect(early == "PermissionDenied")
            _ = try await F.act(engine, removal, "confirm", by: F.officeB)
            report = try #require(try await engine.register(committee: "蓝天二村", caller: F.lantian2).first)
            #expect(report.items.first?.status == .removed)
            #expect(try await engine.verifyAudit().ok)
        }
    }

    @Test func theDoorShowsExactlyTheFourPlaques() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2019-10-08")))
            let pilot = try #require(F.catalog.committees.first { $0.name == "蓝天二村" })
            var report = try #require(try await engine.register(committee: "蓝天二村", caller: F.officeA).first)
            #expect(!report.compliant)
            #expect(report.missingDoorPlaques == pilot.doorPlaques)

            for text in pilot.doorPlaques.dropLast() { _ = try await Self.enter(engine, text, place: "door") }
            let extra = try await Self.enter(engine, "中山街道蓝天二村综治工作站", place: "door")
            report = try #require(try await engine.register(committee: "蓝天二村", caller: F.officeA).first)
            #expect(report.missingDoorPlaques == [pilot.doorPlaques[3]])
            #expect(report.extraAtDoor.map(\.id) == [extra])

            // The clean-up: the extra plaque is taken down, the fourth 2+2 plaque is arranged at the door.
            let removal = try await engine.submit(
                workflow: "removal-task",
                subject: [
                    "committee": .string("蓝天二村"), "text": .string("中山街道蓝天二村综治工作站"), "entry": .string(extra),
                    "cause": .string("clean-up"),
                ], comment: nil, idempotencyKey: nil, caller: F.officeA
            ).instance.id
            _ = try await F.act(
                engine, removal, "report-removed", by: F.lantian2, fields: ["removedOn": .string("2019-10-20")])
            _ = try await F.act(engine, removal, "confirm", by: F.officeA)
            _ = try await Self.arrangedPlaque(engine, text: pilot.doorPlaques[3], placement: "door", location: "正门右侧")
            report = try #require(try await engine.register(committee: "蓝天二村", caller: F.officeA).first)
            #expect(report.compliant)
            #expect(report.items.filter { $0.status != .removed }.count == 4)

            // Every committee is reported; the others have an empty register and so an incomplete door.
            let all = try await engine.register(committee: nil, caller: F.street)
            #expect(all.count == F.catalog.committees.count)
            #expect(all.filter(\.compliant).map(\.committee) == ["蓝天二村"])
        }
    }

    @Test func onlyTheOfficeEntersByHandAndOthersSeeOnlyTheirOwnRegister() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            let byCommittee = await F.errorCode {
                try await engine.submit(
                    workflow: "register-entry",
                    subject: [
                        "committee": .string("蓝天二村"), "item": .string("board"), "text": .string("x"),
                        "place": .string("room-wall"), "origin": .string("existing"),
                    ], comment: nil, idempotencyKey: nil, caller: F.lantian2)
            }
            #expect(byCommittee == "PermissionDenied")
            let other = await F.errorCode { try await engine.register(committee: "蓝天二村", caller: F.laidun) }
            #expect(other == "PermissionDenied")
            let department = await F.errorCode { try await engine.register(committee: nil, caller: F.health) }
            #expect(department == "PermissionDenied")
            #expect(try await engine.register(committee: nil, caller: F.laidun).map(\.committee) == ["莱顿"])
        }
    }

    @Test func anAdmittedBoardEntersTheRegisterWithItsKind() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            let id = try await engine.submit(
                workflow: "board-admission",
                subject: [
                    "committee": .string("蓝天二村"), "title": .string("健康知识"), "boardKind": .string("publicity"),
                    "location": .string("room-wall"), "reason": .string("宣传"),
                ], comment: nil, idempotencyKey: nil, caller: F.health
            ).instance.id
            _ = try await F.act(engine, id, "admit-wall", by: F.officeA)
            let report = try #require(try await engine.register(committee: "蓝天二村", caller: F.officeA).first)
            #expect(report.items.map(\.place) == ["room-wall"])
            #expect(report.items.map(\.kind) == ["board"])
        }
    }
}

/// 参考清单更新: the office proposes a version with a diff, the street approves, new requests use it — also after a
/// restart.
struct ListUpdateTests {
    typealias F = EngineFixture

    static func published(version: Int) throws -> String {
        let url = F.seeds.appendingPathComponent("lists/admin-affairs.yaml")
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "version: 1\n", with: "version: \(version)\n")
        text = text.replacingOccurrences(
            of: "status: sample\n", with: "status: published\npublishedOn: 2019-09-20\n")
        return text
    }

    static func task(_ engine: StreetFlowEngine, _ text: String) async throws -> CommandResult {
        try await engine.submit(
            workflow: "task-admission",
            subject: ["text": .string(text), "reason": .string("入户协助"), "validUntil": .string("2020-12-31")],
            comment: nil, idempotencyKey: nil, caller: F.health)
    }

    @Test func anApprovedUpdateAppliesToNewRequestsAndSurvivesARestart() async throws {
        try await F.withTemporaryDirectory { dir in
            let clock = ManualClock(F.morning("2020-06-01"))
            var engine = try await F.engine(in: dir, clock: clock)
            #expect(try await Self.task(engine, "人口普查入户登记").instance.state == "office-review")

            let stale = await F.errorCode {
                try await engine.submit(
                    workflow: "list-update",
                    subject: [
                        "listKey": .string("admin-affairs"), "listText": .string(try Self.published(version: 1)),
                    ],
                    comment: nil, idempotencyKey: nil, caller: F.officeA)
            }
            #expect(stale == "GuardFailed")
            let broken = await F.errorCode {
                try await engine.submit(
                    workflow: "list-update",
                    subject: ["listKey": .string("admin-affairs"), "listText": .string("key: [")],
                    comment: nil, idempotencyKey: nil, caller: F.officeA)
            }
            #expect(broken == "GuardFailed")

            let proposal = try await engine.submit(
                workflow: "list-update",
                subject: [
                    "listKey": .string("admin-affairs"), "listText": .string(try Self.published(version: 2)),
                    "note": .string("区民政局2019年9月发布的正式清单"),
                ], comment: nil, idempotencyKey: nil, caller: F.officeA)
            #expect(proposal.instance.state == "street-review")
            #expect(try await Self.task(engine, "人口普查入户登记").instance.state == "office-review")
            _ = try await F.act(engine, proposal.instance.id, "approve", by: F.street)

            let admitted = try await Self.task(engine, "人口普查入户登记")
            #expect(admitted.instance.state == "admitted")
            #expect(admitted.instance.listMatch?.listVersion == 2)
            #expect(
                await engine.currentCatalog.lists.samples.map(\.key) == ["ledgers-reports-apps", "seal-certificates"])

            engine = try await F.engine(in: dir, clock: clock)
            #expect(await engine.currentCatalog.lists.list("admin-affairs")?.version == 2)
            #expect(try await Self.task(engine, "人口普查").instance.state == "admitted")
        }
    }
}
