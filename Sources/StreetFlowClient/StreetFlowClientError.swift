import Varlink

/// A failed call: a named Varlink error from the daemon, or a local failure under `io.streetflow.client`.
///
/// Local failures use the same shape (a name and parameters) so a caller handles every failure one way.
public struct StreetFlowClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The fully qualified error name, e.g. `org.streetflow.Workflow.VersionConflict`.
    public var name: String
    /// The error's parameters as sent (for daemon errors: `message`, `messageEn` and the specifics).
    public var parameters: [String: JSONValue]

    /// Creates an error.
    public init(name: String, parameters: [String: JSONValue] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    /// The last component of the name, e.g. `VersionConflict`.
    public var shortName: String {
        String(name.split(separator: ".").last ?? Substring(name))
    }

    /// The daemon's Chinese sentence, if any.
    public var message: String? { parameters["message"]?.stringValue }

    /// The daemon's English sentence, if any.
    public var messageEn: String? { parameters["messageEn"]?.stringValue }

    /// A string parameter.
    public func string(_ key: String) -> String? { parameters[key]?.stringValue }

    /// A string-array parameter (empty when missing).
    public func strings(_ key: String) -> [String] { parameters[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// An integer parameter.
    public func int(_ key: String) -> Int? { parameters[key]?.intValue }

    /// The name and the parameters.
    public var description: String { "\(name) \(JSONValue.object(parameters).serialized())" }

    /// No daemon answers at the socket (`socket`, `reason`).
    public static let daemonUnavailableName = "io.streetflow.client.DaemonUnavailable"
    /// The connection broke during a call.
    public static let connectionLostName = "io.streetflow.client.ConnectionLost"
    /// The reply did not have the shape the interface declares (`reason`).
    public static let invalidReplyName = "io.streetflow.client.InvalidReply"

    /// Any failure of a call: the daemon's named error as is, a closed connection as `ConnectionLost`, anything
    /// else (a reply of the wrong shape) as `InvalidReply`.
    public init(_ error: any Error) {
        switch error {
        case let error as StreetFlowClientError: self = error
        case let error as VarlinkError: self.init(name: error.name, parameters: error.parameters)
        case let error as any VarlinkTypedError:
            self.init(name: error.varlinkError.name, parameters: error.varlinkObject)
        case let error as VarlinkClientError where error.isConnectionClosed:
            self.init(name: Self.connectionLostName, parameters: ["reason": .string(error.message)])
        default:
            self.init(name: Self.invalidReplyName, parameters: ["reason": .string("\(error)")])
        }
    }

    static func daemonUnavailable(socket: String, reason: String) -> StreetFlowClientError {
        StreetFlowClientError(
            name: daemonUnavailableName, parameters: ["socket": .string(socket), "reason": .string(reason)])
    }
}
