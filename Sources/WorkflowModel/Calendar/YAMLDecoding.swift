import Foundation
import Yams

/// Decoding of seed YAML with error messages a person editing the file can act on.
enum YAMLDecoding {
    /// Decodes `type` from `yaml`, turning parser and decoder errors into one readable sentence.
    static func decode<T: Decodable>(_ type: T.Type, from yaml: String) throws(Failure) -> T {
        do {
            return try YAMLDecoder().decode(type, from: yaml)
        } catch let error as DecodingError {
            throw Failure(message: describe(error))
        } catch let error as YamlError {
            throw Failure(message: "not valid YAML: \(error)")
        } catch {
            throw Failure(message: "cannot be read: \(error)")
        }
    }

    /// Reads a UTF-8 text file.
    static func readText(_ url: URL) throws(Failure) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Failure(message: "cannot be read (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure(message: "is not UTF-8 text")
        }
        return text
    }

    /// A decoding problem, without the file name (the caller adds it).
    struct Failure: Error {
        var message: String
    }

    /// "at years[2].holidays[0].date: ..." for a decoder error.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "\(place(context.codingPath)) is missing the key '\(key.stringValue)'"
        case .valueNotFound(let type, let context):
            return "\(place(context.codingPath)) has no value, expected \(type)"
        case .typeMismatch(let type, let context):
            return "\(place(context.codingPath)) is not of the expected type \(type): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// A coding path as `years[2].holidays[0].date`, or "the document" for the root.
    static func place(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "the document" }
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}
