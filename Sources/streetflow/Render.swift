import Foundation
import StreetFlowClient
import StreetFlowProtocol
import TerminalText
import Varlink
import WorkflowModel

/// Shared renderings of requests, histories and next steps.
enum Render {
    /// A role key as the user knows it.
    static func role(_ key: String, console: Console) -> String {
        switch key {
        case "office": return console.say("社区自治办", "self-governance office")
        case "street": return console.say("街道办事处", "street office")
        case "admin": return console.say("管理员", "administrator")
        case "applicant": return console.say("申请部门", "applicant department")
        case "committee": return console.say("居委会", "committee")
        case "system": return console.say("系统", "system")
        default:
            if key.hasPrefix("department:") { return console.say("部门 ", "department ") + key.dropFirst(11) }
            if key.hasPrefix("committee:") { return key.dropFirst(10) + console.say("居委会", " committee") }
            return key
        }
    }

    /// "环节：自治办审核（待 社区自治办 处理）" — the state and the queue.
    static func whereItSits(_ instance: Workflow.Instance, console: Console) -> String {
        var text = console.say("环节：", "State: ") + console.text(instance.stateLabel)
        if let queue = instance.queue, !instance.final {
            text += console.say("（待\(role(queue, console: console))处理）", " (queue: \(role(queue, console: console)))")
        }
        if instance.final { text += console.say("（已办结）", " (finished)") }
        if let match = instance.listMatch {
            text += "\n" + listMatch(match, console: console)
        }
        return text
    }

    /// What a command's confirmation says of the request: where it sits and, while it waits, by when the next
    /// holder is to act ("期限：截止 2026-12-11（周五）下班前") — the person who just acted knows when to look again.
    static func afterCommand(_ instance: Workflow.Instance, console: Console) -> String {
        [whereItSits(instance, console: console), deadlineLine(instance, console: console)].compactMap { $0 }
            .joined(separator: "\n")
    }

    /// "期限：截止 … 下班前" while the request waits with a deadline; nil otherwise (`show` and confirmations).
    static func deadlineLine(_ instance: Workflow.Instance, console: Console) -> String? {
        guard instance.nextDeadline != nil, !instance.final else { return nil }
        return console.say("期限：", "Deadline: ") + deadline(instance, console: console)
    }

    /// A size as people read it: `2.9 MB`, `812 KB`, `311 B` (powers of 1,024, as file managers show them).
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KB" }
        return "\(bytes) B"
    }

    /// The reference-list entry a request was checked against.
    static func listMatch(_ match: [String: JSONValue], console: Console) -> String {
        let list = match["list"]?.stringValue ?? ""
        let code = match["code"]?.stringValue ?? ""
        let title = match["title"]?.stringValue ?? ""
        // Records made before scores were decisive.
        guard match["decisive"]?.boolValue == false else {
            var text = console.say("参考清单：\(list) \(code)「\(title)」", "Reference list: \(list) \(code) \"\(title)\"")
            if let alternative = match["alternative"]?.stringValue {
                text += console.say("；替代途径：\(alternative)", "; instead: \(alternative)")
            }
            return text
        }
        var lines = [console.say("清单相近条目（仅供参考，由自治办判断）：", "Close list entries (hints only; the office decides):")]
        for candidate in [match] + (match["candidates"]?.arrayValue?.compactMap(\.objectValue) ?? []) {
            lines.append("  " + candidateLine(candidate, console: console))
        }
        return lines.joined(separator: "\n")
    }

    /// "NEG-04「居民养犬证明」 匹配用语「养犬证明」 相似度 0.58 负面清单 negative-certificates v2".
    static func candidateLine(_ match: [String: JSONValue], console: Console) -> String {
        let code = match["code"]?.stringValue ?? ""
        let title = match["title"]?.stringValue ?? ""
        var parts = ["\(code)「\(title)」"]
        if let wording = match["wording"]?.stringValue, wording != title {
            parts.append(console.say("匹配用语「\(wording)」", "wording \"\(wording)\""))
        }
        if let score = match["score"]?.doubleValue {
            parts.append(console.say("相似度 ", "score ") + String(format: "%.2f", score))
        }
        let negative = match["kind"]?.stringValue == "negative"
        parts.append(negative ? console.say("负面清单", "negative list") : console.say("参考清单", "reference list"))
        parts.append("\(match["list"]?.stringValue ?? "") v\(match["listVersion"]?.intValue ?? 0)")
        if match["sample"]?.boolValue == true { parts.append(console.say("（示例清单）", "(sample list)")) }
        return parts.joined(separator: " ")
    }

    /// "streetflow approve ID --expected-version 3 [--comment …] [--location …]".
    static func nextStep(
        _ action: String,
        instance: Workflow.Instance,
        definition: WorkflowDefinition?,
        console: Console
    ) -> String {
        var line = Verbs.command(action, id: instance.id) + " --expected-version \(instance.version)"
        let spec = definition?.action(action)
        if spec?.commentRequired == true { line += console.say(" --comment \"说明\"", " --comment \"…\"") }
        for field in spec?.fields ?? [] where field.required {
            let choices = field.values.map { console.say($0.label.zh, $0.key) }
            let value: String =
                switch field.type {
                case .checklist: choices.isEmpty ? "a,b" : choices.prefix(2).joined(separator: ",") + ",…"
                case .enum: choices.joined(separator: "|")
                case .date: console.say("日期", "YYYY-MM-DD")
                default: "\"…\""
                }
            line += " \(SubjectFields.option(field.key)) \(value)"
        }
        let label = spec.map { console.text($0.label) } ?? action
        return line + console.say("（\(label)）", "  (\(label))")
    }

    /// The history as a timeline in local time.
    static func timeline(
        _ history: [Workflow.Event], definition: WorkflowDefinition?, console: Console,
        copyLabels: [String: String] = [:]
    ) -> [String] {
        var lines: [String] = []
        // The subject as it stood, so a resubmission shows what it changed (字段：旧值 → 新值).
        var subject: [String: JSONValue] = [:]
        for event in history {
            let time = console.localTime(event.at)
            var line = "  \(console.styled(time, .dim))  #\(event.sequence)  \(console.text(event.actionLabel))"
            if let state = definition?.state(event.to), event.from != event.to || event.kind == "submitted" {
                line += " → \(console.text(state.label))"
            }
            line += "  \(console.styled(actor(event.actorUser, console: console), .cyan))"
            if let target = event.target, event.kind == "assigned" || event.kind == "escalated" {
                line += console.say("（→\(target)）", " (→ \(target))")
            }
            lines.append(line)
            if let comment = event.comment, !comment.isEmpty {
                lines.append("      \(console.say("意见", "comment"))：\(comment)")
            }
            if event.kind == "submitted" { subject = event.fields }
            let amends = definition?.action(event.action)?.amendsSubject == true
            if amends {
                for (key, value) in event.fields.sorted(by: { $0.key < $1.key }) where subject[key] != value {
                    let field = definition?.field(key)
                    let label = field.map { console.text($0.label) } ?? key
                    let before = subject[key].map { fieldValue($0, field, console: console) } ?? ""
                    let after = fieldValue(value, field, console: console)
                    lines.append(
                        "      \(console.say("修改", "changed")) \(label)：\(before.isEmpty ? console.say("（空）", "(empty)") : before) → \(after)"
                    )
                    subject[key] = value
                }
            }
            if case .array(let copies)? = event.fields[CopyTarget.field], !copies.isEmpty {
                let named = copies.compactMap(\.stringValue).map { copyLabels[$0] ?? copyTarget($0) }
                lines.append(
                    "      \(console.say("抄送", "copied to"))：\(named.joined(separator: console.say("、", ", ")))")
            }
            for attachment in attachments(event.fields[AttachmentRef.field]) {
                lines.append(
                    "      \(console.say("附件", "attachment"))：\(Render.attachment(attachment, console: console))")
            }
            for (key, value) in event.fields.sorted(by: { $0.key < $1.key })
            where !["submitted", "rescheduled"].contains(event.kind) && !amends && key != AttachmentRef.field
                && key != CopyTarget.field
            {
                let field = definition?.action(event.action)?.fields.first { $0.key == key }
                let label = field.map { console.text($0.label) } ?? Self.engineFieldLabel(key, console: console)
                lines.append("      \(label)：\(fieldValue(value, field, console: console))")
            }
            if let match = event.listMatch {
                lines += listMatch(match, console: console).split(separator: "\n").map { "      " + $0 }
            }
        }
        return lines
    }

    /// A field's value in the reader's words: a choice by its label, anything else as text.
    static func fieldValue(_ value: JSONValue, _ field: FieldDefinition?, console: Console) -> String {
        if case .array(let items) = value {
            // A checklist: each item by its label.
            return items.map { fieldValue($0, field, console: console) }.joined(separator: console.say("；", "; "))
        }
        if let key = value.stringValue, let choice = field?.values.first(where: { $0.key == key }) {
            return console.text(choice.label)
        }
        return console.value(value)
    }

    /// A copy target as people say it: the name after its kind (the department's key: the history keeps keys;
    /// `show` names departments by the daemon's labels on the 抄送 line).
    static func copyTarget(_ target: String) -> String {
        target.firstIndex(of: ":").map { String(target[target.index(after: $0)...]) } ?? target
    }

    /// The attachments recorded in a field value (an event's or the request's `attachments`).
    static func attachments(_ value: JSONValue?) -> [AttachmentRef] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap { $0.stringValue.flatMap(AttachmentRef.init(entry:)) }
    }

    /// `申请函.pdf（2.9 MB，PDF）`.
    static func attachment(_ attachment: AttachmentRef, console: Console) -> String {
        let about = "\(Render.size(attachment.size))\(console.say("，", ", "))\(Upload.kind(attachment.mediaType))"
        return attachment.name + console.say("（\(about)）", " (\(about))")
    }

    /// The label of a field the engine (not the definition) records: the document number (文号); else the key.
    static func engineFieldLabel(_ key: String, console: Console) -> String {
        switch key {
        case "documentNumber": console.say("文号", "document number")
        case WorkflowEvent.streetField: console.say("所属街道", "street office")
        default: key
        }
    }

    /// Who acted: a user's name, or the system (timers, automatic steps and effects).
    static func actor(_ user: String, console: Console) -> String {
        user == "system" ? console.say("系统", "system") : user
    }

    /// A listing of requests: one row each; a 文号 column when any of them was filed under a document number.
    static func table(_ instances: [Workflow.Instance], console: Console) -> String {
        let numbered = instances.contains { $0.documentNumber != nil }
        var headers = [
            console.say("编号", "ID"), console.say("事项", "Workflow"), console.say("内容", "Summary"),
            console.say("居委会", "Committee"), console.say("部门", "Department"), console.say("环节", "State"),
            console.say("提交日期", "Submitted"), console.say("期限", "Deadline"),
        ]
        if numbered { headers.append(console.say("文号", "Number")) }
        let rows = instances.map { instance in
            [
                instance.id, console.text(instance.title), DisplayWidth.truncate(instance.summary, to: 30),
                instance.committee ?? "", department(instance), console.text(instance.stateLabel),
                console.localDate(instance.createdAt), deadline(instance, console: console),
            ] + (numbered ? [instance.documentNumber ?? ""] : [])
        }
        return console.table(headers, rows)
    }

    /// The applicant department as the office names it, or its key when the config gives no label.
    static func department(_ instance: Workflow.Instance) -> String {
        instance.departmentLabel ?? instance.department ?? ""
    }

    /// Whether the request's next deadline has passed.
    static func isOverdue(_ instance: Workflow.Instance, now: Date = Date()) -> Bool {
        guard !instance.final, let text = instance.nextDeadline, let due = Console.parseTime(text) else { return false }
        return due < now
    }

    /// The next deadline as its last working day, marked (red on a terminal) when it has passed.
    static func deadline(_ instance: Workflow.Instance, console: Console) -> String {
        guard !instance.final, instance.nextDeadline != nil else { return "" }
        let text =
            console.deadline(instance.nextDeadline) + estimated(instance, console: console)
            + escalation(instance, console: console)
        return isOverdue(instance) ? console.styled("⚠ " + console.say("已超期，", "overdue, ") + text, .red) : text
    }

    /// "（估算）" when the deadline lies past the holiday data (Monday to Friday only until the year is added).
    static func estimated(_ instance: Workflow.Instance, console: Console) -> String {
        instance.deadlineEstimated == true ? console.say("（估算）", " (estimated)") : ""
    }

    /// "（已上报街道办事处）" when an escalation handed the request up, else "".
    static func escalation(_ instance: Workflow.Instance, console: Console) -> String {
        guard let escalated = instance.escalatedTo else { return "" }
        let to = role(escalated, console: console)
        return console.say("（已上报\(to)）", " (escalated to the \(to))")
    }
}

extension StreetFlowClient {
    /// A request with its whole history: Get answers the newest page, History the earlier ones.
    func requestWithWholeHistory(_ id: String) async throws -> Workflow.GetReply {
        var reply = try await workflow.get(id: id)
        while let earlier = reply.historyEarlier {
            let page = try await workflow.history(id: id, before: earlier, limit: nil)
            reply.history = page.history + reply.history
            reply.historyEarlier = page.earlier
        }
        return reply
    }

    /// A workflow's definition as the daemon describes it (a version, or the current one); nil when it cannot.
    func definition(_ key: String, version: Int? = nil) async -> WorkflowDefinition? {
        guard let described = try? await workflow.describeWorkflow(workflow: key, version: version) else { return nil }
        return try? JSONValue.object(described.definition).decode(WorkflowDefinition.self)
    }
}

extension Render {
    /// An action as people say it (审核通过，报街道审批), or its key when the definition is unknown.
    static func action(_ key: String, definition: WorkflowDefinition?, console: Console) -> String {
        definition?.action(key).map { console.text($0.label) } ?? key
    }
}
