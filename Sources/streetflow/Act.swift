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

    @Option(help: "具体位置（统筹安排）/ The location (arrange).")
    var location: String?

    @Option(help: "不达标项，逗号分隔（限期整改）/ Shortfalls, comma-separated (rectify).")
    var shortfalls: String?

    @Option(help: "已达标检查项，逗号分隔（提交自查）/ Checklist items met, comma-separated (self-check).")
    var checklist: String?

    @Option(help: "你看到的版本（防止并发覆盖）/ The version you saw (refused if it changed since).")
    var expectedVersion: Int?

    @Option(help: "幂等键，重试时不会重复执行 / An idempotency key: a retry does not act twice.")
    var idempotencyKey: String?

    @Flag(help: "对我待办中所有可执行此操作的申请批量执行 / Act on every request in my queue that allows it.")
    var allInQueue = false

    @Option(help: "与 --all-in-queue 合用：只限此工作流 / With --all-in-queue: only this workflow.")
    var workflow: String?

    @OptionGroup var global: GlobalOptions

    /// The fields as typed JSON; checklist-typed fields of the definition become arrays.
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
        if let location { raw["location"] = location }
        if let shortfalls { raw["shortfalls"] = shortfalls }
        if let checklist { raw["checklist"] = checklist }
        guard !raw.isEmpty else { return nil }
        var result: [String: JSONValue] = [:]
        for (given, text) in raw {
            let key = action.map { SubjectFields.key(given, in: $0.fields) } ?? given
            let spec = action?.fields.first { $0.key == key }
            if let spec, spec.type == .enum {
                // A choice by its key or its label (居委会内部 = inside), refused with the choices if neither.
                result[key] = try SubjectFields.value(
                    text, field: spec, option: "--field \(key)", console: global.console)
                continue
            }
            let isList = spec?.type == .checklist || (spec == nil && (key == "shortfalls" || key == "checklist"))
            result[key] = isList ? .array(SubjectFields.splitList(text).map(JSONValue.string)) : .string(text)
        }
        return result
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
            let definition = fields.isEmpty ? nil : try await definition(of: id, client: client)
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

    private func definition(of id: String, client: StreetFlowClient) async throws -> WorkflowDefinition? {
        let instance = try await client.workflow.get(id: id).instance
        return await client.definition(instance.workflow, version: instance.definitionVersion)
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
            var again = "\(Render.command(for: action)) \(id)"
            if Render.command(for: action) == "streetflow act" { again += " \(action)" }
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
                        id: instance.id, action: action, comment: comment, fields: try fieldValues(action: nil),
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
        discussion: "用 streetflow show ID 查看可执行的操作。/ See streetflow show ID for the actions you can take.")

    @Argument(help: "申请编号 / The request id.")
    var id: String

    @Argument(help: "操作，如 approve / The action key, e.g. approve.")
    var action: String

    @OptionGroup var flags: ActFlags

    func run() async throws {
        try await flags.perform(action: action, id: id)
    }
}

/// One subcommand per action key of the shipped workflows.
protocol VerbSpec {
    static var action: String { get }
    static var abstract: String { get }
    static var aliases: [String] { get }
}

extension VerbSpec {
    static var aliases: [String] { [] }
}

struct Verb<Spec: VerbSpec>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Spec.action, abstract: Spec.abstract,
            discussion: """
                例 / Example: streetflow \(Spec.action) ID --expected-version 3 --comment "…"
                批量 / Bulk: streetflow \(Spec.action) --all-in-queue --workflow WORKFLOW --comment "…"
                """,
            aliases: Spec.aliases)
    }

    @Argument(help: "申请编号（批量时省略）/ The request id (omit with --all-in-queue).")
    var id: String?

    @OptionGroup var flags: ActFlags

    func run() async throws {
        try await flags.perform(action: Spec.action, id: id)
    }
}
