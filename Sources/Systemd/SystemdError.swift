/// An error from a libsystemd call, with the protocol it came from and the errno it returned.
public struct SystemdError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The protocol that failed; a struct so that adding one breaks nobody.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case notify
            case listenFDs
            case watchdog
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// `sd_notify` could not send to `$NOTIFY_SOCKET`.
        public static let notify = Code(.notify)
        /// `sd_listen_fds_with_names` rejected `$LISTEN_FDS`/`$LISTEN_FDNAMES`.
        public static let listenFDs = Code(.listenFDs)
        /// `sd_watchdog_enabled` rejected `$WATCHDOG_USEC`/`$WATCHDOG_PID`.
        public static let watchdog = Code(.watchdog)

        /// The code's name, e.g. `notify`.
        public var description: String { self.base.rawValue }
    }

    /// Which protocol failed.
    public var code: Code
    /// A fixed sentence saying what failed.
    public var message: String
    /// The positive errno libsystemd returned (negated).
    public var errno: Int32

    /// Makes an error from a libsystemd return value (a negative errno).
    public init(code: Code, message: String, errno: Int32) {
        self.code = code
        self.message = message
        self.errno = errno
    }

    /// `code: message (errno N)`.
    public var description: String {
        "\(self.code): \(self.message) (errno \(self.errno))"
    }
}
