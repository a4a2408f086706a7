import Foundation
import Logging
import StreetFlowEngine
import StreetFlowProtocol
import Varlink
import WorkflowModel
import WorkflowStore

/// The `org.streetflow.Workflow` and `org.streetflow.Admin` Varlink interfaces bound to the engine.
/// Identity comes only from the connection's peer credentials.
public struct StreetFlowService: Sendable {
    /// The engine.
    public let engine: StreetFlowEngine
    /// Resolves the kernel's peer credentials to a caller with roles.
    public let identify: @Sendable (PeerCredentials) -> Caller
    /// Re-reads workflows, seeds and config; returns the loaded workflow keys or throws `CatalogError`.
    public let reload: @Sendable () async throws -> [String]
    /// Where online backups are written.
    public let backupDirectory: String
    /// The daemon version, for GetInfo and Stats.
    public let version: String
    /// The logger (refused peers are logged).
    public let logger: Logger
    /// The config's grants (role → groups and users), told to a caller who holds no role.
    public let grants: @Sendable () -> RoleMapping
    /// Opens the store a `MigrateStore` names (its URL): the store, and its name without a password.
    public let openStore: @Sendable (String) throws -> (store: any WorkflowStore, described: String)
    /// When each uid with no role was last logged (once a minute: a peer with no role may connect in a loop).
    private let refusalsNoted = OncePerMinute()

    /// Creates the service.
    public init(
        engine: StreetFlowEngine, identify: @escaping @Sendable (PeerCredentials) -> Caller,
        reload: @escaping @Sendable () async throws -> [String], backupDirectory: String, version: String,
        logger: Logger, grants: @escaping @Sendable () -> RoleMapping = { RoleMapping() },
        openStore: @escaping @Sendable (String) throws -> (store: any WorkflowStore, described: String) = { _ in
            throw StoreError(.io, "this daemon cannot open another store")
        }
    ) {
        self.grants = grants
        self.openStore = openStore
        self.engine = engine
        self.identify = identify
        self.reload = reload
        self.backupDirectory = backupDirectory
        self.version = version
        self.logger = logger
    }

    /// The Varlink service with both interfaces registered; engine refusals become the interfaces' named errors.
    public func makeVarlinkService() -> VarlinkService {
        var service = VarlinkService(
            vendor: "StreetFlow", product: "streetflowd", version: version,
            url: "https://github.com/streetflow/streetflow")
        let workflow = Workflow.handler(self)
        service.register(Workflow.interface) { call, writer in
            do {
                try Self.refuseNUL(in: call.parameters)
                try await workflow(call, writer)
            } catch let error as WorkflowError {
                throw Self.workflowError(error)
            }
        }
        let admin = Admin.handler(self)
        service.register(Admin.interface) { call, writer in
            do {
                try Self.refuseNUL(in: call.parameters)
                try await admin(call, writer)
            } catch let error as WorkflowError {
                throw Self.adminError(error)
            }
        }
        return service
    }

    /// Whether a peer holds a role: one that does not is answered its first call (`PermissionDenied`, reason
    /// noRole) and disconnected (``VarlinkServer/Configuration/admitsPeer``).
    public var admitsPeer: @Sendable (PeerCredentials) -> Bool {
        { [identify] peer in !identify(peer).roles.isEmpty }
    }

    /// The caller, or `PermissionDenied` when the peer maps to no role.
    func caller(_ call: VarlinkCall) throws -> Caller {
        let caller = identify(call.peer)
        guard !caller.roles.isEmpty else {
            if refusalsNoted.due(call.peer.uid) {
                logger.notice(
                    "Peer refused: no role",
                    metadata: [
                        "message.id": "\(MessageID.peerRefused)", "peer.uid": "\(call.peer.uid)",
                        "peer.pid": "\(call.peer.pid)",
                        "peer.user": "\(caller.user)",
                    ])
            }
            let required = ["office", "street", "admin", "department:<key>", "committee:<name>"]
            let message = "用户 \(caller.user)（uid \(call.peer.uid)）未分配任何角色，请管理员在 /etc/streetflow/streetflow.yaml 中配置"
            let messageEn =
                "user \(caller.user) (uid \(call.peer.uid)) has no role; ask an administrator to map it in /etc/streetflow/streetflow.yaml"
            if call.interface == Admin.interfaceName {
                throw Admin.PermissionDenied(
                    required: required, reason: "noRole", message: message, messageEn: messageEn)
            }
            throw Workflow.PermissionDenied(
                required: required, action: nil, reason: "noRole", user: nil, assignee: nil, message: message,
                messageEn: messageEn)
        }
        return caller
    }

    /// Refuses a NUL anywhere in a call's parameters (a string or an object key, at any depth), by the parameter's
    /// path: no string the daemon accepts may carry one (SQLite and C APIs would cut it short, and the audit chain
    /// would hash what it can no longer read back). The engine checks every text it stores more closely.
    static func refuseNUL(in parameters: [String: JSONValue]) throws(WorkflowError) {
        func check(_ value: JSONValue, _ path: String) throws(WorkflowError) {
            switch value {
            case .string(let text):
                if text.utf8.contains(0) { throw nul(path) }
            case .array(let items):
                for (index, item) in items.enumerated() { try check(item, "\(path)[\(index)]") }
            case .object(let members):
                for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                    if key.utf8.contains(0) { throw nul(path.isEmpty ? key : "\(path).\(key)") }
                    try check(member, path.isEmpty ? key : "\(path).\(key)")
                }
            default:
                break
            }
        }
        func nul(_ path: String) -> WorkflowError {
            TextProblem(.nul, scalar: "\u{0}").error(.invalidText, field: path, parameterKey: "parameter")
        }
        try check(.object(parameters), "")
    }

    func view() async -> EngineCatalogView {
        let catalog = await engine.currentCatalog
        return EngineCatalogView(
            definitions: catalog.definitions, calendar: catalog.calendar, departmentLabels: catalog.departmentLabels)
    }
}
