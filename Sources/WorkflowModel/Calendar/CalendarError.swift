/// A working-day calendar that could not be loaded: which file, and what is wrong with it.
public struct CalendarError: Error, Sendable, CustomStringConvertible {
    /// The file that was read; nil when the YAML came from a string.
    public var file: String?
    /// What is wrong, for a person fixing the file.
    public var message: String

    /// Where in the file (0 when unknown), its YAML path, and how to fix it.
    public var line = 0
    public var column = 0
    public var path = ""
    public var hint = ""
    public var rule = ""

    /// Creates an error about `file`.
    public init(file: String?, message: String) {
        self.file = file
        self.message = message
    }

    /// The first problem the one YAML reader found.
    package init(_ diagnostic: Diagnostic) {
        self.init(file: diagnostic.file, message: diagnostic.message)
        line = diagnostic.line
        column = diagnostic.column
        path = diagnostic.path
        hint = diagnostic.hint
        rule = diagnostic.rule
    }

    /// `file:line:column: error: message [rule] at path — hint` (the form of every YAML error), or `file: message`
    /// when the place is unknown.
    public var description: String {
        guard line > 0 else { return "\(file ?? "calendar YAML"): \(message)" }
        return
            "\(file ?? "calendar YAML"):\(line):\(column): error: \(message) [\(rule)]\(path.isEmpty ? "" : " at \(path)") — \(hint)"
    }
}
