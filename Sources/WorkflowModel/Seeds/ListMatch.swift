/// A reference-list entry a text was compared with: the entry, the exact wording it matched, how well, and
/// whether the match may decide anything on its own.
public struct ListMatch: Sendable, Hashable, Codable {
    /// The key of the list the entry is on.
    public var list: String
    /// The version of that list.
    public var listVersion: Int
    /// Whether the list is a reference or a negative list.
    public var kind: ReferenceList.Kind
    /// The entry that matched.
    public var entry: ReferenceListEntry
    /// The entry's wording (its title or one alias, exactly as the list has it) the text came closest to.
    public var wording: String?
    /// Similarity from 0 to 1; 1 when the text is worded as the entry (nil in records made before scores).
    public var score: Double?
    /// Whether the text is worded exactly as the entry's title or an alias.
    public var exact: Bool?
    /// Whether the list is a sample (never decides).
    public var sample: Bool?
    /// The other entries the text came close to, best first (only on the record of a list check).
    public var candidates: [ListMatch]?

    /// Creates a match.
    public init(
        list: String, listVersion: Int, kind: ReferenceList.Kind, entry: ReferenceListEntry, wording: String? = nil,
        score: Double? = nil, exact: Bool? = nil, sample: Bool? = nil, candidates: [ListMatch]? = nil
    ) {
        self.list = list
        self.listVersion = listVersion
        self.kind = kind
        self.entry = entry
        self.wording = wording
        self.score = score
        self.exact = exact
        self.sample = sample
        self.candidates = candidates
    }

    /// Whether this match may decide on its own: worded exactly as the entry, on a published list. Records made
    /// before scores existed were decisive by construction.
    public var decisive: Bool { (exact ?? true) && !(sample ?? false) }

    /// "NEG-04「居民养犬证明」（养犬证明，0.58）" — the entry, the wording matched and the score.
    public var summary: String {
        var text = "\(entry.code)「\(entry.title)」"
        var details: [String] = []
        if let wording, wording != entry.title { details.append(wording) }
        if let score { details.append(String(format: "%.2f", score)) }
        if sample == true { details.append("示例清单 sample") }
        if !details.isEmpty { text += "（\(details.joined(separator: "，"))）" }
        return text
    }
}
