import ArgumentParser
import StreetFlowClient
import StreetFlowProtocol
import Varlink
import WorkflowModel

struct WorkflowsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflows", abstract: "列出可提交的工作流 / List the workflows requests start on.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            let reply = try await client.workflow.workflows()
            if console.json {
                console.printJSON(reply.varlinkJSON)
                return
            }
            let headers = [
                console.say("名称", "Title"), console.say("版本", "Version"), console.say("提交命令", "Submit with"),
            ]
            let rows = reply.workflows.map {
                [console.text($0.title), "\($0.version)", "streetflow submit \($0.key)"]
            }
            print(console.table(headers, rows))
        }
    }
}

struct Describe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "查看工作流的字段、环节和操作 / Show a workflow's fields, states and actions.")

    @Argument(help: "工作流 / The workflow key.")
    var workflow: String

    @Option(help: "定义版本（默认最新）/ The definition version (default: current).")
    var version: Int?

    @Flag(help: "同时列出环节和操作的键（写脚本用）/ Also show the states' and actions' keys (for scripts).")
    var keys = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            let workflow = try await Verbs.workflow(workflow, client: client, console: console)
            let reply = try await client.workflow.describeWorkflow(workflow: workflow, version: version)
            if console.json {
                console.printJSON(reply.varlinkJSON)
                return
            }
            let definition: WorkflowDefinition
            do {
                definition = try JSONValue.object(reply.definition).decode(WorkflowDefinition.self)
            } catch {
                throw CLIFailure(
                    message: console.say("无法读取工作流定义：\(error)", "cannot read the workflow definition: \(error)"),
                    status: ExitStatus.failure)
            }
            print(
                console.styled(
                    console.say(
                        "\(console.text(definition.title))（第 \(definition.version) 版）",
                        "\(console.text(definition.title)) (version \(definition.version))"), .bold))
            print(console.say("提交：", "Submit with: ") + "streetflow submit \(definition.key)")
            if let description = definition.description { print(console.text(description)) }
            print("")
            print(console.styled(console.say("提交字段", "Subject fields"), .bold))
            let fieldRows = definition.fields.map { field -> [String] in
                [
                    SubjectFields.option(field.key), console.text(field.label),
                    Vocabulary.type(field.type, console: console),
                    field.required ? console.say("必填", "required") : "",
                    // Either is accepted as input; the reader's words first.
                    field.values.map { console.say($0.label.zh, $0.key) }.joined(separator: "|"),
                ]
            }
            print(
                console.table(
                    [
                        console.say("选项", "Option"), console.say("名称", "Label"), console.say("类型", "Type"),
                        console.say("必填", "Required"), console.say("取值", "Values"),
                    ], fieldRows))
            print("")
            print(console.styled(console.say("环节", "States"), .bold))
            func stateName(_ key: String) -> String { definition.state(key).map { console.text($0.label) } ?? key }
            let stateRows = definition.states.map { state -> [String] in
                (keys ? [state.key] : []) + [
                    console.text(state.label), state.queue.map { Render.role($0.rawValue, console: console) } ?? "",
                    state.final ? console.say("终结", "final") : "",
                ]
            }
            print(
                console.table(
                    (keys ? [console.say("键", "Key")] : []) + [
                        console.say("环节", "State"), console.say("待办", "Queue"), console.say("终结", "Final"),
                    ], stateRows))
            print("")
            print(console.styled(console.say("操作", "Actions"), .bold))
            let actionRows = definition.actions.filter { !$0.automatic }.map { action -> [String] in
                let who = Array(Set((action.who + action.whoByState.values.flatMap { $0 }).map(\.rawValue))).sorted()
                let needs =
                    (action.commentRequired ? ["--comment"] : [])
                    + action.fields.filter(\.required).map { SubjectFields.option($0.key) }
                return (keys ? [action.key] : []) + [
                    console.text(action.label), Verbs.command(action.key, id: console.say("编号", "ID")),
                    action.from.map(stateName).joined(separator: console.say("、", ", ")) + " → " + stateName(action.to),
                    who.map { Render.role($0, console: console) }.joined(separator: console.say("、", ", ")),
                    needs.joined(separator: " "),
                ]
            }
            print(
                console.table(
                    (keys ? [console.say("键", "Key")] : []) + [
                        console.say("操作", "Action"), console.say("命令", "Command"), console.say("流转", "Transition"),
                        console.say("角色", "Who"), console.say("须填写", "Needs"),
                    ], actionRows))
        }
    }
}
