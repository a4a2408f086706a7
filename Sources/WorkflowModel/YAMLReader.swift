import Foundation
import Yams

/// The one way StreetFlow reads YAML (workflows, seeds, the calendar, the daemon config): walks the node tree
/// and records every problem as a `Diagnostic` with file, line, column, YAML path, rule and fix, and the mark of
/// every path it read (so later checks can point at the text too).
package struct YAMLReader {
    /// The file, as named in diagnostics.
    package let file: String
    /// Every problem found so far.
    package var diagnostics: [Diagnostic] = []
    /// Where each YAML path read so far is written.
    package var marks: [String: Mark] = [:]

    /// Creates a reader for one file.
    package init(file: String) { self.file = file }

    package mutating func error(_ rule: String, _ path: String, _ mark: Mark?, _ message: String, _ hint: String) {
        diagnostics.append(
            Diagnostic(
                rule: rule, file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, path: path,
                message: message, hint: hint))
    }

    package mutating func yamlError(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            self.error(
                "yaml-syntax", "", mark, "YAML syntax error: \(detail)\(problem)", "fix the YAML at this position")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the first occurrence; point at the repeated one, which is what to delete or rename.
            let key = duplicates.first ?? ""
            let first = context.mark
            let again = Self.repeatedKey(key, after: first, in: context.text)
            diagnostics.append(
                Diagnostic(
                    rule: "duplicate-key", file: file, line: again?.line ?? first.line,
                    column: again?.column ?? first.column, path: "",
                    message: "duplicate key \(duplicates.joined(separator: ", ")) (first at line \(first.line))",
                    hint: "keys must be unique within a mapping: keep one, or rename the other"))
        default:
            self.error("yaml-syntax", "", nil, "YAML error: \(error)", "fix the YAML")
        }
    }

    /// The line and column where block-mapping key `key`, first written at `first`, is written again in the
    /// same mapping (same indentation); nil when not found that way (e.g. in a flow mapping).
    static func repeatedKey(_ key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        guard first.line >= 1, first.column >= 1, !key.isEmpty else { return nil }
        // Line breaks as YAML counts them (LF, CR, CRLF), so Yams's line numbers index these lines.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let indent = first.column - 1
        guard first.line < lines.count else { return nil }
        for index in first.line..<lines.count {
            let line = String(lines[index].unicodeScalars)
            let body = line.drop { $0 == " " }
            if body.isEmpty || body.hasPrefix("#") { continue }
            let depth = line.unicodeScalars.count - body.unicodeScalars.count
            if depth < indent { return nil }  // the mapping has ended
            guard depth == indent else { continue }
            for quote in ["", "\"", "'"] where body.hasPrefix(quote + key + quote) {
                let after = body.dropFirst(quote.count * 2 + key.count).drop { $0 == " " }
                if after.hasPrefix(":") { return (index + 1, first.column) }
            }
        }
        return nil
    }

    // MARK: - Primitives

    package mutating func mapping(_ node: Node, _ path: String, allowed: Set<String>? = nil) -> [(String, Node)]? {
        guard case .mapping(let mapping) = node else {
            error(
                "wrong-type", path, node.mark, "expected a mapping (key: value)", "write '\(path)' as key: value lines")
            return nil
        }
        var seen: Set<String> = []
        var pairs: [(String, Node)] = []
        // YAML merge keys (`<<: *anchor`): explicit keys win over merged ones.
        var entries = Array(mapping)
        if let merge = entries.firstIndex(where: { $0.key.string == "<<" }) {
            let merged = entries.remove(at: merge).value
            let explicit = Set(entries.compactMap(\.key.string))
            if case .mapping(let base) = merged {
                entries += base.filter { !explicit.contains($0.key.string ?? "") }
            }
        }
        for (keyNode, value) in entries {
            let key = keyNode.string ?? ""
            let sub = path.isEmpty ? key : "\(path).\(key)"
            if !seen.insert(key).inserted {
                error(
                    "duplicate-key", sub, keyNode.mark, "'\(key)' appears twice in \(path.isEmpty ? "the file" : path)",
                    "keep one '\(key)'; keys must be unique")
                continue
            }
            if let allowed, !allowed.contains(key) {
                let guess = Self.nearest(key, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                error(
                    "unknown-key", sub, keyNode.mark, "unknown key '\(key)'",
                    "\(guess)known keys here: \(allowed.sorted().joined(separator: ", "))")
                continue
            }
            // A block mapping or sequence starts on the line after its key: point at the key instead.
            if let valueMark = value.mark, let keyMark = keyNode.mark, valueMark.line > keyMark.line {
                marks[sub] = keyMark
            } else {
                marks[sub] = value.mark ?? keyNode.mark
            }
            pairs.append((key, value))
        }
        return pairs
    }

    package mutating func string(_ node: Node?, _ path: String, required: Bool = true) -> String? {
        guard let node else {
            if required {
                error("missing-key", path, parentMark(path), "'\(path)' is missing", "add '\(lastKey(path)):'")
            }
            return nil
        }
        marks[path] = marks[path] ?? node.mark
        guard case .scalar(let scalar) = node else {
            error("wrong-type", path, node.mark, "expected text", "write a single value for '\(path)'")
            return nil
        }
        return scalar.string
    }

    package mutating func strings(_ node: Node?, _ path: String) -> [String] {
        guard let node else { return [] }
        marks[path] = marks[path] ?? node.mark
        switch node {
        case .scalar(let scalar): return [scalar.string]
        case .sequence(let sequence):
            return sequence.enumerated().compactMap { index, item in string(item, "\(path)[\(index)]") }
        default:
            error("wrong-type", path, node.mark, "expected a value or a list", "write [a, b] or a single value")
            return []
        }
    }

    package mutating func bool(_ node: Node?, _ path: String) -> Bool {
        guard let node else { return false }
        guard let value = node.bool else {
            error("wrong-type", path, node.mark, "expected true or false", "write true or false")
            return false
        }
        return value
    }

    package mutating func label(_ node: Node?, _ path: String) -> LocalizedText {
        guard let node else {
            error("label-zh", path, nil, "'\(path)' is missing", "add a label with at least zh: 中文")
            return LocalizedText(zh: "")
        }
        marks[path] = node.mark
        if case .scalar(let scalar) = node {
            return LocalizedText(zh: scalar.string)
        }
        guard let pairs = mapping(node, path, allowed: ["zh", "en"]) else { return LocalizedText(zh: "") }
        let dict = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        guard let zh = dict["zh"]?.string, !zh.isEmpty else {
            error(
                "label-zh", path, node.mark, "the label has no Chinese text",
                "add zh: 中文标签 (the interface is Chinese first)")
            return LocalizedText(zh: "", en: dict["en"]?.string)
        }
        return LocalizedText(zh: zh, en: dict["en"]?.string)
    }

    package func parentMark(_ path: String) -> Mark? {
        var parent = path
        while let dot = parent.lastIndex(of: ".") {
            parent = String(parent[..<dot])
            if let mark = marks[parent] { return mark }
        }
        return nil
    }

    package func lastKey(_ path: String) -> String { path.split(separator: ".").last.map(String.init) ?? path }

    package mutating func positiveInt(_ node: Node?, _ path: String) -> Int? {
        guard let text = string(node, path) else { return nil }
        guard let value = Int(text), value > 0 else {
            error(
                "version", path, node?.mark, "'\(text)' is not a positive whole number",
                "write \(lastKey(path)): 1 (then 2, 3, ... for each new version)")
            return nil
        }
        return value
    }

    /// The document of `text`, or nil with a diagnostic (syntax error; empty when `emptyHint` is given).
    package mutating func document(_ text: String, emptyHint: String?) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                if let emptyHint { error("empty", "", nil, "the file is empty", emptyHint) }
                return nil
            }
            return node
        } catch let error as YamlError {
            yamlError(error)
        } catch {
            self.error("yaml-syntax", "", nil, "\(error)", "fix the YAML syntax")
        }
        return nil
    }

    /// The UTF-8 text of a file, or nil with a diagnostic.
    package mutating func text(of url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            error(
                "unreadable", "", nil,
                FileManager.default.fileExists(atPath: url.path) ? "cannot read the file" : "the file does not exist",
                "check the path and the file's permissions")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            error("unreadable", "", nil, "the file is not UTF-8 text", "save the file as UTF-8")
            return nil
        }
        return text
    }

    /// A list's items, or nil with a diagnostic when the node is something else.
    package mutating func sequence(_ node: Node, _ path: String) -> [Node]? {
        marks[path] = marks[path] ?? node.mark
        guard case .sequence(let items) = node else {
            error(
                "wrong-type", path, node.mark, "expected a list", "write '\(lastKey(path))' as - item lines or [a, b]")
            return nil
        }
        return Array(items)
    }

    /// A value that must be one of `values`.
    package mutating func oneOf(_ node: Node?, _ path: String, _ values: [String]) -> String? {
        guard let text = string(node, path) else { return nil }
        guard values.contains(text) else {
            let guess = Self.nearest(text, in: Set(values)).map { "did you mean '\($0)'? " } ?? ""
            error(
                "wrong-value", path, node?.mark ?? marks[path], "'\(text)' is not a value of \(lastKey(path))",
                "\(guess)write one of: \(values.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// true or false, or nil with a diagnostic.
    package mutating func boolean(_ node: Node, _ path: String) -> Bool? {
        marks[path] = marks[path] ?? node.mark
        guard case .scalar = node, let value = node.bool else {
            error(
                "wrong-type", path, node.mark, "'\(node.string ?? "…")' is not true or false",
                "write \(lastKey(path)): true or \(lastKey(path)): false")
            return nil
        }
        return value
    }

    /// A whole number of at least 1, or nil with a diagnostic.
    package mutating func count(_ node: Node, _ path: String) -> Int? {
        guard let text = string(node, path) else { return nil }
        guard let value = Int(text), value > 0 else {
            error(
                "wrong-type", path, node.mark, "'\(text)' is not a whole number above 0",
                "write \(lastKey(path)): followed by a number, e.g. \(lastKey(path)): 8")
            return nil
        }
        return value
    }

    /// A YYYY-MM-DD date, or nil with a diagnostic.
    package mutating func date(_ node: Node?, _ path: String) -> LocalDate? {
        guard let text = string(node, path) else { return nil }
        guard let date = LocalDate(text) else {
            error("wrong-type", path, node?.mark ?? marks[path], "'\(text)' is not a date", "write YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// The known word closest to a misspelt one (at most a third of its letters off), for hints.
    package static func nearest(_ word: String, in known: Set<String>) -> String? {
        let candidates = known.map { ($0, distance(word.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= max(1, word.count / 3) }
        return candidates.min { $0.1 == $1.1 ? $0.0 < $1.0 : $0.1 < $1.1 }?.0
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
