/// A working-day calendar that could not be loaded: which file, and what is wrong with it.
public struct CalendarError: Error, Sendable, CustomStringConvertible {
    /// The file that was read; nil when the YAML came from a string.
    public var file: String?
    /// What is wrong, for a person fixing the file (English: the log's).
    public var message: String
    /// The same in Chinese, for the office's screen (`streetflow calendar import`).
    public var messageZh: String

    /// Creates an error about `file`; `zh` defaults to the English text.
    public init(file: String?, message: String, zh: String? = nil) {
        self.file = file
        self.message = message
        self.messageZh = zh ?? message
    }

    /// `<file>: <message>`.
    public var description: String {
        "\(file ?? "calendar YAML"): \(message)"
    }
}
