import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The identity of the process at the other end of a Unix socket, as reported by the kernel (`SO_PEERCRED`).
public struct PeerCredentials: Sendable, Hashable {
    /// The peer's effective user id.
    public var uid: UInt32
    /// The peer's effective group id.
    public var gid: UInt32
    /// The peer's process id.
    public var pid: Int32

    /// Creates credentials; servers get them from the kernel, tests may build them directly.
    public init(uid: UInt32, gid: UInt32, pid: Int32) {
        self.uid = uid
        self.gid = gid
        self.pid = pid
    }

    /// Reads `SO_PEERCRED` of a connected Unix socket channel.
    static func read(from channel: any Channel) async throws -> PeerCredentials {
        #if os(Linux)
            guard let provider = channel as? any SocketOptionProvider else { throw PeerCredentialsUnavailable() }
            // `struct ucred { pid_t pid; uid_t uid; gid_t gid; }`; Glibc hides the type without _GNU_SOURCE, and a
            // tuple has the same C layout.
            let credentials: (pid: Int32, uid: UInt32, gid: UInt32) = try await provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET),
                name: SocketOptionName(SO_PEERCRED)
            ).get()
            return PeerCredentials(uid: credentials.uid, gid: credentials.gid, pid: credentials.pid)
        #else
            throw PeerCredentialsUnavailable()
        #endif
    }
}

/// The channel is not a socket whose peer credentials the kernel can report.
struct PeerCredentialsUnavailable: Error {}
