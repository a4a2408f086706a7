/// A type in the Varlink interface definition language.
///
/// The set of cases is fixed by the Varlink specification, so the enum is exhaustive on purpose.
public indirect enum VarlinkType: Sendable, Hashable, CustomStringConvertible {
    /// `bool`.
    case bool
    /// `int`.
    case int
    /// `float` (an integer is accepted too).
    case float
    /// `string`.
    case string
    /// `object`: any JSON object, not checked further.
    case object
    /// `?T`: the field may be missing or `null`.
    case optional(VarlinkType)
    /// `[]T`.
    case array(VarlinkType)
    /// `[string]T`: an object with arbitrary keys and values of type `T`.
    case dictionary(VarlinkType)
    /// `(a, b, c)`: one of the listed strings.
    case enumeration([String])
    /// `(x: T, y: ?U)`: an object with these fields.
    case structure([VarlinkField])
    /// A type defined with `type Name ...` in the same interface.
    case named(String)

    /// The type as written in an interface definition.
    public var description: String {
        switch self {
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "string"
        case .object: return "object"
        case .optional(let wrapped): return "?\(wrapped)"
        case .array(let element): return "[]\(element)"
        case .dictionary(let value): return "[string]\(value)"
        case .enumeration(let cases): return "(\(cases.joined(separator: ", ")))"
        case .structure(let fields): return "(\(fields.map(\.description).joined(separator: ", ")))"
        case .named(let name): return name
        }
    }
}

/// A named field of a Varlink struct type, method input/output or error.
public struct VarlinkField: Sendable, Hashable, CustomStringConvertible {
    /// The field name.
    public var name: String
    /// The field type; `.optional` when the field may be left out.
    public var type: VarlinkType

    /// Creates a field.
    public init(name: String, type: VarlinkType) {
        self.name = name
        self.type = type
    }

    /// `name: type`.
    public var description: String {
        "\(name): \(type)"
    }
}
