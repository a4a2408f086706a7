import ArgumentParser
import Foundation
import StreetFlowClient
import Varlink
import WorkflowModel

/// Every action of the daemon's workflows is a command: `streetflow approve ID …` is `streetflow act ID approve …`.
///
/// The verbs are not compiled in — they are the actions of whatever definitions the daemon has loaded. A first
/// word that is no built-in command is handed to the hidden ``ActionVerb`` command, which checks it against the
/// daemon's definitions before acting; `streetflow actions` lists them in the reader's words.
enum Verbs {
    /// The built-in commands' names and aliases; an action with one of these names is taken with `act`.
    static let builtins: Set<String> = {
        var names: Set<String> = ["help"]
        for command in Streetflow.configuration.subcommands {
            names.insert(command._commandName)
            names.formUnion(command.configuration.aliases)
        }
        return names
    }()

    /// The arguments with a leading action word (its key or its label) handed to ``ActionVerb``:
    /// `approve PA-1 …` → `verb approve PA-1 …`, `审批通过 PA-1` → `verb 审批通过 PA-1`.
    static func rewrite(_ arguments: [String]) -> [String] {
        guard let first = arguments.first, !first.hasPrefix("-"), !builtins.contains(first) else { return arguments }
        return [ActionVerb._commandName] + arguments
    }

    /// The workflow key `typed` names, by key or by title (标识挂牌准入); a refusal listing the titles otherwise.
    static func workflow(_ typed: String, client: StreetFlowClient, console: Console) async throws -> String {
        let summaries = try await client.workflow.workflows().workflows
        if let match = summaries.first(where: {
            $0.key == typed || $0.title.zh == typed || $0.title.en.lowercased() == typed.lowercased()
        }) {
            return match.key
        }
        // Scripts get the daemon's own NoSuchWorkflow error.
        if console.json { return typed }
        throw CLIFailure(
            message: console.say(
                "没有名为「\(typed)」的工作流；可用的工作流：\(summaries.map(\.title.zh).joined(separator: "、"))",
                "no workflow named '\(typed)'; known workflows: \(summaries.map(\.key).joined(separator: ", "))"),
            status: ExitStatus.notFound)
    }

    /// The action key `typed` names among `definitions`' actions, by key or by label (审批通过); a label several
    /// actions share is decided by the workflow of request `id`. nil when it names no action.
    static func action(
        _ typed: String, in definitions: [WorkflowDefinition], id: String?, client: StreetFlowClient
    ) async throws -> String? {
        let actions = definitions.flatMap(\.actions)
        if actions.contains(where: { $0.key == typed }) { return typed }
        let named = actions.filter { $0.label.zh == typed || $0.label.en?.lowercased() == typed.lowercased() }
        let keys = Set(named.map(\.key))
        if keys.count <= 1 { return keys.first }
        guard let id, let workflow = try? await client.workflow.get(id: id).instance.workflow else {
            return named.first?.key
        }
        return definitions.first { $0.key == workflow }?.actions
            .first { $0.label.zh == typed || $0.label.en?.lowercased() == typed.lowercased() }?.key
    }

    /// The command that takes `action` on request `id`: `streetflow approve ID`, or `streetflow act ID NAME` when
    /// the action's name is a built-in command's.
    static func command(_ action: String, id: String) -> String {
        builtins.contains(action) ? "streetflow act \(id) \(action)" : "streetflow \(action) \(id)"
    }

    /// The current definition of every workflow the daemon has loaded, in its order.
    static func definitions(client: StreetFlowClient) async throws -> [WorkflowDefinition] {
        var definitions: [WorkflowDefinition] = []
        for summary in try await client.workflow.workflows().workflows {
            if let definition = await client.definition(summary.key) { definitions.append(definition) }
        }
        return definitions
    }
}

/// `streetflow ACTION [ID]`: an action of the daemon's workflows taken as a command of its own.
struct ActionVerb: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verb",
        abstract: "办理操作（操作名即命令）/ Take an action (the action's name is the command).",
        usage: """
            streetflow <操作> <编号> [--comment 意见] [--<字段> 值 …] [--expected-version 版本]
            streetflow <操作> <编号> <编号> … [--comment 意见] [--yes | --dry-run]
            streetflow <操作> --all-in-queue --workflow 工作流 [--committee 居委会] [--overdue] [--yes | --dry-run]
            """,
        discussion: "用 streetflow actions 查看全部操作。/ See streetflow actions for every action.",
        shouldDisplay: false)

    @Argument(help: "操作 / The action.")
    var action: String

    @Argument(
        help: "申请编号，可给多个（批量时省略）/ The request id, or several (omit with --all-in-queue).",
        completion: LiveCompletion.ids)
    var id: String?

    @OptionGroup var flags: ActFlags

    @Argument(
        parsing: .allUnrecognized,
        help: "操作的字段 --<字段> 值，如 --location 二楼（见 streetflow actions）/ The action's fields as --<field> VALUE.",
        completion: LiveCompletion.fieldValues)
    var fieldArguments: [String] = []

    func run() async throws {
        let console = flags.global.console
        // One read of the daemon's definitions both checks the word and resolves a label.
        let (actions, resolved) = try await flags.global.withClient { client in
            let definitions = try await Verbs.definitions(client: client)
            return (
                Set(definitions.flatMap { $0.actions.map(\.key) }),
                try await Verbs.action(action, in: definitions, id: id, client: client)
            )
        }
        guard let action = resolved else {
            let guess = YAMLReader.nearest(action, in: actions.union(Verbs.builtins))
            throw CLIFailure(
                message: console.say(
                    "没有名为「\(action)」的命令或操作\(guess.map { "，是不是要用「\($0)」？" } ?? "。")命令见 streetflow --help，操作见 streetflow actions",
                    "no command or action named '\(action)'\(guess.map { "; did you mean '\($0)'?" } ?? ".") See streetflow --help for commands, streetflow actions for actions"
                ),
                status: ExitStatus.usage)
        }
        // `approve A B C`: the ids after the first arrive among the field arguments, before any --option.
        let extra = Array(fieldArguments.prefix { $0.firstMatch(of: /^[A-Z]+-[0-9]{8}-[0-9A-Z]+$/) != nil })
        try await flags.perform(
            action: action, ids: (id.map { [$0] } ?? []) + extra,
            fieldArguments: Array(fieldArguments.dropFirst(extra.count)))
    }
}

/// `streetflow actions [WORKFLOW]`: every action people take, as the command that takes it.
struct ActionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "列出可办理的操作及其命令 / List the actions people take and the command for each.",
        discussion: """
            每个操作就是一个命令，如 streetflow <操作> 编号 --comment 意见；操作的字段写成 --<字段> 值。
            Every action is a command: streetflow ACTION ID --comment TEXT; its fields are --<field> VALUE.
            """)

    @Argument(help: "只列此工作流（键或名称）/ Only this workflow (key or title).")
    var workflow: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            var definitions = try await Verbs.definitions(client: client)
            if let workflow {
                definitions = definitions.filter {
                    $0.key == workflow || $0.title.zh == workflow || $0.title.en == workflow
                }
                guard !definitions.isEmpty else {
                    throw CLIFailure(
                        message: console.say(
                            "没有名为「\(workflow)」的工作流；用 streetflow workflows 查看",
                            "no workflow named '\(workflow)'; see streetflow workflows"),
                        status: ExitStatus.usage)
                }
            }
            var rows: [[String]] = []
            var json: [JSONValue] = []
            for definition in definitions {
                for action in definition.actions where !action.automatic {
                    let needs =
                        (action.commentRequired ? ["--comment"] : [])
                        + action.fields.filter(\.required).map { SubjectFields.option($0.key) }
                    let command = Verbs.command(action.key, id: console.say("编号", "ID"))
                    json.append(
                        .object([
                            "workflow": .string(definition.key), "action": .string(action.key),
                            "label": .string(console.text(action.label)), "command": .string(command),
                            "needs": .array(needs.map(JSONValue.string)),
                        ]))
                    rows.append([
                        command, console.text(action.label), console.text(definition.title),
                        needs.joined(separator: " "),
                    ])
                }
            }
            if console.json {
                console.printJSON(.object(["actions": .array(json)]))
                return
            }
            let headers = [
                console.say("命令", "Command"), console.say("操作", "Action"), console.say("工作流", "Workflow"),
                console.say("须填写", "Needs"),
            ]
            print(console.table(headers, rows))
        }
    }
}
