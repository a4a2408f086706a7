/// The reference-list entry a text matched, with the list version it was matched against.
public struct ListMatch: Codable, Sendable, Hashable {
    /// The key of the list the entry is on.
    public var list: String
    /// The version of that list.
    public var listVersion: Int
    /// Whether the list is a reference or a negative list.
    public var kind: ReferenceList.Kind
    /// The entry that matched.
    public var entry: ReferenceListEntry

    /// Creates a match.
    public init(list: String, listVersion: Int, kind: ReferenceList.Kind, entry: ReferenceListEntry) {
        self.list = list
        self.listVersion = listVersion
        self.kind = kind
        self.entry = entry
    }
}
