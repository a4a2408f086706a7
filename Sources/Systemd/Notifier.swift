import CSystemd
import Glibc

/// Sends service state to systemd with `sd_notify` (`READY=1`, `STATUS=`, `WATCHDOG=1`, ...).
///
/// Every method is a no-op returning `false` when `$NOTIFY_SOCKET` is unset, so a daemon started
/// by hand or in a test needs no special case. `$NOTIFY_SOCKET` is read at each call.
public struct Notifier: Sendable {
    private let enabled: Bool

    /// Makes a notifier for the socket named by `$NOTIFY_SOCKET`.
    public init() {
        enabled = true
    }

    private init(enabled: Bool) {
        self.enabled = enabled
    }

    /// A notifier that sends nothing, whatever `$NOTIFY_SOCKET` says: for a daemon built inside another process
    /// (an in-process test), whose environment belongs to that process.
    public static let disabled = Notifier(enabled: false)

    /// Sends `READY=1`, with `STATUS=` when given: call it only once the socket listens.
    @discardableResult
    public func ready(status: String? = nil) throws(SystemdError) -> Bool {
        if let status {
            return try self.send("READY=1\nSTATUS=\(Self.oneLine(status))")
        }
        return try self.send("READY=1")
    }

    /// Sends `STATUS=` with a one-line summary (newlines are replaced by spaces).
    @discardableResult
    public func status(_ status: String) throws(SystemdError) -> Bool {
        try self.send("STATUS=\(Self.oneLine(status))")
    }

    /// Sends `RELOADING=1` with `MONOTONIC_USEC=` (now); send `ready()` when the reload is done.
    @discardableResult
    public func reloading() throws(SystemdError) -> Bool {
        try self.send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
    }

    /// Sends `STOPPING=1`: shutdown has begun.
    @discardableResult
    public func stopping() throws(SystemdError) -> Bool {
        try self.send("STOPPING=1")
    }

    /// Sends `WATCHDOG=1`: the service is alive.
    @discardableResult
    public func watchdog() throws(SystemdError) -> Bool {
        try self.send("WATCHDOG=1")
    }

    /// Sends `EXTEND_TIMEOUT_USEC=`: asks for more time to start, reload or stop.
    @discardableResult
    public func extendTimeout(by duration: Duration) throws(SystemdError) -> Bool {
        let (seconds, attoseconds) = duration.components
        let microseconds = max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
        return try self.send("EXTEND_TIMEOUT_USEC=\(microseconds)")
    }

    /// Sends a raw state string (`KEY=value` lines); returns false when `$NOTIFY_SOCKET` is unset.
    @discardableResult
    public func send(_ state: String) throws(SystemdError) -> Bool {
        guard enabled else { return false }
        let result = sd_notify(0, state)
        if result < 0 {
            throw SystemdError(code: .notify, message: "Cannot send to NOTIFY_SOCKET", errno: -result)
        }
        return result > 0
    }

    /// CLOCK_MONOTONIC in microseconds, the clock systemd compares `MONOTONIC_USEC=` with.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    // A newline in STATUS= would start a new assignment in the datagram.
    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
