/// An interface definition (`.varlink` text) could not be parsed; `line` and `column` count from 1.
public struct InterfaceParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public var message: String
    /// The line of the problem, from 1.
    public var line: Int
    /// The column of the problem, from 1, in bytes.
    public var column: Int

    /// Creates an error.
    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// `line L, column C: message`.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
