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

/// An escalation moves the work: a plaque left in office review past its 10 working days is in the street's queue
/// (marked 已上报) and stays overdue everywhere, checked through the daemon with its clock moved by the test.
struct EscalationTests {
    @Test func anEscalatedRequestIsInTheStreetsQueueAndStaysOverdue() async throws {
        // Monday 2026-11-02, 09:00 in Shanghai; November 2026 has no holiday.
        let clock = ManualClock(try Date("2026-11-02T01:00:00Z", strategy: .iso8601))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sf-escalation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var settings = InProcessDaemonTests.settings(in: directory)
        // The test process is the street leader, and only that.
        let user = UnixAccounts.user(uid: getuid())?.name ?? "root"
        settings.roles = RoleMapping(roles: ["street": Members(users: [user])])
        let running = try await Daemon(
            settings: settings, configPath: nil, logger: Logger(label: "test.streetflowd"), shutdownSignals: [],
            dependencies: DaemonDependencies(systemd: false, clock: clock)
        ).start()
        let engine = running.engine
        let department = Caller(
            uid: 4201, gid: 4201, pid: 1, user: "health-li", groups: [], roles: [.department("health")])
        let office = Caller(uid: 4301, gid: 4301, pid: 1, user: "office-wang", groups: [], roles: [.office])

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await running.run() }
            let client = try await StreetFlowClient.connect(socketPath: settings.socket)
            let id = try await engine.submit(
                workflow: "plaque-admission",
                subject: [
                    "committee": .string("蓝天二村"), "text": .string("社区卫生服务点"), "placement": .string("inside"),
                    "reason": .string("便民服务"),
                ], comment: nil, idempotencyKey: nil, caller: department
            ).instance.id
            #expect(try await client.workflow.queue().items.isEmpty, "not the street's turn yet")

            // Five working days on: the reminder fires; the office's item is overdue, the street not told yet.
            clock.set(try Date("2026-11-10T02:00:00Z", strategy: .iso8601))
            #expect(try await engine.fireDueTimers() == 1)
            let reminded = try #require(try await engine.queue(caller: office).first)
            #expect(reminded.overdue && reminded.escalatedTo == nil && reminded.nextDeadline != nil)
            #expect(try await client.workflow.queue().items.isEmpty)

            // Ten working days on: escalated to the street, in its queue, still overdue, marked.
            clock.set(try Date("2026-11-18T02:00:00Z", strategy: .iso8601))
            #expect(try await engine.fireDueTimers() == 1)
            let streetQueue = try await client.workflow.queue().items
            #expect(streetQueue.map(\.instance.id) == [id])
            let item = try #require(streetQueue.first)
            #expect(item.overdue && item.instance.escalatedTo == "street", "\(item)")
            #expect((item.workingDaysLeft ?? 0) < 0 && item.actions.isEmpty, "\(item)")
            let listed = try #require(try await client.workflow.list().instances.first)
            #expect(listed.nextDeadline != nil && listed.escalatedTo == "street")
            // The street was told, once, in its inbox; the login line counts it.
            let inbox = try await client.workflow.inbox(all: false, markRead: true, limit: 10)
            #expect(inbox.notices.filter { $0.kind == "escalated" }.map(\.instance) == [id], "\(inbox)")
            #expect(inbox.notices.first { $0.kind == "escalated" }?.message.contains("超期上报给您") == true)
            #expect(inbox.waiting == 1 && inbox.overdue == 1)
            let after = try await client.workflow.inbox(all: false, markRead: false, limit: 10)
            #expect(after.unread == 0 && after.notices.isEmpty)
            // The office still holds it, overdue, and sees that it went up.
            let officeItem = try #require(try await engine.queue(caller: office).first)
            #expect(officeItem.overdue && officeItem.escalatedTo == .street)
            let loads = try await engine.queueLoads()
            let officeLoad = try #require(loads.first { $0.queue == "office" })
            #expect(officeLoad.open == 1 && officeLoad.overdue == 1)
            #expect(loads.first { $0.queue == "street" }?.escalatedHere == 1)

            // Moving on ends it: forwarded, it is the street's by right and due afresh.
            _ = try await engine.act(
                id: id, action: "forward", comment: nil, fields: [:], expectedVersion: nil, idempotencyKey: nil,
                caller: office)
            let forwarded = try #require(try await client.workflow.queue().items.first)
            #expect(!forwarded.overdue && forwarded.instance.escalatedTo == nil && !forwarded.actions.isEmpty)

            await client.close()
            await running.group.triggerGracefulShutdown()
            try await group.next()
            group.cancelAll()
        }
    }
}
