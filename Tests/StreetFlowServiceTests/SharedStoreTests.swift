import Foundation
import Glibc
import PostgresStore
import StoreTestSupport
import Synchronization
import Testing
import Varlink
import WorkflowStore

/// Two streetflowd on one PostgreSQL, as a district runs them: clients of both act on the same requests, one daemon
/// is SIGKILLed under load, and what was acknowledged is there once, in one chain that verifies.
struct SharedStoreTests {
    /// What the clients were told succeeded (each reply comes after its commit) and what was refused by name.
    final class Ledger: Sendable {
        struct Ack: Hashable, Sendable {
            var id: String
            var version: Int
            var action: String
        }
        let acks = Mutex<[Ack]>([])
        let submitted = Mutex<[String: String]>([:])
        let conflicts = Mutex(0)
        let pool = Mutex<[String]>([])
    }

    final class Flag: Sendable {
        let raised = Mutex(false)
        var isRaised: Bool { raised.withLock { $0 } }
        func raise() { raised.withLock { $0 = true } }
    }

    static func setup(_ cluster: PostgresTestCluster, _ location: PostgresLocation) throws -> DaemonSetup {
        var setup = try DaemonSetup()
        setup.storeYAML = """
            store: {kind: postgresql, url: "postgresql://\(location.user)@/\(location.database)?host=\(cluster.directory)", pool: 4}
            """
        return setup
    }

    /// One client: submits a request, then acts on one of the newest requests of the district (often one another
    /// client, on either daemon, acts on too) with the version it read, until told to stop or its daemon dies.
    static func client(_ daemon: Daemon, _ name: String, ledger: Ledger, stop: Flag) async {
        guard let client = try? await daemon.connect() else { return }
        var round = 0
        while !stop.isRaised {
            round += 1
            let text = "共享库负载〔\(name)-\(round)〕"
            do {
                let instance = try await client.submitPlaque(text: text)
                guard let id = instance["id"]?.stringValue else { return }
                ledger.submitted.withLock { $0[text] = id }
                ledger.acks.withLock { $0.append(.init(id: id, version: 1, action: "submit")) }
                ledger.pool.withLock { $0.append(id) }
                let target = ledger.pool.withLock { $0.suffix(4).randomElement() } ?? id
                let current = try await client.workflow("Get", ["id": .string(target)])
                guard let seen = current["instance"]?.objectValue, let version = seen["version"]?.intValue,
                    let state = seen["state"]?.stringValue
                else { continue }
                let action =
                    switch state {
                    case "office-review": "forward"
                    case "street-review": "approve"
                    default: "comment"
                    }
                let reply: [String: JSONValue]
                if action == "comment" {
                    reply = try await client.workflow("Comment", ["id": .string(target), "comment": "进度如何？"])
                } else {
                    reply = try await client.workflow(
                        "Act", ["id": .string(target), "action": .string(action), "expectedVersion": .int(version)])
                }
                if let after = reply["instance"]?.objectValue?["version"]?.intValue {
                    ledger.acks.withLock { $0.append(.init(id: target, version: after, action: action)) }
                }
            } catch let error as VarlinkError {
                if error.name.hasSuffix(".VersionConflict") {
                    ledger.conflicts.withLock { $0 += 1 }
                } else if !error.name.hasSuffix(".ActionNotAllowed") && !error.name.hasSuffix(".InvalidAction") {
                    // Another client moved the request to a state where the action no longer applies: fine. Anything
                    // else is a defect, except the end of a killed daemon's connection.
                    if daemon.child.isRunning { Issue.record("\(name): \(error)") }
                    return
                }
            } catch {
                return  // the daemon was killed: its connection ends
            }
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func twoDaemonsSurviveOneKilledUnderLoadWithNothingLostOrDoubled() async throws {
        let cluster = try PostgresTestCluster.shared
        let location = try cluster.makeDatabase()
        let setups = try (0..<2).map { _ in try Self.setup(cluster, location) }
        let daemons = try setups.enumerated().map { try Daemon($0.element, name: "daemon-\($0.offset)") }
        defer { for daemon in daemons { Task { await daemon.stop() } } }
        for daemon in daemons { try await daemon.waitUntilListening() }

        let ledger = Ledger()
        let stop = Flag()
        let stopKilled = Flag()
        await withTaskGroup(of: Void.self) { group in
            for n in 0..<16 {
                let daemon = daemons[n % 2]
                group.addTask {
                    await Self.client(daemon, "c\(n)", ledger: ledger, stop: n % 2 == 1 ? stopKilled : stop)
                }
            }
            group.addTask {
                // Counted, not timed, so a loaded machine (CI) still kills mid-load: after 80 acknowledged commands,
                // and the survivor goes on for 40 more.
                func waitFor(_ count: Int) async {
                    let deadline = ContinuousClock.now + .seconds(60)
                    while ledger.acks.withLock({ $0.count }) < count && ContinuousClock.now < deadline {
                        try? await Task.sleep(for: .milliseconds(50))
                    }
                }
                await waitFor(80)
                daemons[1].child.signal(SIGKILL)
                await waitFor(ledger.acks.withLock { $0.count } + 40)
                stop.raise()
                stopKilled.raise()
            }
        }
        let store = try PostgresStore(location: location, pool: 2)
        defer { try? store.close() }

        let acks = ledger.acks.withLock { $0 }
        #expect(acks.count >= 120, "the load acknowledged only \(acks.count) commands")
        #expect(ledger.conflicts.withLock { $0 } > 0, "no two clients ever raced for one request")
        // Every acknowledged command is there, as the event of that version, with that action.
        for ack in acks {
            let events = try store.read { try $0.events(of: ack.id) }
            let event = events.first { $0.event.sequence == ack.version }
            let recorded = event?.event.kind == .commented ? "comment" : event?.event.action
            #expect(recorded == ack.action, "\(ack) is not recorded as acknowledged")
        }
        // Nothing doubled: each acknowledged submission made one request.
        for (text, id) in ledger.submitted.withLock({ $0 }) {
            let found = try store.read { try $0.instances(InstanceFilter(text: text, limit: 5)) }
            #expect(found.map(\.id) == [id], "\(text)")
        }
        // One chain, whole, across both daemons' commits.
        let report = try store.verifyChain()
        #expect(report.ok, "\(report)")
        #expect(report.checked == Int(try store.read { try $0.chainHead() }.globalSequence))
        print(
            "shared store: \(acks.count) commands acknowledged, \(ledger.conflicts.withLock { $0 }) version conflicts, \(report.checked) events in one chain"
        )

        // The killed daemon starts again on the same database and serves what the other wrote.
        let again = try Daemon(setups[1], name: "daemon-1-again")
        defer { Task { await again.stop() } }
        try await again.waitUntilListening()
        let client = try await again.connect()
        let last = try #require(acks.last)
        let seen = try await client.workflow("Get", ["id": .string(last.id)])
        #expect((seen["instance"]?.objectValue?["version"]?.intValue ?? 0) >= last.version)
    }

    /// Deadlines falling due on two daemons at once, one of them SIGKILLed while it fires them: each deadline fires
    /// exactly once (its reminder and its escalation are in every request's history once), and the chain verifies.
    @Test(.timeLimit(.minutes(3)))
    func deadlinesFireOnceWhileADaemonIsKilledFiringThem() async throws {
        let cluster = try PostgresTestCluster.shared
        let location = try cluster.makeDatabase()
        let setups = try (0..<2).map { n in
            var setup = try Self.setup(cluster, location)
            // The one to be killed commits each deadline alone, so it dies with some fired and some not.
            setup.storeYAML += "\nsimulation: true" + (n == 1 ? "\nlimits: {maxBatch: 1}" : "")
            return setup
        }
        // Monday 2019-11-04 09:00: office review reminds after 5 working days and escalates after 10.
        let start = ["--clock", "simulated:2019-11-04T09:00:00+08:00"]
        let daemons = try setups.enumerated().map {
            try Daemon($0.element, name: "timers-\($0.offset)", extraArguments: start)
        }
        defer { for daemon in daemons { Task { await daemon.stop() } } }
        for daemon in daemons { try await daemon.waitUntilListening() }
        let clients = [try await daemons[0].connect(), try await daemons[1].connect()]
        var ids: [String] = []
        for n in 0..<30 {
            let instance = try await clients[n % 2].submitPlaque(text: "期限〔\(n)〕")
            ids.append(try #require(instance["id"]?.stringValue))
        }
        func reminders() -> Int {
            Int(
                (try? cluster.psql("SELECT count(*) FROM events WHERE kind = 'reminded'", database: location.database))
                    ?? "")
                ?? 0
        }
        // The second daemon moves its clock past both deadlines and is killed while it fires them.
        let firing = Task {
            _ = try? await clients[1].call(method: "org.streetflow.Admin.Clock", parameters: ["set": "2019-11-25"])
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while reminders() < 5 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(1)) }
        daemons[1].child.signal(SIGKILL)
        await firing.value
        let atKill = reminders()
        // The other daemon's clock passes the same deadlines: it fires what the killed one left, nothing twice.
        _ = try await clients[0].call(method: "org.streetflow.Admin.Clock", parameters: ["set": "2019-11-26"])
        let store = try PostgresStore(location: location, pool: 2)
        defer { try? store.close() }
        for id in ids {
            let kinds = try store.read { try $0.events(of: id) }.map(\.event.kind)
            #expect(kinds.filter { $0 == .reminded }.count == 1, "\(id): \(kinds)")
            #expect(kinds.filter { $0 == .escalated }.count == 1, "\(id): \(kinds)")
        }
        #expect(
            try store.read { try $0.timers() }.filter { ids.contains($0.instanceID) }.allSatisfy {
                $0.deadlineIndex > 1
            })
        #expect(try store.verifyChain().ok)
        print("deadlines: \(atKill) of 30 reminders were recorded when the firing daemon was killed")
    }
}
