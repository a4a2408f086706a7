import Foundation
import Testing
import WorkflowModel

@testable import StreetFlowEngine

/// The admissions report reads requests a page at a time: any page size gives the same report.
struct ReportPagingTests {
    typealias F = EngineFixture

    @Test func theAdmissionsReportIsTheSameWhateverItsPageSize() async throws {
        try await F.withTemporaryDirectory { dir in
            let clock = ManualClock(F.morning("2020-03-02"))
            let engine = try await F.engine(in: dir, clock: clock)
            var ids: [String] = []
            for (n, committee) in ["蓝天二村", "蓝天一村", "蓝天四村", "蓝天二村", "蓝天一村", "蓝天二村", "蓝天四村"].enumerated() {
                ids.append(try await F.submitPlaque(engine, committee: committee, text: "标牌\(n)").instance.id)
                clock.advance(by: 3_600)  // each its own creation time, so pages cut between them
            }
            clock.advance(by: 3 * 86_400)
            for (n, id) in ids.enumerated() where n % 3 != 2 {
                _ = try await F.act(engine, id, "forward", by: F.officeA)
                _ = try await F.act(engine, id, n % 3 == 0 ? "approve" : "reject", by: F.street, comment: "意见")
            }
            _ = try await F.act(engine, ids[2], "withdraw", by: F.health)
            let whole = try await engine.admissionsPicture(from: nil, to: nil, caller: F.officeA, pageSize: 10_000)
            #expect(whole.lines.first { $0.by == "department" }?.submitted == ids.count)
            #expect(whole.lines.reduce(0) { $0 + ($1.by == "committee" ? $1.admitted : 0) } == 3)
            for size in [1, 2, 3, 6, 7] {
                let paged = try await engine.admissionsPicture(from: nil, to: nil, caller: F.officeA, pageSize: size)
                #expect(paged == whole, "page size \(size)")
            }
        }
    }
}
