import CSystemd
import Glibc

/// The sockets systemd passed at start (socket activation), read with `sd_listen_fds_with_names`.
///
/// libsystemd checks `$LISTEN_PID` against this process, so descriptors meant for a parent are
/// ignored; with `unsetEnvironment` (the default) `$LISTEN_*` are removed so that children do not
/// inherit them. The descriptors are set close-on-exec.
public struct ListenFDs: Sendable {
    /// The first passed descriptor (`SD_LISTEN_FDS_START`, 3).
    public static let start: Int32 = 3

    /// The passed descriptors in order, each with its `FileDescriptorName=` (`unknown` if unnamed).
    public let descriptors: [(fd: Int32, name: String)]

    /// Reads the descriptors passed to this process; empty when none were.
    public init(unsetEnvironment: Bool = true) throws(SystemdError) {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        let count = sd_listen_fds_with_names(unsetEnvironment ? 1 : 0, &names)
        if count < 0 {
            throw SystemdError(code: .listenFDs, message: "Cannot read LISTEN_FDS", errno: -count)
        }
        var descriptors: [(fd: Int32, name: String)] = []
        for index in 0..<Int(count) {
            let name = names?[index].map { String(cString: $0) } ?? "unknown"
            descriptors.append((fd: Self.start + Int32(index), name: name))
            free(names?[index])
        }
        free(names)
        self.descriptors = descriptors
    }

    /// Wraps descriptors obtained elsewhere (a dev mode, a test).
    public init(descriptors: [(fd: Int32, name: String)]) {
        self.descriptors = descriptors
    }

    /// The first descriptor with this name, e.g. `fd(named: "varlink")`.
    public func fd(named name: String) -> Int32? {
        self.descriptors.first { $0.name == name }?.fd
    }

    /// Every descriptor with this name (a socket unit may list several `Listen*=` lines).
    public func fds(named name: String) -> [Int32] {
        self.descriptors.filter { $0.name == name }.map(\.fd)
    }
}
