/// Labels for keys, and keys for what a user typed (a key, or its Chinese or English label).
extension WorkflowDefinition {
    /// The label of a state, or the key itself when the state is unknown.
    public func stateLabel(_ key: String) -> LocalizedText {
        state(key)?.label ?? LocalizedText(zh: key, en: key)
    }

    /// The label of an action (including the built-in `submit`, `comment`, `remind`, ...), or the key itself.
    public func actionLabel(_ key: String) -> LocalizedText {
        action(key)?.label ?? Self.builtInActionLabels[key] ?? LocalizedText(zh: key, en: key)
    }

    /// The subject field or action field with this key (subject fields first).
    public func anyField(_ key: String) -> FieldDefinition? {
        field(key) ?? actions.lazy.flatMap(\.fields).first { $0.key == key }
    }

    /// The label of a subject or action field, or the key itself.
    public func fieldLabel(_ key: String) -> LocalizedText {
        anyField(key)?.label ?? LocalizedText(zh: key, en: key)
    }

    /// A field value as the user reads it: enum and checklist keys become labels, booleans 是/否.
    public func valueText(_ value: FieldValue, field key: String) -> LocalizedText {
        anyField(key)?.valueText(value) ?? LocalizedText(zh: value.displayText, en: value.displayText)
    }

    /// The state key `text` names (a key, or a zh/en label), or nil.
    public func resolveState(_ text: String) -> String? {
        Self.resolve(text, in: states.map { ($0.key, $0.label) })
    }

    /// The action key `text` names (a key, or a zh/en label; people's actions only), or nil.
    public func resolveAction(_ text: String) -> String? {
        // Nearly always the key itself (every CLI and script sends keys): found without building the candidates.
        if actions.contains(where: { $0.key == text && !$0.automatic }) { return text }
        return Self.resolve(text, in: actions.filter { !$0.automatic }.map { ($0.key, $0.label) })
    }

    /// The key named by `text` among `candidates`: the key itself, else a unique zh or (case-insensitive) en label.
    static func resolve(_ text: String, in candidates: [(key: String, label: LocalizedText)]) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let exact = candidates.first(where: { $0.key == trimmed }) { return exact.key }
        let byZh = candidates.filter { $0.label.zh == trimmed }
        if byZh.count == 1 { return byZh[0].key }
        let byEn = candidates.filter { $0.label.en?.lowercased() == trimmed.lowercased() }
        if byEn.count == 1 { return byEn[0].key }
        // One key for several same-labelled entries (e.g. `return` from two states) is still one key.
        let keys = Set((byZh + byEn).map(\.key))
        return keys.count == 1 ? keys.first : nil
    }

    /// Labels of the actions every workflow has besides its own (the engine's events).
    public static let builtInActionLabels: [String: LocalizedText] = [
        "submit": LocalizedText(zh: "提交申请", en: "Submit"),
        "assign-street": LocalizedText(zh: "记入所属街道", en: "Street office recorded"),
        "comment": LocalizedText(zh: "留言", en: "Comment"),
        "remind": LocalizedText(zh: "到期提醒", en: "Reminder"),
        "urge": LocalizedText(zh: "催办", en: "Urge"),
        "attach": LocalizedText(zh: "添加附件", en: "Attach files"),
        "escalate": LocalizedText(zh: "超期上报", en: "Escalation"),
        "assign": LocalizedText(zh: "转交", en: "Hand-over"),
        "migrate": LocalizedText(zh: "迁移到新版本", en: "Migration"),
        "reschedule": LocalizedText(zh: "按新工作日历重算期限", en: "Deadline recomputed with the new calendar"),
    ]
}

extension FieldDefinition {
    /// The value key `text` names (a key, or a zh/en label of one of `values`), or nil.
    public func resolveValue(_ text: String) -> String? {
        if values.contains(where: { $0.key == text }) { return text }
        return WorkflowDefinition.resolve(text, in: values.map { ($0.key, $0.label) })
    }

    /// The label of one value key, or the key itself.
    public func valueLabel(_ key: String) -> LocalizedText {
        values.first { $0.key == key }?.label ?? LocalizedText(zh: key, en: key)
    }

    /// A value as the user reads it: enum and checklist keys become labels, booleans 是/否.
    public func valueText(_ value: FieldValue) -> LocalizedText {
        switch type {
        case .enum:
            guard let key = value.stringValue else { break }
            return valueLabel(key)
        case .checklist:
            let labels = (value.listValue ?? []).map(valueLabel)
            return LocalizedText(
                zh: labels.map(\.zh).joined(separator: "、"),
                en: labels.map { $0.text(.en) }.joined(separator: ", "))
        case .boolean:
            guard let flag = value.boolValue else { break }
            return flag ? LocalizedText(zh: "是", en: "yes") : LocalizedText(zh: "否", en: "no")
        default:
            break
        }
        return LocalizedText(zh: value.displayText, en: value.displayText)
    }

    /// "居委会门口（door）、居委会内部（inside）" — the allowed values with their labels, for hints.
    public func allowedValuesText() -> LocalizedText {
        LocalizedText(
            zh: values.map { "\($0.label.zh)（\($0.key)）" }.joined(separator: "、"),
            en: values.map { "\($0.key) (\($0.label.text(.en)))" }.joined(separator: ", "))
    }
}
