/// A named Varlink error: thrown by handlers to send an error reply, and by the client when one arrives.
///
/// The standard errors of `org.varlink.service` have factories here. Errors the library itself adds (not in the
/// Varlink specification) live under `io.streetflow.varlink` rather than squatting on `org.varlink.service`:
/// ``messageTooLargeName``, ``invalidMessageName`` and ``internalErrorName``.
public struct VarlinkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The fully qualified error name, e.g. `org.varlink.service.InvalidParameter`.
    public var name: String
    /// The error's parameters, as declared by the interface's `error` member.
    public var parameters: [String: JSONValue]

    /// Creates an error with a name and parameters.
    public init(name: String, parameters: [String: JSONValue] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    /// Creates an error whose parameters are an `Encodable` value that encodes as an object.
    public init(name: String, encoding parameters: some Encodable) throws {
        self.init(name: name, parameters: try JSONValue.parameters(encoding: parameters))
    }

    /// The name and the sorted-key JSON parameters.
    public var description: String {
        "\(name) \(JSONValue.object(parameters).serialized())"
    }

    /// Sent when a message exceeds the server's maximum size; the connection is closed after it.
    public static let messageTooLargeName = "io.streetflow.varlink.MessageTooLarge"
    /// Sent when a message is not a JSON object with a string `method`; the connection is closed after it.
    public static let invalidMessageName = "io.streetflow.varlink.InvalidMessage"
    /// Sent when a handler throws an error that is not a `VarlinkError`; the details are only logged.
    public static let internalErrorName = "io.streetflow.varlink.InternalError"

    /// `org.varlink.service.InterfaceNotFound {interface}`.
    public static func interfaceNotFound(_ interface: String) -> VarlinkError {
        VarlinkError(name: "org.varlink.service.InterfaceNotFound", parameters: ["interface": .string(interface)])
    }

    /// `org.varlink.service.MethodNotFound {method}`.
    public static func methodNotFound(_ method: String) -> VarlinkError {
        VarlinkError(name: "org.varlink.service.MethodNotFound", parameters: ["method": .string(method)])
    }

    /// `org.varlink.service.MethodNotImplemented {method}`.
    public static func methodNotImplemented(_ method: String) -> VarlinkError {
        VarlinkError(name: "org.varlink.service.MethodNotImplemented", parameters: ["method": .string(method)])
    }

    /// `org.varlink.service.InvalidParameter {parameter}`.
    public static func invalidParameter(_ parameter: String) -> VarlinkError {
        VarlinkError(name: "org.varlink.service.InvalidParameter", parameters: ["parameter": .string(parameter)])
    }

    /// `org.varlink.service.PermissionDenied`.
    public static func permissionDenied() -> VarlinkError {
        VarlinkError(name: "org.varlink.service.PermissionDenied")
    }

    /// `org.varlink.service.ExpectedMore`: the method streams and must be called with `more`.
    public static func expectedMore() -> VarlinkError {
        VarlinkError(name: "org.varlink.service.ExpectedMore")
    }

    /// `io.streetflow.varlink.MessageTooLarge {maximumSize}`.
    public static func messageTooLarge(maximumSize: Int) -> VarlinkError {
        VarlinkError(name: messageTooLargeName, parameters: ["maximumSize": .int(maximumSize)])
    }

    /// `io.streetflow.varlink.TooManyConnections {limit, scope}`: sent before the server closes a connection it
    /// will not serve — over the limit for the caller's uid (`scope: user`) or for all (`scope: all`).
    public static func tooManyConnections(limit: Int, scope: String) -> VarlinkError {
        VarlinkError(name: tooManyConnectionsName, parameters: ["limit": .int(limit), "scope": .string(scope)])
    }

    /// The name of ``tooManyConnections(limit:scope:)``.
    public static let tooManyConnectionsName = "io.streetflow.varlink.TooManyConnections"

    /// `io.streetflow.varlink.InvalidMessage {reason}`.
    public static func invalidMessage(_ reason: String) -> VarlinkError {
        VarlinkError(name: invalidMessageName, parameters: ["reason": .string(reason)])
    }

    /// `io.streetflow.varlink.InternalError`.
    public static func internalError() -> VarlinkError {
        VarlinkError(name: internalErrorName)
    }
}
