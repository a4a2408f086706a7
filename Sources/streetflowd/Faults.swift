import Foundation
import Logging
import ServiceLifecycle
import StreetFlowDaemon
import Synchronization
import UnixSignals

/// The fault the process-level watchdog tests need (STREETFLOW_TEST_FAULTS=1, read only here in main): on SIGUSR2
/// the commit path stalls, so a test can prove that systemd's watchdog kills and restarts a stuck daemon. Nothing
/// of it is in the daemon library; without the variable the daemon is built with no dependencies.
enum Faults {
    static func dependencies(logger: Logger) async -> DaemonDependencies {
        guard ProcessInfo.processInfo.environment["STREETFLOW_TEST_FAULTS"] == "1" else { return DaemonDependencies() }
        let stuck = Stall()
        // Trapped before READY=1: SIGUSR2's default action kills.
        let signals = await UnixSignalsSequence(trapping: .sigusr2)
        return DaemonDependencies(
            beforeCommit: { stuck.wait() }, services: [StallOnSignal(stall: stuck, signals: signals, logger: logger)])
    }

    /// A gate the commit thread waits at once it is closed.
    final class Stall: Sendable {
        private let closed = Mutex(false)

        func close() { closed.withLock { $0 = true } }

        func wait() {
            while closed.withLock({ $0 }) { usleep(50_000) }
        }
    }

    /// Closes the gate on SIGUSR2.
    struct StallOnSignal: Service {
        let stall: Stall
        let signals: UnixSignalsSequence
        let logger: Logger

        func run() async throws {
            for await _ in signals.cancelOnGracefulShutdown() {
                logger.warning("Test fault: engine stuck on purpose")
                stall.close()
            }
        }
    }
}
