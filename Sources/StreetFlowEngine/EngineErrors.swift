import WorkflowModel

extension WorkflowError.Code {
    /// No instance with this id (or the caller may not see it).
    public static let noSuchInstance = Self(rawValue: "NoSuchInstance")
    /// No workflow with this key.
    public static let noSuchWorkflow = Self(rawValue: "NoSuchWorkflow")
    /// `expectedVersion` is stale; `version` and `state` say what is current.
    public static let versionConflict = Self(rawValue: "VersionConflict")
    /// The store failed; nothing was changed.
    public static let storageFailure = Self(rawValue: "StorageFailure")
    /// A reload was refused; the old definitions stay.
    public static let reloadRefused = Self(rawValue: "ReloadRefused")
    /// No user with this name.
    public static let noSuchUser = Self(rawValue: "NoSuchUser")
    /// A text parameter that is no field (id, key, user name, filter) is refused; `parameter` and `reason` say why.
    public static let invalidText = Self(rawValue: "InvalidText")
    /// A filter names no workflow, state, committee or department the daemon knows; `known` lists them.
    public static let unknownName = Self(rawValue: "UnknownName")
    /// An idempotency key was sent again with a different request; `firstRequest` names the one it belongs to.
    public static let idempotencyKeyReused = Self(rawValue: "IdempotencyKeyReused")
    /// Another open request of the workflow names the same request in a `unique: open` field; `open` is its id.
    public static let alreadyOpen = Self(rawValue: "AlreadyOpen")
    /// The request was already urged today (催办 once per working day); `by` and `at` say when.
    public static let alreadyUrged = Self(rawValue: "AlreadyUrged")
}

extension WorkflowError {
    static func noSuchInstance(_ id: String) -> WorkflowError {
        WorkflowError(
            .noSuchInstance,
            LocalizedText(zh: "找不到申请 \(id)（或您无权查看）", en: "no request \(id) (or you may not see it)"),
            ["id": .string(id)])
    }

    static func noSuchWorkflow(_ key: String, known: [String]) -> WorkflowError {
        WorkflowError(
            .noSuchWorkflow,
            LocalizedText(
                zh: "没有工作流「\(key)」；可用：\(known.joined(separator: "、"))",
                en: "no workflow '\(key)'; known: \(known.joined(separator: ", "))"),
            ["workflow": .string(key), "known": .list(known)])
    }

    /// `known` are the keys (for scripts); the sentence names them by `labels` in Chinese, `key (English label)`
    /// in English.
    static func unknownName(
        _ parameter: String, _ value: String, what: LocalizedText, known: [String], labels: [String],
        englishLabels: [String]
    ) -> WorkflowError {
        let english = zip(known, englishLabels).map { $0 == $1 ? $0 : "\($0) (\($1))" }
        var seen = Set<String>()
        let chinese = labels.filter { seen.insert($0).inserted }
        return WorkflowError(
            .unknownName,
            LocalizedText(
                zh: "没有名为「\(value)」的\(what.zh)；可用：\(chinese.joined(separator: "、"))",
                en: "no \(what.text(.en)) named '\(value)'; known: \(english.joined(separator: ", "))"),
            ["parameter": .string(parameter), "value": .string(value), "known": .list(known)])
    }

    static func storage(_ error: any Error) -> WorkflowError {
        WorkflowError(
            .storageFailure,
            LocalizedText(zh: "存储失败，未做任何更改：\(error)", en: "storage failed; nothing was changed: \(error)"),
            ["reason": .string("\(error)")])
    }
}
