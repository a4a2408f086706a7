import Glibc
import Logging
import Synchronization

/// A swift-log handler that writes one line per entry to standard error, in swift-log's `StreamLogHandler` layout:
/// `2026-12-04T22:37:43+0800 info streetflowd : action=forward instance=PA-… [StreetFlowEngine] Request forwarded`.
///
/// The daemon logs every event it commits, so a line is on the path of every command. `StreamLogHandler` re-reads the
/// time zone for each line (glibc's `localtime_r` stats `/etc/localtime` every time), formats the time with
/// `strftime`, builds the metadata through string interpolation and writes through a locked `FILE`. This handler
/// formats the local time once per second, builds the line as bytes and hands it to one `write(2)` (whole lines on a
/// pipe up to `PIPE_BUF`, so lines of two threads do not interleave).
public struct StandardErrorLogHandler: LogHandler {
    /// The logger's label, after the level on each line.
    public let label: String
    /// Entries below this level are not written.
    public var logLevel: Logger.Level = .info
    /// Metadata written with every entry of this handler.
    public var metadata: Logger.Metadata = [:]
    /// Contextual metadata added to every entry (e.g. from task locals).
    public var metadataProvider: Logger.MetadataProvider?
    private let fileDescriptor: Int32

    /// Makes a handler for `label` that writes to `fileDescriptor` (standard error unless told otherwise).
    public init(
        label: String, metadataProvider: Logger.MetadataProvider? = nil, fileDescriptor: Int32 = STDERR_FILENO
    ) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.fileDescriptor = fileDescriptor
    }

    /// Gets or sets one metadata value of this handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line: [UInt8] = []
        line.reserveCapacity(320)
        Self.localTime.append(second: time(nil), to: &line)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: event.level.rawValue.utf8)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: self.label.utf8)
        line.append(contentsOf: " :".utf8)
        var metadata = Logger.Metadata.merged(self.metadata, self.metadataProvider, event.metadata)
        if let error = event.error {
            // As StreamLogHandler writes an entry's error.
            metadata["error.message"] = "\(error)"
            metadata["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: key.utf8)
            line.append(UInt8(ascii: "="))
            line.append(contentsOf: value.description.utf8)
        }
        line.append(contentsOf: " [".utf8)
        line.append(contentsOf: event.source.utf8)
        line.append(contentsOf: "] ".utf8)
        line.append(contentsOf: event.message.description.utf8)
        line.append(UInt8(ascii: "\n"))
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(self.fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // nowhere to report a failing log; the entry is dropped
                }
            }
        }
    }

    /// The local time of the last second a line was written in, as `strftime("%Y-%m-%dT%H:%M:%S%z")` gives it.
    static let localTime = LocalTimeCache()

    /// `%Y-%m-%dT%H:%M:%S%z` of the current second, formatted again only when the second changes.
    final class LocalTimeCache: Sendable {
        private let last = Mutex<(second: time_t, text: [UInt8])>((-1, []))

        func append(second: time_t, to line: inout [UInt8]) {
            let cached = self.last.withLock { $0.second == second ? $0.text : nil }
            if let cached {
                line.append(contentsOf: cached)
                return
            }
            let text = Self.format(second)
            self.last.withLock { $0 = (second, text) }
            line.append(contentsOf: text)
        }

        static func format(_ second: time_t) -> [UInt8] {
            var seconds = second
            var parts = tm()
            localtime_r(&seconds, &parts)
            var buffer = [CChar](repeating: 0, count: 64)
            let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
            return buffer.prefix(count).map { UInt8(bitPattern: $0) }
        }
    }
}
