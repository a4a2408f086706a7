/// A working-day calendar that could not be loaded: which file, and what is wrong with it.
public struct CalendarError: Error, Sendable, CustomStringConvertible {
    /// The file that was read; nil when the YAML came from a string.
    public var file: String?
    /// What is wrong, for a person fixing the file.
    public var message: String

    /// Creates an error about `file`.
    public init(file: String?, message: String) {
        self.file = file
        self.message = message
    }

    /// `<file>: <message>`.
    public var description: String {
        "\(file ?? "calendar YAML"): \(message)"
    }
}
