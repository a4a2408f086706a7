extension VarlinkServer {
    /// Limits and timeouts of a server; every field has a default.
    public struct Configuration: Sendable {
        /// The largest message accepted, in bytes without the NUL; a larger one gets
        /// `io.streetflow.varlink.MessageTooLarge {maximumSize}` and its connection is closed. Default 1 MiB.
        public var maximumMessageSize: Int
        /// Connections beyond this many are closed as soon as they are accepted. Default 256.
        public var maximumConnections: Int
        /// Connections of one uid beyond this many are told `TooManyConnections` and closed, so one user cannot
        /// hold every connection. Default 16.
        public var maximumConnectionsPerUser: Int
        /// A connection with no call in flight for this long is closed; `nil` never closes. Default 5 minutes.
        public var idleTimeout: Duration?
        /// How long ``VarlinkServer/shutdown()`` lets calls in flight finish before closing them. Default 10 s.
        public var shutdownGracePeriod: Duration
        /// A new connection that sends no call for this long is closed (shorter than ``idleTimeout``: a peer that
        /// connects and says nothing holds a slot for nothing); the shorter of the two applies. Default 10 s.
        public var firstCallTimeout: Duration?
        /// Whether a peer is admitted. One that is not (a user with no role) is served what the service lets it call
        /// (introspection, WhoAmI) but disconnected after its first call that ends in an error (its
        /// `PermissionDenied`), so it cannot hold connections it has no use for. `nil` admits everyone.
        public var admitsPeer: (@Sendable (PeerCredentials) -> Bool)?

        /// Creates a configuration.
        public init(
            maximumMessageSize: Int = 1 << 20,
            maximumConnections: Int = 256,
            idleTimeout: Duration? = .seconds(300),
            shutdownGracePeriod: Duration = .seconds(10),
            maximumConnectionsPerUser: Int = 16,
            firstCallTimeout: Duration? = .seconds(10),
            admitsPeer: (@Sendable (PeerCredentials) -> Bool)? = nil
        ) {
            self.firstCallTimeout = firstCallTimeout
            self.admitsPeer = admitsPeer
            self.maximumConnectionsPerUser = maximumConnectionsPerUser
            self.maximumMessageSize = maximumMessageSize
            self.maximumConnections = maximumConnections
            self.idleTimeout = idleTimeout
            self.shutdownGracePeriod = shutdownGracePeriod
        }
    }

    /// Where a server listens: a socket it binds itself, or a listening socket it is handed.
    public struct Endpoint: Sendable, CustomStringConvertible {
        enum Kind: Sendable {
            case path(String, mode: UInt32?)
            case fileDescriptor(Int32)
        }

        let kind: Kind

        /// Binds a Unix socket at `path`, removing a stale socket file first, then sets its permission bits.
        public static func unixSocket(path: String, mode: UInt32? = 0o660) -> Endpoint {
            Endpoint(kind: .path(path, mode: mode))
        }

        /// Adopts an already bound and listening Unix socket, e.g. fd 3 from systemd socket activation.
        public static func listeningSocket(fileDescriptor: Int32) -> Endpoint {
            Endpoint(kind: .fileDescriptor(fileDescriptor))
        }

        /// `unix:PATH` or `fd:N`.
        public var description: String {
            switch kind {
            case .path(let path, _): return "unix:\(path)"
            case .fileDescriptor(let descriptor): return "fd:\(descriptor)"
            }
        }
    }
}
