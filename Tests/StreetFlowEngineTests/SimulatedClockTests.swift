import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// A simulated clock moves only when told, fires each deadline at its own time on the way, never goes back, and
/// marks its store so that a daemon on the real clock refuses the invented history.
struct SimulatedClockTests {
    typealias F = EngineFixture

    @Test func movingTheClockFiresEachDeadlineAtItsTime() async throws {
        try await F.withTemporaryDirectory { dir in
            // Thursday 2019-09-26; the National Day week (10-01..10-07) is off, 09-29 a make-up working day.
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2019-09-26")))
            #expect(await engine.clockIsSimulated)
            let id = try await F.submitPlaque(engine).instance.id
            _ = try await engine.moveClock(to: F.morning("2019-10-20"))
            let history = try await engine.history(id: id, caller: F.officeA)
            let fired = history.filter { [.reminded, .escalated].contains($0.event.kind) }
            #expect(fired.map(\.event.kind) == [.reminded, .escalated])
            #expect(
                fired.map { LocalDate($0.event.at.addingTimeInterval(-1)) } == [
                    LocalDate("2019-10-09"), LocalDate("2019-10-15"),
                ])
            #expect(await F.errorCode { try await engine.moveClock(to: F.morning("2019-10-01")) } == "ClockBackwards")
        }
    }

    @Test func aSimulatedStoreIsRefusedOnTheRealClockAndTheRealClockCannotBeMoved() async throws {
        try await F.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            let simulated = try await F.engine(
                in: dir, store: try SQLiteStore(path: path), clock: ManualClock(F.morning("2019-10-08")))
            _ = try await F.submitPlaque(simulated)
            try await simulated.backup(to: dir.appendingPathComponent("copy.sqlite").path)

            let real = StreetFlowEngine(
                store: try SQLiteStore(path: dir.appendingPathComponent("copy.sqlite").path), catalog: F.catalog,
                clock: SystemClock())
            #expect(await F.errorCode { try await real.start() } == "StoreClockMismatch")

            let fresh = StreetFlowEngine(
                store: try SQLiteStore(path: dir.appendingPathComponent("real.sqlite").path), catalog: F.catalog,
                clock: SystemClock())
            try await fresh.start()
            #expect(await !fresh.clockIsSimulated)
            #expect(await F.errorCode { try await fresh.moveClock(to: Date()) } == "ClockNotSimulated")
        }
    }
}
