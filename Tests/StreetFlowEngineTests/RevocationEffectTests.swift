import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// A decided revocation takes effect: the admission it names moves to 已撤销 in the same transaction, the two
/// link to each other, a second open revocation of one admission is refused, the admission's department and
/// committee see the revocation, and a department may give up its own admission (主动退出).
struct RevocationEffectTests {
    typealias F = EngineFixture

    /// A plaque of `by` that the street approved and the office arranged.
    static func arrangedPlaque(_ engine: StreetFlowEngine, by caller: Caller = F.health) async throws -> String {
        let id = try await F.submitPlaque(engine, by: caller).instance.id
        _ = try await F.act(engine, id, "forward", by: F.officeA)
        _ = try await F.act(engine, id, "approve", by: F.street)
        _ = try await F.act(
            engine, id, "arrange", by: F.officeB,
            fields: ["location": .string("服务大厅东墙"), "place": .string("inside")])
        return id
    }

    static func propose(
        _ engine: StreetFlowEngine, _ admission: String, by caller: Caller = F.officeA,
        reason: String = "residents-object"
    ) async throws -> CommandResult {
        try await engine.submit(
            workflow: "admission-revocation",
            subject: ["admission": .string(admission), "reason": .string(reason), "details": .string("居民普遍反对")],
            comment: nil, idempotencyKey: nil, caller: caller)
    }

    @Test func anApprovedRevocationRevokesTheAdmissionInTheSameTransaction() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let plaque = try await Self.arrangedPlaque(engine)
            let revocation = try await Self.propose(engine, plaque).instance
            #expect(revocation.state == "street-review")
            // The admission is untouched until the street decides.
            #expect(try await engine.get(id: plaque, caller: F.officeA).instance.state == "arranged")

            let decided = try await F.act(engine, revocation.id, "revoke", by: F.street, comment: "同意撤销")
            #expect(decided.instance.state == "revoked")
            let admission = try await engine.get(id: plaque, caller: F.officeA).instance
            #expect(admission.state == "revoked")
            #expect(admission.final)
            // The admission's last event names the revocation, its reason and the decision.
            let last = try #require(try await engine.history(id: plaque, caller: F.officeA).last?.event)
            #expect(last.action == "revoke")
            #expect(last.actor.user == "system")
            #expect(last.fields["revocation"] == .string(revocation.id))
            #expect(last.fields["revocationReason"] == .string("residents-object"))
            #expect(last.comment == "同意撤销")
            // Its subject (the department's own 申请理由) is kept as it was.
            #expect(admission.subject["reason"] == .string("便于居民就近获得健康服务"))
            // Revoked is a final state nobody can act on.
            #expect(
                await F.errorCode { try await F.act(engine, plaque, "arrange", by: F.officeA) } == "ActionNotAllowed")
            #expect(try await engine.verifyAudit().ok)
        }
    }

    @Test func keepingTheAdmissionLeavesItInForce() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let plaque = try await Self.arrangedPlaque(engine)
            let revocation = try await Self.propose(engine, plaque).instance
            _ = try await F.act(engine, revocation.id, "keep", by: F.street, comment: "维持")
            #expect(try await engine.get(id: plaque, caller: F.officeA).instance.state == "arranged")
        }
    }

    @Test func aSecondOpenRevocationOfOneAdmissionIsRefusedByName() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let plaque = try await Self.arrangedPlaque(engine)
            let first = try await Self.propose(engine, plaque).instance
            do {
                _ = try await Self.propose(engine, plaque, by: F.officeB)
                Issue.record("a second open revocation was accepted")
            } catch let error as WorkflowError {
                #expect(error.code == .alreadyOpen)
                #expect(error.parameters["open"] == .string(first.id))
                #expect(error.parameters["field"] == .string("admission"))
                #expect(error.message.zh.contains(first.id))
            }
            // Once the first is settled (kept), a new proposal may be made.
            _ = try await F.act(engine, first.id, "keep", by: F.street, comment: "维持")
            #expect(try await Self.propose(engine, plaque, by: F.officeB).instance.state == "street-review")
        }
    }

    @Test func theAdmissionsDepartmentAndCommitteeSeeTheRevocation() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let plaque = try await Self.arrangedPlaque(engine)
            let revocation = try await Self.propose(engine, plaque).instance
            #expect(revocation.committee == "蓝天二村")
            #expect(revocation.concernedDepartment == "health")
            #expect(revocation.applicantDepartment == nil)
            for caller in [F.health, F.lantian2] {
                #expect(try await engine.get(id: revocation.id, caller: caller).instance.id == revocation.id)
                let listed = try await engine.list(InstanceFilter(workflow: "admission-revocation"), caller: caller)
                #expect(listed.instances.map(\.id) == [revocation.id])
            }
            for caller in [F.civil, F.laidun] {
                #expect(
                    await F.errorCode { try await engine.get(id: revocation.id, caller: caller) } == "NoSuchInstance")
                #expect(
                    try await engine.list(InstanceFilter(workflow: "admission-revocation"), caller: caller).instances
                        .isEmpty)
            }
            // Seeing it does not make the department its applicant: only the office withdraws a proposal.
            #expect(
                await F.errorCode { try await F.act(engine, revocation.id, "withdraw", by: F.health) }
                    == "PermissionDenied")
        }
    }

    @Test func aDepartmentGivesUpItsOwnAdmissionAtOnce() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let plaque = try await Self.arrangedPlaque(engine)
            // Another department cannot name it (it cannot see it).
            let foreign = await F.errorCode { try await Self.propose(engine, plaque, by: F.civil, reason: "given-up") }
            #expect(foreign == "InvalidSubject")
            // The office cannot give it up on the department's behalf: its proposal goes to the street.
            let office = try await Self.propose(engine, plaque, reason: "given-up").instance
            #expect(office.state == "street-review")
            _ = try await F.act(engine, office.id, "withdraw", by: F.officeA)

            let given = try await Self.propose(engine, plaque, by: F.health, reason: "given-up").instance
            #expect(given.state == "revoked")
            #expect(given.applicantDepartment == "health")
            let admission = try await engine.get(id: plaque, caller: F.health).instance
            #expect(admission.state == "revoked")
            let last = try #require(try await engine.history(id: plaque, caller: F.health).last?.event)
            #expect(last.fields["revocation"] == .string(given.id))
            #expect(last.fields["revocationReason"] == .string("given-up"))
            // A department's other proposal (not 主动退出) is for the street to decide.
            let board = try await Self.arrangedPlaque(engine)
            #expect(try await Self.propose(engine, board, by: F.health).instance.state == "street-review")
            #expect(try await engine.verifyAudit().ok)
        }
    }

    @Test func anAdmissionOnAnOlderDefinitionIsMigratedAndRevoked() async throws {
        try await F.withTemporaryDirectory { dir in
            // The shipped plaque and board admissions as they were before revocations took effect (no revoke).
            func older(_ file: String) throws -> String {
                let current = try String(contentsOf: F.workflows.appendingPathComponent(file), encoding: .utf8)
                let start = try #require(current.range(of: "  revoked:\n"))
                let stateEnd = try #require(current.range(of: "actions:\n", range: start.upperBound..<current.endIndex))
                let action = try #require(current.range(of: "  revoke:\n"))
                return (String(current[..<start.lowerBound]) + String(current[stateEnd.lowerBound..<action.lowerBound]))
                    .replacingOccurrences(of: "version: 3\nsupersedes: 2\n", with: "version: 2\nsupersedes: 1\n")
            }
            let oldDirectory = dir.appendingPathComponent("old", isDirectory: true)
            try FileManager.default.createDirectory(at: oldDirectory, withIntermediateDirectories: true)
            for file in ["plaque-admission.yaml", "board-admission.yaml"] {
                try older(file).write(to: oldDirectory.appendingPathComponent(file), atomically: true, encoding: .utf8)
            }
            // Arranging enters the plaque in the register, whose workflow comes along.
            try FileManager.default.copyItem(
                at: F.workflows.appendingPathComponent("register-entry.yaml"),
                to: oldDirectory.appendingPathComponent("register-entry.yaml"))
            let oldCatalog = try EngineCatalog.load(workflows: oldDirectory, seeds: F.seeds)
            let engine = try await F.engine(
                in: dir, catalog: oldCatalog, clock: ManualClock(F.morning("2020-06-01")))
            let plaque = try await Self.arrangedPlaque(engine)
            #expect(try await engine.get(id: plaque, caller: F.officeA).instance.definitionVersion == 2)

            try await engine.reload(F.catalog)
            let revocation = try await Self.propose(engine, plaque).instance
            _ = try await F.act(engine, revocation.id, "revoke", by: F.street, comment: "同意撤销")
            let admission = try await engine.get(id: plaque, caller: F.officeA).instance
            #expect(admission.state == "revoked")
            #expect(admission.definitionVersion == 3)
            #expect(admission.subject["reason"] == .string("便于居民就近获得健康服务"))
            let kinds = try await engine.history(id: plaque, caller: F.officeA).suffix(2).map(\.event.kind)
            #expect(kinds == [.migrated, .transitioned])
            #expect(try await engine.verifyAudit().ok)
        }
    }
}
