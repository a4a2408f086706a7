/// Seed data that could not be loaded: which file, and what is wrong with it.
public struct SeedError: Error, Sendable, CustomStringConvertible {
    /// The file that was read.
    public var file: String
    /// What is wrong, for a person fixing the file.
    public var message: String

    /// Creates an error about `file`.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// `<file>: <message>`.
    public var description: String {
        "\(file): \(message)"
    }
}
