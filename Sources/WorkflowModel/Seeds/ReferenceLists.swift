/// The reference lists in force, and the matching of request texts against them.
public struct ReferenceLists: Sendable, Hashable {
    /// The lists, in load order (file name order for `SeedCatalog`).
    public var lists: [ReferenceList] {
        didSet { index = Self.makeIndex(lists) }
    }

    /// Every entry's normalised title and aliases, built once per change of `lists`.
    private var index: [Candidate]

    /// Creates the set of lists; a later list with the same key as an earlier one is ignored by `list(_:)`.
    public init(_ lists: [ReferenceList]) {
        self.lists = lists
        self.index = Self.makeIndex(lists)
    }

    /// No lists: nothing matches.
    public static let empty = ReferenceLists([])

    /// The list with `key`; nil when there is none.
    public func list(_ key: String) -> ReferenceList? {
        lists.first { $0.key == key }
    }

    /// The entry a text (the title of a task, ledger or certificate) is on, if any.
    ///
    /// Both the text and each entry's title and aliases are normalised: surrounding whitespace and
    /// punctuation trimmed, full-width characters and CJK punctuation made half-width, all spaces removed,
    /// ASCII lowercased, and the affixes 证明/开具/出具/办理 dropped from both ends (so 出具亲属关系证明 and
    /// 亲属关系 compare equal). An entry matches when its normalised title or one of its aliases equals the
    /// normalised text or is contained in it. Among matches, an entry on a negative list wins over any
    /// entry on a reference list; within the same kind the longest matched title or alias wins, then the
    /// earlier list and entry.
    ///
    /// - Parameters:
    ///   - text: The text to look up, e.g. a request's task title.
    ///   - listKey: Only look in this list; nil for all lists.
    ///   - date: Ignore entries not yet valid on this date (an entry's `validFrom`, else its list's); nil
    ///     to consider every entry.
    /// - Returns: The best match, or nil when no entry matches.
    public func match(_ text: String, in listKey: String? = nil, on date: LocalDate? = nil) -> ListMatch? {
        let needle = TextNormalization.normalize(text)
        guard !needle.isEmpty else { return nil }
        var best: (score: Score, candidate: Candidate)?
        for candidate in index {
            if let listKey, candidate.list != listKey { continue }
            if let date, candidate.validFrom > date { continue }
            guard needle.contains(candidate.normalized) else { continue }
            let score = Score(negative: candidate.kind == .negative, length: candidate.normalized.count)
            if best.map({ score > $0.score }) ?? true {
                best = (score, candidate)
            }
        }
        guard let match = best?.candidate else { return nil }
        return ListMatch(
            list: match.list,
            listVersion: lists[match.listIndex].version,
            kind: match.kind,
            entry: lists[match.listIndex].entries[match.entryIndex]
        )
    }

    /// One normalised wording of one entry.
    private struct Candidate: Sendable, Hashable {
        var listIndex: Int
        var entryIndex: Int
        var list: String
        var kind: ReferenceList.Kind
        var validFrom: LocalDate
        var normalized: String
    }

    /// Negative before reference, then longer before shorter.
    private struct Score: Comparable {
        var negative: Bool
        var length: Int

        static func < (lhs: Score, rhs: Score) -> Bool {
            if lhs.negative != rhs.negative { return !lhs.negative }
            return lhs.length < rhs.length
        }
    }

    private static func makeIndex(_ lists: [ReferenceList]) -> [Candidate] {
        var index: [Candidate] = []
        for (listIndex, list) in lists.enumerated() {
            for (entryIndex, entry) in list.entries.enumerated() {
                var seen: Set<String> = []
                for wording in [entry.title] + (entry.aliases ?? []) {
                    let normalized = TextNormalization.normalize(wording)
                    guard !normalized.isEmpty, seen.insert(normalized).inserted else { continue }
                    index.append(
                        Candidate(
                            listIndex: listIndex,
                            entryIndex: entryIndex,
                            list: list.key,
                            kind: list.kind,
                            validFrom: entry.validFrom ?? list.validFrom,
                            normalized: normalized
                        )
                    )
                }
            }
        }
        return index
    }
}
