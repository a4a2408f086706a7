/// A Varlink reply as it travels on the wire: parameters, or an error with parameters.
public struct VarlinkReply: Sendable, Hashable {
    /// The output parameters, or the error's parameters.
    public var parameters: [String: JSONValue]
    /// More replies to the same call follow.
    public var continues: Bool
    /// The error name, when the reply is an error.
    public var error: String?

    /// Creates a successful reply.
    public init(parameters: [String: JSONValue], continues: Bool = false) {
        self.parameters = parameters
        self.continues = continues
        self.error = nil
    }

    /// Creates an error reply.
    public init(error: VarlinkError) {
        self.parameters = error.parameters
        self.continues = false
        self.error = error.name
    }

    /// Reads a reply from its JSON form; a malformed one throws `io.streetflow.varlink.InvalidMessage`.
    public init(json: JSONValue) throws(VarlinkError) {
        guard let object = json.objectValue else { throw .invalidMessage("message is not a JSON object") }
        switch object["parameters"] {
        case nil, .null?: self.parameters = [:]
        case .object(let parameters)?: self.parameters = parameters
        default: throw .invalidMessage("parameters is not an object")
        }
        switch object["continues"] {
        case nil, .null?: self.continues = false
        case .bool(let value)?: self.continues = value
        default: throw .invalidMessage("continues is not a boolean")
        }
        switch object["error"] {
        case nil, .null?: self.error = nil
        case .string(let name)?: self.error = name
        default: throw .invalidMessage("error is not a string")
        }
    }

    /// The JSON form; `continues` is left out when false.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["parameters": .object(parameters)]
        if continues { object["continues"] = true }
        if let error { object["error"] = .string(error) }
        return .object(object)
    }

    /// The error this reply carries, if it is an error reply.
    public var varlinkError: VarlinkError? {
        error.map { VarlinkError(name: $0, parameters: parameters) }
    }
}
