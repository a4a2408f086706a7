import Foundation
import Logging
import PostgresStore
import ServiceLifecycle
import StreetFlowEngine
import StreetFlowProtocol
import StreetFlowService
import Synchronization
import Systemd
import UnixSignals
import Varlink
import WorkflowStore

/// What the daemon is built with besides its configuration. Production passes none; a fault test injects a
/// commit path that stalls and a service that decides when.
public struct DaemonDependencies: Sendable {
    /// Runs on the commit thread before each transaction (``EngineOptions/beforeCommit``).
    public var beforeCommit: (@Sendable () -> Void)?
    /// Services run in the daemon's group beside its own.
    public var services: [any Service]
    /// Whether the daemon talks to systemd through the process environment (NOTIFY_SOCKET, LISTEN_FDS,
    /// WATCHDOG_USEC). A daemon built inside a test process must not: that environment is the test's.
    public var systemd: Bool
    /// The engine's wall clock: the system's, or a `ManualClock` a test moves (deadlines, timers, overdue).
    public var clock: any WallClock
    /// Start on a store behind the recorded chain head (`streetflowd --accept-store-reset`).
    public var acceptStoreReset = false

    public init(
        beforeCommit: (@Sendable () -> Void)? = nil, services: [any Service] = [], systemd: Bool = true,
        clock: any WallClock = SystemClock()
    ) {
        self.beforeCommit = beforeCommit
        self.services = services
        self.systemd = systemd
        self.clock = clock
    }
}

/// The daemon: opens the store, starts the engine, listens, announces readiness, and runs the services until
/// SIGTERM. `streetflowd` runs it from its arguments; a test builds the same daemon in-process with ``start()``
/// and stops it with ``Running/group``'s graceful shutdown.
public struct Daemon: Sendable {
    public let settings: DaemonConfiguration
    /// The config file to re-read on reload (nil: keep `settings`).
    public let configPath: String?
    public let logger: Logger
    /// The signals that shut the daemon down gracefully (none in an in-process test).
    public let shutdownSignals: [UnixSignal]
    public let dependencies: DaemonDependencies

    public init(
        settings: DaemonConfiguration, configPath: String?, logger: Logger,
        shutdownSignals: [UnixSignal] = [.sigterm, .sigint], dependencies: DaemonDependencies = .init()
    ) {
        self.settings = settings
        self.configPath = configPath
        self.logger = logger
        self.shutdownSignals = shutdownSignals
        self.dependencies = dependencies
    }

    /// A started daemon: listening and READY; ``run()`` serves until the group shuts down, then closes the store.
    public struct Running: Sendable {
        /// The services; `triggerGracefulShutdown()` stops them as SIGTERM does.
        public let group: ServiceGroup
        /// Where it listens.
        public let endpoint: VarlinkServer.Endpoint
        /// The engine, for a test that moves a manual clock and fires the timers now.
        public let engine: StreetFlowEngine
        let store: any WorkflowStore
        let logger: Logger

        /// Serves until graceful shutdown, then logs the chain head and closes the store.
        public func run() async throws {
            try await group.run()
            let finalHead = try await engine.chainHead()
            logger.notice(
                "StreetFlow stopped",
                metadata: [
                    "message.id": "\(MessageID.stopping)", "chain.head": "\(finalHead.hash)",
                    "chain.sequence": "\(finalHead.globalSequence)",
                ])
            try store.close()
        }
    }

    /// Starts and serves until SIGTERM.
    public func run() async throws {
        try await start().run()
    }

    /// The configured store: the SQLite file in the state directory, or the district's PostgreSQL.
    func openStore() throws -> any WorkflowStore {
        switch settings.store.kind {
        case "postgresql":
            let location = try PostgresLocation(
                url: settings.store.url ?? "", password: try Self.databasePassword(settings))
            let store = try PostgresStore(
                location: location, attachmentLimit: settings.maxAttachmentBytes, pool: settings.store.pool,
                logger: Logger(label: "streetflow.store"))
            logger.info("Store is PostgreSQL", metadata: ["store.url": "\(location)"])
            return store
        default:
            return try SQLiteStore(
                path: "\(settings.stateDirectory)/streetflow.sqlite", attachmentLimit: settings.maxAttachmentBytes,
                chainHeadFile: "\(settings.stateDirectory)/chain-head", seal: "\(settings.stateDirectory)/store-seal")
        }
    }

    /// The database password: `store.passwordFile`, else the systemd credential `db-password`, else none (peer or
    /// trust authentication on a local socket).
    static func databasePassword(_ settings: DaemonConfiguration) throws -> String? {
        let credentials = ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"].map { "\($0)/db-password" }
        guard
            let path = settings.store.passwordFile
                ?? credentials.flatMap({
                    FileManager.default.fileExists(atPath: $0) ? $0 : nil
                })
        else { return nil }
        do {
            return try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw StoreError(.io, "cannot read the database password from \(path): \(error.localizedDescription)")
        }
    }

    /// How the store was checked at start, for the start line.
    func storeCheck(_ store: any WorkflowStore) -> String {
        if let sqlite = store as? SQLiteStore { return sqlite.openedSealed ? "sealed" : "whole-file" }
        return "postgresql"
    }

    /// Opens the store, starts the engine, listens and announces READY=1; the services start with ``Running/run()``.
    public func start() async throws -> Running {
        let notifier = dependencies.systemd ? Notifier() : .disabled
        try FileManager.default.createDirectory(atPath: settings.stateDirectory, withIntermediateDirectories: true)
        let store = try openStore()
        var catalog = try EngineCatalog.load(
            workflows: URL(fileURLWithPath: settings.workflowsDirectory),
            seeds: URL(fileURLWithPath: settings.seedsDirectory), programme: settings.programme,
            departmentLabels: settings.roles.departmentLabels,
            calendarDirectory: URL(fileURLWithPath: settings.calendarDirectory),
            documentNumbers: settings.documentNumbers)
        catalog.street = settings.street
        let mapping = Mutex(settings.roles)
        let engine = StreetFlowEngine(
            store: store, catalog: catalog, clock: dependencies.clock,
            options: EngineOptions(
                separationOfDuties: settings.separationOfDuties, maxBatch: settings.maxBatch,
                beforeCommit: dependencies.beforeCommit, maxAttachmentBytes: settings.maxAttachmentBytes,
                acceptStoreReset: dependencies.acceptStoreReset,
                checkpointLog: "\(settings.stateDirectory)/checkpoints"),
            logger: Logger(label: "streetflow.engine"),
            rolesOfUser: { name in
                guard let account = UnixAccounts.user(named: name) else { return nil }
                return mapping.withLock { $0 }.roles(
                    user: name, groups: UnixAccounts.groups(user: name, primary: account.gid))
            })
        try await engine.start()

        // Users and groups looked up once per uid every few seconds, not on every call; a reload forgets them.
        let accounts = AccountCache()
        // The NSS modules (libnss_systemd and the like) load on the first lookup: done now, before READY=1, so the
        // first caller does not wait for them.
        _ = accounts.lookUp(getuid())
        let reload: @Sendable () async throws -> [String] = { [settings, configPath, logger] in
            try notifier.reloading()
            accounts.clear()
            defer { _ = try? notifier.ready(status: nil) }
            do {
                var fresh = settings
                if let configPath { fresh = try DaemonConfiguration.load(path: configPath) }
                var newCatalog = try EngineCatalog.load(
                    workflows: URL(fileURLWithPath: fresh.workflowsDirectory),
                    seeds: URL(fileURLWithPath: fresh.seedsDirectory), programme: fresh.programme,
                    departmentLabels: fresh.roles.departmentLabels,
                    calendarDirectory: URL(fileURLWithPath: fresh.calendarDirectory),
                    documentNumbers: fresh.documentNumbers)
                newCatalog.street = fresh.street
                try await engine.reload(newCatalog)
                if configPath != nil { mapping.withLock { $0 = fresh.roles } }
                let keys = await engine.currentCatalog.currentDefinitions.map(\.key)
                logger.notice(
                    "Reloaded",
                    metadata: ["message.id": "\(MessageID.reloaded)", "workflows": "\(keys.joined(separator: ","))"])
                _ = try? notifier.status(await engine.statusLine())
                return keys
            } catch {
                logger.error(
                    "Reload refused; the old definitions stay",
                    metadata: ["message.id": "\(MessageID.reloadRefused)", "error": "\(error)"])
                throw error
            }
        }
        let service = StreetFlowService(
            engine: engine,
            identify: { peer in
                Caller.resolve(
                    uid: peer.uid, gid: peer.gid, pid: peer.pid, mapping: mapping.withLock { $0 }, accounts: accounts)
            },
            reload: reload, backupDirectory: "\(settings.stateDirectory)/backups", version: StreetFlowVersion.current,
            logger: logger, grants: { mapping.withLock { $0 } },
            openStore: { [settings] url in
                let location = try PostgresLocation(url: url, password: try Self.databasePassword(settings))
                return (
                    try PostgresStore(
                        location: location, attachmentLimit: settings.maxAttachmentBytes, pool: 2,
                        logger: Logger(label: "streetflow.store")), location.description
                )
            })

        let listenFDs = dependencies.systemd ? try ListenFDs() : ListenFDs(descriptors: [])
        let activated = listenFDs.fd(named: "varlink") ?? listenFDs.descriptors.first?.fd
        let endpoint: VarlinkServer.Endpoint
        if let fd = activated {
            endpoint = .listeningSocket(fileDescriptor: fd)
        } else {
            try FileManager.default.createDirectory(
                atPath: (settings.socket as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            endpoint = .unixSocket(path: settings.socket, mode: settings.socketMode)
        }
        let server = VarlinkServer(
            service: service.makeVarlinkService(), endpoint: endpoint,
            configuration: .init(
                maximumMessageSize: settings.maxMessageBytes, maximumConnections: settings.maxConnections,
                idleTimeout: .seconds(settings.idleTimeoutSeconds),
                shutdownGracePeriod: .seconds(settings.shutdownGraceSeconds),
                maximumConnectionsPerUser: settings.maxConnectionsPerUser,
                firstCallTimeout: .seconds(settings.firstCallTimeoutSeconds), admitsPeer: service.admitsPeer),
            logger: Logger(label: "streetflow.varlink"))
        try await server.listen()
        if activated == nil, let group = settings.socketGroup {
            SocketOwnership.setGroup(group, path: settings.socket, logger: logger)
        }
        // Trap SIGHUP before READY=1: systemd may send a reload as soon as it sees READY=1, before the service
        // group has started the service that handles it.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let head = try await engine.chainHead()
        logger.notice(
            "StreetFlow started",
            metadata: [
                "message.id": "\(MessageID.started)", "version": "\(StreetFlowVersion.current)",
                "endpoint": "\(endpoint)",
                "chain.head": "\(head.hash)", "chain.sequence": "\(head.globalSequence)",
                // Whether the store was as the last clean stop left it (its whole-file check skipped) or was checked
                // whole (first start, after a crash, a copy or a restore).
                "store.check": "\(storeCheck(store))",
            ])
        try notifier.ready(status: await engine.statusLine())

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: ServerService(server: server, engine: engine, notifier: notifier, logger: logger)),
            .init(service: TimerService(engine: engine, notifier: notifier, logger: logger)),
            .init(service: ReloadService(reload: reload, hangups: hangups)),
        ]
        if dependencies.systemd, let watchdog = try Watchdog.fromEnvironment(notifier: notifier, logger: logger) {
            services.append(.init(service: WatchdogService(watchdog: watchdog, engine: engine)))
        }
        services += dependencies.services.map { .init(service: $0) }
        if store.isShared {
            services.append(.init(service: SharedStoreService(engine: engine)))
        }
        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: shutdownSignals,
            logger: Logger(label: "streetflow.lifecycle"))
        // Past the grace period (calls in flight, watch streams), the group gives up waiting rather than hang.
        configuration.maximumGracefulShutdownDuration = .seconds(settings.shutdownGraceSeconds + 5)
        return Running(
            group: ServiceGroup(configuration: configuration), endpoint: endpoint, engine: engine, store: store,
            logger: logger)
    }
}
