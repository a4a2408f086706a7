import Glibc

/// An AF_UNIX datagram socket standing in for systemd's `NOTIFY_SOCKET`; records each datagram with its arrival
/// time. Reads never block (polled), so waiting does not hold a cooperative thread.
final class NotifyReceiver: @unchecked Sendable {
    /// One `sd_notify` datagram.
    struct Message: Sendable, CustomStringConvertible {
        var text: String
        var at: ContinuousClock.Instant

        /// The `KEY=value` assignments.
        var fields: [String: String] {
            var result: [String: String] = [:]
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "=", maxSplits: 1)
                result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
            return result
        }

        var description: String { text.replacingOccurrences(of: "\n", with: "|") }
    }

    /// The path to put in `$NOTIFY_SOCKET`.
    let path: String
    private let fd: Int32
    private(set) var messages: [Message] = []

    init(path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8) + [0]
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw TestFailure("bind \(path): errno \(errno)")
        }
        self.fd = fd
        self.path = path
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Reads every datagram waiting now.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            guard count >= 0 else { return }
            messages.append(Message(text: String(decoding: buffer[..<count], as: UTF8.self), at: .now))
        }
    }

    /// Waits until a message (after index `from`) satisfies `predicate`; returns it, or nil after `timeout`.
    func wait(
        for predicate: (Message) -> Bool, after from: Int = 0, timeout: Duration = .seconds(10)
    ) async -> Message? {
        var found: Message?
        _ = await eventually(timeout: timeout, every: .milliseconds(5)) {
            drain()
            found = messages.dropFirst(from).first(where: predicate)
            return found != nil
        }
        return found
    }

    /// Waits for a message with `key` set to `value`.
    func wait(
        for key: String, _ value: String = "1", after from: Int = 0, timeout: Duration = .seconds(10)
    ) async
        -> Message?
    {
        await wait(for: { $0.fields[key] == value }, after: from, timeout: timeout)
    }
}
