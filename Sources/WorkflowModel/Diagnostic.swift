/// A problem found in a workflow file, with where it is and what to do about it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The rule that found it, e.g. `unreachable-state`.
    public var rule: String
    /// The file, as given to the loader.
    public var file: String
    /// 1-based line (0 when unknown).
    public var line: Int
    /// 1-based column (0 when unknown).
    public var column: Int
    /// The YAML path, e.g. `states.returned.deadlines[0].then`.
    public var path: String
    /// What is wrong.
    public var message: String
    /// What to do.
    public var hint: String

    /// Creates a diagnostic.
    public init(rule: String, file: String, line: Int, column: Int, path: String, message: String, hint: String) {
        self.rule = rule
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: message [rule] at path — hint`, the form editors jump to.
    public var description: String {
        "\(file):\(line):\(column): error: \(message) [\(rule)]\(path.isEmpty ? "" : " at \(path)") — \(hint)"
    }
}
