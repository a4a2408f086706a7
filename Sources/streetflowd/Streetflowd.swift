import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import StreetFlowEngine
import StreetFlowService
import Systemd
import Varlink
import WorkflowStore

@main
struct Streetflowd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streetflowd",
        abstract: "StreetFlow daemon: admission and rollout workflows over Varlink on a Unix socket.",
        version: StreetFlowVersion.current)

    @Option(help: "Configuration file.")
    var config = "/etc/streetflow/streetflow.yaml"

    @Flag(
        help:
            "Development mode: state and socket under ./.streetflow/, shipped workflows and seeds, the invoking user in every role, separation of duties relaxed."
    )
    var dev = false

    @Option(help: "journal | stderr | auto (the journal when stderr is connected to it).")
    var logTarget = "auto"

    @Option(help: "Socket path (overrides the config).")
    var socket: String?

    @Option(help: "State directory (overrides the config and $STATE_DIRECTORY).")
    var state: String?

    func run() async throws {
        guard let target = LogTarget(logTarget) else {
            throw ValidationError("--log-target is journal, stderr or auto")
        }
        let resolved = target.resolved()
        var settings = try dev ? DevMode.configuration() : DaemonConfiguration.load(path: config)
        if let socket { settings.socket = socket }
        if let state {
            settings.stateDirectory = state
        } else if !dev, let directory = ProcessInfo.processInfo.environment["STATE_DIRECTORY"] {
            settings.stateDirectory = directory
        }
        let level = Logger.Level(rawValue: settings.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = resolved.makeLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "streetflowd")
        if dev {
            logger.warning(
                "Development mode: separation of duties is relaxed and the invoking user holds every role",
                metadata: ["state.directory": "\(settings.stateDirectory)", "socket": "\(settings.socket)"])
        }
        try await Daemon(settings: settings, configPath: dev ? nil : config, logger: logger).run()
    }
}

/// `--dev`: everything under `./.streetflow/`, the repo's workflows and seeds, the invoking user in every role.
enum DevMode {
    static func configuration() throws -> DaemonConfiguration {
        let cwd = FileManager.default.currentDirectoryPath
        let base = "\(cwd)/.streetflow"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        var settings = DaemonConfiguration()
        settings.socket = "\(base)/io.streetflow.sock"
        settings.socketGroup = nil
        settings.socketMode = 0o600
        settings.stateDirectory = base
        let share = ProcessInfo.processInfo.environment["STREETFLOW_SHARE"] ?? "/usr/share/streetflow"
        settings.workflowsDirectory =
            FileManager.default.fileExists(atPath: "\(cwd)/Workflows") ? "\(cwd)/Workflows" : "\(share)/workflows"
        settings.seedsDirectory =
            FileManager.default.fileExists(atPath: "\(cwd)/seeds") ? "\(cwd)/seeds" : "\(share)/seeds"
        settings.separationOfDuties = false
        let user = UnixAccounts.user(uid: getuid())?.name ?? "uid:\(getuid())"
        let me = Members(users: [user])
        settings.roles = RoleMapping(
            roles: ["office": me, "street": me, "admin": me],
            departments: ["demo": Members(users: [user], label: "演示部门")],
            committees: ["蓝天二村": me])
        return settings
    }
}
