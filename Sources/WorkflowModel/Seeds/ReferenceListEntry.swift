/// One item of a reference list: a task, ledger, app or certificate, under a stable code.
public struct ReferenceListEntry: Codable, Sendable, Hashable {
    /// The item's code, unique within its list (e.g. `NEG-01`).
    public var code: String
    /// The item as the list words it (e.g. 亲属关系证明).
    public var title: String
    /// The list's grouping of the item (e.g. 法院事务, 台账).
    public var category: String
    /// Who asks for the item or where it comes from; nil when the list does not say.
    public var source: String?
    /// The first day the item applies; nil when it applies from the list's `validFrom`.
    public var validFrom: LocalDate?
    /// For a negative item: where the resident goes instead (e.g. 公安派出所); nil otherwise.
    public var alternative: String?
    /// Other wordings that match the item.
    public var aliases: [String]?

    /// Creates an entry.
    public init(
        code: String,
        title: String,
        category: String,
        source: String? = nil,
        validFrom: LocalDate? = nil,
        alternative: String? = nil,
        aliases: [String]? = nil
    ) {
        self.code = code
        self.title = title
        self.category = category
        self.source = source
        self.validFrom = validFrom
        self.alternative = alternative
        self.aliases = aliases
    }
}
