/// A Varlink method call as it travels on the wire.
public struct VarlinkRequest: Sendable, Hashable {
    /// The fully qualified method name, e.g. `org.example.Iface.Method`.
    public var method: String
    /// The call's input parameters.
    public var parameters: [String: JSONValue]
    /// The client wants no reply.
    public var oneway: Bool
    /// The client accepts several replies (`continues: true` on all but the last).
    public var more: Bool
    /// The client asks to upgrade the connection to another protocol; this library refuses such calls.
    public var upgrade: Bool

    /// Creates a request.
    public init(
        method: String,
        parameters: [String: JSONValue] = [:],
        oneway: Bool = false,
        more: Bool = false,
        upgrade: Bool = false
    ) {
        self.method = method
        self.parameters = parameters
        self.oneway = oneway
        self.more = more
        self.upgrade = upgrade
    }

    /// Reads a request from its JSON form; a malformed one throws `io.streetflow.varlink.InvalidMessage`.
    public init(json: JSONValue) throws(VarlinkError) {
        guard let object = json.objectValue else { throw .invalidMessage("message is not a JSON object") }
        guard let method = object["method"]?.stringValue else { throw .invalidMessage("method is missing") }
        self.method = method
        switch object["parameters"] {
        case nil, .null?:
            self.parameters = [:]
        case .object(let parameters)?:
            self.parameters = parameters
        default:
            throw .invalidMessage("parameters is not an object")
        }
        func flag(_ key: String) throws(VarlinkError) -> Bool {
            switch object[key] {
            case nil, .null?: return false
            case .bool(let value)?: return value
            default: throw .invalidMessage("\(key) is not a boolean")
            }
        }
        self.oneway = try flag("oneway")
        self.more = try flag("more")
        self.upgrade = try flag("upgrade")
    }

    /// The JSON form; flags that are false are left out.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["method": .string(method), "parameters": .object(parameters)]
        if oneway { object["oneway"] = true }
        if more { object["more"] = true }
        if upgrade { object["upgrade"] = true }
        return .object(object)
    }

    /// The interface part of ``method`` (everything before the last dot).
    public var interfaceName: String {
        guard let dot = method.lastIndex(of: ".") else { return "" }
        return String(method[..<dot])
    }

    /// The member part of ``method`` (everything after the last dot).
    public var memberName: String {
        guard let dot = method.lastIndex(of: ".") else { return method }
        return String(method[method.index(after: dot)...])
    }
}
