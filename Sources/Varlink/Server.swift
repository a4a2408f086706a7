import Logging
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A Varlink server on a Unix socket, serving one ``VarlinkService``.
///
/// Call ``listen()`` (binds or adopts the socket; announce readiness after it), then ``run()``, which serves until
/// ``shutdown()`` has drained the connections. Each connection's calls are handled one at a time, in order; the
/// next request is not read before the previous call has finished and its replies were handed to the socket.
/// Cancelling the task running ``run()`` closes every connection at once. A client that closes (or half-closes)
/// its side ends the connection: the call in flight is cancelled, which is how `more` streams notice a client
/// that went away.
public final class VarlinkServer: Sendable {
    typealias Connection = NIOAsyncChannel<ByteBuffer, ByteBuffer>
    typealias Listener = NIOAsyncChannel<Connection, Never>

    private enum State {
        case initial
        case binding
        case listening(Listener)
        case running(any Channel)
        case draining
        case finished
    }

    private enum ShutdownAction {
        case none
        case closeListener(any Channel)
        case drain(any Channel)
    }

    /// The service whose interfaces are served.
    public let service: VarlinkService
    /// Where the server listens.
    public let endpoint: Endpoint
    /// Limits and timeouts.
    public let configuration: Configuration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let state = Mutex(State.initial)
    private let graceTimer = Mutex<Scheduled<Void>?>(nil)
    private let registry = ConnectionRegistry()
    /// When each uid last hit its connection limit (the log notes it once a minute per uid).
    private let userLimitNoted = OncePerMinute()

    /// Creates a server; nothing is bound until ``listen()`` or ``run()``.
    public init(
        service: VarlinkService,
        endpoint: Endpoint,
        configuration: Configuration = Configuration(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) {
        self.service = service
        self.endpoint = endpoint
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// The number of open connections.
    public var connectionCount: Int {
        registry.count
    }

    /// The number of connections admitted since the server started (closed ones included).
    public var admittedConnectionCount: Int {
        registry.admitted
    }

    /// Binds the socket path (or adopts the listening descriptor); returns once clients can connect.
    public func listen() async throws {
        let start = state.withLock { state in
            guard case .initial = state else { return false }
            state = .binding
            return true
        }
        guard start else { return }
        let listener: Listener
        do {
            listener = try await bind()
        } catch {
            state.withLock { state in
                if case .binding = state { state = .initial }
            }
            throw error
        }
        let kept = state.withLock { state in
            guard case .binding = state else { return false }
            state = .listening(listener)
            return true
        }
        guard kept else {
            // shutdown() came while binding.
            listener.channel.close(promise: nil)
            removeSocketFile()
            return
        }
        logger.info("Listening", metadata: ["varlink.endpoint": "\(endpoint)"])
    }

    /// Serves connections until ``shutdown()`` (or cancellation) and the connections have drained.
    public func run() async throws {
        try await listen()
        let listener: Listener? = state.withLock { state in
            guard case .listening(let listener) = state else { return nil }
            state = .running(listener.channel)
            return listener
        }
        guard let listener else { return }
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                do {
                    try await listener.executeThenClose { inbound in
                        for try await connection in inbound {
                            accept(connection, into: &group)
                        }
                    }
                } catch {
                    logger.debug("Listener closed", metadata: ["error": "\(String(reflecting: error))"])
                }
                shutdown()
            }
        } onCancel: {
            shutdown()
            registry.closeAll()
        }
        graceTimer.withLock { $0?.cancel() }
        state.withLock { $0 = .finished }
        removeSocketFile()
        logger.info("Stopped", metadata: ["varlink.endpoint": "\(endpoint)"])
    }

    /// Starts a graceful shutdown: stop accepting, close idle connections, let calls in flight finish within
    /// ``Configuration/shutdownGracePeriod``, then close the rest. ``run()`` returns when all are closed.
    public func shutdown() {
        let action = state.withLock { state -> ShutdownAction in
            switch state {
            case .initial, .binding:
                state = .finished
                return .none
            case .listening(let listener):
                state = .finished
                return .closeListener(listener.channel)
            case .running(let channel):
                state = .draining
                return .drain(channel)
            case .draining, .finished:
                return .none
            }
        }
        switch action {
        case .none:
            break
        case .closeListener(let channel):
            channel.close(promise: nil)
            removeSocketFile()
        case .drain(let channel):
            logger.info("Shutting down", metadata: ["connections": "\(registry.count)"])
            channel.close(promise: nil)
            registry.drain()
            let registry = self.registry
            let logger = self.logger
            let timer = channel.eventLoop.scheduleTask(in: TimeAmount(configuration.shutdownGracePeriod)) {
                logger.info("Closing connections after the shutdown grace period", metadata: [:])
                registry.closeAll()
            }
            graceTimer.withLock { $0 = timer }
        }
    }

    private func accept(_ connection: Connection, into group: inout DiscardingTaskGroup) {
        guard let id = registry.add(connection.channel, limit: configuration.maximumConnections) else {
            logger.info("Refused connection", metadata: ["connections": "\(registry.count)"])
            // Said before closing, so the client can name it.
            let limit = configuration.maximumConnections
            group.addTask { await Self.refuse(connection, limit: limit, scope: "all") }
            return
        }
        group.addTask(executorPreference: EventLoopTaskExecutor(connection.channel.eventLoop)) {
            await self.serve(connection, id: id)
        }
    }

    private func bind() async throws -> Listener {
        let maximumMessageSize = configuration.maximumMessageSize
        let bootstrap = ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 128)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Connection> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    ByteToMessageHandler(FrameDecoder(maximumMessageSize: maximumMessageSize))
                )
                // A small inbound buffer: pipelined requests wait in the socket, not in memory.
                return try Connection(
                    wrappingChannelSynchronously: channel,
                    configuration: .init(backPressureStrategy: .init(lowWatermark: 1, highWatermark: 2))
                )
            }
        }
        switch endpoint.kind {
        case .path(let path, let mode):
            let listener = try await bootstrap.bind(
                unixDomainSocketPath: path,
                cleanupExistingSocketFile: true,
                childChannelInitializer: initializer
            )
            if let mode, chmod(path, mode_t(mode)) != 0 {
                let code = errno
                try? await listener.channel.close()
                throw IOError(errnoCode: code, reason: "chmod")
            }
            return listener
        case .fileDescriptor(let descriptor):
            return try await bootstrap.bind(descriptor, childChannelInitializer: initializer)
        }
    }

    private func removeSocketFile() {
        if case .path(let path, _) = endpoint.kind {
            unlink(path)
        }
    }

    private func serve(_ connection: Connection, id: Int) async {
        defer { registry.remove(id) }
        let channel = connection.channel
        var logger = self.logger
        logger[metadataKey: "connection.id"] = "\(id)"
        let peer: PeerCredentials
        do {
            peer = try await PeerCredentials.read(from: channel)
        } catch {
            logger.info("Closing connection without peer credentials", metadata: ["error": "\(error)"])
            try? await connection.executeThenClose { _, _ in }
            return
        }
        guard registry.claim(id, uid: peer.uid, limit: configuration.maximumConnectionsPerUser) else {
            noteUserLimit(peer.uid)
            await Self.refuse(connection, limit: configuration.maximumConnectionsPerUser, scope: "user")
            return
        }
        logger[metadataKey: "peer.uid"] = "\(peer.uid)"
        logger[metadataKey: "peer.gid"] = "\(peer.gid)"
        logger[metadataKey: "peer.pid"] = "\(peer.pid)"
        let admitted = configuration.admitsPeer?(peer) ?? true
        let connectionLogger = logger
        connectionLogger.debug("Accepted connection")
        do {
            try await connection.executeThenClose { inbound, outbound in
                await withTaskGroup(of: Void.self) { group in
                    // When the client goes, cancel the call in flight (e.g. a long-lived `more` stream).
                    group.addTask {
                        try? await channel.closeFuture.get()
                    }
                    group.addTask {
                        await self.process(
                            inbound: inbound,
                            outbound: outbound,
                            channel: channel,
                            id: id,
                            peer: peer,
                            admitted: admitted,
                            logger: connectionLogger
                        )
                        channel.close(promise: nil)
                    }
                    await group.next()
                    group.cancelAll()
                }
            }
        } catch {
            connectionLogger.debug("Connection closed with error", metadata: ["error": "\(String(reflecting: error))"])
        }
        connectionLogger.debug("Closed connection")
    }

    private func process(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel,
        id: Int,
        peer: PeerCredentials,
        admitted: Bool,
        logger: Logger
    ) async {
        let send: @Sendable (VarlinkReply) async throws -> Void = { reply in
            try await outbound.write(Frame.encode(reply.json, allocator: ByteBufferAllocator()))
        }
        var iterator = inbound.makeAsyncIterator()
        var idleTimer = scheduleIdleTimer(channel, after: configuration.firstCallTimeout, logger: logger)
        defer { idleTimer?.cancel() }
        while true {
            let frame: ByteBuffer
            do {
                guard let next = try await iterator.next() else { return }
                frame = next
            } catch let error as FrameTooLargeError {
                logger.info("Closing connection", metadata: ["reason": "message too large"])
                try? await send(VarlinkReply(error: .messageTooLarge(maximumSize: error.maximumSize)))
                return
            } catch {
                logger.debug("Connection read failed", metadata: ["error": "\(String(reflecting: error))"])
                return
            }
            idleTimer?.cancel()
            idleTimer = nil
            guard registry.markBusy(id) else { return }
            let request: VarlinkRequest
            do {
                request = try VarlinkRequest(json: try Frame.decode(frame))
            } catch {
                let reply = (error as? VarlinkError) ?? .invalidMessage("\(error)")
                logger.info("Closing connection", metadata: ["reason": "invalid message"])
                try? await send(VarlinkReply(error: reply))
                return
            }
            let writer = VarlinkReplyWriter(oneway: request.oneway, more: request.more, send: send)
            await service.dispatch(request, peer: peer, writer: writer, logger: logger)
            // A peer the server does not admit keeps its connection only while its calls succeed.
            guard registry.markIdle(id), !Task.isCancelled, admitted || !writer.didFail else { return }
            idleTimer = scheduleIdleTimer(channel, logger: logger)
        }
    }

    /// Tells a connection it will not be served (`TooManyConnections`) and closes it; executeThenClose finishes
    /// the outbound writer, which must not be dropped unfinished.
    private static func refuse(_ connection: Connection, limit: Int, scope: String) async {
        try? await connection.executeThenClose { _, outbound in
            try await outbound.write(
                Frame.encode(
                    VarlinkReply(error: .tooManyConnections(limit: limit, scope: scope)).json,
                    allocator: ByteBufferAllocator()))
        }
    }

    /// Notes in the log that a uid hit its connection limit, at most once a minute per uid.
    private func noteUserLimit(_ uid: UInt32) {
        if userLimitNoted.due(uid) {
            logger.warning(
                "A user reached the per-user connection limit; further connections are refused",
                metadata: ["peer.uid": "\(uid)", "limit": "\(configuration.maximumConnectionsPerUser)"])
        }
    }

    private func scheduleIdleTimer(
        _ channel: any Channel, after first: Duration? = nil, logger: Logger
    ) -> Scheduled<Void>? {
        // Before the first call the shorter of the two applies.
        let timeouts = [first, configuration.idleTimeout].compactMap { $0 }
        guard let timeout = timeouts.min() else { return nil }
        return channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            logger.debug("Closing idle connection")
            channel.close(promise: nil)
        }
    }
}
