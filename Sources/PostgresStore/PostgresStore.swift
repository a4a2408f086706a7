import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization
import WorkflowModel
import WorkflowStore

/// The district store: the store protocols on PostgreSQL, for several daemons (one per street office, or an active
/// pair) on one database.
///
/// - Writes: one connection, one transaction per group commit, each command in its savepoint, as on SQLite. Every
///   write transaction first takes one advisory lock (``PostgresSchema/chainLock``): the audit chain is one total
///   order, so its appends are serialized across daemons, and a global sequence is committed before the next is
///   taken — a reader that has seen sequence *n* has seen everything before it. Row versions are checked too: a
///   projection written over a newer one is refused with ``StoreError/Code/versionConflict``.
/// - Reads: a small pool of connections, each read one REPEATABLE READ snapshot.
/// - Other daemons' commits arrive by `LISTEN streetflow_events` (``observeCommits(_:)``); the engine reads by
///   global sequence what it has not seen, so a notification lost with a dropped connection loses nothing.
public final class PostgresStore: WorkflowStore, Sendable {
    public let location: PostgresLocation
    /// The largest attachment accepted, in bytes.
    public let attachmentLimit: Int

    private let group: MultiThreadedEventLoopGroup
    private let logger: Logger
    private let writer: NIOLockedValueBox<PostgresSession?>
    private let readers: SessionPool
    private let listener = Mutex<ListenerState>(ListenerState())
    private let undecodable = Mutex<UndecodableReport?>(nil)

    private struct ListenerState {
        var handlers: [@Sendable () -> Void] = []
        var session: PostgresSession?
        var closed = false
    }

    /// Connects to `location`, creating StreetFlow's tables in an empty database and migrating an older one. A
    /// database with other tables, or from a newer StreetFlow, is refused and left untouched.
    public init(
        location: PostgresLocation, attachmentLimit: Int = 10 << 20, pool: Int = 8,
        logger: Logger = Logger(label: "streetflow.store")
    ) throws {
        self.location = location
        self.attachmentLimit = attachmentLimit
        self.logger = logger
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.group = group
        let connect: @Sendable () throws -> PostgresSession = {
            try Self.connect(location, group: group, logger: logger)
        }
        readers = SessionPool(size: max(1, pool - 1), connect: connect)
        let session: PostgresSession
        do {
            session = try connect()
        } catch {
            Self.shutDown(group)
            throw error
        }
        do {
            try PostgresSchema.migrate(session, location: location)
        } catch {
            // A connection must be closed before it is let go.
            session.close()
            Self.shutDown(group)
            throw error
        }
        writer = NIOLockedValueBox(session)
    }

    static func connect(
        _ location: PostgresLocation, group: MultiThreadedEventLoopGroup, logger: Logger
    ) throws -> PostgresSession {
        do {
            let connection = try PostgresSession.await(
                PostgresConnection.connect(
                    on: group.next(), configuration: location.configuration, id: Int.random(in: 1...Int.max),
                    logger: logger))
            return PostgresSession(connection: connection, logger: logger)
        } catch let error as StoreError {
            throw StoreError(error.code, "cannot connect to \(location): \(error.message)")
        } catch {
            throw StoreError(.io, "cannot connect to \(location): \(error)")
        }
    }

    /// A server error in StreetFlow's words: a unique row taken by another transaction is a version conflict.
    static func storeError(_ error: PSQLError) -> StoreError {
        let state = error.serverInfo?[.sqlState]
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        switch state {
        case "23505" where message.contains("events"):
            return StoreError(.versionConflict, "another daemon recorded this request's next event first (\(message))")
        case "42501":
            return StoreError(.storeReadOnly, "the database refused the daemon's role: \(message)")
        case .some(let state):
            return StoreError(.io, "\(message) (SQLSTATE \(state))")
        case nil:
            return StoreError(.io, "the database connection failed: \(error.code)")
        }
    }

    // MARK: - WorkflowStore

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try writer.withLockedValue { current in
            if current == nil || current!.isBroken {
                current?.close()
                current = try Self.connect(location, group: group, logger: logger)
            }
            let session = current!
            try session.run("BEGIN")
            do {
                try session.run("SELECT pg_advisory_xact_lock(?)", [.integer(PostgresSchema.chainLock)])
                let pending = PendingHead()
                let result = try body(transaction(session, pending: pending))
                if let head = pending.head {
                    try session.run(
                        "SELECT pg_notify(?, ?)",
                        [.text(PostgresSchema.eventsChannel), .text("\(head.globalSequence)")])
                }
                try session.run("COMMIT")
                return result
            } catch {
                // A lost connection's transaction is the server's to roll back; a live one is rolled back here.
                if !session.isBroken { _ = try? session.run("ROLLBACK") }
                throw error
            }
        }
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try readers.with { session in
            try session.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? session.run("COMMIT") }
            return try body(transaction(session, pending: nil))
        }
    }

    private func transaction(_ session: PostgresSession, pending: PendingHead?) -> PostgresTransaction {
        PostgresTransaction(
            session: session, attachmentLimit: attachmentLimit, pending: pending,
            undecodable: undecodable.withLock { $0 }?.report)
    }

    public func reportUndecodableProjections(to handler: @escaping @Sendable (String, String) -> Void) {
        let report = UndecodableReport(report: handler)
        undecodable.withLock { $0 = report }
    }

    public func backup(to path: String) throws {
        throw StoreError(
            .io,
            "a PostgreSQL store is backed up by the database's own tools (pg_basebackup with WAL archiving, or pg_dump -Fc \(location.database)); see README, District set-up"
        )
    }

    public func sizeOnDisk() -> Int64 {
        let size = try? readers.with { try $0.row("SELECT pg_database_size(current_database()) AS n")?.integer("n") }
        return (size ?? nil) ?? 0
    }

    public var isShared: Bool { true }

    public var description: String { "PostgreSQL \(location)" }

    /// Calls `handler` whenever a transaction that appended events commits, this daemon's or another's
    /// (`LISTEN streetflow_events`). The first call connects the listener; it reconnects after a lost connection.
    public func observeCommits(_ handler: @escaping @Sendable () -> Void) {
        let start = listener.withLock { state -> Bool in
            state.handlers.append(handler)
            return state.handlers.count == 1
        }
        if start { listen() }
    }

    private func listen() {
        let session: PostgresSession
        do {
            session = try Self.connect(location, group: group, logger: logger)
            session.connection.addListener(channel: PostgresSchema.eventsChannel) { [weak self] _, _ in
                self?.notifyObservers()
            }
            try session.run("LISTEN \(PostgresSchema.eventsChannel)")
        } catch {
            logger.warning(
                "Cannot listen for other daemons' commits; retrying (watchers catch up by polling meanwhile)",
                metadata: ["error": "\(error)"])
            listenAgain(after: 2)
            return
        }
        let keep = listener.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.session = session
            return true
        }
        guard keep else { return session.close() }
        session.connection.closeFuture.whenComplete { [weak self] _ in
            guard let self, !self.listener.withLock({ $0.closed }) else { return }
            // Whatever was committed while nobody listened is read by sequence: tell the observers once now.
            self.notifyObservers()
            self.listenAgain(after: 1)
        }
        // Commits between start and LISTEN are caught up by the same sequence read.
        notifyObservers()
    }

    /// Reconnects the listener later, off the connections' event loop: connecting waits for that very loop, so
    /// doing it there would wait forever (and stop every query of the store with it).
    private func listenAgain(after seconds: Int) {
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds)) { [weak self] in
            guard let self, !self.listener.withLock({ $0.closed }) else { return }
            self.listen()
        }
    }

    private func notifyObservers() {
        for handler in listener.withLock({ $0.handlers }) { handler() }
    }

    /// Closes every connection.
    public func close() throws {
        let listening = listener.withLock { state -> PostgresSession? in
            state.closed = true
            return state.session
        }
        listening?.close()
        writer.withLockedValue {
            $0?.close()
            $0 = nil
        }
        readers.close()
        Self.shutDown(group)
    }

    /// Lets the connections' thread end without waiting for it: `close()` may run on an event loop (a Varlink
    /// handler's), where NIO forbids waiting for a group.
    private static func shutDown(_ group: MultiThreadedEventLoopGroup) {
        group.shutdownGracefully(queue: .global()) { _ in }
    }
}

/// Who is told of a projection row a list skipped (a class: see `SQLiteStore`'s note on closures in a `Mutex`).
final class UndecodableReport: Sendable {
    let report: @Sendable (String, String) -> Void

    init(report: @escaping @Sendable (String, String) -> Void) {
        self.report = report
    }
}

/// The chain head a write transaction moved (nil until it appends), restored when a savepoint is undone.
final class PendingHead: @unchecked Sendable {
    var head: ChainHead?
}

/// Connections for reads, at most `size` at once; a broken one is dropped and replaced on the next read.
final class SessionPool: Sendable {
    private let idle = Mutex<[PostgresSession]>([])
    private let slots: DispatchSemaphore
    private let connect: @Sendable () throws -> PostgresSession

    init(size: Int, connect: @escaping @Sendable () throws -> PostgresSession) {
        slots = DispatchSemaphore(value: size)
        self.connect = connect
    }

    func with<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        slots.wait()
        defer { slots.signal() }
        var session = idle.withLock { $0.popLast() }
        if session?.isBroken == true { session = nil }
        let connected = try session ?? connect()
        defer { if !connected.isBroken { idle.withLock { $0.append(connected) } } }
        return try body(connected)
    }

    func close() {
        for session in idle.withLock({ sessions in
            defer { sessions = [] }
            return sessions
        }) {
            session.close()
        }
    }
}
