import Foundation

extension WorkflowDefinition {
    /// Checks values against field definitions and returns them normalised (trimmed text, `"true"` → true,
    /// a single checklist key → a list). Throws `code` naming the first wrong field.
    public func validate(
        _ values: [String: FieldValue], fields definitions: [FieldDefinition], code: WorkflowError.Code,
        context: TransitionContext
    ) throws(WorkflowError) -> [String: FieldValue] {
        func fail(_ field: String, _ reason: String, _ zh: String, _ en: String) -> WorkflowError {
            let label = definitions.first { $0.key == field }?.label ?? LocalizedText(zh: field, en: field)
            return WorkflowError(
                code, LocalizedText(zh: "「\(label.zh)」\(zh)", en: "'\(label.text(.en))' \(en)"),
                ["field": .string(field), "reason": .string(reason)])
        }
        for key in values.keys.sorted() {
            if let problem = TextRule.forbiddenScalar(in: key, multiline: false) {
                throw problem.error(code, field: key)
            }
            guard !definitions.contains(where: { $0.key == key }) else { continue }
            let zh = definitions.map { "\($0.label.zh)（\($0.key)）" }.joined(separator: "、")
            let en = definitions.map(\.key).joined(separator: ", ")
            throw WorkflowError(
                code,
                LocalizedText(zh: "没有字段「\(key)」；可用字段：\(zh)", en: "field '\(key)' does not exist; known fields: \(en)"),
                ["field": .string(key), "reason": .string("unknown")])
        }
        var result: [String: FieldValue] = [:]
        for field in definitions {
            guard var value = values[field.key] else {
                if field.required { throw fail(field.key, "missing", "必填", "is required") }
                continue
            }
            let rule = field.textRule(isSummary: code == .invalidSubject && field.key == summaryField)
            if case .string(let text) = value {
                let trimmed = text.trimmedOfWhitespace
                switch rule.check(trimmed) {
                case .success(let normalised): value = .string(normalised)
                case .failure(let problem): throw problem.error(code, field: field.key, label: field.label)
                }
                if trimmed.isEmpty {
                    if field.required { throw fail(field.key, "missing", "必填", "is required") }
                    continue
                }
            }
            if case .list(let items) = value {
                var normalised: [String] = []
                for item in items {
                    switch TextRule.line.check(item) {
                    case .success(let text): normalised.append(text)
                    case .failure(let problem): throw problem.error(code, field: field.key, label: field.label)
                    }
                }
                value = .list(normalised)
            }
            switch field.type {
            case .text, .department, .committee, .enum, .date, .listItem, .request:
                guard let text = value.stringValue else {
                    throw fail(field.key, "type", "应为文本", "must be text")
                }
                if field.type == .enum {
                    guard let key = field.resolveValue(text) else {
                        let allowed = field.allowedValuesText()
                        throw fail(
                            field.key, "notAllowed", "不能是「\(text)」；可选：\(allowed.zh)",
                            "value '\(text)' is not one of: \(allowed.text(.en))")
                    }
                    // A label typed in Chinese or English is stored as its key.
                    value = .string(key)
                }
                if field.type == .date, LocalDate(text) == nil {
                    throw fail(field.key, "date", "应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD")
                }
                if field.type == .committee, !context.committees.isEmpty, context.committee(named: text) == nil {
                    throw fail(
                        field.key, "unknownCommittee", "：没有名为「\(text)」的居委会", "names no known committee '\(text)'")
                }
                if field.type == .department, let known = context.departments, !known.contains(text) {
                    throw fail(field.key, "unknownDepartment", "：没有部门「\(text)」", "names no known department '\(text)'")
                }
                if field.type == .request, let references = context.references {
                    try checkReference(text, field: field, references: references, fail: fail)
                }
                if field.type == .listItem, let listKey = field.list, let list = context.lists.list(listKey),
                    !list.entries.contains(where: { $0.code == text })
                {
                    throw fail(field.key, "notOnList", "：清单中没有编号「\(text)」", "is no entry code of list \(listKey)")
                }
                // Without `list:` the code may be of any list in force.
                if field.type == .listItem, field.list == nil, !context.lists.lists.isEmpty,
                    !context.lists.lists.contains(where: { $0.entries.contains { $0.code == text } })
                {
                    throw fail(field.key, "notOnList", "：参考清单中没有编号「\(text)」", "is no entry code of any list")
                }
            case .boolean:
                if case .string(let text) = value,
                    let flag = ["true": true, "false": false, "是": true, "否": false][text]
                {
                    value = .bool(flag)
                }
                guard value.boolValue != nil else { throw fail(field.key, "type", "应为是/否", "must be true or false") }
            case .checklist:
                guard let keys = value.listValue else { throw fail(field.key, "type", "应为检查项列表", "must be a list") }
                var items: [String] = []
                for item in keys.flatMap({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }) {
                    guard let key = field.resolveValue(item) else {
                        throw fail(
                            field.key, "notAllowed", "没有检查项「\(item)」；可选：\(field.allowedValuesText().zh)",
                            "has no item '\(item)'; known: \(field.values.map(\.key).joined(separator: ", "))")
                    }
                    items.append(key)
                }
                if field.required && items.isEmpty { throw fail(field.key, "missing", "必填", "is required") }
                value = .list(items)
            }
            result[field.key] = value
        }
        return result
    }

    /// A `request` field must name a request the caller can see, of an allowed workflow, in an allowed state.
    private func checkReference(
        _ id: String, field: FieldDefinition, references: [String: RequestReference],
        fail: (String, String, String, String) -> WorkflowError
    ) throws(WorkflowError) {
        guard let reference = references[id] else {
            throw fail(field.key, "unknownRequest", "：找不到申请「\(id)」", "names no request '\(id)' you can see")
        }
        if !field.workflows.isEmpty, !field.workflows.contains(reference.workflow) {
            let allowed = field.workflows.joined(separator: ", ")
            throw fail(
                field.key, "wrongWorkflow",
                "：「\(id)」属于「\(reference.workflowTitle?.zh ?? reference.workflow)」，不在此处可选的事项之列",
                "names \(id) of \(reference.workflow); expected one of: \(allowed)")
        }
        if !field.states.isEmpty, !field.states.contains(reference.state) {
            let allowed = field.states.joined(separator: ", ")
            throw fail(
                field.key, "wrongState", "：「\(id)」当前环节为「\(reference.stateLabel?.zh ?? reference.state)」，不在此处可选的环节之列",
                "names \(id), which is in state \(reference.state); expected one of: \(allowed)")
        }
    }
}

extension FieldDefinition {
    /// The rule a text value of this field must pass: its `maxLength` (or 2000 characters for text without one,
    /// 200 for other types) and `maxBytes` (default eight bytes per character); free text may span lines unless
    /// it is the definition's summary field (a request's one-line name in lists) or says `multiline: false`.
    public func textRule(isSummary: Bool) -> TextRule {
        let length = maxLength ?? (type == .text ? TextRule.defaultFieldLength : TextRule.line.maxLength)
        return TextRule(
            multiline: multiline ?? (type == .text && !isSummary), maxLength: length,
            maxBytes: maxBytes ?? TextRule.defaultBytes(forLength: length))
    }
}

/// What a `request` field needs to know of the request it names.
public struct RequestReference: Hashable, Sendable {
    /// Its workflow key.
    public var workflow: String
    /// Its current state.
    public var state: String
    /// The label of its current state, for messages.
    public var stateLabel: LocalizedText?
    /// The title of its workflow, for messages.
    public var workflowTitle: LocalizedText?
    /// Its department (what a `concerns` field copies).
    public var department: String?
    /// Its committee (what a `concerns` field copies when this request's committee is blank).
    public var committee: String?

    /// Creates a reference.
    public init(
        workflow: String, state: String, stateLabel: LocalizedText? = nil, workflowTitle: LocalizedText? = nil,
        department: String? = nil, committee: String? = nil
    ) {
        self.department = department
        self.committee = committee
        self.workflow = workflow
        self.state = state
        self.stateLabel = stateLabel
        self.workflowTitle = workflowTitle
    }
}
