/// A versioned list that admission requests are checked against (参考清单), loaded from `seeds/lists/`.
public struct ReferenceList: Codable, Sendable, Hashable {
    /// Whether a list names what may be pushed down to committees or what must not be.
    public enum Kind: String, Codable, Sendable {
        /// Items committees may be asked to help with (the three district reference lists).
        case reference
        /// Items committees must not be asked for (e.g. certificates they must not issue).
        case negative

        /// Decodes `reference` or `negative`, naming both in the error for anything else.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let kind = Kind(rawValue: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not a list kind; use reference or negative")
            }
            self = kind
        }
    }

    /// The list's stable key, also its file name without `.yaml` (e.g. `admin-affairs`).
    public var key: String
    /// Reference or negative.
    public var kind: Kind
    /// The list's title.
    public var title: LocalizedText
    /// Raised whenever the entries change, so a decision can name the version it was checked against.
    public var version: Int
    /// Whether a list may decide anything.
    public enum Status: String, Codable, Sendable {
        /// Example entries the office has still to replace: shown to people as hints, never decides.
        case sample
        /// The real list, with its source document, publication date and version: exact matches decide.
        case published

        /// Decodes `sample` or `published`, naming both in the error for anything else.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let status = Status(rawValue: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not a list status; use sample or published")
            }
            self = status
        }
    }

    /// The document the list comes from (e.g. 民发〔2020〕20号).
    public var source: String
    /// Sample or published.
    public var status: Status
    /// The date the source document was published; required for a published list.
    public var publishedOn: LocalDate?
    /// The first day the list applies.
    public var validFrom: LocalDate
    /// The items, in the list's order.
    public var entries: [ReferenceListEntry]

    /// Creates a list.
    public init(
        key: String,
        kind: Kind,
        title: LocalizedText,
        version: Int,
        source: String,
        status: Status,
        publishedOn: LocalDate? = nil,
        validFrom: LocalDate,
        entries: [ReferenceListEntry]
    ) {
        self.key = key
        self.kind = kind
        self.title = title
        self.version = version
        self.source = source
        self.status = status
        self.publishedOn = publishedOn
        self.validFrom = validFrom
        self.entries = entries
    }

    /// True while the entries are examples: such a list never decides.
    public var sample: Bool { status == .sample }
}
