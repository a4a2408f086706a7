import Foundation
import StreetFlowProtocol
import Varlink

/// A connection to streetflowd with the typed clients of `org.streetflow.Workflow` and `org.streetflow.Admin`.
///
/// The typed clients are generated from the interfaces (see `Sources/StreetFlowProtocol`); their failures read as a
/// ``StreetFlowClientError`` with ``StreetFlowClientError/init(_:)``.
public final class StreetFlowClient: Sendable {
    /// `org.streetflow.Workflow`.
    public let workflow: Workflow.Client
    /// `org.streetflow.Admin`.
    public let admin: Admin.Client
    /// The socket this client is connected to.
    public let socketPath: String

    private init(connection: VarlinkClient, socketPath: String) {
        self.workflow = Workflow.Client(connection)
        self.admin = Admin.Client(connection)
        self.socketPath = socketPath
    }

    /// Connects to the daemon at `socketPath`; throws `DaemonUnavailable` when nothing answers there.
    public static func connect(socketPath: String) async throws(StreetFlowClientError) -> StreetFlowClient {
        guard FileManager.default.fileExists(atPath: socketPath) else {
            throw .daemonUnavailable(socket: socketPath, reason: "no such socket")
        }
        do {
            let connection = try await VarlinkClient.connect(path: socketPath)
            return StreetFlowClient(connection: connection, socketPath: socketPath)
        } catch {
            throw .daemonUnavailable(socket: socketPath, reason: "\(error)")
        }
    }

    /// Closes the connection.
    public func close() async {
        await workflow.connection.close()
    }
}
