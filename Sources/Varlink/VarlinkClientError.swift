/// A client-side failure that is not a Varlink error reply: the connection closed, or the server broke the protocol.
public struct VarlinkClientError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case connectionClosed
        case protocolViolation
    }

    private let code: Code
    /// What happened, in a sentence.
    public let message: String

    private init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The connection closed before the reply arrived.
    public static let connectionClosed = VarlinkClientError(
        code: .connectionClosed,
        message: "the connection closed before the reply arrived"
    )

    /// The server sent something that is not a valid reply.
    public static func protocolViolation(_ message: String) -> VarlinkClientError {
        VarlinkClientError(code: .protocolViolation, message: message)
    }

    /// Whether this error is ``connectionClosed``.
    public var isConnectionClosed: Bool {
        code == .connectionClosed
    }

    /// The message.
    public var description: String {
        message
    }
}
