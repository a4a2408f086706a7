import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

struct TimerTests {
    typealias F = EngineFixture

    static func kinds(_ engine: StreetFlowEngine, _ id: String, _ kind: EventKind) async throws -> Int {
        try await engine.history(id: id, caller: F.officeA).filter { $0.event.kind == kind }.count
    }

    @Test func aDeadlineThatPassedWhileStoppedFiresOnceAfterStart() async throws {
        try await F.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            // Monday 2019-11-04: office review reminds after 5 working days (due end of Mon 11-11) and
            // escalates after 10 (end of Mon 11-18).
            let clock = ManualClock(F.morning("2019-11-04"))
            var id = ""
            do {
                let engineA = try await F.engine(in: dir, store: try SQLiteStore(path: path), clock: clock)
                id = try await F.submitPlaque(engineA).instance.id
                #expect(try await engineA.fireDueTimers() == 0)
                #expect(try await engineA.nextTimerDue() == LocalDate("2019-11-12")!.startOfDay())
            }
            // Engine A is gone; time passes; engine B opens the same file.
            clock.set(F.morning("2019-11-13"))
            let engineB = try await F.engine(in: dir, store: try SQLiteStore(path: path), clock: clock)
            #expect(try await engineB.fireDueTimers() == 1)
            let history = try await engineB.history(id: id, caller: F.officeA)
            #expect(history.map(\.event.kind) == [.submitted, .reminded])
            #expect(history.last?.event.deadline == 0)
            #expect(history.last?.event.target == "office")
            #expect(history.last?.event.actor.user == "system")
            #expect(try await engineB.fireDueTimers() == 0)
            #expect(try await Self.kinds(engineB, id, .reminded) == 1)
            // The escalation is still pending, for the end of Monday 11-18.
            #expect(try await engineB.nextTimerDue() == LocalDate("2019-11-19")!.startOfDay())
            // The reminder does not lift the time limit: the request stays overdue (and its 期限 shown) until it moves.
            let item = try #require(try await engineB.queue(caller: F.officeA).first)
            #expect(item.overdue && item.nextDeadline == LocalDate("2019-11-12")!.startOfDay())
        }
    }

    @Test func aCommandCarriesTheDueDateItsTimersWereStoredWithUntilOneFires() async throws {
        try await F.withTemporaryDirectory { dir in
            // Monday 2019-11-04: office review is due at the end of Mon 11-11 (its reminder), escalated at 11-18.
            let clock = ManualClock(F.morning("2019-11-04"))
            let engine = try await F.engine(in: dir, clock: clock)
            func dueDate(_ result: CommandResult) -> Date? {
                let definition = F.catalog.definition(
                    result.instance.workflow, version: result.instance.definitionVersion)
                return definition?.dueDate(of: result.instance, calendar: F.catalog.calendar)
            }
            let submitted = try await F.submitPlaque(engine)
            let id = submitted.instance.id
            #expect(submitted.nextDeadline == LocalDate("2019-11-12")!.startOfDay())
            #expect(submitted.nextDeadline == dueDate(submitted))
            // The reminder fires: the due date stays 11-12 but the earliest timer is now the escalation, so the
            // command leaves the reply to work the due date out.
            clock.set(F.morning("2019-11-13"))
            #expect(try await engine.fireDueTimers() == 1)
            let commented = try await engine.comment(id: id, text: "已补充照片", caller: F.health)
            #expect(commented.nextDeadline == nil)
            #expect(dueDate(commented) == LocalDate("2019-11-12")!.startOfDay())
            // A new state starts its deadlines afresh: carried again, and again the due date.
            let forwarded = try await F.act(engine, id, "forward", by: F.officeA)
            #expect(forwarded.nextDeadline != nil)
            #expect(forwarded.nextDeadline == dueDate(forwarded))
        }
    }

    @Test func aReminderCountsWorkingDaysAcrossTheSpringFestival() async throws {
        // From seeds/calendar.yaml: 2020-01-24 – 2020-02-02 are Spring Festival holidays (with the extension
        // to 02-02); 2020-01-19 (a Sunday, before the submission) is the make-up working day. Submitted on
        // Wednesday 2020-01-22, the working days after it are Thu 01-23 (1), Mon 02-03 (2), Tue 02-04 (3),
        // Wed 02-05 (4), Thu 02-06 (5): the `after: 5` reminder is due at the end of 2020-02-06.
        let calendar = F.catalog.calendar
        #expect(calendar.addingWorkingDays(5, to: LocalDate("2020-01-22")!) == LocalDate("2020-02-06")!)
        try await F.withTemporaryDirectory { dir in
            let clock = ManualClock(F.morning("2020-01-22", hour: 10))
            let engine = try await F.engine(in: dir, clock: clock)
            let id = try await F.submitPlaque(engine).instance.id

            let endOfDay = LocalDate("2020-02-07")!.startOfDay()
            for day in ["2020-01-23", "2020-01-31", "2020-02-03", "2020-02-06"] {
                clock.set(F.morning(day, hour: 17))
                #expect(try await engine.fireDueTimers() == 0, "\(day)")
            }
            clock.set(endOfDay.addingTimeInterval(-1))
            #expect(try await engine.fireDueTimers() == 0)
            #expect(try await Self.kinds(engine, id, .reminded) == 0)

            clock.set(endOfDay.addingTimeInterval(1))
            #expect(try await engine.fireDueTimers() == 1)
            let reminded = try await engine.history(id: id, caller: F.officeA).filter { $0.event.kind == .reminded }
            #expect(reminded.count == 1)
            #expect(reminded.first.map { LocalDate($0.event.at) } == LocalDate("2020-02-07"))
        }
    }

    @Test func leavingAStateCancelsItsTimers() async throws {
        try await F.withTemporaryDirectory { dir in
            let clock = ManualClock(F.morning("2019-11-04"))
            let engine = try await F.engine(in: dir, clock: clock)
            let id = try await F.submitPlaque(engine).instance.id
            clock.set(F.morning("2019-11-06"))
            _ = try await F.act(engine, id, "forward", by: F.officeA)
            // Street review reminds 5 working days after 11-06: end of Wed 11-13. The office-review timers are gone.
            clock.set(F.morning("2019-11-13"))
            #expect(try await engine.fireDueTimers() == 0)
            clock.set(F.morning("2019-11-20"))
            #expect(try await engine.fireDueTimers() == 1)
            let events = try await engine.history(id: id, caller: F.officeA).map(\.event)
            #expect(events.map(\.kind) == [.submitted, .transitioned, .reminded])
            #expect(events.last?.to == "street-review")
            #expect(events.last?.target == "street")
            #expect(try await engine.nextTimerDue() == nil)
        }
    }
}

struct TimerFailureTests {
    typealias F = EngineFixture

    @Test(.timeLimit(.minutes(1)))
    func aTimerWhoseCommitFailsIsReportedAndFiresLater() async throws {
        try await F.withTemporaryDirectory { dir in
            let store = CountingStore(base: try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path))
            let clock = ManualClock(F.morning("2019-11-04"))
            let engine = try await F.engine(in: dir, store: store, clock: clock)
            let id = try await F.submitPlaque(engine).instance.id
            clock.set(F.morning("2019-11-13"))

            store.failWrites(true)
            #expect(await F.errorCode { try await engine.fireDueTimers() } == "StorageFailure")
            #expect(try await engine.history(id: id, caller: F.officeA).count == 1)

            store.failWrites(false)
            #expect(try await engine.fireDueTimers() == 1)
            #expect(try await engine.history(id: id, caller: F.officeA).map(\.event.kind) == [.submitted, .reminded])
        }
    }
}
