import Foundation
import GRDB
import Testing
import WorkflowModel
import WorkflowStore

@testable import StreetFlowEngine

/// A restart does not walk every open request: deadlines are recomputed only when the working calendar differs from
/// the one the store's deadlines were computed under (an added year of holidays still moves them: see
/// CalendarReloadTests).
struct RestartTests {
    @Test func aRestartUnderTheSameCalendarLeavesTheTimersUnread() async throws {
        try await EngineFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            let engine = try await EngineFixture.engine(in: dir)
            let id = try await EngineFixture.submitPlaque(engine).instance.id
            let store = try SQLiteStore(path: path)
            #expect(
                try store.read { try $0.meta(StreetFlowEngine.deadlinesCalendarKey) }
                    == EngineFixture.catalog.calendar.fingerprint)

            // Move the stored timer by hand: a walk would put it back (and record a `rescheduled` event).
            let queue = try DatabaseQueue(path: path)
            try await queue.write { try $0.execute(sql: "UPDATE timers SET due_ms = due_ms + 86400000") }
            try queue.close()
            let moved = try store.read { try $0.timers() }
            let restarted = try await EngineFixture.engine(in: dir, store: store)
            #expect(try store.read { try $0.timers() } == moved)
            #expect(try await restarted.get(id: id, caller: EngineFixture.officeA).history.count == 1)

            // With the calendar's fingerprint forgotten, the next start walks and puts the deadline back.
            let again = try DatabaseQueue(path: path)
            try await again.write {
                try $0.execute(
                    sql: "DELETE FROM store_meta WHERE key = ?", arguments: [StreetFlowEngine.deadlinesCalendarKey])
            }
            try again.close()
            let walked = try await EngineFixture.engine(in: dir, store: store)
            let history = try await walked.get(id: id, caller: EngineFixture.officeA).history
            #expect(history.last?.event.kind == .rescheduled)
            #expect(try store.read { try $0.timers() } != moved)
        }
    }
}
