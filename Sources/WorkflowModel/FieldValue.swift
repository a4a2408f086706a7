/// The value of a subject or action field: text, a flag, a number or a list of keys.
public enum FieldValue: Hashable, Sendable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case list([String])

    /// The text of a `.string` value.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The keys of a `.list` value (a single string counts as a one-element list).
    public var listValue: [String]? {
        switch self {
        case .list(let l): return l
        case .string(let s): return [s]
        default: return nil
        }
    }

    /// The flag of a `.bool` value.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// A plain-text rendering for messages and tables.
    public var displayText: String {
        switch self {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .list(let l): return l.joined(separator: ", ")
        }
    }
}

extension FieldValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int.self) {
            self = .int(i)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let l = try? container.decode([String].self) {
            self = .list(l)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a field value is text, true/false, a number or a list of text")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .bool(let b): try container.encode(b)
        case .int(let i): try container.encode(i)
        case .list(let l): try container.encode(l)
        }
    }
}

extension [String: FieldValue] {
    /// Roughly how many bytes these fields take in a reply (keys, text and punctuation), to page large histories.
    public var approximateBytes: Int {
        reduce(0) { total, entry in
            let value: Int
            switch entry.value {
            case .string(let text): value = text.utf8.count
            case .bool, .int: value = 8
            case .list(let items): value = items.reduce(0) { $0 + $1.utf8.count + 4 }
            }
            return total + entry.key.utf8.count + value + 8
        }
    }
}
