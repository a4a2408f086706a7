import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel

private typealias F = EngineFixture

/// The holiday data ends (today it reaches 2026-12-31): within 60 days of its end the daemon says so, since
/// every deadline past it counts Monday to Friday only.
struct CalendarEndingTests {
    @Test func theEndOfTheHolidayDataIsShownWithinSixtyDays() async throws {
        let end = F.catalog.calendar.coverage.upperBound
        #expect(F.catalog.calendarEnding(today: end.adding(days: -61)) == nil)
        #expect(F.catalog.calendarEnding(today: end.adding(days: -59)) == end)
        #expect(F.catalog.calendarEnding(today: end.adding(days: 30)) == end)
        try await F.withTemporaryDirectory { dir in
            let soon = try await F.engine(in: dir, clock: ManualClock(F.morning(end.adding(days: -28).description)))
            #expect(try await soon.stats().calendarEnds == end)
            #expect(await soon.statusLine().contains("holiday calendar ends \(end)"))
            #expect(try await soon.stats().calendarCoveredUntil == end)
        }
        // The journal hears of it once per office day, every day until the year is added.
        try await F.withTemporaryDirectory { dir in
            let clock = ManualClock(F.morning(end.adding(days: -28).description))
            let engine = try await F.engine(in: dir, clock: clock)
            #expect(await engine.dailyChecks() == end)
            clock.set(F.morning(end.adding(days: -28).description, hour: 15))
            #expect(await engine.dailyChecks() == nil)
            clock.set(F.morning(end.adding(days: -27).description))
            #expect(await engine.dailyChecks() == end)
        }
        try await F.withTemporaryDirectory { dir in
            let early = try await F.engine(in: dir, clock: ManualClock(F.morning(end.adding(days: -200).description)))
            #expect(try await early.stats().calendarEnds == nil)
            #expect(await !early.statusLine().contains("holiday calendar"))
            #expect(await early.dailyChecks() == nil)
        }
    }
}
