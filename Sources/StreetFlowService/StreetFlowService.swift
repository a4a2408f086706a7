import Foundation
import Logging
import StreetFlowEngine
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

    /// The workflow interface name.
    public static let workflowInterface = "org.streetflow.Workflow"
    /// The admin interface name.
    public static let adminInterface = "org.streetflow.Admin"

    /// Creates the service.
    public init(
        engine: StreetFlowEngine, identify: @escaping @Sendable (PeerCredentials) -> Caller,
        reload: @escaping @Sendable () async throws -> [String], backupDirectory: String, version: String,
        logger: Logger
    ) {
        self.engine = engine
        self.identify = identify
        self.reload = reload
        self.backupDirectory = backupDirectory
        self.version = version
        self.logger = logger
    }

    /// The interface texts served by `GetInterfaceDescription`.
    public static var interfaceSources: [String: String] { InterfaceSources.all }

    /// The Varlink service with both interfaces registered.
    public func makeVarlinkService() throws -> VarlinkService {
        var service = VarlinkService(
            vendor: "StreetFlow", product: "streetflowd", version: version,
            url: "https://github.com/streetflow/streetflow")
        try service.register(parsing: InterfaceSources.all[Self.workflowInterface]!) { call, writer in
            try await handleWorkflow(call, writer)
        }
        try service.register(parsing: InterfaceSources.all[Self.adminInterface]!) { call, writer in
            try await handleAdmin(call, writer)
        }
        return service
    }

    /// The caller, or `PermissionDenied` when the peer maps to no role.
    func caller(_ call: VarlinkCall) throws -> Caller {
        let caller = identify(call.peer)
        guard !caller.roles.isEmpty else {
            logger.notice(
                "Peer refused: no role",
                metadata: [
                    "message.id": "\(MessageID.peerRefused)", "peer.uid": "\(call.peer.uid)",
                    "peer.pid": "\(call.peer.pid)",
                    "peer.user": "\(caller.user)",
                ])
            throw VarlinkError(
                name: "\(call.interface).PermissionDenied",
                parameters: [
                    "required": .array(
                        ["office", "street", "admin", "department:<key>", "committee:<name>"].map { .string($0) }),
                    "reason": "noRole",
                    "message": .string(
                        "用户 \(caller.user)（uid \(call.peer.uid)）未分配任何角色，请管理员在 /etc/streetflow/streetflow.yaml 中配置"),
                    "messageEn": .string(
                        "user \(caller.user) (uid \(call.peer.uid)) has no role; ask an administrator to map it in /etc/streetflow/streetflow.yaml"
                    ),
                ])
        }
        return caller
    }

    func view() async -> EngineCatalogView {
        let catalog = await engine.currentCatalog
        return EngineCatalogView(definitions: catalog.definitions, calendar: catalog.calendar)
    }

    /// Runs a handler body, turning engine refusals into named Varlink errors.
    func mapped<T>(_ interface: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as WorkflowError {
            throw Wire.error(error, interface: interface)
        }
    }

    func handleWorkflow(_ call: VarlinkCall, _ writer: VarlinkReplyWriter) async throws {
        let caller = try caller(call)
        let p = call.parameters
        let interface = Self.workflowInterface
        try await mapped(interface) {
            switch call.method {
            case "Submit":
                let result = try await engine.submit(
                    workflow: p["workflow"]?.stringValue ?? "",
                    subject: try Wire.fieldValues(p["subject"]?.objectValue, parameter: "subject"),
                    comment: p["comment"]?.stringValue, idempotencyKey: p["idempotencyKey"]?.stringValue, caller: caller
                )
                try await writer.reply(["instance": Wire.instance(result.instance, catalog: await view())])
            case "Act":
                let result = try await engine.act(
                    id: p["id"]?.stringValue ?? "", action: p["action"]?.stringValue ?? "",
                    comment: p["comment"]?.stringValue,
                    fields: try Wire.fieldValues(p["fields"]?.objectValue, parameter: "fields"),
                    expectedVersion: p["expectedVersion"]?.intValue, idempotencyKey: p["idempotencyKey"]?.stringValue,
                    caller: caller)
                try await writer.reply(["instance": Wire.instance(result.instance, catalog: await view())])
            case "Comment":
                let result = try await engine.comment(
                    id: p["id"]?.stringValue ?? "", text: p["comment"]?.stringValue ?? "", caller: caller)
                try await writer.reply(["instance": Wire.instance(result.instance, catalog: await view())])
            case "Assign":
                let id = p["id"]?.stringValue ?? ""
                let expected = p["expectedVersion"]?.intValue
                let result: CommandResult
                if let user = p["user"]?.stringValue {
                    result = try await engine.assign(id: id, to: user, expectedVersion: expected, caller: caller)
                } else {
                    result = try await engine.claim(id: id, expectedVersion: expected, caller: caller)
                }
                try await writer.reply(["instance": Wire.instance(result.instance, catalog: await view())])
            case "Get":
                let detail = try await engine.get(id: p["id"]?.stringValue ?? "", caller: caller)
                let catalog = await view()
                try await writer.reply([
                    "instance": Wire.instance(detail.instance, catalog: catalog, nextDeadline: detail.nextDeadline),
                    "history": .array(detail.history.map { Wire.event($0, catalog: catalog) }),
                    "actions": .array(detail.actions.map { .string($0) }),
                ])
            case "History":
                let history = try await engine.history(id: p["id"]?.stringValue ?? "", caller: caller)
                let catalog = await view()
                try await writer.reply(["history": .array(history.map { Wire.event($0, catalog: catalog) })])
            case "List":
                var filter = InstanceFilter(
                    workflow: p["workflow"]?.stringValue, state: p["state"]?.stringValue,
                    committee: p["committee"]?.stringValue,
                    department: p["department"]?.stringValue, text: p["text"]?.stringValue,
                    cursor: p["cursor"]?.stringValue,
                    limit: p["limit"]?.intValue ?? 50)
                if let since = p["since"]?.stringValue {
                    guard let date = Wire.parseTime(since) else { throw VarlinkError.invalidParameter("since") }
                    filter.createdFrom = date
                }
                if let until = p["until"]?.stringValue {
                    guard let date = Wire.parseTime(until) else { throw VarlinkError.invalidParameter("until") }
                    filter.createdTo = date
                }
                if p["mine"]?.boolValue == true { filter.submitterUID = caller.uid }
                let page = try await engine.list(filter, caller: caller)
                let catalog = await view()
                try await writer.reply([
                    "instances": .array(page.instances.map { Wire.instance($0, catalog: catalog) }),
                    "nextCursor": page.nextCursor.map { .string($0) } ?? .null,
                ])
            case "Queue":
                let items = try await engine.queue(caller: caller, workflow: p["workflow"]?.stringValue)
                let catalog = await view()
                try await writer.reply([
                    "items": .array(
                        items.map { item in
                            .object([
                                "instance": Wire.instance(
                                    item.instance, catalog: catalog, nextDeadline: item.nextDeadline),
                                "actions": .array(item.actions.map { .string($0) }), "overdue": .bool(item.overdue),
                                "workingDaysLeft": item.workingDaysLeft.map { .int($0) } ?? .null,
                            ])
                        })
                ])
            case "Watch":
                guard call.more else { throw VarlinkError.expectedMore() }
                let stream = await engine.watch(caller: caller, follow: p["follow"]?.stringValue)
                // The first reply, without an event, tells the client the subscription is live.
                try await writer.reply([:], continues: true)
                for await stored in stream {
                    try await writer.reply(["event": Wire.event(stored, catalog: await view())], continues: true)
                }
            case "Workflows":
                let catalog = await engine.currentCatalog
                try await writer.reply([
                    "workflows": .array(
                        catalog.currentDefinitions.map {
                            .object([
                                "key": .string($0.key), "version": .int($0.version), "title": Wire.label($0.title),
                                "initial": .string($0.initial), "summaryField": .string($0.summaryField),
                            ])
                        })
                ])
            case "DescribeWorkflow":
                let catalog = await engine.currentCatalog
                let key = p["workflow"]?.stringValue ?? ""
                let definition =
                    p["version"]?.intValue.flatMap { catalog.definition(key, version: $0) }
                    ?? catalog.currentDefinition(key)
                guard let definition else {
                    throw WorkflowError(
                        .noSuchWorkflow, LocalizedText(zh: "没有工作流「\(key)」", en: "no workflow '\(key)'"),
                        ["workflow": .string(key), "known": .list(catalog.currentDefinitions.map(\.key))])
                }
                try await writer.reply([
                    "definition": try JSONValue(encoding: definition), "mermaid": .string(definition.graph(.mermaid)),
                    "dot": .string(definition.graph(.dot)),
                ])
            case "CheckReferenceList":
                let catalog = await engine.currentCatalog
                let text = p["text"]?.stringValue ?? ""
                guard let match = catalog.lists.match(text, on: LocalDate(Date())) else {
                    try await writer.reply(["found": false])
                    return
                }
                try await writer.reply([
                    "found": true, "list": .string(match.list), "listVersion": .int(match.listVersion),
                    "kind": .string(match.kind.rawValue), "code": .string(match.entry.code),
                    "title": .string(match.entry.title),
                    "alternative": match.entry.alternative.map { .string($0) } ?? .null,
                    "sample": .bool(catalog.lists.list(match.list)?.sample ?? false),
                ])
            case "WhoAmI":
                try await writer.reply([
                    "identity": .object([
                        "uid": .int(Int(caller.uid)), "gid": .int(Int(caller.gid)), "pid": .int(Int(caller.pid)),
                        "user": .string(caller.user), "groups": .array(caller.groups.map { .string($0) }),
                        "roles": .array(caller.roles.map(\.rawValue).sorted().map { .string($0) }),
                    ])
                ])
            default:
                throw VarlinkError.methodNotImplemented(call.qualifiedMethod)
            }
        }
    }

    func handleAdmin(_ call: VarlinkCall, _ writer: VarlinkReplyWriter) async throws {
        let caller = try caller(call)
        let interface = Self.adminInterface
        let readOnly = ["VerifyAudit", "Stats"].contains(call.method)
        let allowed: Set<Role> = readOnly ? [.admin, .office, .street] : [.admin]
        guard !caller.roles.isDisjoint(with: allowed) else {
            let names = allowed.map(\.rawValue).sorted()
            throw VarlinkError(
                name: "\(interface).PermissionDenied",
                parameters: [
                    "required": .array(names.map { .string($0) }),
                    "message": .string("「\(call.method)」需要角色：\(names.joined(separator: "、"))"),
                    "messageEn": .string("\(call.method) needs one of the roles: \(names.joined(separator: ", "))"),
                ])
        }
        try await mapped(interface) {
            switch call.method {
            case "VerifyAudit":
                let report = try await engine.verifyAudit()
                try await writer.reply([
                    "ok": .bool(report.ok), "checked": .int(report.checked),
                    "firstBroken": report.firstBroken.map { .int(Int($0)) } ?? .null,
                    "brokenInstance": report.brokenInstance.map { .string($0) } ?? .null,
                    "problem": report.problem.map { .string($0) } ?? .null,
                    "headSequence": .int(Int(report.head.globalSequence)), "headHash": .string(report.head.hash),
                ])
            case "Stats":
                let stats = try await engine.stats()
                try await writer.reply([
                    "version": .string(version), "startedAt": Wire.time(stats.startedAt),
                    "uptimeSeconds": .int(Int(Date().timeIntervalSince(stats.startedAt))),
                    "storeBytes": .int(Int(stats.storeBytes)), "open": .int(stats.open),
                    "awaitingOffice": .int(stats.awaitingOffice), "awaitingStreet": .int(stats.awaitingStreet),
                    "openByState": .array(
                        stats.openByState.map {
                            .object([
                                "workflow": .string($0.workflow), "state": .string($0.state), "count": .int($0.count),
                            ])
                        }),
                    "commits": .int(stats.commits), "commands": .int(stats.commands),
                    "commandsPerCommit": .double(stats.commandsPerCommit),
                    "averageCommitMicroseconds": .double(stats.averageCommitMicroseconds),
                    "lastCommitMicroseconds": .double(stats.lastCommitMicroseconds),
                    "headSequence": .int(Int(stats.chainHead.globalSequence)),
                    "headHash": .string(stats.chainHead.hash),
                ])
            case "Reload":
                do {
                    let keys = try await reload()
                    try await writer.reply(["workflows": .array(keys.map { .string($0) })])
                } catch let error as CatalogError {
                    let lines = error.diagnostics.map(\.description)
                    throw VarlinkError(
                        name: "\(interface).ReloadRefused",
                        parameters: [
                            "errors": .array(lines.map { .string($0) }),
                            "message": .string("工作流文件有错误，已保留原定义"),
                            "messageEn": .string("workflow files have errors; the old definitions stay"),
                        ])
                }
            case "Backup":
                try FileManager.default.createDirectory(atPath: backupDirectory, withIntermediateDirectories: true)
                let stamp = Date().ISO8601Format().replacingOccurrences(of: ":", with: "")
                let path = "\(backupDirectory)/streetflow-\(stamp).sqlite"
                try await engine.backup(to: path)
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
                try await writer.reply(["path": .string(path), "bytes": .int(size)])
            case "Migrate":
                let ids = (call.parameters["ids"]?.arrayValue ?? []).compactMap(\.stringValue)
                let results = try await engine.migrate(ids: ids, caller: caller)
                var migrated: [JSONValue] = []
                var failed: [JSONValue] = []
                for (id, result) in zip(ids, results) {
                    switch result {
                    case .success: migrated.append(.string(id))
                    case .failure(let error): failed.append(.string("\(id): \(error.message.zh)"))
                    }
                }
                try await writer.reply(["migrated": .array(migrated), "failed": .array(failed)])
            default:
                throw VarlinkError.methodNotImplemented(call.qualifiedMethod)
            }
        }
    }
}
