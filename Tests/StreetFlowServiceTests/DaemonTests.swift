import Foundation
import Testing
import Varlink

/// Tests that run the real `streetflowd` binary against real peers: Python's varlink client, Unix users,
/// systemd-journald, a notify socket, systemd-socket-activate, signals.
///
/// Serialized: the machine has two cores and the watchdog and shutdown tests measure time.
@Suite(.serialized)
struct DaemonTests {}

/// Runs `body` with a started daemon and kills the daemon afterwards whatever happens.
func withDaemon<T>(
    _ setup: DaemonSetup, environment: [String: String] = [:], watchdogPID: Bool = false,
    _ body: (Daemon) async throws -> T
) async throws -> T {
    let daemon = try Daemon(setup, environment: environment, watchdogPID: watchdogPID)
    do {
        try await daemon.waitUntilListening()
        let result = try await body(daemon)
        await daemon.stop()
        return result
    } catch {
        await daemon.stop()
        throw error
    }
}

extension JSONValue {
    /// Follows a path of object keys.
    subscript(path path: String...) -> JSONValue? {
        var value: JSONValue? = self
        for key in path { value = value?[key] }
        return value
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// Follows a path of object keys from a reply's parameters.
    subscript(path path: String...) -> JSONValue? {
        guard let first = path.first else { return nil }
        var value: JSONValue? = self[first]
        for key in path.dropFirst() { value = value?[key] }
        return value
    }
}

/// A `[String: Any]` from JSONSerialization, read by key path.
func value(_ object: Any?, _ path: String...) -> Any? {
    var current = object
    for key in path { current = (current as? [String: Any])?[key] }
    return current
}
