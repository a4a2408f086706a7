import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel

private typealias F = EngineFixture

/// Which committees take part in the programme is configuration the office confirms, not the seeds' guess:
/// rollouts check the confirmed list, and while there is none the daemon says the list is an assumption.
struct ProgrammeMembershipTests {
    @Test func theSeedsAssumptionIsShownAsUnconfirmed() async throws {
        #expect(F.catalog.programmeUnconfirmed)
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            #expect(try await engine.stats().programmeUnconfirmed)
            #expect(await engine.statusLine().contains("programme membership unconfirmed"))
        }
    }

    @Test func rolloutsFollowTheConfirmedList() async throws {
        let outside = try #require(F.catalog.committees.first { !$0.programme })
        let members = F.catalog.committees.filter(\.programme).map(\.name).filter { $0 != "莱顿" } + [outside.name]
        let catalog = try EngineCatalog.load(workflows: F.workflows, seeds: F.seeds, programme: members)
        #expect(!catalog.programmeUnconfirmed)
        #expect(catalog.committees.first { $0.name == outside.name }?.rolloutPhase == "full")
        let dropped = try #require(catalog.committees.first { $0.name == "莱顿" })
        #expect(!dropped.programme)
        #expect(dropped.rolloutPhase == "none")
        #expect(catalog.committees.first { $0.name == "蓝天二村" }?.pilot == true)
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, catalog: catalog)
            #expect(try await !engine.stats().programmeUnconfirmed)
            let added = try await engine.submit(
                workflow: "committee-rollout",
                subject: ["committee": .string(outside.name), "phase": .string("full")], comment: nil,
                idempotencyKey: nil, caller: F.officeA)
            #expect(added.instance.state == "implementing")
            let removed = await F.errorCode {
                try await engine.submit(
                    workflow: "committee-rollout", subject: ["committee": .string("莱顿"), "phase": .string("full")],
                    comment: nil, idempotencyKey: nil, caller: F.officeA)
            }
            #expect(removed == WorkflowError.Code.guardFailed.rawValue)
        }
    }
}
