import Glibc

/// A listening AF_UNIX stream socket at a fresh path under /tmp, to pass to a child as fd 3, 4, ...
final class ListeningSocket {
    /// The descriptor (close-on-exec in this process).
    let fd: Int32
    /// The socket's path.
    let path: String

    private let directory: String

    init() throws {
        var template = Array("/tmp/streetflow-listen.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestFailure("mkdtemp: errno \(errno)") }
        self.directory = String(cString: made)
        self.path = self.directory + "/io.streetflow.sock"
        self.fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard self.fd >= 0 else { throw TestFailure("socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(self.path.utf8) + [0]
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(self.fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0, listen(self.fd, 8) == 0 else { throw TestFailure("bind/listen: errno \(errno)") }
    }

    deinit {
        close(self.fd)
        unlink(self.path)
        rmdir(self.directory)
    }

    /// The path an AF_UNIX socket descriptor is bound to, or "" for another kind of descriptor.
    static func boundPath(of fd: Int32) -> String {
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0, address.sun_family == sa_family_t(AF_UNIX) else { return "" }
        return withUnsafeBytes(of: address.sun_path) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
