/// A value with a Varlink wire form: the IDL's built-in types here, and the types `varlink-swift-gen` generates.
///
/// `bool`, `int`, `float`, `string` and `object` map to `Bool`, `Int`, `Double`, `String` and
/// `[String: JSONValue]`; `?T`, `[]T` and `[string]T` to `T?`, `[T]` and `[String: T]`.
public protocol VarlinkRepresentable: Sendable {
    /// Reads the wire form; a mistyped value throws naming where it is.
    init(varlink json: JSONValue) throws(VarlinkDecodingError)
    /// The wire form.
    var varlinkJSON: JSONValue { get }
}

/// A Varlink struct: a named type, a method's parameters or reply, or an error's parameters.
public protocol VarlinkStruct: VarlinkRepresentable, Codable {
    /// Reads the fields from an object; a missing or mistyped field throws naming it.
    init(varlinkObject object: [String: JSONValue]) throws(VarlinkDecodingError)
    /// The fields; an absent optional is `null`.
    var varlinkObject: [String: JSONValue] { get }
}

extension VarlinkStruct {
    /// Reads the wire form, which must be an object.
    public init(varlink json: JSONValue) throws(VarlinkDecodingError) {
        guard case .object(let object) = json else { throw VarlinkDecodingError(expected: "object", found: json) }
        try self.init(varlinkObject: object)
    }

    /// The fields as a JSON object.
    public var varlinkJSON: JSONValue {
        .object(varlinkObject)
    }
}

/// A Varlink `error` member as a Swift error: its fully qualified name and its parameters.
public protocol VarlinkTypedError: Error, VarlinkStruct {
    /// The fully qualified error name, e.g. `org.example.ftp.NotFound`.
    static var varlinkName: String { get }
}

extension VarlinkTypedError {
    /// The error as sent on the wire.
    public var varlinkError: VarlinkError {
        VarlinkError(name: Self.varlinkName, parameters: varlinkObject)
    }

    /// The typed error, when `error` has this error's name and parameters.
    public init?(_ error: VarlinkError) {
        guard error.name == Self.varlinkName, let typed = try? Self(varlinkObject: error.parameters) else {
            return nil
        }
        self = typed
    }
}

/// A wire value that does not have the type the interface declares.
public struct VarlinkDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where: a dotted path such as `instance.title.zh` or `history[2].at`; empty for the value itself.
    public var path: String
    /// What the interface declares there, e.g. `int` or `(a, b)`.
    public var expected: String
    /// What the value was, e.g. `string` or `null`.
    public var found: String

    /// Creates the error for a value at the top.
    public init(expected: String, found: JSONValue) {
        self.path = ""
        self.expected = expected
        switch found {
        case .null: self.found = "null"
        case .bool: self.found = "bool"
        case .int, .double: self.found = "number"
        case .string(let text): self.found = "\"\(text.prefix(40))\""
        case .array: self.found = "array"
        case .object: self.found = "object"
        }
    }

    /// The same error one level further in: `field` (a name or `[index]`) is put in front of the path.
    public func inside(_ field: String) -> VarlinkDecodingError {
        var copy = self
        if path.isEmpty {
            copy.path = field
        } else {
            copy.path = path.hasPrefix("[") ? field + path : "\(field).\(path)"
        }
        return copy
    }

    /// `path: expected type`.
    public var description: String {
        "\(path.isEmpty ? "value" : path): expected \(expected), found \(found)"
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// Reads the field `name` (a missing field reads as `null`) as `T`; a failure names the field.
    @inlinable
    public func varlinkField<T: VarlinkRepresentable>(
        _ name: String, as type: T.Type = T.self
    ) throws(VarlinkDecodingError) -> T {
        do {
            return try T(varlink: self[name] ?? .null)
        } catch {
            throw error.inside(name)
        }
    }
}

extension Bool: VarlinkRepresentable {
    /// Reads a JSON boolean.
    @inlinable
    public init(varlink json: JSONValue) throws(VarlinkDecodingError) {
        guard case .bool(let value) = json else { throw VarlinkDecodingError(expected: "bool", found: json) }
        self = value
    }

    /// A JSON boolean.
    @inlinable
    public var varlinkJSON: JSONValue { .bool(self) }
}

extension Int: VarlinkRepresentable {
    /// Reads a JSON integer (or an integral number).
    @inlinable
    public init(varlink json: JSONValue) throws(VarlinkDecodingError) {
        guard let value = json.intValue else { throw VarlinkDecodingError(expected: "int", found: json) }
        self = value
    }

    /// A JSON integer.
    @inlinable
    public var varlinkJSON: JSONValue { .int(self) }
}

extension Double: VarlinkRepresentable {
    /// Reads a JSON number.
    @inlinable
    public init(varlink json: JSONValue) throws(VarlinkDecodingError) {
        guard let value = json.doubleValue else { throw VarlinkDecodingError(expected: "float", found: json) }
        self = value
    }

    /// A JSON number.
    @inlinable
    public var varlinkJSON: JSONValue { .double(self) }
}

extension String: VarlinkRepresentable {
    /// Reads a JSON string.
    @inlinable
    public init(varlink json: JSONValue) throws(VarlinkDecodingError) {
        guard case .string(let value) = json else { throw VarlinkDecodingError(expected: "string", found: json) }
        self = value
    }

    /// A JSON string.
    @inlinable
    public var varlinkJSON: JSONValue { .string(self) }
}

extension JSONValue: VarlinkRepresentable {
    /// Any JSON value, as is (the values of an `object`).
    @inlinable
    public init(varlink json: JSONValue) throws(VarlinkDecodingError) {
        self = json
    }

    /// The value itself.
    @inlinable
    public var varlinkJSON: JSONValue { self }
}

extension Optional: VarlinkRepresentable where Wrapped: VarlinkRepresentable {
    /// `null` (or a missing field) reads as `nil`.
    @inlinable
    public init(varlink json: JSONValue) throws(VarlinkDecodingError) {
        if case .null = json {
            self = nil
        } else {
            self = try Wrapped(varlink: json)
        }
    }

    /// `nil` is `null`.
    @inlinable
    public var varlinkJSON: JSONValue { self?.varlinkJSON ?? .null }
}

extension Array: VarlinkRepresentable where Element: VarlinkRepresentable {
    /// Reads a JSON array; a failure names the index.
    @inlinable
    public init(varlink json: JSONValue) throws(VarlinkDecodingError) {
        guard case .array(let items) = json else { throw VarlinkDecodingError(expected: "array", found: json) }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                result.append(try Element(varlink: item))
            } catch {
                throw error.inside("[\(index)]")
            }
        }
        self = result
    }

    /// A JSON array.
    @inlinable
    public var varlinkJSON: JSONValue { .array(map(\.varlinkJSON)) }
}

extension Dictionary: VarlinkRepresentable where Key == String, Value: VarlinkRepresentable {
    /// Reads a JSON object (`[string]T`, or `object` when `T` is `JSONValue`); a failure names the key.
    @inlinable
    public init(varlink json: JSONValue) throws(VarlinkDecodingError) {
        guard case .object(let object) = json else { throw VarlinkDecodingError(expected: "object", found: json) }
        var result: [String: Value] = [:]
        result.reserveCapacity(object.count)
        for (key, item) in object {
            do {
                result[key] = try Value(varlink: item)
            } catch {
                throw error.inside(key)
            }
        }
        self = result
    }

    /// A JSON object.
    @inlinable
    public var varlinkJSON: JSONValue { .object(mapValues(\.varlinkJSON)) }
}
