import ArgumentParser
import Foundation
import StreetFlowClient
import StreetFlowProtocol
import TerminalText
import Varlink
import WorkflowModel

/// The options of every action: comment, fields, the version seen, idempotency, and bulk selection.
struct ActFlags: ParsableArguments {
    @Option(help: "意见 / A comment.")
    var comment: String?

    @Option(name: .customLong("field"), help: "字段 key=value（可重复）/ A field key=value (repeatable).")
    var fields: [String] = []

    @Option(help: "你看到的版本（防止并发覆盖）/ The version you saw (refused if it changed since).")
    var expectedVersion: Int?

    @Option(help: "幂等键，重试时不会重复执行 / An idempotency key: a retry does not act twice.")
    var idempotencyKey: String?

    @Flag(
        help: "对我待办中所有可执行此操作的申请批量执行（须 --workflow）/ Act on every request in my queue that allows it (needs --workflow).")
    var allInQueue = false

    @Option(help: "与 --all-in-queue 合用：此工作流（必填，键或名称）/ With --all-in-queue: this workflow (required).")
    var workflow: String?

    @Option(help: "与 --all-in-queue 合用：只限此居委会 / With --all-in-queue: only this committee.")
    var committee: String?

    @Flag(help: "与 --all-in-queue 合用：只限已超期的 / With --all-in-queue: only overdue requests.")
    var overdue = false

    @Flag(help: "不再询问，直接执行（脚本用）/ Do not ask; go ahead (for scripts).")
    var yes = false

    @Flag(help: "只列出将办理的申请，不做任何更改 / Only show what would be done; change nothing.")
    var dryRun = false

    @Option(name: .customLong("attach"), help: "附件（可重复）/ A file to attach (repeatable).", completion: .file())
    var attach: [String] = []

    @Option(
        help:
            "抄送：居委会、部门或用户，逗号分隔，如 民政办,蓝天二村 / Copy to committees, departments or users (comma-separated)."
    )
    var cc: [String] = []

    /// The copy targets as given (split at commas, either width).
    var copies: [String]? {
        let names = cc.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }) }.map(String.init)
        return names.isEmpty ? nil : names
    }

    @OptionGroup var global: GlobalOptions

    /// The `--<field> VALUE` arguments of the command (argument-parser collects them only at the command's level).
    var fieldArguments: [String] = []

    /// Whether any field was given, as --field key=value or --<field> VALUE.
    var hasFields: Bool { !fields.isEmpty || !fieldArguments.isEmpty }

    /// The fields as typed JSON, checked against the action's definition (choices by label, lists split).
    /// An action that amends the subject (a resubmission) takes the workflow's subject fields, only those it changes.
    func fieldValues(action: ActionDefinition?, of definition: WorkflowDefinition? = nil) throws -> [String: JSONValue]?
    {
        var raw: [String: String] = [:]
        for pair in fields {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw CLIFailure(
                    message: global.say("--field 应写成 key=value：\(pair)", "--field must be key=value: \(pair)"),
                    status: ExitStatus.usage)
            }
            raw[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        for (key, value) in try SubjectFields.pairs(fieldArguments, console: global.console) { raw[key] = value }
        guard !raw.isEmpty else { return nil }
        guard let action else { return raw.mapValues(JSONValue.string) }
        if action.amendsSubject, let definition {
            return try SubjectFields.typed(
                raw, fields: definition.fields, of: definition.title, key: definition.key, partial: true,
                console: global.console)
        }
        return try SubjectFields.typed(
            raw, fields: action.fields, of: action.label, key: action.key, console: global.console)
    }

    /// ``perform(action:ids:)`` with the command's `--<field>` arguments (argument-parser gathers those only at a
    /// command's own level, so each command passes its own).
    func perform(action: String, ids: [String], fieldArguments: [String]) async throws {
        var flags = self
        flags.fieldArguments = fieldArguments
        try await flags.perform(action: action, ids: ids)
    }

    /// Acts on one request, on several (`ACTION ID ID …`), or on every queued request allowing `action` with
    /// `--all-in-queue`. More than one request, or an action that ends the request, is shown first and asked
    /// about on a terminal (`--yes` for scripts, `--dry-run` to only look).
    func perform(action: String, ids: [String]) async throws {
        let console = global.console
        if allInQueue {
            guard ids.isEmpty else {
                throw CLIFailure(
                    message: global.say("--all-in-queue 不能同时指定编号", "--all-in-queue takes no id"),
                    status: ExitStatus.usage)
            }
            guard workflow != nil else {
                throw CLIFailure(
                    message: global.say(
                        "批量办理须用 --workflow 指明工作流，以免误动其他事项",
                        "a bulk action needs --workflow, so it never touches another kind of request"),
                    status: ExitStatus.usage)
            }
            try await global.withClient { client in
                var items = try await client.workflow.queue(workflow: workflow).items
                    .filter { $0.actions.contains(action) }
                if overdue { items = items.filter(\.overdue) }
                if let committee {
                    let wanted = committee.hasSuffix("居委会") ? String(committee.dropLast(3)) : committee
                    items = items.filter { $0.instance.committee == wanted }
                }
                try await bulk(action: action, instances: items.map(\.instance), client: client)
            }
            return
        }
        guard !ids.isEmpty else {
            throw CLIFailure(
                message: global.say("请给出申请编号（或 --all-in-queue）", "give a request id (or --all-in-queue)"),
                status: ExitStatus.usage)
        }
        if ids.count > 1 {
            try await global.withClient { client in
                var instances: [Workflow.Instance] = []
                for id in ids { instances.append(try await client.workflow.get(id: id).instance) }
                try await bulk(action: action, instances: instances, client: client)
            }
            return
        }
        let id = ids[0]
        try await global.withClient { client in
            let detail = try await client.workflow.get(id: id)
            let definition = await client.definition(
                detail.instance.workflow, version: detail.instance.definitionVersion)
            let allowed = detail.actions.contains(action)
            let spec = allowed ? definition?.action(action) : nil
            // An action that ends the request cannot be undone: it is named and asked about on a terminal.
            if let spec, definition?.state(spec.to)?.final == true, !console.json {
                let named = console.text(spec.label)
                let ending = definition?.state(spec.to).map { console.text($0.label) } ?? spec.to
                if dryRun {
                    print(
                        console.say(
                            "将对 \(id)（\(detail.instance.summary)）执行「\(named)」，申请随即结束（\(ending)）。演练：未做任何更改。",
                            "Would take '\(named)' on \(id) (\(detail.instance.summary)), which ends it (\(ending)). Dry run: nothing changed."
                        ))
                    return
                }
                if !yes, Confirmation.interactive {
                    writeError(
                        console.say(
                            "「\(named)」会结束申请 \(id)（\(detail.instance.summary)），办理后不能撤回。\n",
                            "'\(named)' ends request \(id) (\(detail.instance.summary)); it cannot be undone.\n"))
                    try Confirmation.confirm(yes: false, requireYesWithoutTTY: false, console: console)
                }
            } else if dryRun {
                print(
                    console.say(
                        "将对 \(id)（\(detail.instance.summary)）执行「\(Render.action(action, definition: definition, console: console))」。演练：未做任何更改。",
                        "Would take '\(Render.action(action, definition: definition, console: console))' on \(id). Dry run: nothing changed."
                    ))
                return
            }
            do {
                // Fields are checked here only when the action is allowed now; otherwise the daemon says why not.
                let fields = try fieldValues(action: spec, of: definition)
                let attachments =
                    attach.isEmpty ? nil : try await Upload.files(attach, client: client, console: console)
                let reply = try await client.workflow.act(
                    id: id, action: action, comment: comment, fields: fields, expectedVersion: expectedVersion,
                    idempotencyKey: idempotencyKey, attachments: attachments, cc: copies)
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                    return
                }
                let instance = reply.instance
                let done = Render.action(action, definition: definition, console: console)
                print(console.say("已办理 \(instance.id)：\(done)", "Done \(instance.id): \(done)"))
                print(Render.afterCommand(instance, console: console))
            } catch let error as VarlinkError {
                if !console.json, let conflict = Workflow.VersionConflict(error) {
                    await explainConflict(conflict, id: id, action: action, client: client, console: console)
                }
                throw error
            }
        }
    }

    /// Prints what happened since the caller's version, and the command to act again.
    private func explainConflict(
        _ conflict: Workflow.VersionConflict,
        id: String,
        action: String,
        client: StreetFlowClient,
        console: Console
    ) async {
        let seen = conflict.expectedVersion
        guard let detail = try? await client.workflow.get(id: id) else { return }
        let changes = detail.history.filter { $0.sequence > seen }
        var lines: [String] = []
        if !changes.isEmpty {
            lines.append(console.say("自第 \(seen) 版以来的变化：", "Changes since version \(seen):"))
            lines += Render.timeline(changes, definition: nil, console: console)
        }
        lines.append(
            console.say("现在：", "Now: ") + console.text(detail.instance.stateLabel) + console.say("，第 ", ", version ")
                + "\(detail.instance.version)" + console.say(" 版", ""))
        if detail.actions.contains(action) {
            var again = Verbs.command(action, id: id)
            again += " --expected-version \(detail.instance.version)"
            if let comment { again += " --comment \"\(comment)\"" }
            lines.append(console.say("仍要办理请执行：", "To act again: ") + again)
        } else {
            let definition = await client.definition(
                detail.instance.workflow, version: detail.instance.definitionVersion)
            let named = Render.action(action, definition: definition, console: console)
            let allowed = detail.actions.map { Render.action($0, definition: definition, console: console) }
            lines.append(
                console.say(
                    "当前环节已不能执行「\(named)」；可执行：\(allowed.isEmpty ? "无" : allowed.joined(separator: "、"))",
                    "'\(action)' is no longer possible; allowed: \(detail.actions.isEmpty ? "none" : detail.actions.joined(separator: ", "))"
                ))
        }
        writeError((lines.joined(separator: "\n") + "\n"))
    }

    /// Shows the plan, asks (or needs --yes without a terminal), then acts on each request; one line per result.
    private func bulk(action: String, instances: [Workflow.Instance], client: StreetFlowClient) async throws {
        let console = global.console
        var definitions: [String: WorkflowDefinition] = [:]
        for instance in instances where definitions["\(instance.workflow)@\(instance.definitionVersion)"] == nil {
            definitions["\(instance.workflow)@\(instance.definitionVersion)"] = await client.definition(
                instance.workflow, version: instance.definitionVersion)
        }
        func definition(_ instance: Workflow.Instance) -> WorkflowDefinition? {
            definitions["\(instance.workflow)@\(instance.definitionVersion)"]
        }
        let named =
            instances.first.map { Render.action(action, definition: definition($0), console: console) } ?? action
        guard !instances.isEmpty else {
            if console.json {
                console.printJSON(.object(["results": .array([]), "succeeded": .int(0), "failed": .int(0)]))
            } else {
                print(console.say("待办中没有可执行「\(named)」的申请。", "Nothing in your queue allows '\(named)'."))
            }
            return
        }
        if !console.json {
            print(
                console.say(
                    "将对以下 \(instances.count) 件申请执行「\(named)」：", "Will take '\(named)' on these \(instances.count):"))
            print(
                Render.table(instances, console: console))
        }
        if dryRun {
            if console.json {
                console.printJSON(.object(["plan": .array(instances.map { .string($0.id) }), "dryRun": true]))
            } else {
                print(console.say("演练：未做任何更改。", "Dry run: nothing was changed."))
            }
            return
        }
        try Confirmation.confirm(yes: yes, requireYesWithoutTTY: true, console: console)
        var results: [JSONValue] = []
        var rows: [[String]] = []
        var failed = 0
        for instance in instances {
            do {
                let reply = try await client.workflow.act(
                    id: instance.id, action: action, comment: comment,
                    fields: try fieldValues(
                        action: hasFields ? definition(instance)?.action(action) : nil, of: definition(instance)),
                    expectedVersion: expectedVersion ?? instance.version,
                    idempotencyKey: idempotencyKey.map { "\($0)-\(instance.id)" }, cc: copies)
                results.append(.object(["id": .string(instance.id), "ok": true, "instance": reply.varlinkJSON]))
                rows.append([
                    instance.id, DisplayWidth.truncate(instance.summary, to: 30), console.styled("✓", .green),
                    console.text(reply.instance.stateLabel),
                ])
            } catch {
                let error = StreetFlowClientError(error)
                failed += 1
                let report = ErrorReport(error, language: console.language)
                results.append(
                    .object([
                        "id": .string(instance.id), "ok": false, "error": .string(error.name),
                        "parameters": .object(error.parameters),
                    ]))
                rows.append([
                    instance.id, DisplayWidth.truncate(instance.summary, to: 30), console.styled("✗", .red),
                    report.sentence,
                ])
            }
        }
        if console.json {
            console.printJSON(
                .object([
                    "results": .array(results), "succeeded": .int(instances.count - failed), "failed": .int(failed),
                ]))
        } else {
            let headers = [
                console.say("编号", "ID"), console.say("内容", "Summary"), console.say("结果", "Result"),
                console.say("说明", "Detail"),
            ]
            print(console.table(headers, rows))
            print(
                console.say(
                    "共 \(instances.count) 件：成功 \(instances.count - failed)，失败 \(failed)",
                    "\(instances.count) item(s): \(instances.count - failed) succeeded, \(failed) failed"))
        }
        if failed > 0 { throw ExitCode(ExitStatus.failure) }
    }
}

struct Act: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "执行任意操作 / Take any action of the request's workflow.",
        discussion: """
            每个操作也可直接作为命令：streetflow <操作> 编号 [--<字段> 值]，如 streetflow forward PA-… ；\
            streetflow actions 列出全部操作，streetflow show 编号 列出此申请现在可执行的。
            Every action is also a command of its own: streetflow ACTION ID [--<field> VALUE], e.g. streetflow \
            forward PA-…; streetflow actions lists them all, streetflow show ID those this request allows now.
            """)

    @Argument(help: "申请编号 / The request id.", completion: LiveCompletion.ids)
    var id: String

    @Argument(help: "操作，如 approve / The action key, e.g. approve.")
    var action: String

    @OptionGroup var flags: ActFlags

    @Argument(
        parsing: .allUnrecognized,
        help: "操作的字段 --<字段> 值，如 --location 二楼（见 streetflow actions）/ The action's fields as --<field> VALUE.",
        completion: LiveCompletion.fieldValues)
    var fieldArguments: [String] = []

    func run() async throws {
        // The action by its key or its label (审批通过), among the actions of this request's workflow.
        let key =
            try await flags.global.withClient { client in
                let instance = try await client.workflow.get(id: id).instance
                let definition = await client.definition(instance.workflow, version: instance.definitionVersion)
                return try await Verbs.action(action, in: definition.map { [$0] } ?? [], id: id, client: client)
            } ?? action
        try await flags.perform(action: key, ids: [id], fieldArguments: fieldArguments)
    }
}
