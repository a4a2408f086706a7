import CSystemd
import Logging

/// Pings the systemd watchdog (`WATCHDOG=1`) at half of `WatchdogSec=` while a health check passes.
///
/// The health check should prove the process does useful work (e.g. the engine actor answers),
/// not just that this task runs: when it fails, pings stop and systemd restarts the service.
public struct Watchdog: Sendable {
    /// The interval systemd expects a ping within (`$WATCHDOG_USEC`).
    public let interval: Duration

    private let notifier: Notifier
    private let logger: Logger

    /// Makes a watchdog pinging through `notifier` within `interval`.
    public init(interval: Duration, notifier: Notifier = Notifier(), logger: Logger) {
        self.interval = interval
        self.notifier = notifier
        self.logger = logger
    }

    /// The watchdog interval for this process (`$WATCHDOG_USEC`, `$WATCHDOG_PID`), nil when it is off.
    public static func enabledInterval() throws(SystemdError) -> Duration? {
        var microseconds: UInt64 = 0
        let result = sd_watchdog_enabled(0, &microseconds)
        if result < 0 {
            throw SystemdError(code: .watchdog, message: "Cannot read WATCHDOG_USEC", errno: -result)
        }
        guard result > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(clamping: microseconds))
    }

    /// A watchdog for this process, or nil when systemd has not enabled one for it.
    public static func fromEnvironment(
        notifier: Notifier = Notifier(),
        logger: Logger
    ) throws(SystemdError) -> Watchdog? {
        guard let interval = try enabledInterval() else { return nil }
        return Watchdog(interval: interval, notifier: notifier, logger: logger)
    }

    /// Checks health and pings every half interval; returns when the task is cancelled.
    ///
    /// A health check that never returns stops the pings too (systemd then restarts the
    /// service), but also delays this method's return on cancellation until it does.
    public func run(healthCheck: @Sendable () async -> Bool) async {
        let period = self.interval / 2
        var healthy = true
        self.logger.debug("Watchdog started", metadata: ["watchdog.interval": "\(self.interval)"])
        while !Task.isCancelled {
            let ok = await healthCheck()
            if Task.isCancelled { break }
            if ok {
                do {
                    try self.notifier.watchdog()
                } catch {
                    self.logger.debug("Watchdog ping not sent", metadata: ["error": "\(error)"])
                }
            }
            if ok != healthy {
                healthy = ok
                // Warning, not info: a failing check means systemd is about to kill the service,
                // and this line is what tells the operator why.
                if ok {
                    self.logger.info("Health check passes again, watchdog pings resumed")
                } else {
                    self.logger.warning("Health check failed, watchdog pings withheld")
                }
            }
            do {
                try await Task.sleep(for: period)
            } catch {
                break
            }
        }
        self.logger.debug("Watchdog stopped")
    }
}
