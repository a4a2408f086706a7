/// A recursive-descent parser for the Varlink interface definition language.
struct InterfaceParser {
    struct Parsed {
        var name: String
        var documentation: String
        var types: [InterfaceDescription.TypeDefinition] = []
        var methods: [InterfaceDescription.Method] = []
        var errors: [InterfaceDescription.ErrorDefinition] = []
    }

    private let bytes: [UInt8]
    private var index = 0
    // Named types referenced anywhere, with where, resolved once the whole interface is read.
    private var references: [(name: String, offset: Int)] = []

    init(text: String) {
        self.bytes = Array(text.utf8)
    }

    mutating func parseInterface() throws(InterfaceParseError) -> Parsed {
        var documentation = skipSpace()
        guard readWord() == "interface" else { throw error("expected 'interface' at the start") }
        try requireSpace()
        let nameOffset = index
        let name = readWord()
        guard Self.isInterfaceName(name) else {
            throw error("invalid interface name '\(name)'", at: nameOffset)
        }
        var parsed = Parsed(name: name, documentation: Self.join(documentation))
        var memberOffsets: [String: Int] = [:]
        while true {
            documentation = skipSpace()
            guard index < bytes.count else { break }
            let memberOffset = index
            let keyword = readWord()
            guard keyword == "type" || keyword == "method" || keyword == "error" else {
                throw error(
                    keyword.isEmpty ? "expected 'type', 'method' or 'error'" : "unknown keyword '\(keyword)'",
                    at: memberOffset
                )
            }
            try requireSpace()
            skipSpace()
            let nameOffset = index
            let memberName = readWord()
            guard Self.isMemberName(memberName) else {
                throw error(
                    "invalid \(keyword) name '\(memberName)' (must start with an uppercase letter)", at: nameOffset)
            }
            guard memberOffsets[memberName] == nil else {
                throw error("'\(memberName)' is declared twice", at: nameOffset)
            }
            memberOffsets[memberName] = memberOffset
            let docs = Self.join(documentation)
            let line = position(of: memberOffset).line
            switch keyword {
            case "type":
                skipSpace()
                guard peek() == UInt8(ascii: "(") else { throw error("expected '(' to start a struct or enum") }
                let type = try parseStructOrEnum()
                parsed.types.append(.init(name: memberName, documentation: docs, type: type, line: line))
            case "method":
                let input = try parseStruct(what: "method input")
                skipSpace()
                guard peek() == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else {
                    throw error("expected '->' after the method input")
                }
                index += 2
                let output = try parseStruct(what: "method output")
                parsed.methods.append(
                    .init(name: memberName, documentation: docs, input: input, output: output, line: line)
                )
            default:
                let parameters = try parseStruct(what: "error parameters")
                parsed.errors.append(.init(name: memberName, documentation: docs, parameters: parameters, line: line))
            }
        }
        let typeNames = Set(parsed.types.map(\.name))
        for reference in references where !typeNames.contains(reference.name) {
            throw error("unknown type '\(reference.name)'", at: reference.offset)
        }
        return parsed
    }

    // MARK: Types

    private mutating func parseStruct(what: String) throws(InterfaceParseError) -> [VarlinkField] {
        skipSpace()
        let offset = index
        guard peek() == UInt8(ascii: "(") else { throw error("expected '(' to start the \(what)") }
        guard case .structure(let fields) = try parseStructOrEnum() else {
            throw error("the \(what) must be a struct, not an enum", at: offset)
        }
        return fields
    }

    private mutating func parseStructOrEnum() throws(InterfaceParseError) -> VarlinkType {
        index += 1  // "("
        skipSpace()
        if peek() == UInt8(ascii: ")") {
            index += 1
            return .structure([])
        }
        var fields: [VarlinkField] = []
        var cases: [String] = []
        var seen: Set<String> = []
        while true {
            skipSpace()
            let nameOffset = index
            let name = readWord()
            guard Self.isFieldName(name) else {
                throw error(name.isEmpty ? "expected a field name" : "invalid field name '\(name)'", at: nameOffset)
            }
            guard seen.insert(name).inserted else { throw error("'\(name)' appears twice", at: nameOffset) }
            skipSpace()
            if peek() == UInt8(ascii: ":") {
                guard cases.isEmpty else { throw error("an enum cannot have typed fields") }
                index += 1
                fields.append(VarlinkField(name: name, type: try parseType(allowOptional: true)))
            } else {
                guard fields.isEmpty else { throw error("expected ':' and a type after '\(name)'") }
                cases.append(name)
            }
            skipSpace()
            switch peek() {
            case UInt8(ascii: ",")?:
                index += 1
            case UInt8(ascii: ")")?:
                index += 1
                return cases.isEmpty ? .structure(fields) : .enumeration(cases)
            default:
                throw error("expected ',' or ')'")
            }
        }
    }

    private mutating func parseType(allowOptional: Bool) throws(InterfaceParseError) -> VarlinkType {
        skipSpace()
        let offset = index
        switch peek() {
        case UInt8(ascii: "?")?:
            guard allowOptional else { throw error("'?' cannot be applied twice") }
            index += 1
            // Bound first: `.optional(try parseType(…))` leaks the case's box (Swift 6.3, typed throws; found by
            // the varlink-frame fuzz target under LeakSanitizer).
            let wrapped = try parseType(allowOptional: false)
            return .optional(wrapped)
        case UInt8(ascii: "[")?:
            index += 1
            skipSpace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                let element = try parseType(allowOptional: true)
                return .array(element)
            }
            let keyOffset = index
            guard readWord() == "string" else { throw error("only '[]T' and '[string]T' are allowed", at: keyOffset) }
            skipSpace()
            guard peek() == UInt8(ascii: "]") else { throw error("expected ']'") }
            index += 1
            let value = try parseType(allowOptional: true)
            return .dictionary(value)
        case UInt8(ascii: "(")?:
            return try parseStructOrEnum()
        default:
            let word = readWord()
            switch word {
            case "bool": return .bool
            case "int": return .int
            case "float": return .float
            case "string": return .string
            case "object": return .object
            case "": throw error("expected a type", at: offset)
            default:
                guard Self.isMemberName(word) else { throw error("unknown type '\(word)'", at: offset) }
                references.append((word, offset))
                return .named(word)
            }
        }
    }

    // MARK: Scanning

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    /// Skips whitespace and comments; returns the comment lines of the last uninterrupted comment block.
    @discardableResult
    private mutating func skipSpace() -> [String] {
        var comments: [String] = []
        var blankLines = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                blankLines += 1
                // An empty line separates a comment block from what follows.
                if blankLines > 1 { comments = [] }
            case UInt8(ascii: "#"):
                let start = index + 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                var line = String(decoding: bytes[start..<index], as: UTF8.self)
                if line.hasPrefix(" ") { line.removeFirst() }
                comments.append(line)
                blankLines = 0
            default:
                return comments
            }
        }
        return comments
    }

    private mutating func requireSpace() throws(InterfaceParseError) {
        guard let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
        else { throw error("expected whitespace") }
        skipSpace()
    }

    private mutating func readWord() -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            let isWordByte =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            guard isWordByte else { break }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for position in 0..<min(offset, bytes.count) where bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        return (line, offset - lineStart + 1)
    }

    private func error(_ message: String, at offset: Int? = nil) -> InterfaceParseError {
        let (line, column) = position(of: offset ?? index)
        return InterfaceParseError(message: message, line: line, column: column)
    }

    private static func join(_ comments: [String]) -> String {
        comments.joined(separator: "\n")
    }

    // MARK: Names

    /// `[A-Za-z]([-]*[A-Za-z0-9])*(\.[A-Za-z0-9]([-]*[A-Za-z0-9])*)+`
    static func isInterfaceName(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let first = name.utf8.first, isAlphanumeric(first), !isDigit(first) else {
            return false
        }
        return labels.allSatisfy { label in
            guard let head = label.utf8.first, let tail = label.utf8.last, head != UInt8(ascii: "-"),
                tail != UInt8(ascii: "-")
            else { return false }
            return label.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// `[A-Z][A-Za-z0-9]*`
    static func isMemberName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { return false }
        return name.utf8.allSatisfy(isAlphanumeric)
    }

    /// `[A-Za-z](_?[A-Za-z0-9])*`
    static func isFieldName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isAlphanumeric(first), !isDigit(first), name.utf8.last != UInt8(ascii: "_"),
            !name.contains("__")
        else { return false }
        return name.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
