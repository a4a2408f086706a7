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
    /// The store to move the records into already holds records (`target` names it).
    public static let targetNotEmpty = Self(rawValue: "TargetNotEmpty")
    /// The comment budget is spent: `scope` day (per person per office day) or request (in all); `limit` says how many.
    public static let tooManyComments = Self(rawValue: "TooManyComments")
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

    static func tooManyComments(_ id: String, limit: Int, scope: String) -> WorkflowError {
        WorkflowError(
            .tooManyComments,
            scope == "day"
                ? LocalizedText(
                    zh: "您今天已对申请 \(id) 留言 \(limit) 条，已达每日上限，请明天再留言或直接联系经办人",
                    en:
                        "you have added \(limit) comments to request \(id) today, the daily limit; comment again tomorrow or contact the handler directly"
                )
                : LocalizedText(
                    zh: "申请 \(id) 已有 \(limit) 条留言，已达上限，不能再留言",
                    en: "request \(id) already carries \(limit) comments, the limit; no more can be added"),
            ["id": .string(id), "limit": .int(limit), "scope": .string(scope)])
    }

    static func storage(_ error: any Error) -> WorkflowError {
        WorkflowError(
            .storageFailure,
            LocalizedText(zh: "存储失败，未做任何更改：\(error)", en: "storage failed; nothing was changed: \(error)"),
            ["reason": .string("\(error)")])
    }
}
