import ArgumentParser
import StreetFlowClient
import StreetFlowProtocol
import TerminalText
import Varlink
import WorkflowModel

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "查看申请、办理经过和下一步 / Show a request, its history and what can be done next.")

    @Argument(help: "申请编号 / The request id.", completion: LiveCompletion.ids)
    var id: String

    @Flag(
        help:
            "显示全部办理经过（默认只显示最近的一页）/ Show the whole history (by default the newest page only).")
    var allHistory = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            // A request with a long history comes a page at a time, so no reply is ever too large to read.
            let reply = try await allHistory ? client.requestWithWholeHistory(id) : client.workflow.get(id: id)
            if console.json {
                console.printJSON(reply.varlinkJSON)
                return
            }
            let detail = reply
            let instance = detail.instance
            let definition = await client.definition(instance.workflow, version: instance.definitionVersion)
            print(console.styled("\(instance.id)  \(console.text(instance.title))", .bold))
            print(Render.whereItSits(instance, console: console))
            print(console.say("版本：", "Version: ") + "\(instance.version)")
            print(console.say("提交：", "Submitted: ") + "\(instance.submitter)  \(console.localTime(instance.createdAt))")
            if instance.department != nil {
                print(console.say("申请部门：", "Department: ") + Render.department(instance))
            }
            if let number = instance.documentNumber { print(console.say("文号：", "Document number: ") + number) }
            if let copies = instance.copiedToLabels, !copies.isEmpty {
                print(console.say("抄送：", "Copied to: ") + copies.joined(separator: console.say("、", ", ")))
            }
            if let assignee = instance.assignee { print(console.say("经办人：", "Assignee: ") + assignee) }
            if let deadline = Render.deadlineLine(instance, console: console) { print(deadline) }
            print("")
            print(console.styled(console.say("申请内容", "Subject"), .bold))
            let fieldOrder = definition?.fields.map(\.key) ?? instance.subject.keys.sorted()
            var rows: [[String]] = []
            for key in fieldOrder {
                guard let value = instance.subject[key] else { continue }
                let field = definition?.field(key)
                // The department a request concerns, by its name (the one the daemon labelled).
                let isOwnDepartment = field?.type == .department && value.stringValue == instance.department
                rows.append([
                    "  " + (field.map { console.text($0.label) } ?? key),
                    isOwnDepartment
                        ? Render.department(instance) : Render.fieldValue(value, field, console: console),
                ])
            }
            // What the actions recorded (where it hangs …), by the actions' own field labels.
            let actionFields = (definition?.actions ?? []).flatMap(\.fields)
            // The document number has its own line above; attachments their own section below.
            for (key, value) in instance.fields.sorted(by: { $0.key < $1.key })
            where key != "documentNumber" && key != AttachmentRef.field && key != CopyTarget.field {
                let field = actionFields.first { $0.key == key }
                // The street office the request was taken at (a district's shared store), by name.
                let label = key == WorkflowEvent.streetField ? console.say("所属街道", "Street office") : key
                rows.append([
                    "  " + (field.map { console.text($0.label) } ?? label),
                    Render.fieldValue(value, field, console: console),
                ])
            }
            let table = console.table(["", ""], rows).split(separator: "\n", omittingEmptySubsequences: false)
            print(table.dropFirst().joined(separator: "\n"))
            if let definition {
                try await printEvidence(of: instance, definition: definition, client: client, console: console)
            }
            let attachments = Render.attachments(instance.fields[AttachmentRef.field])
            if !attachments.isEmpty {
                print("")
                print(console.styled(console.say("附件", "Attachments"), .bold))
                for attachment in attachments {
                    print("  " + Render.attachment(attachment, console: console) + "  SHA-256 \(attachment.sha256)")
                }
            }
            print("")
            print(console.styled(console.say("办理经过", "History"), .bold))
            if let earlier = detail.historyEarlier {
                print(
                    console.say(
                        "  （只显示最近 \(detail.history.count) 条；更早的 \(earlier - 1) 条：streetflow show \(instance.id) --all-history）",
                        "  (the newest \(detail.history.count) only; \(earlier - 1) earlier: streetflow show \(instance.id) --all-history)"
                    ))
            }
            let copyLabels = Dictionary(
                zip(instance.copiedTo ?? [], instance.copiedToLabels ?? []), uniquingKeysWith: { first, _ in first })
            print(
                Render.timeline(detail.history, definition: definition, console: console, copyLabels: copyLabels)
                    .joined(separator: "\n"))
            print("")
            if detail.actions.isEmpty {
                if instance.final {
                    print(console.say("已办结。", "Finished."))
                } else {
                    let queue = instance.queue.map { Render.role($0, console: console) } ?? "-"
                    print(console.say("你现在无可执行的操作；待 \(queue) 处理。", "Nothing for you to do now; waiting for \(queue)."))
                }
            } else {
                for action in detail.actions {
                    print(
                        console.say("下一步：", "Next: ")
                            + Render.nextStep(action, instance: instance, definition: definition, console: console))
                }
            }
        }
    }

    /// The requests the definition names as evidence (佐证) for the same committee, e.g. the training records and
    /// annual evaluations beside a rollout checklist: each workflow with its count, newest first.
    private func printEvidence(
        of instance: Workflow.Instance, definition: WorkflowDefinition, client: StreetFlowClient, console: Console
    ) async throws {
        guard !definition.evidence.isEmpty, let field = definition.committeeField,
            let committee = instance.subject[field]?.stringValue
        else { return }
        print("")
        print(console.styled(console.say("佐证材料（\(committee)）", "Evidence (\(committee))"), .bold))
        let limit = 20
        for workflow in definition.evidence {
            let page = try await client.workflow.list(workflow: workflow, committee: committee, limit: limit)
            let described = await client.definition(workflow)
            let title = described.map { console.text($0.title) } ?? workflow
            let count = page.nextCursor == nil ? "\(page.instances.count)" : "\(limit)+"
            print("  " + console.say("\(title)：\(count) 条", "\(title): \(count)"))
            if page.instances.isEmpty {
                print("    " + console.say("（无记录）", "(none recorded)"))
                continue
            }
            // Each record by its id, its summary and its other short fields (e.g. who, which course, when).
            let shown = (described?.fields ?? []).filter {
                $0.key != described?.committeeField && $0.key != described?.summaryField
            }
            let rows = page.instances.map { item in
                ["    " + item.id, DisplayWidth.truncate(item.summary, to: 30)]
                    + shown.map { field in
                        guard let value = item.subject[field.key] else { return "" }
                        let text = console.value(value)
                        let label = field.values.first { $0.key == text }?.label
                        return DisplayWidth.truncate(label.map { console.text($0) } ?? text, to: 24)
                    } + [console.text(item.stateLabel)]
            }
            let table = console.table(rows[0].map { _ in "" }, rows).split(
                separator: "\n", omittingEmptySubsequences: false)
            print(table.dropFirst().joined(separator: "\n"))
        }
    }
}
