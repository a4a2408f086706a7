import Foundation
import Testing

@testable import WorkflowModel

/// Definitions are data: no behaviour in `Sources/` keys on a workflow, state, action, field or enum key of a
/// shipped definition. The test reads every string literal of every Swift file under `Sources/` (the seeds'
/// own loaders, `Sources/WorkflowModel/Seeds/`, excepted) and fails on one that is such a name, or that quotes
/// one (`'accepted'` in SQL, `"placement": …` in an example).
struct ShippedNamesTests {
    /// Words that are keys of shipped definitions and also words of the definition language or the protocol
    /// itself; a literal holding one of these means the language word, never the definition's key.
    static let languageWords: [String: String] = [
        "committee": "a field type and the relation role (who: [committee]), and a Varlink parameter",
        "text": "a field type",
        "title": "a key of every definition (title:)",
        "description": "a key of every definition (description:)",
        "reason": "the parameter of refusals that carries the guard's explanation",
        "department": "a field type and the role family (who: [department]), and a Varlink parameter",
        "admission": "a series of document numbers (number: admission), a word of the definition language",
        "revocation": "a series of document numbers (number: revocation), a word of the definition language",
        "phase":
            "a Varlink parameter (ProgrammeCommittee.phase: the value of whichever field the programme's workflow phases by)",
    ]

    /// Generic code whose literals are another language's words: the Varlink IDL → Swift generator lists Swift's
    /// keywords (`return` among them).
    static let generic = ["VarlinkGenerator/"]

    /// Every key of the shipped definitions.
    static func shippedNames() throws -> Set<String> {
        var names: Set<String> = []
        for (_, result) in try Repository.loader.loadDirectory(Repository.workflows) {
            let definition = try #require(result.definition, "\(result.diagnostics)")
            names.insert(definition.key)
            names.formUnion(definition.states.map(\.key))
            names.formUnion(definition.actions.map(\.key))
            for field in definition.fields + definition.actions.flatMap(\.fields) {
                names.insert(field.key)
                names.formUnion(field.values.map(\.key))
            }
        }
        return names
    }

    @Test func noSourceFileKeysOnAShippedName() throws {
        let names = try Self.shippedNames().subtracting(Self.languageWords.keys)
        #expect(names.contains("task-admission") && names.contains("resubmit") && names.contains("placement"))
        let sources = Repository.root.appendingPathComponent("Sources")
        let seeds = sources.appendingPathComponent("WorkflowModel/Seeds").path + "/"
        var findings: [String] = []
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        for relative in files.sorted() where relative.hasSuffix(".swift") {
            let path = sources.appendingPathComponent(relative).path
            if path.hasPrefix(seeds) || Self.generic.contains(where: relative.hasPrefix) { continue }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for literal in Self.stringLiterals(text) {
                for name in names.sorted() where Self.keys(literal.text, on: name) {
                    findings.append("Sources/\(relative):\(literal.line): a literal names '\(name)'")
                }
            }
        }
        #expect(findings.isEmpty, "\(findings.joined(separator: "\n"))")
    }

    @Test func theScannerSeesWhatItMust() {
        let swift = #"""
            let a = "street-programme" // "ignored in a comment"
            /* "also ignored" */ let b = "SELECT 1 WHERE state = 'accepted'"
            let c = """
                {"placement": "inside"}
                """
            let d = "\(x) and \("nested") \\ \" done"
            """#
        let literals = Self.stringLiterals(swift)
        #expect(literals.map(\.line) == [1, 2, 3, 6])
        #expect(Self.keys(literals[0].text, on: "street-programme"))
        #expect(Self.keys(literals[1].text, on: "accepted"))
        #expect(Self.keys(literals[2].text, on: "placement"))
        #expect(!Self.keys(literals[3].text, on: "nested"))
        #expect(!Self.keys("the request was accepted", on: "accepted"))
    }

    /// Whether a literal is a name, or quotes it.
    static func keys(_ literal: String, on name: String) -> Bool {
        literal == name || literal.contains("'\(name)'") || literal.contains("\"\(name)\"")
    }

    /// The string literals of Swift source, with the line each starts on; comments and interpolations skipped.
    static func stringLiterals(_ source: String) -> [(text: String, line: Int)] {
        let chars = Array(source)
        var literals: [(String, Int)] = []
        var i = 0
        var line = 1
        func at(_ offset: Int) -> Character? { i + offset < chars.count ? chars[i + offset] : nil }
        while i < chars.count {
            let c = chars[i]
            if c == "\n" {
                line += 1
                i += 1
            } else if c == "/", at(1) == "/" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
            } else if c == "/", at(1) == "*" {
                i += 2
                while i < chars.count, !(chars[i] == "*" && at(1) == "/") {
                    if chars[i] == "\n" { line += 1 }
                    i += 1
                }
                i += 2
            } else if c == "\"" || (c == "#" && at(1) == "\"") {
                var hashes = 0
                while at(hashes) == "#" { hashes += 1 }
                i += hashes
                let multiline = at(0) == "\"" && at(1) == "\"" && at(2) == "\""
                i += multiline ? 3 : 1
                let start = line
                let close = String(repeating: "\"", count: multiline ? 3 : 1) + String(repeating: "#", count: hashes)
                let escape = "\\" + String(repeating: "#", count: hashes)
                var text = ""
                while i < chars.count {
                    if String(chars[i..<min(chars.count, i + close.count)]) == close {
                        i += close.count
                        break
                    }
                    if String(chars[i..<min(chars.count, i + escape.count)]) == escape {
                        i += escape.count
                        if at(0) == "(" {
                            // An interpolation: code, not text; skip to its closing parenthesis.
                            var depth = 0
                            repeat {
                                if chars[i] == "(" { depth += 1 }
                                if chars[i] == ")" { depth -= 1 }
                                i += 1
                            } while i < chars.count && depth > 0
                            text += "\u{FFFC}"
                        } else if i < chars.count {
                            text.append(chars[i])
                            i += 1
                        }
                        continue
                    }
                    if chars[i] == "\n" { line += 1 }
                    text.append(chars[i])
                    i += 1
                }
                literals.append((text, start))
            } else {
                i += 1
            }
        }
        return literals
    }
}
