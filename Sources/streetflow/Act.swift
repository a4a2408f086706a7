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

    @Flag(help: "对我待办中所有可执行此操作的申请批量执行 / Act on every request in my queue that allows it.")
    var allInQueue = false

    @Option(help: "与 --all-in-queue 合用：只限此工作流 / With --all-in-queue: only this workflow.")
    var workflow: String?

    @OptionGroup var global: GlobalOptions

    /// The `--<field> VALUE` arguments of the command (argument-parser collects them only at the command's level).
    var fieldArguments: [String] = []

    /// Whether any field was given, as --field key=value or --<field> VALUE.
    var hasFields: Bool { !fields.isEmpty || !fieldArguments.isEmpty }

    /// The fields as typed JSON, checked against the action's definition (choices by label, lists split).
    func fieldValues(action: ActionDefinition?) throws -> [String: JSONValue]? {
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
        return try SubjectFields.typed(
            raw, fields: action.fields, of: action.label, key: action.key, console: global.console)
    }

    /// Acts on one request, or on every queued request allowing `action` with `--all-in-queue`.
    func perform(action: String, id: String?) async throws {
        let console = global.console
        if allInQueue {
            guard id == nil else {
                throw CLIFailure(
                    message: global.say("--all-in-queue 不能同时指定编号", "--all-in-queue takes no id"),
                    status: ExitStatus.usage)
            }
            try await bulk(action: action, console: console)
            return
        }
        guard let id else {
            throw CLIFailure(
                message: global.say("请给出申请编号（或 --all-in-queue）", "give a request id (or --all-in-queue)"),
                status: ExitStatus.usage)
        }
        try await global.withClient { client in
            // Fields are checked here only when the action is allowed now; otherwise the daemon says why it is not.
            let definition = hasFields ? try await definition(of: id, allowing: action, client: client) : nil
            do {
                let reply = try await client.workflow.act(
                    id: id, action: action, comment: comment,
                    fields: try fieldValues(action: definition?.action(action)),
                    expectedVersion: expectedVersion, idempotencyKey: idempotencyKey)
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                    return
                }
                let instance = reply.instance
                let done = Render.action(
                    action, definition: await client.definition(instance.workflow, version: instance.definitionVersion),
                    console: console)
                print(console.say("已办理 \(instance.id)：\(done)", "Done \(instance.id): \(done)"))
                print(Render.whereItSits(instance, console: console))
            } catch let error as VarlinkError {
                if !console.json, let conflict = Workflow.VersionConflict(error) {
                    await explainConflict(conflict, id: id, action: action, client: client, console: console)
                }
                throw error
            }
        }
    }

    /// The definition of request `id`, when it allows `action` now.
    private func definition(
        of id: String, allowing action: String, client: StreetFlowClient
    ) async throws -> WorkflowDefinition? {
        let detail = try await client.workflow.get(id: id)
        guard detail.actions.contains(action) else { return nil }
        return await client.definition(detail.instance.workflow, version: detail.instance.definitionVersion)
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

    private func bulk(action: String, console: Console) async throws {
        try await global.withClient { client in
            let items = try await client.workflow.queue(workflow: workflow).items.filter { $0.actions.contains(action) }
            var results: [JSONValue] = []
            var rows: [[String]] = []
            var failed = 0
            for item in items {
                let instance = item.instance
                do {
                    let reply = try await client.workflow.act(
                        id: instance.id, action: action, comment: comment,
                        fields: try fieldValues(
                            action: hasFields
                                ? await client.definition(instance.workflow, version: instance.definitionVersion)?
                                    .action(action) : nil),
                        expectedVersion: expectedVersion ?? instance.version,
                        idempotencyKey: idempotencyKey.map { "\($0)-\(instance.id)" })
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
                        "results": .array(results), "succeeded": .int(items.count - failed), "failed": .int(failed),
                    ]))
            } else if items.isEmpty {
                print(console.say("待办中没有可执行「\(action)」的申请。", "Nothing in your queue allows '\(action)'."))
            } else {
                let headers = [
                    console.say("编号", "ID"), console.say("内容", "Summary"), console.say("结果", "Result"),
                    console.say("说明", "Detail"),
                ]
                print(console.table(headers, rows))
                print(
                    console.say(
                        "共 \(items.count) 件：成功 \(items.count - failed)，失败 \(failed)",
                        "\(items.count) item(s): \(items.count - failed) succeeded, \(failed) failed"))
            }
            if failed > 0 { throw ExitCode(ExitStatus.failure) }
        }
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

    @Argument(help: "申请编号 / The request id.")
    var id: String

    @Argument(help: "操作，如 approve / The action key, e.g. approve.")
    var action: String

    @OptionGroup var flags: ActFlags

    @Argument(
        parsing: .allUnrecognized,
        help: "操作的字段 --<字段> 值，如 --location 二楼（见 streetflow actions）/ The action's fields as --<field> VALUE.")
    var fieldArguments: [String] = []

    func run() async throws {
        var flags = flags
        flags.fieldArguments = fieldArguments
        try await flags.perform(action: action, id: id)
    }
}
