import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// Every turn reaches the person whose turn it is: notices written with the events (waiting, returned, decided,
/// copied, urged, escalated) in each recipient's inbox, read marks per person, 催办 once per working day.
struct InboxTests {
    typealias F = EngineFixture

    static func kinds(_ engine: StreetFlowEngine, _ caller: Caller) async throws -> [String] {
        try await engine.inbox(caller: caller, unreadOnly: true, markRead: false, limit: 50).notices.map {
            $0.notice.kind.rawValue
        }
    }

    @Test func eachStepTellsWhoseTurnItIs() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let id = try await F.submitPlaque(engine).instance.id
            // The office's turn: every office member is told; the street and the department are not.
            let office = try await engine.inbox(caller: F.officeA, unreadOnly: true, markRead: false, limit: 10)
            #expect(office.notices.map(\.notice.kind) == [.waiting])
            #expect(office.notices.first?.notice.instanceID == id)
            #expect(office.notices.first?.notice.text.zh.contains("自治办审核") == true)
            #expect(office.waiting == 1 && office.overdue == 0)
            #expect(try await Self.kinds(engine, F.street).isEmpty)
            #expect(try await Self.kinds(engine, F.health).isEmpty)

            // Returned: the department hears it; resubmitted: the office again.
            _ = try await F.act(engine, id, "return", by: F.officeA, comment: "请写明全称")
            #expect(try await Self.kinds(engine, F.health) == ["returned"])
            _ = try await F.act(engine, id, "resubmit", by: F.health)
            _ = try await F.act(engine, id, "forward", by: F.officeA)
            #expect(try await Self.kinds(engine, F.street) == ["waiting"])

            // Decided (with its 文号) and arranged: the department and the committee are told it is done.
            _ = try await F.act(engine, id, "approve", by: F.street)
            _ = try await F.act(
                engine, id, "arrange", by: F.officeB, fields: ["location": .string("东墙"), "place": .string("inside")])
            let decided = try await engine.inbox(caller: F.health, unreadOnly: true, markRead: false, limit: 10)
            #expect(decided.notices.first?.notice.kind == .decided)
            #expect(decided.notices.first?.notice.text.zh.contains("中山准〔2020〕1号") == true)
            #expect(try await Self.kinds(engine, F.lantian2).contains("decided"))
            #expect(try await Self.kinds(engine, F.lantian2).contains("copied"))

            // Read marks are per person: office A reading does not read office B's.
            let read = try await engine.inbox(caller: F.officeA, unreadOnly: true, markRead: true, limit: 50)
            #expect(read.unread == 0 && !read.notices.isEmpty)
            #expect(
                try await engine.inbox(caller: F.officeA, unreadOnly: true, markRead: false, limit: 50).notices.isEmpty)
            #expect(!(try await Self.kinds(engine, F.officeB)).isEmpty)
        }
    }

    @Test func aNoticeWhoseStepWasDoneSaysSoWhoeverDidIt() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let id = try await F.submitPlaque(engine).instance.id
            func inbox(_ caller: Caller) async throws -> Inbox {
                try await engine.inbox(caller: caller, unreadOnly: false, markRead: false, limit: 50)
            }
            // Waiting for the office: not done, for either office member.
            let waiting = try await inbox(F.officeB)
            #expect(waiting.notices.map(\.notice.kind) == [.waiting] && waiting.handled.isEmpty)
            // Urged while it still waits: still not done.
            _ = try await engine.urge(id: id, comment: nil, caller: F.health)
            #expect(try await inbox(F.officeB).handled.isEmpty)
            // Office A forwards it: office B's 待您办理 and 催办 are done (by a colleague); the street's is new.
            _ = try await F.act(engine, id, "forward", by: F.officeA)
            let office = try await inbox(F.officeB)
            #expect(Set(office.notices.map(\.notice.kind)) == [.waiting, .urged])
            #expect(office.handled == Set(office.notices.map(\.id)))
            let street = try await inbox(F.street)
            #expect(street.notices.map(\.notice.kind) == [.waiting] && street.handled.isEmpty)
            // Approved: the street's step is done. Arranged: ended; the department's 已办结 asks nothing, so it is
            // never "done", while what asked the office to arrange is.
            _ = try await F.act(engine, id, "approve", by: F.street)
            #expect(try await inbox(F.street).handled.count == 1)
            #expect(try await inbox(F.officeB).handled.count == 2)
            _ = try await F.act(
                engine, id, "arrange", by: F.officeB, fields: ["location": .string("东墙"), "place": .string("inside")])
            let arranged = try await inbox(F.officeB)
            #expect(arranged.notices.count == 3 && arranged.handled == Set(arranged.notices.map(\.id)))
            let health = try await inbox(F.health)
            #expect(health.notices.contains { $0.notice.kind == .decided })
            #expect(health.notices.allSatisfy { !$0.notice.kind.asksToAct || health.handled.contains($0.id) })
            #expect(health.handled.allSatisfy { id in health.notices.first { $0.id == id }?.notice.kind != .decided })
        }
    }

    @Test func theApplicantUrgesOncePerWorkingDay() async throws {
        try await F.withTemporaryDirectory { dir in
            let clock = ManualClock(F.morning("2020-06-01"))
            let engine = try await F.engine(in: dir, clock: clock)
            let id = try await F.submitPlaque(engine).instance.id
            _ = try await engine.inbox(caller: F.officeA, unreadOnly: true, markRead: true, limit: 50)
            // A committee may not urge a department's request.
            #expect(
                await F.errorCode { try await engine.urge(id: id, comment: nil, caller: F.lantian2) }
                    == "PermissionDenied")
            let urged = try await engine.urge(id: id, comment: "居民等着用", caller: F.health)
            #expect(urged.events.map(\.event.kind) == [.urged])
            let notice = try #require(
                try await engine.inbox(caller: F.officeA, unreadOnly: true, markRead: false, limit: 5).notices.first)
            #expect(notice.notice.kind == .urged && notice.notice.text.zh.contains("居民等着用"))
            // Again the same day: refused by name, saying who urged when.
            do {
                _ = try await engine.urge(id: id, comment: nil, caller: F.officeB)
                Issue.record("urged twice in a day")
            } catch let error as WorkflowError {
                #expect(error.code == .alreadyUrged)
                #expect(error.parameters["by"] == .string("health-li"))
            }
            clock.set(F.morning("2020-06-02"))
            #expect(try await engine.urge(id: id, comment: nil, caller: F.health).instance.id == id)
            #expect(try await engine.history(id: id, caller: F.officeA).filter { $0.event.kind == .urged }.count == 2)
        }
    }

    @Test func aLiveWatcherGetsItsNoticesAsTheyAreWritten() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let office = await engine.watchNotices(caller: F.officeA)
            let street = await engine.watchNotices(caller: F.street)
            let id = try await F.submitPlaque(engine).instance.id
            var officeIterator = office.makeAsyncIterator()
            let first = await officeIterator.next()
            #expect(first?.notice.kind == .waiting && first?.notice.instanceID == id)
            _ = try await F.act(engine, id, "forward", by: F.officeA)
            var streetIterator = street.makeAsyncIterator()
            // The street hears only of its own turn, not of the office's.
            let streetFirst = await streetIterator.next()
            #expect(streetFirst?.notice.kind == .waiting && streetFirst?.notice.text.zh.contains("街道审批") == true)
        }
    }

    @Test func theAdministratorsHearThatTheCalendarEnds() async throws {
        try await F.withTemporaryDirectory { dir in
            let end = F.catalog.calendar.coverage.upperBound
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning(end.adding(days: -20).description)))
            #expect(await engine.dailyChecks() == end)
            let inbox = try await engine.inbox(caller: F.admin, unreadOnly: true, markRead: false, limit: 5)
            #expect(inbox.notices.map(\.notice.kind) == [.system])
            #expect(inbox.notices.first?.notice.text.zh.contains("calendar.d") == true)
            #expect(try await Self.kinds(engine, F.officeA).isEmpty)
        }
    }

    @Test func aRestartTheSameDayDoesNotTellTheAdministratorsAgain() async throws {
        try await F.withTemporaryDirectory { dir in
            let end = F.catalog.calendar.coverage.upperBound
            let clock = ManualClock(F.morning(end.adding(days: -20).description))
            func systemNotices(_ engine: StreetFlowEngine) async throws -> Int {
                try await engine.inbox(caller: F.admin, unreadOnly: false, markRead: false, limit: 50).notices.count {
                    $0.notice.kind == .system
                }
            }
            do {
                let first = try await F.engine(in: dir, clock: clock)
                #expect(await first.dailyChecks() == end)
            }
            // Restarted twice the same day: the journal warns again, the inbox keeps the one notice.
            for _ in 0..<2 {
                let again = try await F.engine(in: dir, clock: clock)
                #expect(await again.dailyChecks() == end)
                #expect(try await systemNotices(again) == 1)
            }
            // The next day it says so again (one day fewer left).
            clock.set(F.morning(end.adding(days: -19).description))
            let nextDay = try await F.engine(in: dir, clock: clock)
            #expect(await nextDay.dailyChecks() == end)
            #expect(try await systemNotices(nextDay) == 2)
        }
    }
}
