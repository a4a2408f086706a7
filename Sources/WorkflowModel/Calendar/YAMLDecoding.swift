import Foundation
import Yams

/// Decoding of seed YAML with error messages a person editing the file can act on.
enum YAMLDecoding {
    /// Decodes `type` from `yaml`, turning parser and decoder errors into one readable sentence.
    static func decode<T: Decodable>(_ type: T.Type, from yaml: String) throws(Failure) -> T {
        guard yaml.contains(where: { !$0.isWhitespace }) else { throw Failure(message: "is empty") }
        do {
            return try YAMLDecoder().decode(type, from: yaml)
        } catch let error as DecodingError {
            throw Failure(message: describe(error))
        } catch let error as YamlError {
            throw Failure(message: "is not valid YAML: \(oneLine("\(error)"))")
        } catch {
            throw Failure(message: "cannot be read: \(error)")
        }
    }

    /// Reads a UTF-8 text file.
    static func readText(_ url: URL) throws(Failure) -> String {
        guard FileManager.default.fileExists(atPath: url.path) else { throw Failure(message: "does not exist") }
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
            if let yamlError = context.underlyingError as? YamlError {
                return "is not valid YAML: \(oneLine("\(yamlError)"))"
            }
            return "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// Yams' multi-line parser messages (with a caret under the column) as one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "^" }
            .joined(separator: " | ")
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
