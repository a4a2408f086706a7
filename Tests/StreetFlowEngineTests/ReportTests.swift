import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// The reports' data: overdue as each reader may see it, admissions counted by outcome.
struct EngineReportTests {
    typealias F = EngineFixture

    @Test func theOverdueListIsTheReadersOwnAndCountsWorkingDaysLate() async throws {
        try await F.withTemporaryDirectory { dir in
            let clock = ManualClock(F.morning("2020-03-02"))
            let engine = try await F.engine(in: dir, clock: clock)
            let late = try await F.submitPlaque(engine).instance.id
            clock.advance(by: 30 * 86_400)
            let office = try await engine.overdueReport(caller: F.officeA)
            #expect(office.map(\.instance.id) == [late])
            #expect(office.first?.queue == .office)
            #expect((office.first?.workingDaysLate ?? 0) > 5)
            // Another department does not see the health office's request; the health office does.
            #expect(try await engine.overdueReport(caller: F.civil).isEmpty)
            #expect(try await engine.overdueReport(caller: F.health).map(\.instance.id) == [late])
        }
    }

    @Test func admissionsAreCountedByOutcomeWithTimeToDecision() async throws {
        try await F.withTemporaryDirectory { dir in
            let clock = ManualClock(F.morning("2020-03-02"))
            let engine = try await F.engine(in: dir, clock: clock)
            let granted = try await F.submitPlaque(engine, text: "平安屋").instance.id
            let refused = try await F.submitPlaque(engine, text: "读书角").instance.id
            let withdrawn = try await F.submitPlaque(engine, text: "健身点").instance.id
            clock.advance(by: 2 * 86_400)
            _ = try await F.act(engine, granted, "forward", by: F.officeA)
            _ = try await F.act(engine, granted, "approve", by: F.street)
            _ = try await F.act(engine, refused, "forward", by: F.officeA)
            _ = try await F.act(engine, refused, "reject", by: F.street, comment: "不符合")
            _ = try await F.act(engine, withdrawn, "withdraw", by: F.health)
            let picture = try await engine.admissionsPicture(from: nil, to: nil, caller: F.officeA)
            let committee = try #require(picture.lines.first { $0.by == "committee" })
            #expect(committee.submitted == 3 && committee.admitted == 1 && committee.refused == 1)
            #expect(committee.withdrawn == 1)
            // The admitted plaque still waits for the office to arrange it: open, and in force.
            #expect(committee.open == 1 && committee.inForce == 1)
            #expect(committee.medianDays == 2, "two working days, Monday to Wednesday")
            let department = try #require(picture.lines.first { $0.by == "department" })
            #expect(department.name == "health" && department.submitted == 3)
            // A period before the requests holds none.
            let before = try await engine.admissionsPicture(
                from: LocalDate("2020-01-01"), to: LocalDate("2020-02-28"), caller: F.officeA)
            #expect(before.lines.isEmpty)
        }
    }
}
