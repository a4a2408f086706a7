import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import StreetFlowDaemon
import StreetFlowEngine
import StreetFlowProtocol
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

    @Option(help: "Configuration file (default /etc/streetflow/streetflow.yaml; with --dev, only when given).")
    var config: String?

    @Option(
        name: .customLong("check-config"),
        help: "Check a configuration file (and the workflows and seeds it names), print what is wrong, and exit.")
    var checkConfig: String?

    @Flag(
        help:
            "Development mode: state and socket under ./.streetflow/, shipped workflows and seeds, the invoking user in every role, separation of duties relaxed."
    )
    var dev = false

    @Option(help: "Where logs go: the journal, stderr, or auto (the journal when stderr is connected to it).")
    var logTarget: LogTargetArgument = .auto

    @Option(help: "Socket path (overrides the config).")
    var socket: String?

    @Option(help: "State directory (overrides the config and $STATE_DIRECTORY).")
    var state: String?

    @Option(
        help:
            "simulated:ISO-8601 (e.g. simulated:2019-10-01T09:00:00+08:00): a clock that moves only with `streetflow admin clock`; with --dev or `simulation: true` only."
    )
    var clock: String?

    @Flag(
        help:
            "Start on a store that is behind the audit chain head recorded outside it (an older backup restored on purpose); the missing events are lost for good."
    )
    var acceptStoreReset = false

    func run() async throws {
        let resolved = logTarget.target.resolved()
        if let checkConfig { return try ConfigCheck.run(path: checkConfig) }
        let configPath = config ?? (dev ? nil : "/etc/streetflow/streetflow.yaml")
        var settings: DaemonConfiguration
        do {
            settings = try dev ? DevMode.configuration(file: configPath) : DaemonConfiguration.load(path: configPath!)
        } catch let error as ConfigurationError {
            throw ExitCode(ConfigCheck.report(error))
        }
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
            if let configPath {
                logger.warning(
                    "Development mode with a config file: its roles and settings, state and socket under .streetflow",
                    metadata: [
                        "config": "\(configPath)", "state.directory": "\(settings.stateDirectory)",
                        "socket": "\(settings.socket)",
                    ])
            } else {
                logger.warning(
                    "Development mode: separation of duties is relaxed and the invoking user holds every role",
                    metadata: ["state.directory": "\(settings.stateDirectory)", "socket": "\(settings.socket)"])
            }
        }
        if !dev, !settings.separationOfDuties {
            logger.warning(
                "Separation of duties is off: a submitter may review, approve and handle their own request",
                metadata: ["message.id": "\(MessageID.separationOfDutiesOff)", "config": "\(configPath ?? "")"])
        }
        var dependencies = await Faults.dependencies(logger: logger)
        if let clock {
            guard clock.hasPrefix("simulated:"),
                let start = try? Date(String(clock.dropFirst("simulated:".count)), strategy: .iso8601)
            else {
                logger.critical("--clock takes simulated:ISO-8601, e.g. simulated:2019-10-01T09:00:00+08:00")
                throw ExitCode(64)
            }
            guard dev || settings.simulation else {
                logger.critical(
                    "A simulated clock is for development and demonstrations: add --dev, or simulation: true in the config"
                )
                throw ExitCode(78)
            }
            logger.warning(
                "Simulated clock: time moves only with `streetflow admin clock`; the store is marked simulated",
                metadata: ["clock.start": "\(start.ISO8601Format())"])
            dependencies.clock = ManualClock(start)
        }
        dependencies.acceptStoreReset = acceptStoreReset
        do {
            try await Daemon(settings: settings, configPath: configPath, logger: logger, dependencies: dependencies)
                .run()
        } catch let error as StoreError {
            // A store that cannot be trusted or opened: a plain refusal with what to do, never an empty start.
            logger.critical(
                "The store was refused; streetflowd does not start",
                metadata: [
                    "message.id": "\(error.code == .storeBehind ? MessageID.storeBehind : MessageID.storeUnwritable)",
                    "error": "\(error.message)", "reason": "\(error.code.rawValue)",
                ])
            throw ExitCode(65)
        }
    }
}

/// `--dev`: everything under `./.streetflow/`, the repo's workflows and seeds, the invoking user in every role.
enum DevMode {
    /// The dev settings; with a config `file`, that file's settings (roles, limits, separation of duties, …)
    /// with the state and socket still under `./.streetflow/` and the repo's workflows and seeds unless it names
    /// its own. A file with mistakes is refused as at a normal start.
    static func configuration(file: String?) throws -> DaemonConfiguration {
        let cwd = FileManager.default.currentDirectoryPath
        let base = "\(cwd)/.streetflow"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let share = ProcessInfo.processInfo.environment["STREETFLOW_SHARE"] ?? "/usr/share/streetflow"
        let workflows =
            FileManager.default.fileExists(atPath: "\(cwd)/Workflows") ? "\(cwd)/Workflows" : "\(share)/workflows"
        let seeds = FileManager.default.fileExists(atPath: "\(cwd)/seeds") ? "\(cwd)/seeds" : "\(share)/seeds"
        if let file {
            var settings = try DaemonConfiguration.load(path: file)
            let defaults = DaemonConfiguration()
            settings.socket = "\(base)/io.streetflow.sock"
            settings.socketGroup = nil
            settings.socketMode = 0o600
            settings.stateDirectory = base
            if settings.workflowsDirectory == defaults.workflowsDirectory { settings.workflowsDirectory = workflows }
            if settings.seedsDirectory == defaults.seedsDirectory { settings.seedsDirectory = seeds }
            if settings.calendarDirectory == defaults.calendarDirectory {
                settings.calendarDirectory = "\(base)/calendar.d"
            }
            return settings
        }
        var settings = DaemonConfiguration()
        settings.socket = "\(base)/io.streetflow.sock"
        settings.socketGroup = nil
        settings.socketMode = 0o600
        settings.stateDirectory = base
        settings.workflowsDirectory = workflows
        settings.seedsDirectory = seeds
        settings.calendarDirectory = "\(base)/calendar.d"
        settings.separationOfDuties = false
        // One person is every role here: a per-user limit would only be the global one.
        settings.maxConnectionsPerUser = settings.maxConnections
        let user = UnixAccounts.user(uid: getuid())?.name ?? "uid:\(getuid())"
        let me = Members(users: [user])
        settings.roles = RoleMapping(
            roles: ["office": me, "street": me, "admin": me],
            departments: ["demo": Members(users: [user], label: "演示部门")],
            committees: ["蓝天二村": me])
        return settings
    }
}

/// `--log-target`: one of the ``LogTarget``s by name; the parser refuses anything else and lists the three.
enum LogTargetArgument: String, ExpressibleByArgument, CaseIterable {
    case journal
    case stderr
    case auto

    var target: LogTarget {
        switch self {
        case .journal: .journal
        case .stderr: .stderr
        case .auto: .auto
        }
    }
}
