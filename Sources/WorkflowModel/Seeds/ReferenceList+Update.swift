import Foundation

extension ReferenceList {
    /// Reads and checks a list written as YAML (the format of `seeds/lists/*.yaml`), e.g. a proposed update.
    public static func parse(yaml: String, source: String = "list") throws(SeedError) -> ReferenceList {
        let list: ReferenceList
        do {
            list = try YAMLDecoding.decode(ReferenceList.self, from: yaml)
        } catch {
            throw SeedError(file: source, message: error.message)
        }
        try SeedCatalog.check(list, file: source)
        return list
    }

    /// What changes from `old` (nil: a new list) to this version, entry by entry.
    public func diff(from old: ReferenceList?) -> ListDiff {
        let before = Dictionary((old?.entries ?? []).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Set(entries.map(\.code))
        return ListDiff(
            key: key, fromVersion: old?.version, toVersion: version, fromStatus: old?.status, toStatus: status,
            added: entries.filter { before[$0.code] == nil },
            removed: (old?.entries ?? []).filter { !after.contains($0.code) },
            changed: entries.compactMap { entry in
                guard let previous = before[entry.code], previous != entry else { return nil }
                return ListDiff.Change(before: previous, after: entry)
            })
    }
}

/// The difference between two versions of a reference list.
public struct ListDiff: Hashable, Sendable {
    /// An entry whose wording, aliases or details changed.
    public struct Change: Hashable, Sendable {
        /// The entry before.
        public var before: ReferenceListEntry
        /// The entry after.
        public var after: ReferenceListEntry
    }

    /// The list's key.
    public var key: String
    /// The version in force (nil: the list is new).
    public var fromVersion: Int?
    /// The proposed version.
    public var toVersion: Int
    /// The status in force.
    public var fromStatus: ReferenceList.Status?
    /// The proposed status.
    public var toStatus: ReferenceList.Status
    /// Entries added.
    public var added: [ReferenceListEntry]
    /// Entries removed.
    public var removed: [ReferenceListEntry]
    /// Entries changed.
    public var changed: [Change]

    /// "+ CODE 标题" / "- CODE 标题" / "~ CODE 旧 → 新" lines, then a one-line count.
    public var lines: [String] {
        var lines = ["\(key) v\(fromVersion.map(String.init) ?? "-") → v\(toVersion)"]
        if fromStatus != toStatus {
            lines.append("  status: \(fromStatus?.rawValue ?? "-") → \(toStatus.rawValue)")
        }
        lines += added.map { "+ \($0.code) \($0.title)\(Self.aliases($0))" }
        lines += removed.map { "- \($0.code) \($0.title)" }
        lines += changed.map { change in
            let title =
                change.before.title == change.after.title
                ? change.after.title : "\(change.before.title) → \(change.after.title)"
            return "~ \(change.after.code) \(title)\(Self.aliases(change.after))"
        }
        return lines
    }

    /// 新增 N 项，删除 N 项，修改 N 项 / N added, N removed, N changed.
    public var summary: LocalizedText {
        LocalizedText(
            zh:
                "v\(fromVersion.map(String.init) ?? "-") → v\(toVersion)：新增 \(added.count) 项，删除 \(removed.count) 项，修改 \(changed.count) 项",
            en:
                "v\(fromVersion.map(String.init) ?? "-") → v\(toVersion): \(added.count) added, \(removed.count) removed, \(changed.count) changed"
        )
    }

    private static func aliases(_ entry: ReferenceListEntry) -> String {
        guard let aliases = entry.aliases, !aliases.isEmpty else { return "" }
        return "（\(aliases.joined(separator: "、"))）"
    }
}
