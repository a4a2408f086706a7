import Foundation
import WorkflowModel

/// The office's words for its keys: departments, committees, reference lists, workflows with their states
/// and actions, and the office's time zone. Turns keys into labels for output, and what a user typed (a key
/// or a label) into keys for input; an unknown name is a usage error that lists the known ones.
struct Vocabulary {
    /// One key with its label.
    struct Term {
        var key: String
        var label: LocalizedText
    }

    var departments: [Term] = []
    var committees: [Term] = []
    var lists: [Term] = []
    /// The current definition of every workflow, in the daemon's order.
    var definitions: [WorkflowDefinition] = []
    var timeZone: TimeZone = LocalDate.officeTimeZone

    // MARK: Output

    /// A department's label (卫生健康办), or the key when the config gives none.
    func department(_ key: String?) -> String? {
        guard let key else { return nil }
        return departments.first { $0.key == key }?.label.zh ?? key
    }

    /// A role as people say it, departments by their label.
    func role(_ key: String, language: Language) -> String {
        Role(key).label(departmentLabel: { department($0) }).text(language)
    }

    /// A reference list's title, or the key.
    func list(_ key: String, language: Language) -> String {
        lists.first { $0.key == key }?.label.text(language) ?? key
    }

    /// The current definition of a workflow.
    func definition(_ key: String) -> WorkflowDefinition? { definitions.first { $0.key == key } }

    // MARK: Input

    /// The workflow key named by a key or a title.
    func workflow(_ typed: String, console: Console) throws -> String {
        let candidates = definitions.map { (key: $0.key, label: $0.title) }
        return try resolve(typed, candidates, what: console.say("工作流", "workflow"), console: console)
    }

    /// The department key named by a key or a label.
    func department(typed: String, console: Console) throws -> String {
        try resolve(
            typed, departments.map { ($0.key, $0.label) }, what: console.say("部门", "department"), console: console)
    }

    /// The committee named by its name or key.
    func committee(typed: String, console: Console) throws -> String {
        let trimmed = typed.hasSuffix("居委会") ? String(typed.dropLast(3)) : typed
        return try resolve(
            trimmed, committees.map { ($0.key, $0.label) }, what: console.say("居委会", "committee"), console: console)
    }

    /// The state key named by a key or a label, in one workflow or in any.
    func state(typed: String, workflow: String?, console: Console) throws -> String {
        let scope = workflow.flatMap(definition).map { [$0] } ?? definitions
        var seen = Set<String>()
        var candidates: [(key: String, label: LocalizedText)] = []
        for state in scope.flatMap(\.states) where seen.insert(state.key).inserted {
            candidates.append((state.key, state.label))
        }
        return try resolve(typed, candidates, what: console.say("环节", "state"), console: console)
    }

    /// The key `typed` names, or a usage error (exit 2) that lists what is known.
    private func resolve(
        _ typed: String, _ candidates: [(key: String, label: LocalizedText)], what: String, console: Console
    ) throws -> String {
        let text = typed.trimmingCharacters(in: .whitespaces)
        if let key = candidates.first(where: { $0.key == text })?.key { return key }
        let matches = Set(
            candidates.filter { $0.label.zh == text || $0.label.en?.lowercased() == text.lowercased() }.map(\.key))
        if matches.count == 1, let key = matches.first { return key }
        let known = candidates.map { candidate in
            candidate.label.zh == candidate.key
                ? candidate.key
                : console.say(
                    "\(candidate.label.zh)（\(candidate.key)）", "\(candidate.key) (\(candidate.label.text(.en)))")
        }
        throw CLIFailure(
            message: console.say(
                "没有名为「\(typed)」的\(what)；可用：\(known.joined(separator: "、"))",
                "no \(what) named '\(typed)'; known: \(known.joined(separator: ", "))"),
            status: ExitStatus.usage)
    }
}

extension Vocabulary {
    /// A field type as the reader says it (文本, 选项, 日期 …).
    static func type(_ type: FieldType, console: Console) -> String {
        let zh: String =
            switch type {
            case .text: "文本"
            case .enum: "选项"
            case .date: "日期"
            case .committee: "居委会"
            case .department: "部门"
            case .listItem: "清单条目"
            case .request: "申请编号"
            case .boolean: "是/否"
            case .checklist: "多选清单"
            }
        return console.say(zh, type.rawValue)
    }
}
