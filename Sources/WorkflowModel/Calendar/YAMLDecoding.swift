import Foundation
import Yams

/// Decoding of seed YAML with error messages a person editing the file can act on.
enum YAMLDecoding {
    /// Decodes `type` from `yaml`, turning parser and decoder errors into one readable sentence.
    static func decode<T: Decodable>(_ type: T.Type, from yaml: String) throws(Failure) -> T {
        guard yaml.contains(where: { !$0.isWhitespace }) else { throw Failure(message: "is empty", zh: "是空文件") }
        do {
            return try YAMLDecoder().decode(type, from: yaml)
        } catch let error as DecodingError {
            let (en, zh) = describe(error)
            throw Failure(message: en, zh: zh)
        } catch let error as YamlError {
            let detail = oneLine("\(error)")
            throw Failure(message: "is not valid YAML: \(detail)", zh: "不是有效的 YAML：\(detail)")
        } catch {
            throw Failure(message: "cannot be read: \(error)", zh: "无法读取：\(error)")
        }
    }

    /// Reads a UTF-8 text file.
    static func readText(_ url: URL) throws(Failure) -> String {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Failure(message: "does not exist", zh: "不存在")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Failure(
                message: "cannot be read (\(error.localizedDescription))", zh: "无法读取（\(error.localizedDescription)）")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure(message: "is not UTF-8 text", zh: "不是 UTF-8 文本")
        }
        return text
    }

    /// A decoding problem, without the file name (the caller adds it), in English and Chinese.
    struct Failure: Error {
        var message: String
        var zh: String
    }

    /// "years[2].holidays[0].date is missing …" for a decoder error, in English and Chinese (the path stays the
    /// file's own keys: that is what the person fixing it looks for).
    static func describe(_ error: DecodingError) -> (en: String, zh: String) {
        switch error {
        case .keyNotFound(let key, let context):
            return (
                "\(place(context.codingPath)) is missing the key '\(key.stringValue)'",
                "\(place(context.codingPath, zh: true))缺少键「\(key.stringValue)」"
            )
        case .valueNotFound(let type, let context):
            return (
                "\(place(context.codingPath)) has no value, expected \(type)",
                "\(place(context.codingPath, zh: true))没有值（应为 \(type)）"
            )
        case .typeMismatch(let type, let context):
            return (
                "\(place(context.codingPath)) is not of the expected type \(type): \(context.debugDescription)",
                "\(place(context.codingPath, zh: true))的类型不对（应为 \(type)）：\(context.debugDescription)"
            )
        case .dataCorrupted(let context):
            if let yamlError = context.underlyingError as? YamlError {
                let detail = oneLine("\(yamlError)")
                return ("is not valid YAML: \(detail)", "不是有效的 YAML：\(detail)")
            }
            return (
                "\(place(context.codingPath)): \(context.debugDescription)",
                "\(place(context.codingPath, zh: true))：\(context.debugDescription)"
            )
        @unknown default:
            return ("\(error)", "\(error)")
        }
    }

    /// Yams' multi-line parser messages (with a caret under the column) as one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "^" }
            .joined(separator: " | ")
    }

    /// A coding path as `years[2].holidays[0].date`, or "the document" (文件顶层) for the root.
    static func place(_ path: [any CodingKey], zh: Bool = false) -> String {
        guard !path.isEmpty else { return zh ? "文件顶层" : "the document" }
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
