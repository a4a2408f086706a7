import Foundation

/// Where the daemon's socket is: `--socket`, then `STREETFLOW_SOCKET`, then `./.streetflow/io.streetflow.sock` when
/// present (a `streetflowd --dev` in the working directory), then the system socket.
public enum SocketDiscovery {
    /// The system socket of the packaged daemon.
    public static let systemSocket = "/run/streetflow/io.streetflow.sock"
    /// The socket of `streetflowd --dev`, relative to the working directory.
    public static let devSocket = ".streetflow/io.streetflow.sock"

    /// The socket path to use.
    public static func resolve(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["STREETFLOW_SOCKET"], !fromEnvironment.isEmpty { return fromEnvironment }
        let dev = URL(fileURLWithPath: currentDirectory).appendingPathComponent(devSocket).path
        if FileManager.default.fileExists(atPath: dev) { return dev }
        return systemSocket
    }
}
