/// One incoming method call, as handed to a service's handler.
public struct VarlinkCall: Sendable {
    /// The interface the method belongs to, e.g. `org.example.Iface`.
    public var interface: String
    /// The method name without the interface, e.g. `Method`.
    public var method: String
    /// The input parameters, already validated against the method's input type.
    public var parameters: [String: JSONValue]
    /// The client wants no reply; replies written for it are dropped.
    public var oneway: Bool
    /// The client accepts several replies (`continues: true` on all but the last).
    public var more: Bool
    /// The caller's identity, from the kernel (`SO_PEERCRED`) when the connection was accepted.
    public var peer: PeerCredentials

    /// Creates a call; the server does this, tests of handlers may too.
    public init(
        interface: String,
        method: String,
        parameters: [String: JSONValue] = [:],
        oneway: Bool = false,
        more: Bool = false,
        peer: PeerCredentials
    ) {
        self.interface = interface
        self.method = method
        self.parameters = parameters
        self.oneway = oneway
        self.more = more
        self.peer = peer
    }

    /// `interface.method`, as sent by the client.
    public var qualifiedMethod: String {
        "\(interface).\(method)"
    }

    /// Decodes the parameters into a `Decodable` struct; a failure throws `InvalidParameter` naming the field.
    public func decodeParameters<T: Decodable>(as type: T.Type = T.self) throws(VarlinkError) -> T {
        do {
            return try JSONValue.object(parameters).decode(type)
        } catch let error as DecodingError {
            throw .invalidParameter(Self.path(of: error))
        } catch {
            throw .invalidParameter("parameters")
        }
    }

    /// Reads the parameters as a typed (generated) struct; a failure throws `InvalidParameter` naming the field.
    public func parameters<T: VarlinkStruct>(as type: T.Type = T.self) throws(VarlinkError) -> T {
        do {
            return try T(varlinkObject: parameters)
        } catch {
            throw .invalidParameter(error.path.isEmpty ? "parameters" : error.path)
        }
    }

    private static func path(of error: DecodingError) -> String {
        var codingPath: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): codingPath = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            codingPath = context.codingPath
        @unknown default: codingPath = []
        }
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path.isEmpty ? "parameters" : path
    }
}
