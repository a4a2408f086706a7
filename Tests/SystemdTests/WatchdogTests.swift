import Glibc
import Logging
import Systemd
import Testing

extension ProcessEnvironmentTests {
    @Suite
    struct WatchdogTests {
        @Test
        func readsIntervalForThisProcess() throws {
            try withEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(getpid())"]) { () throws in
                #expect(try Watchdog.enabledInterval() == .seconds(30))
            }
            try withEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": nil]) { () throws in
                #expect(try Watchdog.enabledInterval() == .seconds(30))
            }
        }

        @Test
        func isOffForAnotherProcessOrWithoutVariables() throws {
            try withEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(getpid() + 1)"]) { () throws in
                #expect(try Watchdog.enabledInterval() == nil)
            }
            try withEnvironment(["WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]) { () throws in
                #expect(try Watchdog.enabledInterval() == nil)
                #expect(try Watchdog.fromEnvironment(logger: Logger(label: "test")) == nil)
            }
        }

        @Test
        func rejectsGarbage() throws {
            try withEnvironment(["WATCHDOG_USEC": "soon", "WATCHDOG_PID": nil]) { () throws in
                #expect(throws: SystemdError.self) { try Watchdog.enabledInterval() }
            }
        }

        /// Pings exactly as often as the health check passed, stops on the first failure, and
        /// returns when its task is cancelled.
        @Test(.timeLimit(.minutes(1)))
        func pingsOnlyWhileHealthy() async throws {
            let receiver = try DatagramReceiver(abstract: true)
            let checks = Counter()
            try await withEnvironment(["NOTIFY_SOCKET": receiver.address]) {
                let watchdog = Watchdog(interval: .milliseconds(40), logger: Logger(label: "test"))
                let task = Task {
                    await watchdog.run {
                        // healthy three times, then the "engine" stops answering
                        await checks.increment() <= 3
                    }
                }
                let clock = ContinuousClock()
                let deadline = clock.now + .seconds(10)
                while await checks.value < 6 && clock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                task.cancel()
                await task.value  // returns on cancellation (the time limit catches a hang)
                #expect(await checks.value >= 6)
            }
            for _ in 0..<3 {
                #expect(receiver.receive(timeout: 1) == "WATCHDOG=1")
            }
            #expect(receiver.isEmpty())
        }

        @Test
        func runsFromEnvironment() async throws {
            let receiver = try DatagramReceiver(abstract: false)
            try await withEnvironment([
                "NOTIFY_SOCKET": receiver.address, "WATCHDOG_USEC": "60000", "WATCHDOG_PID": "\(getpid())",
            ]) {
                let watchdog = try #require(try Watchdog.fromEnvironment(logger: Logger(label: "test")))
                #expect(watchdog.interval == .milliseconds(60))
                let task = Task { await watchdog.run { true } }
                // Generous: with the whole suite running on two cores (daemons, PostgreSQL clusters), the task
                // that pings can wait seconds for a thread.
                #expect(receiver.receive(timeout: 20) == "WATCHDOG=1")
                #expect(receiver.receive(timeout: 20) == "WATCHDOG=1")
                task.cancel()
                await task.value
            }
        }
    }
}

/// Counts health checks across tasks.
private actor Counter {
    private(set) var value = 0

    func increment() -> Int {
        self.value += 1
        return self.value
    }
}
