import Foundation
import Logging
import ServiceLifecycle
import StreetFlowClient
import StreetFlowDaemon
import StreetFlowEngine
import StreetFlowProtocol
import StreetFlowService
import Synchronization
import Testing
import Varlink

/// The daemon built in the test process, as `streetflowd` builds it, on a temp store and socket: every Varlink
/// method through the typed client, then a graceful shutdown. Signals, socket activation and systemd stay in the
/// process-level suites.
struct InProcessDaemonTests {
    @Test func everyWorkflowMethodAnswersOverTheSocket() async throws {
        try await withDaemon { client in
            let me = try await client.workflow.whoAmI().identity
            #expect(me.uid == Int(getuid()))
            #expect(Set(me.roles).isSuperset(of: ["office", "street", "admin"]))

            let workflows = try await client.workflow.workflows().workflows.map(\.key)
            #expect(workflows.contains("plaque-admission"))
            let described = try await client.workflow.describeWorkflow(workflow: "plaque-admission")
            #expect(described.definition["workflow"] == .string("plaque-admission"))
            #expect(described.mermaid.contains("stateDiagram"))

            let plaque: [String: JSONValue] = [
                "committee": .string("蓝天二村"), "text": .string("社区卫生服务点"), "placement": .string("inside"),
                "reason": .string("便民服务"),
            ]
            let submitted = try await client.workflow.submit(
                workflow: "plaque-admission", subject: plaque, idempotencyKey: "in-process-1")
            let id = submitted.instance.id
            #expect(submitted.instance.state == "office-review")
            // The same key answers the same request, not a second one.
            let again = try await client.workflow.submit(
                workflow: "plaque-admission", subject: plaque, idempotencyKey: "in-process-1")
            #expect(again.instance.id == id)

            let queued = try await client.workflow.queue().items.map(\.instance.id)
            #expect(queued == [id])
            let commented = try await client.workflow.comment(id: id, comment: "请补充照片")
            #expect(commented.instance.id == id)
            let assigned = try await client.workflow.assign(id: id, user: me.user)
            #expect(assigned.instance.assignee == me.user)
            let forwarded = try await client.workflow.act(id: id, action: "forward", comment: "材料齐全")
            #expect(forwarded.instance.state == "street-review")
            let detail = try await client.workflow.get(id: id)
            #expect(detail.actions.contains("approve"))
            let history = try await client.workflow.history(id: id).history.map(\.kind)
            #expect(history.first == "submitted")
            #expect(history.contains("commented"))
            #expect(history.last == "transitioned")
            let listed = try await client.workflow.list(committee: "蓝天二村").instances.map(\.id)
            #expect(listed == [id])

            let stale = await #expect(throws: VarlinkError.self) {
                _ = try await client.workflow.act(id: id, action: "approve", expectedVersion: 1)
            }
            #expect(stale.map { Workflow.VersionConflict($0)?.version } == forwarded.instance.version)
            let missing = await #expect(throws: VarlinkError.self) {
                _ = try await client.workflow.get(id: "PA-20990101-XXXXX")
            }
            #expect(missing.map { Workflow.NoSuchInstance($0)?.id } == "PA-20990101-XXXXX")

            let checked = try await client.workflow.checkReferenceList(text: "个人收入证明")
            #expect(checked.found)
            #expect(checked.code == "NEG-17")
            let shown = try await client.workflow.showList(list: "admin-affairs")
            #expect(shown.sample)
            let seed = try String(
                contentsOf: Self.root.appendingPathComponent("seeds/lists/admin-affairs.yaml"), encoding: .utf8)
            let proposed = seed.replacingOccurrences(of: "version: 1\n", with: "version: 2\n")
                .replacingOccurrences(
                    of: "  - code: ADM-13\n",
                    with: "  - code: ADM-14\n    title: 协助开展燃气安全宣传\n    category: 行政事务\n  - code: ADM-13\n")
            let diff = try await client.workflow.diffList(list: "admin-affairs", content: proposed)
            #expect(diff.lines.contains { $0.contains("ADM-14") }, "\(diff.lines)")
            let empty = await #expect(throws: VarlinkError.self) {
                _ = try await client.workflow.diffList(list: "admin-affairs", content: "")
            }
            #expect(empty.map { Workflow.InvalidField($0)?.field } == "content")
            let registers = try await client.workflow.register(committee: "蓝天二村").registers
            #expect(registers.map(\.committee) == ["蓝天二村"])
            #expect(registers.first?.missingDoorPlaques.count == 4)
            // The programme: its workflow and gate come from the definitions, every committee with its phase.
            let programme = try await client.workflow.programme()
            #expect(programme.workflow == "committee-rollout" && programme.reachedState == "accepted")
            let pilot = try #require(programme.committees.first { $0.committee == "蓝天二村" })
            #expect(pilot.inProgramme && pilot.phaseEnds == "2019-12-31" && pilot.instance == nil && !pilot.reached)
        }
    }

    @Test func watchStreamsASubmissionMadeOnAnotherConnection() async throws {
        try await withDaemon { client in
            let watcher = try await StreetFlowClient.connect(socketPath: client.socketPath)
            let stream = watcher.workflow.watch()
            let seen = Task {
                for try await reply in stream {
                    if let event = reply.event, event.kind == "submitted" { return event.instance }
                }
                return ""
            }
            // The stream is registered before the submission (a watch sends what happens after it starts).
            try await Task.sleep(for: .milliseconds(200))
            let submitted = try await client.workflow.submit(
                workflow: "training-record",
                subject: [
                    "committee": .string("蓝天二村"), "person": .string("李四"), "course": .string("backbone"),
                    "trainedOn": .string("2019-11-20"),
                ])
            let timeout = Task {
                try await Task.sleep(for: .seconds(10))
                seen.cancel()
            }
            #expect(try await seen.value == submitted.instance.id)
            timeout.cancel()
            await watcher.close()
        }
    }

    @Test func faultsAreInjectedAsDependencies() async throws {
        let commits = Mutex(0)
        let dependencies = DaemonDependencies(beforeCommit: { commits.withLock { $0 += 1 } }, systemd: false)
        try await withDaemon(dependencies) { client in
            let before = commits.withLock { $0 }
            _ = try await client.workflow.submit(
                workflow: "training-record",
                subject: [
                    "committee": .string("蓝天二村"), "person": .string("王五"), "course": .string("other"),
                    "trainedOn": .string("2019-12-01"),
                ])
            #expect(commits.withLock { $0 } > before)
        }
    }

    @Test func everyAdminMethodAnswersOverTheSocket() async throws {
        try await withDaemon { client in
            let submitted = try await client.workflow.submit(
                workflow: "training-record",
                subject: [
                    "committee": .string("蓝天二村"), "person": .string("张三"), "course": .string("all-round"),
                    "trainedOn": .string("2019-11-02"),
                ])
            let stats = try await client.admin.stats()
            #expect(stats.version == StreetFlowVersion.current)
            #expect(stats.commits >= 1)
            let audit = try await client.admin.verifyAudit()
            #expect(audit.ok)
            #expect(audit.checked >= 1)
            let reloaded = try await client.admin.reload()
            #expect(reloaded.workflows.contains("training-record"))
            let backup = try await client.admin.backup()
            #expect(FileManager.default.fileExists(atPath: backup.path))
            #expect(backup.bytes > 0)
            // A finished record on the current version has nothing to migrate to: refused by id, nothing changed.
            let migrated = try await client.admin.migrate(ids: [submitted.instance.id])
            #expect(migrated.migrated.isEmpty)
            #expect(migrated.failed.first?.hasPrefix(submitted.instance.id) == true, "\(migrated.failed)")
            #expect(try await client.admin.verifyAudit().checked == audit.checked)
        }
    }

    /// The package root (Workflows/, seeds/).
    /// A daemon's settings on a store and socket in `directory`, with the shipped workflows and seeds.
    static func settings(in directory: URL) -> DaemonConfiguration {
        var settings = DaemonConfiguration()
        settings.stateDirectory = directory.path
        settings.socket = directory.appendingPathComponent("io.streetflow.sock").path
        settings.socketGroup = nil
        settings.socketMode = 0o600
        settings.workflowsDirectory = root.appendingPathComponent("Workflows").path
        settings.seedsDirectory = root.appendingPathComponent("seeds").path
        return settings
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Starts the daemon on a fresh temp directory, runs `body` with a connected client, then shuts the daemon
    /// down gracefully (as SIGTERM does) and waits for it, at most 30 s.
    private func withDaemon(
        _ dependencies: DaemonDependencies = .init(systemd: false),
        _ body: @Sendable (StreetFlowClient) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sf-daemon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var settings = Self.settings(in: directory)
        settings.separationOfDuties = false
        let user = UnixAccounts.user(uid: getuid())?.name ?? "root"
        let me = Members(users: [user])
        settings.roles = RoleMapping(
            roles: ["office": me, "street": me, "admin": me],
            departments: ["health": Members(users: [user], label: "卫生健康办")], committees: ["蓝天二村": me])
        let running = try await Daemon(
            settings: settings, configPath: nil, logger: Logger(label: "test.streetflowd"), shutdownSignals: [],
            dependencies: dependencies
        ).start()
        let seal = settings.stateDirectory + "/store-seal"
        #expect(!FileManager.default.fileExists(atPath: seal), "no seal while the store is open")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await running.run() }
            var failure: (any Error)?
            do {
                let client = try await StreetFlowClient.connect(socketPath: settings.socket)
                do { try await body(client) } catch { failure = error }
                await client.close()
            } catch {
                failure = error
            }
            await running.group.triggerGracefulShutdown()
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                throw CancellationError()
            }
            try await group.next()
            group.cancelAll()
            if let failure { throw failure }
        }
        // A graceful stop closes the store and seals it: the next start skips the whole-file check.
        #expect(FileManager.default.fileExists(atPath: seal), "a graceful stop seals the store")
    }
}

extension InProcessDaemonTests {
    /// A request buried under comments: each person's comments are budgeted per office day, and however long its
    /// history grows, Get and History answer in pages far below the message limit and together give all of it.
    @Test func aLongHistoryComesInPagesAndCommentsHaveABudget() async throws {
        let clock = ManualClock(try Date("2020-03-02T09:00:00+08:00", strategy: .iso8601))
        try await withDaemon(.init(systemd: false, clock: clock)) { client in
            let plaque: [String: JSONValue] = [
                "committee": .string("蓝天二村"), "text": .string("社区卫生服务点"), "placement": .string("inside"),
                "reason": .string("便民服务"),
            ]
            let id = try await client.workflow.submit(workflow: "plaque-admission", subject: plaque).instance.id
            // The longest comment allowed, in Chinese: 2,000 characters, 6,000 bytes.
            let long = String(repeating: "意", count: 2000)
            for day in 0..<5 {
                for n in 0..<StreetFlowEngine.commentsPerUserPerDay {
                    _ = try await client.workflow.comment(id: id, comment: "\(day)-\(n)" + long.dropFirst(5))
                }
                do {
                    _ = try await client.workflow.comment(id: id, comment: "还有一条")
                    Issue.record("the 21st comment of the day was taken")
                } catch let error as VarlinkError {
                    #expect(error.name == "org.streetflow.Workflow.TooManyComments")
                    #expect(error.parameters["scope"] == .string("day"))
                    #expect(error.parameters["limit"] == .int(20))
                }
                clock.advance(by: 86_400)
            }
            let first = try await client.workflow.get(id: id)
            let size = first.varlinkJSON.serialized().utf8.count
            #expect(size < 768 << 10, "Get answered \(size) bytes")
            let earlier = try #require(first.historyEarlier, "a 600 KB history comes in more than one page")
            #expect(first.history.last?.kind == "commented")
            var all = first.history
            var before: Int? = earlier
            while let next = before {
                let page = try await client.workflow.history(id: id, before: next, limit: nil)
                #expect(page.varlinkJSON.serialized().utf8.count < 768 << 10)
                all = page.history + all
                before = page.earlier
            }
            #expect(all.count == 101)
            #expect(all.map(\.sequence) == Array(1...101))
            // Small pages on request.
            let small = try await client.workflow.history(id: id, before: nil, limit: 10)
            #expect(small.history.map(\.sequence) == Array(92...101) && small.earlier == 92)
        }
    }
}
