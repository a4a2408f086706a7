import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Matches replies to calls: Varlink answers a connection's calls in order, so the oldest waiting call owns the
/// next reply (and all replies with `continues: true` after it).
final class ClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = Request
    typealias OutboundOut = ByteBuffer

    /// Who receives the replies to one call.
    enum Receiver: Sendable {
        case single(EventLoopPromise<[String: JSONValue]>)
        case stream(AsyncThrowingStream<[String: JSONValue], any Error>.Continuation)
        // A single call that already got its answer but whose server keeps sending `continues: true`.
        case discard
    }

    /// One framed request and, unless it is oneway, who receives its replies.
    struct Request: Sendable {
        var frame: ByteBuffer
        var receiver: Receiver?
    }

    private var receivers = CircularBuffer<Receiver>()
    private var closed = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if closed {
            if let receiver = request.receiver { fail(receiver, with: VarlinkClientError.connectionClosed) }
            promise?.fail(VarlinkClientError.connectionClosed)
            return
        }
        if let receiver = request.receiver { receivers.append(receiver) }
        context.write(wrapOutboundOut(request.frame), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        let reply: VarlinkReply
        do {
            reply = try VarlinkReply(json: try Frame.decode(frame))
        } catch {
            failAll(with: VarlinkClientError.protocolViolation("invalid reply: \(error)"))
            context.close(promise: nil)
            return
        }
        guard let receiver = receivers.first else {
            failAll(with: VarlinkClientError.protocolViolation("a reply arrived for no call"))
            context.close(promise: nil)
            return
        }
        let last = !reply.continues || reply.error != nil
        switch receiver {
        case .single(let promise):
            if let error = reply.varlinkError {
                promise.fail(error)
            } else {
                promise.succeed(reply.parameters)
            }
            if !last { receivers[receivers.startIndex] = .discard }
        case .stream(let continuation):
            if let error = reply.varlinkError {
                continuation.finish(throwing: error)
            } else {
                continuation.yield(reply.parameters)
                if last { continuation.finish() }
            }
        case .discard:
            break
        }
        if last { receivers.removeFirst() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        failAll(with: VarlinkClientError.connectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch error {
        case is FrameTooLargeError:
            failAll(with: VarlinkClientError.protocolViolation("reply too large"))
        case let error as IOError where error.errnoCode == ECONNRESET || error.errnoCode == EPIPE:
            // The server closed the connection before reading what was sent (e.g. as idle): it is closed, as when
            // it closes in order.
            failAll(with: VarlinkClientError.connectionClosed)
        default:
            failAll(with: error)
        }
        context.close(promise: nil)
    }

    private func failAll(with error: any Error) {
        while let receiver = receivers.popFirst() {
            fail(receiver, with: error)
        }
    }

    private func fail(_ receiver: Receiver, with error: any Error) {
        switch receiver {
        case .single(let promise): promise.fail(error)
        case .stream(let continuation): continuation.finish(throwing: error)
        case .discard: break
        }
    }
}
