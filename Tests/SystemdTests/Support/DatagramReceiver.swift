import Glibc

/// A bound AF_UNIX datagram socket standing in for systemd's notification socket in tests.
final class DatagramReceiver {
    /// The value to put in `$NOTIFY_SOCKET`: a path, or `@name` for the abstract namespace.
    let address: String

    private let fd: Int32
    private let directory: String?

    /// Binds a socket at a fresh path under /tmp, or in the abstract namespace.
    init(abstract: Bool) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: errno \(errno)") }
        var pathBytes: [UInt8]
        if abstract {
            let name = "streetflow-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            self.address = "@" + name
            self.directory = nil
            pathBytes = [0] + Array(name.utf8)  // abstract: no trailing NUL, length counts
        } else {
            var template = Array("/tmp/streetflow-notify.XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else {
                close(fd)
                throw TestFailure("mkdtemp: errno \(errno)")
            }
            let directory = String(cString: made)
            self.directory = directory
            self.address = directory + "/notify.sock"
            pathBytes = Array(self.address.utf8) + [0]
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + pathBytes.count)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard result == 0 else {
            close(fd)
            throw TestFailure("bind \(self.address): errno \(errno)")
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        self.fd = fd
    }

    deinit {
        close(self.fd)
        if let directory {
            unlink(self.address)
            rmdir(directory)
        }
    }

    /// The next datagram, or nil after the timeout.
    func receive(timeout seconds: Int = 5) -> String? {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(self.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(self.fd, &buffer, buffer.count, 0)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// True when no datagram is waiting (checked without blocking).
    func isEmpty() -> Bool {
        var byte: UInt8 = 0
        return recv(self.fd, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK)) < 0
    }
}

/// A failure in test plumbing (not in the code under test).
struct TestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Sets environment variables for the duration of `body` and restores them after.
@discardableResult
func withEnvironment<R>(_ values: [String: String?], _ body: () throws -> R) throws -> R {
    let saved = values.keys.map { ($0, getenv($0).map { String(cString: $0) }) }
    for (name, value) in values {
        if let value { setenv(name, value, 1) } else { unsetenv(name) }
    }
    defer {
        for (name, value) in saved {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
    }
    return try body()
}

/// The async form of `withEnvironment`.
@discardableResult
func withEnvironment<R>(_ values: [String: String?], _ body: () async throws -> R) async throws -> R {
    let saved = values.keys.map { ($0, getenv($0).map { String(cString: $0) }) }
    for (name, value) in values {
        if let value { setenv(name, value, 1) } else { unsetenv(name) }
    }
    defer {
        for (name, value) in saved {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
    }
    return try await body()
}
