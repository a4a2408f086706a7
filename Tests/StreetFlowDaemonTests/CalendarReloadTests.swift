import Foundation
import Logging
import StreetFlowClient
import StreetFlowDaemon
import StreetFlowEngine
import StreetFlowProtocol
import StreetFlowService
import Testing
import Varlink
import WorkflowModel

/// A year of holidays the office adds under calendar.d moves open requests' deadlines at reload, each move recorded.
struct CalendarReloadTests {
    /// A test fixture, not the official 2027 arrangement: five days off in the week of 2027-02-08.
    static let addedYear = """
        source: "test fixture (not an official arrangement)"
        coverage: {from: 2027-01-01, to: 2027-12-31}
        years:
          - year: 2027
            holidays:
              - {date: 2027-02-08, zh: 测试假期}
              - {date: 2027-02-09, zh: 测试假期}
              - {date: 2027-02-10, zh: 测试假期}
              - {date: 2027-02-11, zh: 测试假期}
              - {date: 2027-02-12, zh: 测试假期}
        """

    @Test func anAddedYearMovesAnOpenDeadlineAtReloadAndSaysSo() async throws {
        // Wednesday 2027-02-03, 09:00 in Shanghai: past the shipped calendar (it ends 2026-12-31).
        let clock = ManualClock(try Date("2027-02-03T01:00:00Z", strategy: .iso8601))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sf-calendar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var settings = InProcessDaemonTests.settings(in: directory)
        settings.calendarDirectory = directory.appendingPathComponent("calendar.d").path
        settings.separationOfDuties = false
        let user = UnixAccounts.user(uid: getuid())?.name ?? "root"
        let me = Members(users: [user])
        settings.roles = RoleMapping(
            roles: ["office": me, "admin": me], departments: ["health": Members(users: [user])])
        let running = try await Daemon(
            settings: settings, configPath: nil, logger: Logger(label: "test.streetflowd"), shutdownSignals: [],
            dependencies: DaemonDependencies(systemd: false, clock: clock)
        ).start()

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await running.run() }
            let client = try await StreetFlowClient.connect(socketPath: settings.socket)
            let id = try await client.workflow.submit(
                workflow: "plaque-admission",
                subject: [
                    "committee": .string("蓝天二村"), "text": .string("社区卫生服务点"), "placement": .string("inside"),
                    "reason": .string("便民服务"),
                ]
            ).instance.id
            // Monday to Friday only: five working days end on Wednesday 02-10.
            let before = try await client.workflow.get(id: id).instance
            #expect(before.nextDeadline == "2027-02-10T16:00:00Z" && before.deadlineEstimated == true)

            try FileManager.default.createDirectory(
                atPath: settings.calendarDirectory, withIntermediateDirectories: true)
            try Self.addedYear.write(
                toFile: settings.calendarDirectory + "/2027.yaml", atomically: true, encoding: .utf8)
            _ = try await client.admin.reload()

            // With the week of 02-08 off, they end on Wednesday 02-17; the move is in the history.
            let detail = try await client.workflow.get(id: id)
            #expect(detail.instance.nextDeadline == "2027-02-17T16:00:00Z", "\(detail.instance)")
            #expect(detail.instance.deadlineEstimated == false)
            let moved = try #require(detail.history.last)
            #expect(moved.kind == "rescheduled" && moved.actorUser == "system")
            #expect(
                moved.fields["previousDue"] == .string("2027-02-10") && moved.fields["due"] == .string("2027-02-17"))
            #expect(try await running.engine.nextTimerDue() == (try Date("2027-02-17T16:00:00Z", strategy: .iso8601)))
            // A second reload moves nothing and records nothing.
            _ = try await client.admin.reload()
            #expect(try await client.workflow.history(id: id).history.count == detail.history.count)
            // An overlapping file is refused and the calendar in force stays.
            try Self.addedYear.replacingOccurrences(of: "from: 2027-01-01", with: "from: 2026-12-01").write(
                toFile: settings.calendarDirectory + "/2027.yaml", atomically: true, encoding: .utf8)
            await #expect(throws: (any Error).self) { _ = try await client.admin.reload() }
            #expect(try await client.workflow.get(id: id).instance.nextDeadline == "2027-02-17T16:00:00Z")

            await client.close()
            await running.group.triggerGracefulShutdown()
            try await group.next()
            group.cancelAll()
        }
    }
}
