import Synchronization

/// Sends the replies to one call; handed to the handler together with the ``VarlinkCall``.
///
/// Each `reply` returns once the message was handed to the connection, which waits while the socket is not
/// writable, so a slow reader slows the handler down instead of growing a buffer. Use it from one task at a time.
public final class VarlinkReplyWriter: Sendable {
    private let oneway: Bool
    private let more: Bool
    private let finished = Mutex(false)
    private let failed = Mutex(false)
    private let send: @Sendable (VarlinkReply) async throws -> Void

    init(oneway: Bool, more: Bool, send: @escaping @Sendable (VarlinkReply) async throws -> Void) {
        self.oneway = oneway
        self.more = more
        self.send = send
    }

    /// Whether the final reply (or an error reply) was sent.
    public var isFinished: Bool {
        finished.withLock { $0 }
    }

    /// Sends a reply; `continues: true` announces more replies and is only allowed when the call has `more`.
    ///
    /// Throws `org.varlink.service.ExpectedMore` for `continues: true` on a call without `more` (let it propagate
    /// and the client gets that error), ``VarlinkReplyAlreadySent`` after the final reply, and the channel's error
    /// when the client has gone.
    public func reply(_ parameters: [String: JSONValue], continues: Bool = false) async throws {
        if continues && !more && !oneway { throw VarlinkError.expectedMore() }
        try finished.withLock { finished in
            guard !finished else { throw VarlinkReplyAlreadySent() }
            if !continues { finished = true }
        }
        guard !oneway else { return }
        try await send(VarlinkReply(parameters: parameters, continues: continues))
    }

    /// Sends a reply whose parameters are an `Encodable` value that encodes as a JSON object.
    public func reply(encoding parameters: some Encodable, continues: Bool = false) async throws {
        try await reply(try JSONValue.parameters(encoding: parameters), continues: continues)
    }

    /// Sends a typed (generated) reply.
    public func reply(_ parameters: some VarlinkStruct, continues: Bool = false) async throws {
        try await reply(parameters.varlinkObject, continues: continues)
    }

    /// Whether the call ended in an error reply.
    var didFail: Bool {
        failed.withLock { $0 }
    }

    /// Sends an error reply unless the call already got its final reply; returns whether it was sent.
    @discardableResult
    func fail(_ error: VarlinkError) async throws -> Bool {
        let first = finished.withLock { finished in
            defer { finished = true }
            return !finished
        }
        guard first else { return false }
        failed.withLock { $0 = true }
        if !oneway { try await send(VarlinkReply(error: error)) }
        return true
    }
}

/// The replies of a streaming (`more`) method with typed (generated) replies.
public struct VarlinkReplies<Reply: VarlinkStruct>: Sendable {
    private let writer: VarlinkReplyWriter

    /// Wraps the call's writer.
    public init(_ writer: VarlinkReplyWriter) {
        self.writer = writer
    }

    /// Sends one reply; `continues: false` ends the call (returning from the handler ends it too).
    public func send(_ reply: Reply, continues: Bool = true) async throws {
        try await writer.reply(reply, continues: continues)
    }
}

/// A handler tried to reply after the call's final reply.
public struct VarlinkReplyAlreadySent: Error, Sendable {}
