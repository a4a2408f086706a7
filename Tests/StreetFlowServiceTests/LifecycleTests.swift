import Foundation
import Glibc
import Synchronization
import Testing
import Varlink

/// CLOCK_MONOTONIC in microseconds, the clock `MONOTONIC_USEC=` is read from.
func monotonicMicroseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
}

extension DaemonTests {
    /// sd_notify, socket activation, signals, the watchdog and crash recovery, with the real binary.
    @Suite
    struct LifecycleTests {
        @Test func notifiesReadyStatusWatchdogReloadingAndStoppingInOrder() async throws {
            let setup = try DaemonSetup()
            let receiver = try NotifyReceiver(path: setup.directory.file("n.sock"))
            let daemon = try Daemon(
                setup, environment: ["NOTIFY_SOCKET": receiver.path, "WATCHDOG_USEC": "2000000"], watchdogPID: true)
            defer { daemon.child.signal(SIGKILL) }

            let ready = try #require(await receiver.wait(for: "READY"), "no READY=1; log:\n\(daemon.log)")
            // READY=1 comes first, with a status line, and only once the socket listens.
            #expect(receiver.messages.first?.fields["READY"] == "1", "\(receiver.messages)")
            #expect(!(ready.fields["STATUS"] ?? "").isEmpty, "\(ready)")
            #expect(canConnect(setup.socket))

            // A reload requested at once (systemd may send SIGHUP right after READY=1).
            let beforeReload = receiver.messages.count
            let before = monotonicMicroseconds()
            daemon.child.signal(SIGHUP)
            let reloading = try #require(
                await receiver.wait(for: "RELOADING", after: beforeReload), "no RELOADING=1; log:\n\(daemon.log)")
            let after = monotonicMicroseconds()
            let stamp = try #require(UInt64(reloading.fields["MONOTONIC_USEC"] ?? ""), "\(reloading)")
            #expect(before <= stamp && stamp <= after)
            #expect(await receiver.wait(for: "READY", after: beforeReload) != nil)
            #expect(daemon.child.isRunning, "SIGHUP killed the daemon; log:\n\(daemon.log)")

            // WATCHDOG=1 at half of WATCHDOG_USEC (1 s).
            let watchdog = await receiver.wait(for: "WATCHDOG", timeout: .seconds(3))
            #expect(watchdog != nil, "no WATCHDOG=1: \(receiver.messages)")

            daemon.child.signal(SIGTERM)
            #expect(await receiver.wait(for: "STOPPING") != nil, "no STOPPING=1; log:\n\(daemon.log)")
            #expect(await daemon.child.waitForExit(timeout: .seconds(5)) == 0, "log:\n\(daemon.log)")
            receiver.drain()

            let lifecycle = receiver.messages.compactMap { message in
                ["READY", "RELOADING", "STOPPING"].first { message.fields[$0] == "1" }
            }
            #expect(lifecycle == ["READY", "RELOADING", "READY", "STOPPING"], "\(receiver.messages)")
            #expect(receiver.messages.contains { $0.fields["STATUS"] != nil && $0.fields["READY"] == nil })
        }

        @Test func socketActivationStartsOnFirstConnectionAndServesOnThePassedFD() async throws {
            let setup = try DaemonSetup()
            let receiver = try NotifyReceiver(path: setup.directory.file("n.sock"))
            let activated = setup.directory.file("a.sock")
            let config = try setup.writeConfig()
            let activator = try Child(
                "/usr/bin/systemd-socket-activate",
                [
                    "-l", activated, "--fdname=varlink", "-E", "NOTIFY_SOCKET", PackagePaths.daemon, "--config", config,
                    "--log-target", "stderr",
                ],
                environment: childEnvironment(["NOTIFY_SOCKET": receiver.path]), directory: setup.directory,
                name: "activate")
            defer { activator.signal(SIGKILL) }

            #expect(await eventually { FileManager.default.fileExists(atPath: activated) }, "\(activator.stderr)")
            // Nothing started yet: no READY=1, no state directory.
            try await Task.sleep(for: .milliseconds(300))
            receiver.drain()
            #expect(receiver.messages.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: setup.state))

            // The first connection starts the daemon, which answers on it.
            let client = try await VarlinkClient.connect(path: activated)
            let identity = try await client.workflow("WhoAmI")
            #expect(identity[path: "identity", "uid"]?.intValue == Int(getuid()))
            await client.close()
            let ready = await receiver.wait(for: "READY")
            #expect(ready != nil, "\(activator.stderr)")
            #expect(FileManager.default.fileExists(atPath: setup.state))
            // It adopted the passed socket: the configured path was never bound.
            #expect(!FileManager.default.fileExists(atPath: setup.socket))

            // More clients on the same socket.
            let second = try await VarlinkClient.connect(path: activated)
            _ = try await second.submitPlaque()
            await second.close()

            activator.signal(SIGTERM)
            #expect(await activator.waitForExit(timeout: .seconds(5)) == 0, "\(activator.stderr)")
            #expect(await receiver.wait(for: "STOPPING") != nil)
        }

        @Test func reloadRefusesABrokenFileKeepsTheOldSetAndTakesANewVersion() async throws {
            var setup = try DaemonSetup()
            try setup.copyWorkflows()
            let file = setup.workflows + "/plaque-admission.yaml"
            let original = try String(contentsOfFile: file, encoding: .utf8)
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                func plaqueVersion() async throws -> Int? {
                    let workflows = try await client.workflow("Workflows")["workflows"]?.arrayValue ?? []
                    return workflows.first { $0["key"]?.stringValue == "plaque-admission" }?["version"]?.intValue
                }
                let before = try await client.submitPlaque()
                #expect(try await plaqueVersion() == 3)

                // Broken: an action into a state that does not exist.
                try original.replacingOccurrences(of: "to: arranged", with: "to: nowhere")
                    .write(toFile: file, atomically: true, encoding: .utf8)
                daemon.child.signal(SIGHUP)
                #expect(
                    await eventually { daemon.log.contains("Reload refused") }, "no refusal logged:\n\(daemon.log)")
                #expect(daemon.log.contains("plaque-admission.yaml"), "the refusal does not name the file")
                #expect(daemon.child.isRunning)
                #expect(try await plaqueVersion() == 3)
                let during = try await client.submitPlaque()
                #expect(during["definitionVersion"]?.intValue == 3)
                #expect(during["state"]?.stringValue == "office-review")

                // A valid version 4: new requests run on it, older ones keep version 3.
                try original.replacingOccurrences(of: "version: 3\nsupersedes: 2", with: "version: 4\nsupersedes: 3")
                    .replacingOccurrences(of: "title: {zh: 标识挂牌准入,", with: "title: {zh: 标识挂牌准入（二版）,")
                    .write(toFile: file, atomically: true, encoding: .utf8)
                daemon.child.signal(SIGHUP)
                #expect(try await eventually { try await plaqueVersion() == 4 }, "v4 not loaded:\n\(daemon.log)")
                let after = try await client.submitPlaque()
                #expect(after["definitionVersion"]?.intValue == 4)
                #expect(after[path: "title", "zh"]?.stringValue == "标识挂牌准入（二版）")
                let old = try await client.workflow("Get", ["id": before["id"] ?? ""])
                #expect(old[path: "instance", "definitionVersion"]?.intValue == 3)
                _ = try await client.workflow("Act", ["id": before["id"] ?? "", "action": "forward"])
            }
        }

        @Test func sigkillUnderLoadLosesNothingAcknowledged() async throws {
            let setup = try DaemonSetup()
            let acked = try await withDaemon(setup) { daemon -> [String: Int] in
                let clients = 4
                let acks = AckLog()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<clients {
                        group.addTask {
                            let client = try await daemon.connect()
                            defer { Task { await client.close() } }
                            // Until the connection dies: submit, then forward, recording each reply.
                            while true {
                                do {
                                    let instance = try await client.submitPlaque()
                                    let id = instance["id"]?.stringValue ?? ""
                                    acks.record(id, instance["version"]?.intValue ?? 0)
                                    let reply = try await client.workflow(
                                        "Act",
                                        [
                                            "id": .string(id), "action": "forward",
                                            "expectedVersion": instance["version"] ?? 0,
                                        ])
                                    acks.record(id, reply[path: "instance", "version"]?.intValue ?? 0)
                                } catch {
                                    return
                                }
                            }
                        }
                    }
                    group.addTask {
                        _ = await eventually(timeout: .seconds(20)) { acks.count >= 60 }
                        daemon.child.signal(SIGKILL)
                    }
                    try await group.waitForAll()
                }
                #expect(await daemon.child.waitForExit(timeout: .seconds(5)) == 128 + SIGKILL)
                return acks.snapshot
            }
            #expect(acked.count >= 20)

            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                for (id, version) in acked {
                    let reply = try await client.workflow("Get", ["id": .string(id)])
                    let stored = reply[path: "instance", "version"]?.intValue ?? 0
                    #expect(stored >= version, "\(id): acknowledged version \(version), stored \(stored)")
                }
                let audit = try await client.call(method: "org.streetflow.Admin.VerifyAudit")
                #expect(audit["ok"]?.boolValue == true, "\(audit)")
                #expect((audit["checked"]?.intValue ?? 0) >= acked.values.reduce(0, +))
            }
        }

        @Test func watchdogPingsStopWhenTheEngineIsStuck() async throws {
            let setup = try DaemonSetup()
            let receiver = try NotifyReceiver(path: setup.directory.file("n.sock"))
            let interval = Duration.seconds(2)
            let daemon = try Daemon(
                setup,
                environment: [
                    "NOTIFY_SOCKET": receiver.path, "WATCHDOG_USEC": "2000000", "STREETFLOW_TEST_FAULTS": "1",
                ],
                watchdogPID: true)
            defer { daemon.child.signal(SIGKILL) }
            try #require(await receiver.wait(for: "READY") != nil, "log:\n\(daemon.log)")
            // Pinging while healthy.
            let first = try #require(await receiver.wait(for: "WATCHDOG", timeout: interval))
            let count = receiver.messages.count
            #expect(await receiver.wait(for: "WATCHDOG", after: count, timeout: interval) != nil)
            _ = first

            daemon.child.signal(SIGUSR2)
            #expect(await eventually { daemon.log.contains("Test fault") }, "log:\n\(daemon.log)")
            // A health check already past the store may still ping once; after that, silence.
            try await Task.sleep(for: .milliseconds(1200))
            receiver.drain()
            let quietFrom = receiver.messages.count
            let quietStart = ContinuousClock.now
            while ContinuousClock.now - quietStart < interval * 1.5 + .milliseconds(200) {
                receiver.drain()
                try await Task.sleep(for: .milliseconds(20))
            }
            let late = receiver.messages.dropFirst(quietFrom).filter { $0.fields["WATCHDOG"] != nil }
            #expect(late.isEmpty, "pings after the fault: \(late.count)")
            #expect(daemon.child.isRunning)
        }

        @Test func sigtermStopsPromptlyWithAWatchStreamOpen() async throws {
            let setup = try DaemonSetup()
            let daemon = try Daemon(setup)
            defer { daemon.child.signal(SIGKILL) }
            try await daemon.waitUntilListening()
            #expect(FileManager.default.fileExists(atPath: setup.socket))
            let watcher = try await daemon.connect()
            let received = Counter()
            let ended = Counter()
            let stream = Task {
                do {
                    for try await _ in watcher.callMore(method: "org.streetflow.Workflow.Watch") { _ = received.next() }
                } catch {}
                _ = ended.next()
            }
            let client = try await daemon.connect()
            let open = try await eventually {
                _ = try await client.submitPlaque()
                return received.value > 0
            }
            try #require(open, "the Watch stream saw nothing")

            let start = ContinuousClock.now
            daemon.child.signal(SIGTERM)
            let status = await daemon.child.waitForExit(timeout: .seconds(5))
            let took = ContinuousClock.now - start
            #expect(status == 0, "log:\n\(daemon.log)")
            #expect(took < .seconds(5))
            #expect(!FileManager.default.fileExists(atPath: setup.socket), "the daemon left its socket behind")
            // The stream ended with the daemon.
            #expect(await eventually(timeout: .seconds(2)) { ended.value > 0 })
            stream.cancel()
            await watcher.close()
            await client.close()
        }
    }
}

/// The highest acknowledged version per request, from concurrent clients.
final class AckLog: Sendable {
    private let acks = Mutex<[String: Int]>([:])

    func record(_ id: String, _ version: Int) { acks.withLock { $0[id] = max($0[id] ?? 0, version) } }
    var count: Int { acks.withLock { $0.values.reduce(0, +) } }
    var snapshot: [String: Int] { acks.withLock { $0 } }
}
