import CSystemd
import Glibc
import Logging
import Synchronization

/// A swift-log handler that writes structured entries to the systemd journal (`sd_journal_sendv`).
///
/// Each entry carries `MESSAGE`, `PRIORITY` (from the level), `CODE_FILE`/`CODE_LINE`/`CODE_FUNC`,
/// `SYSLOG_IDENTIFIER` (the logger's label) and one field per metadata key: `instance` becomes
/// `STREETFLOW_INSTANCE`, `actor.uid` `STREETFLOW_ACTOR_UID` (see ``fieldName(forMetadataKey:prefix:)``),
/// and the key `message.id` becomes `MESSAGE_ID`, which links the entry to its catalog text.
/// Values are sent as they are, newlines and binary included.
public struct JournalLogHandler: LogHandler {
    /// The prefix put before metadata field names unless another is given.
    public static let defaultFieldPrefix = "STREETFLOW_"

    /// The metadata key whose value becomes `MESSAGE_ID` (a 128-bit id from the catalog).
    public static let messageIDMetadataKey = "message.id"

    /// The logger's label, sent as `SYSLOG_IDENTIFIER`.
    public let label: String
    /// The prefix of metadata field names, already reduced to valid field-name characters.
    public let fieldPrefix: String
    /// Entries below this level are not sent.
    public var logLevel: Logger.Level = .info
    /// Metadata sent with every entry of this handler.
    public var metadata: Logger.Metadata = [:]
    /// Contextual metadata added to every entry (e.g. from task locals).
    public var metadataProvider: Logger.MetadataProvider?

    // Fields this handler sets itself; a metadata key may not add a second value to them.
    private static let reservedFields: Set<String> = [
        "MESSAGE", "PRIORITY", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "SYSLOG_IDENTIFIER", "MESSAGE_ID",
    ]
    // journald ignores longer field names.
    private static let maximumFieldNameLength = 64

    /// Makes a handler for `label`, naming metadata fields `fieldPrefix` + the upper-cased key.
    public init(
        label: String,
        fieldPrefix: String = JournalLogHandler.defaultFieldPrefix,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.fieldPrefix = Self.fieldNameCharacters(fieldPrefix)
        self.metadataProvider = metadataProvider
    }

    /// Gets or sets one metadata value of this handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    /// Sends one entry to the journal; falls back to a line on standard error if that fails.
    public func log(event: LogEvent) {
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", event.message.description),
            ("PRIORITY", String(Self.priority(event.level))),
            ("SYSLOG_IDENTIFIER", self.label),
            ("CODE_FILE", event.file),
            ("CODE_LINE", String(event.line)),
            ("CODE_FUNC", event.function),
        ]
        for (key, value) in self.mergedMetadata(event.metadata).sorted(by: { $0.key < $1.key }) {
            if let name = Self.fieldNames.name(forMetadataKey: key, prefix: self.fieldPrefix) {
                fields.append((name, value.description))
            }
        }
        if let error = event.error {
            fields.append((self.fieldPrefix + "ERROR", "\(error)"))
        }
        let result = Self.send(fields)
        if result < 0 {
            Self.writeToStandardError("\(self.label): \(event.level): \(event.message) (journal: errno \(-result))\n")
        }
    }

    /// The field names of the metadata keys seen so far: the daemon logs the same dozen keys with every event, and
    /// working a name out (upper-casing, filtering, the prefix) cost more than the rest of an entry but its send.
    static let fieldNames = FieldNameCache()

    /// ``fieldName(forMetadataKey:prefix:)``, remembered per prefix and key (up to ``limit`` of them; keys beyond it
    /// are worked out each time, so a program that makes up keys cannot grow it without bound).
    final class FieldNameCache: Sendable {
        static let limit = 1024
        private let names = Mutex<[String: [String: String?]]>([:])

        func name(forMetadataKey key: String, prefix: String) -> String? {
            if let known = self.names.withLock({ $0[prefix]?[key] }) { return known }
            let name = JournalLogHandler.fieldName(forMetadataKey: key, prefix: prefix)
            self.names.withLock { names in
                if names.values.reduce(0, { $0 + $1.count }) < Self.limit { names[prefix, default: [:]][key] = name }
            }
            return name
        }

        var count: Int { self.names.withLock { $0.values.reduce(0) { $0 + $1.count } } }
    }

    /// The journal field name for a metadata key, or nil when no valid name is left.
    ///
    /// The key is upper-cased, `.` and `-` become `_`, other characters outside `A-Z0-9_` are
    /// dropped, and the prefix goes in front: `chain.head` → `STREETFLOW_CHAIN_HEAD`.
    /// `message.id` → `MESSAGE_ID`, without prefix.
    public static func fieldName(forMetadataKey key: String, prefix: String = defaultFieldPrefix) -> String? {
        if key == Self.messageIDMetadataKey {
            return "MESSAGE_ID"
        }
        let suffix = Self.fieldNameCharacters(key)
        if suffix.allSatisfy({ $0 == "_" }) {
            return nil
        }
        // Names starting with "_" are trusted fields journald sets itself; a digit may not start one.
        var name = Substring(Self.fieldNameCharacters(prefix) + suffix)
        name = name.drop { $0 == "_" || $0.isNumber }
        let result = String(name.prefix(Self.maximumFieldNameLength))
        if result.isEmpty || Self.reservedFields.contains(result) {
            return nil
        }
        return result
    }

    /// The syslog priority journald stores for a level (`info` → 6).
    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    private func mergedMetadata(_ event: Logger.Metadata?) -> Logger.Metadata {
        Logger.Metadata.merged(self.metadata, self.metadataProvider, event)
    }

    private static func fieldNameCharacters(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z": result.unicodeScalars.append(Unicode.Scalar(scalar.value - 32)!)
            case "A"..."Z", "0"..."9", "_": result.unicodeScalars.append(scalar)
            case ".", "-": result.append("_")
            default: continue
            }
        }
        return result
    }

    // One iovec per "NAME=value": sd_journal_sendv switches to the binary-safe framing by itself
    // when a value contains a newline, so values need no escaping.
    private static func send(_ fields: [(name: String, value: String)]) -> Int32 {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = bytes.count
            bytes.append(contentsOf: field.name.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(contentsOf: field.value.utf8)
            ranges.append(start..<bytes.count)
        }
        return bytes.withUnsafeMutableBytes { buffer in
            var vectors = ranges.map { range in
                iovec(iov_base: buffer.baseAddress! + range.lowerBound, iov_len: range.count)
            }
            return sd_journal_sendv(&vectors, Int32(vectors.count))
        }
    }

    private static func writeToStandardError(_ line: String) {
        var line = line
        line.withUTF8 { buffer in
            _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count)
        }
    }
}

extension Logger.Metadata {
    /// A handler's metadata, then its provider's, then the entry's: a later one wins for the same key.
    static func merged(
        _ handler: Logger.Metadata, _ provider: Logger.MetadataProvider?, _ event: Logger.Metadata?
    ) -> Logger.Metadata {
        guard !handler.isEmpty || provider != nil else { return event ?? [:] }
        var merged = handler
        if let provided = provider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let event {
            merged.merge(event) { _, new in new }
        }
        return merged
    }
}
