import ArgumentParser
import StreetFlowClient
import StreetFlowProtocol
import TerminalText
import Varlink
import WorkflowModel

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "列出你能看到的申请 / List the requests you can see.")

    @Option(help: "工作流（键或名称）/ Workflow (key or title).", completion: LiveCompletion.workflows) var workflow: String?
    @Option(help: "环节（键或名称）/ State (key or label).", completion: LiveCompletion.states) var state: String?
    @Option(help: "居委会 / Committee.", completion: LiveCompletion.committees) var committee: String?
    @Option(help: "部门（键或名称）/ Department (key or label).") var department: String?
    @Option(help: "起始日期 YYYY-MM-DD / Submitted on or after.") var since: String?
    @Option(help: "截止日期 YYYY-MM-DD（含当天）/ Submitted on or before.") var until: String?
    @Option(help: "搜索文字 / Text to search for.") var text: String?
    @Flag(help: "只看我提交的 / Only the requests I submitted.") var mine = false
    @Flag(help: "只看已超期的（取出全部页）/ Only overdue requests (fetches every page).") var overdue = false
    @Option(help: "每页条数 / Page size.") var limit: Int = 50
    @Option(help: "从此处继续（上一页给出）/ Continue from this cursor (printed with the previous page).") var cursor: String?
    @Flag(help: "取出全部页 / Fetch every page.") var all = false
    @OptionGroup var global: GlobalOptions

    var parameters: Workflow.ListParameters {
        .init(
            workflow: workflow, state: state, committee: committee, department: department, since: since, until: until,
            text: text, mine: mine ? true : nil, cursor: cursor, limit: limit)
    }

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            var instances: [Workflow.Instance] = []
            var page = parameters
            repeat {
                let reply = try await client.workflow.list(page)
                instances += reply.instances
                page.cursor = reply.nextCursor
            } while (all || overdue) && page.cursor != nil
            if overdue { instances = instances.filter { Render.isOverdue($0) } }
            let raw = instances.map(\.varlinkJSON)
            let next = page.cursor
            if console.json {
                console.printJSON(
                    .object(["instances": .array(raw), "nextCursor": next.map(JSONValue.string) ?? .null]))
                return
            }
            if instances.isEmpty {
                print(console.say("没有符合条件的申请。", "No requests match."))
            } else {
                print(Render.table(instances, console: console))
                let late = instances.filter { Render.isOverdue($0) }.count
                print(
                    console.say(
                        "共 \(instances.count) 件\(late > 0 ? "，其中超期 \(late) 件" : "")",
                        "\(instances.count) request(s)\(late > 0 ? ", \(late) overdue" : "")"))
            }
            if let next {
                print(console.say("还有更多：--cursor \(next)（或 --all）", "More: --cursor \(next) (or --all)"))
            }
        }
    }
}

struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "我的待办（期限最早的在前）/ What I can act on now, oldest deadline first.")

    @Option(help: "工作流（键或名称）/ Workflow (key or title).", completion: LiveCompletion.workflows) var workflow: String?
    @Option(help: "环节（键或名称）/ State (key or label).", completion: LiveCompletion.states) var state: String?
    @Option(help: "居委会 / Committee.", completion: LiveCompletion.committees) var committee: String?
    @Option(help: "部门（键或名称）/ Department (key or label).") var department: String?
    @Flag(help: "只看已超期的 / Only overdue items.") var overdue = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            var reply = try await client.workflow.queue(workflow: workflow)
            if state != nil || committee != nil || department != nil {
                // The daemon resolves the names (key or label, unknown refused); the queue keeps what matches.
                var ids: Set<String> = []
                var cursor: String?
                repeat {
                    let page = try await client.workflow.list(
                        workflow: workflow, state: state, committee: committee, department: department,
                        cursor: cursor, limit: 500)
                    ids.formUnion(page.instances.map(\.id))
                    cursor = page.nextCursor
                } while cursor != nil
                reply.items = reply.items.filter { ids.contains($0.instance.id) }
            }
            if overdue { reply.items = reply.items.filter(\.overdue) }
            if console.json {
                console.printJSON(reply.varlinkJSON)
                return
            }
            guard !reply.items.isEmpty else {
                print(console.say("没有待办。", "Nothing to do."))
                return
            }
            let headers = [
                console.say("编号", "ID"), console.say("事项", "Workflow"), console.say("内容", "Summary"),
                console.say("居委会", "Committee"), console.say("环节", "State"), console.say("期限", "Deadline"),
                console.say("可执行", "Actions"),
            ]
            var definitions: [String: WorkflowDefinition] = [:]
            for instance in reply.items.map(\.instance) where definitions[instance.definitionKey] == nil {
                definitions[instance.definitionKey] = await client.definition(
                    instance.workflow, version: instance.definitionVersion)
            }
            let rows = reply.items.map { item -> [String] in
                let instance = item.instance
                let definition = definitions[instance.definitionKey]
                var deadline =
                    console.deadlineText(workingDaysLeft: item.workingDaysLeft, overdue: item.overdue)
                    + Render.estimated(instance, console: console) + Render.escalation(instance, console: console)
                if item.overdue { deadline = console.styled("⚠ " + deadline, .red) }
                return [
                    instance.id, console.text(instance.title), DisplayWidth.truncate(instance.summary, to: 30),
                    instance.committee ?? "", console.text(instance.stateLabel), deadline,
                    item.actions.map { Render.action($0, definition: definition, console: console) }
                        .joined(separator: console.say("、", ", ")),
                ]
            }
            print(console.table(headers, rows))
            let overdue = reply.items.filter(\.overdue).count
            print(
                console.say(
                    "共 \(reply.items.count) 件\(overdue > 0 ? "，其中超期 \(overdue) 件" : "")",
                    "\(reply.items.count) item(s)\(overdue > 0 ? ", \(overdue) overdue" : "")"))
        }
    }
}

extension Workflow.Instance {
    /// The workflow and version of the definition the request runs on, e.g. `plaque-admission@2`.
    fileprivate var definitionKey: String { "\(workflow)@\(definitionVersion)" }
}
