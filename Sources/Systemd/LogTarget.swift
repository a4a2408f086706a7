import Glibc
import Logging

/// Where the daemon logs: the journal, standard error, or `auto` (the journal when stderr is one).
///
/// Only the executable bootstraps logging, e.g.
/// `let target = LogTarget.auto.resolved(); LoggingSystem.bootstrap { target.makeLogHandler(label: $0) }`.
public struct LogTarget: Sendable, Hashable, CustomStringConvertible {
    private enum Base: String, Hashable, Sendable {
        case journal
        case stderr
        case auto
    }

    private let base: Base

    private init(_ base: Base) {
        self.base = base
    }

    /// Structured entries through ``JournalLogHandler``.
    public static let journal = LogTarget(.journal)
    /// Lines on standard error through ``StandardErrorLogHandler`` (swift-log's `StreamLogHandler` layout).
    public static let stderr = LogTarget(.stderr)
    /// The journal when `$JOURNAL_STREAM` names this process's stderr (started by systemd), else stderr.
    public static let auto = LogTarget(.auto)

    /// Parses `journal`, `stderr` or `auto` (a command-line option or config value).
    public init?(_ name: String) {
        guard let base = Base(rawValue: name) else { return nil }
        self.base = base
    }

    /// The name, as accepted by ``init(_:)``.
    public var description: String { self.base.rawValue }

    /// `.journal` or `.stderr`: `auto` decided with `journalStream` (default: `$JOURNAL_STREAM`).
    public func resolved(journalStream: String? = Self.environmentJournalStream()) -> LogTarget {
        guard self.base == .auto else { return self }
        return Self.isJournalStream(journalStream, fileDescriptor: STDERR_FILENO) ? .journal : .stderr
    }

    /// A handler for `label` on this target (`auto` is resolved now, from the environment).
    public func makeLogHandler(label: String, metadataProvider: Logger.MetadataProvider? = nil) -> any LogHandler {
        switch self.resolved().base {
        case .journal:
            return JournalLogHandler(label: label, metadataProvider: metadataProvider)
        case .stderr, .auto:
            return StandardErrorLogHandler(label: label, metadataProvider: metadataProvider)
        }
    }

    /// True when `value` (`DEV:INODE`, as systemd sets `$JOURNAL_STREAM`) is the file behind `fileDescriptor`.
    public static func isJournalStream(_ value: String?, fileDescriptor: Int32) -> Bool {
        guard let value else { return false }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else {
            return false
        }
        var status = stat()
        guard fstat(fileDescriptor, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }

    /// The current `$JOURNAL_STREAM`, if set.
    public static func environmentJournalStream() -> String? {
        getenv("JOURNAL_STREAM").map { String(cString: $0) }
    }
}
