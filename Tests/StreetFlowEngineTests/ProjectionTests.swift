import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

struct ProjectionTests {
    typealias F = EngineFixture

    @Test func theProjectionIsTheReplayOfItsHistoryEvenWithSubMillisecondClocks() async throws {
        try await F.withTemporaryDirectory { dir in
            let clock = ManualClock(F.morning("2020-03-02").addingTimeInterval(0.123_456_7))
            let engine = try await F.engine(in: dir, clock: clock)
            let submitted = try await F.submitPlaque(engine)
            clock.advance(by: 60.000_321)
            let forwarded = try await F.act(engine, submitted.instance.id, "forward", by: F.officeA)
            let detail = try await engine.get(id: submitted.instance.id, caller: F.officeA)
            let replayed = WorkflowInstance.replay(id: detail.instance.id, events: detail.history.map(\.event)) {
                F.catalog.definition("plaque-admission", version: $0)
            }
            #expect(replayed == detail.instance)
            // The reply is what was stored.
            #expect(forwarded.instance == detail.instance)
            #expect(detail.instance.updatedAt == AuditChain.date(milliseconds: AuditChain.milliseconds(clock.now())))
        }
    }
}
