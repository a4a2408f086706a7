import NIOCore
import NIOPosix

/// A Varlink client on one Unix socket connection.
///
/// Calls may be issued concurrently; they are written in the order made and the server answers them in that order.
public final class VarlinkClient: Sendable {
    private let channel: any Channel

    private init(channel: any Channel) {
        self.channel = channel
    }

    /// Connects to the Unix socket at `path`; replies larger than `maximumMessageSize` bytes close the connection.
    public static func connect(
        path: String,
        maximumMessageSize: Int = 16 << 20,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> VarlinkClient {
        let channel = try await ClientBootstrap(group: eventLoopGroup)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(FrameDecoder(maximumMessageSize: maximumMessageSize))
                    )
                    try channel.pipeline.syncOperations.addHandler(ClientHandler())
                }
            }
            .connect(unixDomainSocketPath: path)
            .get()
        return VarlinkClient(channel: channel)
    }

    /// Calls a method and returns its reply's parameters; an error reply throws ``VarlinkError``.
    public func call(method: String, parameters: [String: JSONValue] = [:]) async throws -> [String: JSONValue] {
        let promise = channel.eventLoop.makePromise(of: [String: JSONValue].self)
        let request = VarlinkRequest(method: method, parameters: parameters)
        // If the channel is already closed, the handler never sees the request; the write's failure answers it.
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { _ in promise.fail(VarlinkClientError.connectionClosed) }
        channel.writeAndFlush(
            ClientHandler.Request(frame: frame(request), receiver: .single(promise)), promise: written)
        return try await promise.futureResult.get()
    }

    /// Calls a method with `Encodable` parameters and decodes the reply into `Output`.
    public func call<Output: Decodable>(
        method: String,
        parameters: some Encodable,
        as output: Output.Type = Output.self
    ) async throws -> Output {
        let reply = try await call(method: method, parameters: try JSONValue.parameters(encoding: parameters))
        return try JSONValue.object(reply).decode(output)
    }

    /// Calls a method with typed (generated) parameters and reads the reply as `Reply`.
    ///
    /// Absent optional parameters are left out of the request. An error reply throws ``VarlinkError``; a reply that
    /// does not have the declared shape throws ``VarlinkClientError/protocolViolation(_:)``.
    public func call<Reply: VarlinkStruct>(
        method: String,
        parameters: some VarlinkStruct,
        returning reply: Reply.Type = Reply.self
    ) async throws -> Reply {
        let object = try await call(method: method, parameters: parameters.varlinkObject.filter { !$0.value.isNull })
        return try Self.read(object, as: reply, method: method)
    }

    /// Calls a method with `more` and typed parameters; the stream yields each reply read as `Reply`.
    ///
    /// Stopping the iteration early closes the connection, as ``callMore(method:parameters:)`` does.
    public func callMore<Reply: VarlinkStruct>(
        method: String,
        parameters: some VarlinkStruct,
        returning reply: Reply.Type = Reply.self
    ) -> AsyncThrowingStream<Reply, any Error> {
        let replies = callMore(method: method, parameters: parameters.varlinkObject.filter { !$0.value.isNull })
        let (stream, continuation) = AsyncThrowingStream<Reply, any Error>.makeStream()
        let task = Task {
            do {
                for try await object in replies {
                    continuation.yield(try Self.read(object, as: reply, method: method))
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private static func read<Reply: VarlinkStruct>(
        _ object: [String: JSONValue], as reply: Reply.Type, method: String
    ) throws(VarlinkClientError) -> Reply {
        do {
            return try Reply(varlinkObject: object)
        } catch {
            throw .protocolViolation("the reply of \(method) does not match its interface: \(error)")
        }
    }

    /// Calls a method with `more`; the stream yields each reply and ends after the one without `continues`.
    ///
    /// An error reply ends the stream by throwing ``VarlinkError``. Stopping the iteration early closes the
    /// connection, because Varlink has no other way to cancel a call.
    public func callMore(
        method: String,
        parameters: [String: JSONValue] = [:]
    ) -> AsyncThrowingStream<[String: JSONValue], any Error> {
        let (stream, continuation) = AsyncThrowingStream<[String: JSONValue], any Error>.makeStream()
        let channel = self.channel
        continuation.onTermination = { termination in
            if case .cancelled = termination { channel.close(promise: nil) }
        }
        let request = VarlinkRequest(method: method, parameters: parameters, more: true)
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { _ in continuation.finish(throwing: VarlinkClientError.connectionClosed) }
        channel.writeAndFlush(
            ClientHandler.Request(frame: frame(request), receiver: .stream(continuation)),
            promise: written
        )
        return stream
    }

    /// Calls a method with `oneway`: no reply comes; returns once the request was written.
    public func oneway(method: String, parameters: [String: JSONValue] = [:]) async throws {
        let request = VarlinkRequest(method: method, parameters: parameters, oneway: true)
        do {
            try await channel.writeAndFlush(ClientHandler.Request(frame: frame(request), receiver: nil))
        } catch ChannelError.ioOnClosedChannel {
            throw VarlinkClientError.connectionClosed
        }
    }

    /// Closes the connection; calls still waiting fail with ``VarlinkClientError/connectionClosed``.
    public func close() async {
        try? await channel.close()
    }

    private func frame(_ request: VarlinkRequest) -> ByteBuffer {
        Frame.encode(request.json, allocator: channel.allocator)
    }
}
