import ArgumentParser
import Foundation
import StreetFlowClient
import StreetFlowProtocol
import WorkflowModel

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "实时查看你能看到的办理事件（Ctrl-C 结束）/ Stream the events you may see, live (Ctrl-C to stop).")

    @Option(help: "只看此申请 / Only this request.")
    var follow: String?

    @Option(help: "收到 N 个事件后退出 / Exit after N events.")
    var count: Int?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        // States by their names: the definitions come over a second connection, the first one streams.
        let definitions = console.json ? [] : try await global.withClient { try await Verbs.definitions(client: $0) }
        func state(_ workflow: String, _ key: String?) -> String {
            guard let key else { return "" }
            return definitions.first { $0.key == workflow }?.state(key).map { console.text($0.label) } ?? key
        }
        try await global.withClient { client in
            var seen = 0
            if !console.json {
                writeError(console.say("正在等待事件…（Ctrl-C 结束）\n", "Waiting for events… (Ctrl-C to stop)\n"))
            }
            for try await reply in client.workflow.watch(follow: follow) {
                // Replies with neither an event nor a notice open and close the stream.
                let text: String
                if let notice = reply.notice {
                    text =
                        console.json
                        ? Console.compactJSON(reply.varlinkJSON)
                        : "\(console.localTime(notice.at))  \(console.say("通知", "notice"))  "
                            + console.say(notice.message, notice.messageEn)
                    writeOutput(text + "\n")
                    continue
                }
                guard let event = reply.event else { continue }
                if console.json {
                    text = Console.compactJSON(reply.varlinkJSON)
                } else {
                    let line = [
                        console.localTime(event.at), event.instance, console.text(event.actionLabel),
                        "\(state(event.workflow, event.from))→\(state(event.workflow, event.to))",
                        Render.actor(event.actorUser, console: console), event.comment ?? "",
                    ]
                    text = line.joined(separator: "  ")
                }
                // Unbuffered, so a pipe sees each event as it happens.
                writeOutput(text + "\n")
                seen += 1
                if let count, seen >= count { return }
            }
        }
    }
}
