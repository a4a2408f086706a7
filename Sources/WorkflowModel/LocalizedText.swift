/// Interface text in Chinese (required) and English (optional, falls back to Chinese).
public struct LocalizedText: Hashable, Codable, Sendable {
    /// Simplified Chinese, the interface's first language.
    public var zh: String
    /// English; nil when the author gave none.
    public var en: String?

    /// Creates a text in both languages.
    public init(zh: String, en: String? = nil) {
        self.zh = zh
        self.en = en
    }

    /// The text in a language (`zh` or `en`), falling back to Chinese.
    public func text(_ language: Language) -> String {
        switch language {
        case .zh: return zh
        case .en: return en ?? zh
        }
    }
}

/// The two interface languages.
public enum Language: String, Codable, Sendable, CaseIterable {
    case zh
    case en

    /// Chinese when a `LANG`/`LC_*` value starts with `zh`, English otherwise.
    public init(localeIdentifier: String?) {
        self = (localeIdentifier ?? "").lowercased().hasPrefix("zh") ? .zh : .en
    }
}
