import Foundation

extension JSONValue: Codable {
    /// Decodes any JSON value; integers that fit in `Int` stay `.int`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    /// Encodes the value as itself.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Converts an `Encodable` value (for example a parameter struct) to a JSON value.
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        let data = try encoder.encode(value)
        self = try JSONValue(parsing: data)
    }

    /// Converts the JSON value to a `Decodable` type (for example a parameter struct).
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        var bytes: [UInt8] = []
        serialize(into: &bytes)
        return try JSONDecoder().decode(type, from: Data(bytes))
    }

    /// Converts an `Encodable` value whose JSON form is an object to Varlink parameters.
    public static func parameters(encoding value: some Encodable) throws -> [String: JSONValue] {
        let json = try JSONValue(encoding: value)
        guard let object = json.objectValue else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(codingPath: [], debugDescription: "parameters must encode as a JSON object")
            )
        }
        return object
    }
}
