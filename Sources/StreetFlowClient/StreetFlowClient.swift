import Foundation
import Varlink

/// A typed client of `org.streetflow.Workflow` and `org.streetflow.Admin` over one Varlink connection.
///
/// Every failure is a ``StreetFlowClientError``: the daemon's named errors keep their name and parameters.
public final class StreetFlowClient: Sendable {
    /// The workflow interface.
    public static let workflowInterface = "org.streetflow.Workflow"
    /// The admin interface.
    public static let adminInterface = "org.streetflow.Admin"

    private let connection: VarlinkClient
    /// The socket this client is connected to.
    public let socketPath: String

    private init(connection: VarlinkClient, socketPath: String) {
        self.connection = connection
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
        await connection.close()
    }

    // MARK: Raw calls

    /// Calls `interface.method` and returns the reply's parameters.
    public func call(
        _ method: String,
        interface: String = workflowInterface,
        _ parameters: [String: JSONValue?] = [:]
    ) async throws(StreetFlowClientError) -> [String: JSONValue] {
        let present = parameters.compactMapValues { $0 }
        do {
            return try await connection.call(method: "\(interface).\(method)", parameters: present)
        } catch {
            throw Self.mapped(error)
        }
    }

    /// Calls and decodes the reply (or one of its members) as `T`.
    func decoded<T: Decodable & Sendable>(
        _ method: String,
        interface: String = workflowInterface,
        _ parameters: [String: JSONValue?] = [:],
        member: String? = nil,
        as type: T.Type = T.self
    ) async throws(StreetFlowClientError) -> Reply<T> {
        let reply = try await call(method, interface: interface, parameters)
        let value = member.map { reply[$0] ?? .null } ?? .object(reply)
        return Reply(value: try Self.decode(value, as: type), json: reply)
    }

    static func decode<T: Decodable>(_ value: JSONValue, as type: T.Type) throws(StreetFlowClientError) -> T {
        do {
            return try value.decode(type)
        } catch {
            throw StreetFlowClientError(
                name: StreetFlowClientError.invalidReplyName, parameters: ["reason": .string("\(error)")])
        }
    }

    static func mapped(_ error: any Error) -> StreetFlowClientError {
        switch error {
        case let error as StreetFlowClientError: return error
        case let error as VarlinkError: return StreetFlowClientError(name: error.name, parameters: error.parameters)
        case let error as VarlinkClientError where error.isConnectionClosed:
            return StreetFlowClientError(
                name: StreetFlowClientError.connectionLostName, parameters: ["reason": .string(error.message)])
        default:
            return StreetFlowClientError(
                name: StreetFlowClientError.invalidReplyName, parameters: ["reason": .string("\(error)")])
        }
    }

    // MARK: org.streetflow.Workflow

    /// Starts a request.
    public func submit(
        workflow: String,
        subject: [String: JSONValue],
        comment: String? = nil,
        idempotencyKey: String? = nil
    ) async throws(StreetFlowClientError) -> Reply<Instance> {
        try await decoded(
            "Submit",
            [
                "workflow": .string(workflow), "subject": .object(subject), "comment": comment.map(JSONValue.string),
                "idempotencyKey": idempotencyKey.map(JSONValue.string),
            ], member: "instance")
    }

    /// Takes an action.
    public func act(
        id: String,
        action: String,
        comment: String? = nil,
        fields: [String: JSONValue]? = nil,
        expectedVersion: Int? = nil,
        idempotencyKey: String? = nil
    ) async throws(StreetFlowClientError) -> Reply<Instance> {
        try await decoded(
            "Act",
            [
                "id": .string(id), "action": .string(action), "comment": comment.map(JSONValue.string),
                "fields": fields.map(JSONValue.object), "expectedVersion": expectedVersion.map(JSONValue.int),
                "idempotencyKey": idempotencyKey.map(JSONValue.string),
            ], member: "instance")
    }

    /// Adds a comment.
    public func comment(id: String, comment: String) async throws(StreetFlowClientError) -> Reply<Instance> {
        try await decoded("Comment", ["id": .string(id), "comment": .string(comment)], member: "instance")
    }

    /// Hands a request over to `user`, or claims it when `user` is nil.
    public func assign(
        id: String,
        user: String?,
        expectedVersion: Int? = nil
    ) async throws(StreetFlowClientError) -> Reply<Instance> {
        try await decoded(
            "Assign",
            [
                "id": .string(id), "user": user.map(JSONValue.string),
                "expectedVersion": expectedVersion.map(JSONValue.int),
            ],
            member: "instance")
    }

    /// A request, its history and the actions the caller may take.
    public func get(id: String) async throws(StreetFlowClientError) -> Reply<InstanceDetail> {
        try await decoded("Get", ["id": .string(id)])
    }

    /// Filters of ``list(_:cursor:limit:)``.
    public struct ListFilter: Sendable, Hashable {
        /// A workflow key.
        public var workflow: String?
        /// A state key.
        public var state: String?
        /// A committee name.
        public var committee: String?
        /// A department key.
        public var department: String?
        /// YYYY-MM-DD or RFC 3339.
        public var since: String?
        /// YYYY-MM-DD or RFC 3339.
        public var until: String?
        /// A text to search for.
        public var text: String?
        /// Only the caller's own requests.
        public var mine: Bool?

        /// No filter.
        public init(
            workflow: String? = nil, state: String? = nil, committee: String? = nil, department: String? = nil,
            since: String? = nil, until: String? = nil, text: String? = nil, mine: Bool? = nil
        ) {
            self.workflow = workflow
            self.state = state
            self.committee = committee
            self.department = department
            self.since = since
            self.until = until
            self.text = text
            self.mine = mine
        }
    }

    /// One page of the requests the caller may see.
    public func list(
        _ filter: ListFilter = ListFilter(),
        cursor: String? = nil,
        limit: Int? = nil
    ) async throws(StreetFlowClientError) -> Reply<InstancePage> {
        try await decoded(
            "List",
            [
                "workflow": filter.workflow.map(JSONValue.string), "state": filter.state.map(JSONValue.string),
                "committee": filter.committee.map(JSONValue.string),
                "department": filter.department.map(JSONValue.string), "since": filter.since.map(JSONValue.string),
                "until": filter.until.map(JSONValue.string), "text": filter.text.map(JSONValue.string),
                "mine": filter.mine.map(JSONValue.bool), "cursor": cursor.map(JSONValue.string),
                "limit": limit.map(JSONValue.int),
            ])
    }

    /// What the caller can act on now, oldest deadline first.
    public func queue(workflow: String? = nil) async throws(StreetFlowClientError) -> Reply<[QueueItem]> {
        try await decoded("Queue", ["workflow": workflow.map(JSONValue.string)], member: "items")
    }

    /// The history of a request.
    public func history(id: String) async throws(StreetFlowClientError) -> Reply<[Event]> {
        try await decoded("History", ["id": .string(id)], member: "history")
    }

    /// The live stream of events the caller may see (of one request with `follow`).
    public func watch(follow: String? = nil) -> AsyncThrowingStream<Reply<Event>, any Error> {
        let parameters: [String: JSONValue] = follow.map { ["follow": .string($0)] } ?? [:]
        let replies = connection.callMore(method: "\(Self.workflowInterface).Watch", parameters: parameters)
        let (stream, continuation) = AsyncThrowingStream<Reply<Event>, any Error>.makeStream()
        let task = Task {
            do {
                for try await reply in replies {
                    // Replies without an event open and close the stream.
                    guard let json = reply["event"], !json.isNull else { continue }
                    let event = try Self.decode(json, as: Event.self)
                    continuation.yield(Reply(value: event, json: reply))
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: Self.mapped(error))
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The workflows new requests start on.
    public func workflows() async throws(StreetFlowClientError) -> Reply<[WorkflowSummary]> {
        try await decoded("Workflows", member: "workflows")
    }

    /// A workflow's definition and diagrams.
    public func describe(
        workflow: String,
        version: Int? = nil
    ) async throws(StreetFlowClientError) -> Reply<WorkflowDescription> {
        try await decoded("DescribeWorkflow", ["workflow": .string(workflow), "version": version.map(JSONValue.int)])
    }

    /// Whether a task is on a reference list.
    public func checkList(text: String) async throws(StreetFlowClientError) -> Reply<ReferenceListCheck> {
        try await decoded("CheckReferenceList", ["text": .string(text)])
    }

    /// The caller's identity as the daemon sees it.
    public func whoAmI() async throws(StreetFlowClientError) -> Reply<Identity> {
        try await decoded("WhoAmI", member: "identity")
    }

    // MARK: org.streetflow.Admin

    /// Walks the audit chain.
    public func verifyAudit() async throws(StreetFlowClientError) -> Reply<AuditReport> {
        try await decoded("VerifyAudit", interface: Self.adminInterface)
    }

    /// Daemon statistics.
    public func stats() async throws(StreetFlowClientError) -> Reply<DaemonStats> {
        try await decoded("Stats", interface: Self.adminInterface)
    }

    /// Re-reads workflows, seeds and lists.
    public func reload() async throws(StreetFlowClientError) -> Reply<[String]> {
        try await decoded("Reload", interface: Self.adminInterface, member: "workflows")
    }

    /// Writes an online backup in the daemon's state directory.
    public func backup() async throws(StreetFlowClientError) -> Reply<BackupResult> {
        try await decoded("Backup", interface: Self.adminInterface)
    }

    /// Moves requests to the current version of their workflow.
    public func migrate(ids: [String]) async throws(StreetFlowClientError) -> Reply<MigrationResult> {
        try await decoded("Migrate", interface: Self.adminInterface, ["ids": .array(ids.map(JSONValue.string))])
    }
}
