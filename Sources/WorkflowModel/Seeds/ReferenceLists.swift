/// The reference lists in force, and the matching of request texts against them.
///
/// Matching proposes, people decide. A text is compared with every entry's title and aliases and each close
/// entry becomes a candidate with a score and the exact wording it came close to. Only a text worded exactly as
/// an entry (title or alias) on a *published* list is decisive; everything weaker — similar wording, a wording
/// contained in a longer task, any entry of a sample list — is a candidate shown to the office, never a decision.
public struct ReferenceLists: Sendable, Hashable {
    /// The lists, in load order (file name order for `SeedCatalog`).
    public var lists: [ReferenceList] {
        didSet { index = Self.makeIndex(lists) }
    }

    /// Every entry's wordings in compare form, built once per change of `lists`.
    private var index: [Candidate]

    /// Creates the set of lists; a later list with the same key as an earlier one is ignored by `list(_:)`.
    public init(_ lists: [ReferenceList]) {
        self.lists = lists
        self.index = Self.makeIndex(lists)
    }

    /// No lists: nothing matches.
    public static let empty = ReferenceLists([])

    /// The lowest score at which an entry is shown as a candidate.
    public static let candidateThreshold = 0.34

    /// The list with `key`; nil when there is none.
    public func list(_ key: String) -> ReferenceList? {
        lists.first { $0.key == key }
    }

    /// The lists that are still samples (they never decide; the daemon warns while one is in force).
    public var samples: [ReferenceList] { lists.filter(\.sample) }

    /// The entries a text comes close to, best first (a negative entry before a reference entry of equal score).
    ///
    /// Texts and wordings are compared in a canonical form: full-width characters and CJK punctuation made
    /// half-width, whitespace removed, ASCII lowercased, punctuation trimmed from both ends. Only where the
    /// entry is itself a certificate (its title ends in 证明) are the affixes 证明/开具/出具/办理 dropped from both
    /// ends of both sides, so 出具亲属关系证明 and 亲属关系证明 compare equal — but 协助开展文明养犬宣传 is not 养犬证明.
    /// The score is 1 for the same wording; otherwise the better of containment (0.5 plus 0.4 times the share of
    /// the longer text the shorter covers) and the Dice coefficient of character pairs (×0.9) after filler words
    /// (协助, 开展, 做好 …) are dropped.
    ///
    /// - Parameters:
    ///   - text: The text to look up, e.g. a request's task title.
    ///   - listKey: Only look in this list; nil for all lists.
    ///   - kind: Only entries of lists of this kind; nil for both.
    ///   - date: Ignore entries not yet valid on this date (an entry's `validFrom`, else its list's); nil to
    ///     consider every entry.
    ///   - limit: At most this many candidates.
    /// - Returns: One candidate per entry (its best wording), at or above `candidateThreshold`.
    public func candidates(
        _ text: String, in listKey: String? = nil, kind: ReferenceList.Kind? = nil, on date: LocalDate? = nil,
        limit: Int = 5
    ) -> [ListMatch] {
        let plain = TextNormalization.trimmed(text)
        guard !plain.isEmpty else { return [] }
        let stripped = TextNormalization.normalize(text)
        let plainCore = TextNormalization.withoutFillers(plain)
        let strippedCore = TextNormalization.withoutFillers(stripped)
        var best: [EntryKey: (score: Double, candidate: Candidate)] = [:]
        for candidate in index {
            if let listKey, candidate.list != listKey { continue }
            if let kind, candidate.kind != kind { continue }
            if let date, candidate.validFrom > date { continue }
            let needle = candidate.certificate ? stripped : plain
            let core = candidate.certificate ? strippedCore : plainCore
            let score = Self.score(needle, core: core, candidate.compare, core: candidate.core)
            guard score >= Self.candidateThreshold else { continue }
            let key = EntryKey(list: candidate.listIndex, entry: candidate.entryIndex)
            if best[key].map({ score > $0.score }) ?? true { best[key] = (score, candidate) }
        }
        let ranked = best.values.sorted {
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.candidate.kind != $1.candidate.kind { return $0.candidate.kind == .negative }
            if $0.candidate.listIndex != $1.candidate.listIndex {
                return $0.candidate.listIndex < $1.candidate.listIndex
            }
            return $0.candidate.entryIndex < $1.candidate.entryIndex
        }
        return ranked.prefix(max(0, limit)).map { match($0.candidate, score: $0.score) }
    }

    /// The entry that decides for `text`: worded exactly as its title or an alias, on a published list of `kind`
    /// (and of `listKey` when given), valid on `date`. Nil when nothing may decide.
    public func decisive(
        _ text: String, kind: ReferenceList.Kind, in listKey: String? = nil, on date: LocalDate? = nil
    ) -> ListMatch? {
        candidates(text, in: listKey, kind: kind, on: date, limit: 1).first { $0.decisive }
    }

    /// The best candidate for `text`, carrying the other candidates; nil when no entry comes close.
    public func match(_ text: String, in listKey: String? = nil, on date: LocalDate? = nil) -> ListMatch? {
        let found = candidates(text, in: listKey, on: date)
        guard var first = found.first else { return nil }
        if found.count > 1 { first.candidates = Array(found.dropFirst()) }
        return first
    }

    private func match(_ candidate: Candidate, score: Double) -> ListMatch {
        let list = lists[candidate.listIndex]
        return ListMatch(
            list: list.key, listVersion: list.version, kind: list.kind, entry: list.entries[candidate.entryIndex],
            wording: candidate.wording, score: (score * 100).rounded() / 100, exact: score >= 1, sample: list.sample)
    }

    static func score(_ text: String, core textCore: String, _ wording: String, core wordingCore: String) -> Double {
        if text == wording { return 1 }
        var score = 0.0
        let (short, long) = text.count <= wording.count ? (text, wording) : (wording, text)
        if short.count >= 2, long.contains(short) {
            score = 0.5 + 0.4 * Double(short.count) / Double(long.count)
        }
        return max(score, 0.9 * TextNormalization.dice(textCore, wordingCore))
    }

    private struct EntryKey: Hashable {
        var list: Int
        var entry: Int
    }

    /// One wording of one entry, in compare form.
    private struct Candidate: Sendable, Hashable {
        var listIndex: Int
        var entryIndex: Int
        var list: String
        var kind: ReferenceList.Kind
        var validFrom: LocalDate
        /// The wording as the list has it.
        var wording: String
        /// Whether the entry is a certificate (affixes dropped on both sides).
        var certificate: Bool
        /// The compare form.
        var compare: String
        /// The compare form without filler words, for the similarity score.
        var core: String
    }

    private static func makeIndex(_ lists: [ReferenceList]) -> [Candidate] {
        var index: [Candidate] = []
        for (listIndex, list) in lists.enumerated() {
            for (entryIndex, entry) in list.entries.enumerated() {
                let certificate = TextNormalization.isCertificate(entry.title)
                var seen: Set<String> = []
                for wording in [entry.title] + (entry.aliases ?? []) {
                    let compare =
                        certificate ? TextNormalization.normalize(wording) : TextNormalization.trimmed(wording)
                    guard !compare.isEmpty, seen.insert(compare).inserted else { continue }
                    index.append(
                        Candidate(
                            listIndex: listIndex, entryIndex: entryIndex, list: list.key, kind: list.kind,
                            validFrom: entry.validFrom ?? list.validFrom, wording: wording, certificate: certificate,
                            compare: compare, core: TextNormalization.withoutFillers(compare)))
                }
            }
        }
        return index
    }
}
