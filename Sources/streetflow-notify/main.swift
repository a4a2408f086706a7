import Foundation
import StreetFlowClient
import StreetFlowNotify
import StreetFlowProtocol

// streetflow-notify: follows the daemon's notices over Varlink and delivers them to group robots and mail.
// The daemon itself keeps no network access; this process has only what its unit allows.

func log(_ text: String) {
    FileHandle.standardError.write(Data("streetflow-notify: \(text)\n".utf8))
}

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, in arguments: [String] = arguments) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
guard let configPath = option("--config") else {
    log("usage: streetflow-notify --config FILE [--status] [--once]")
    exit(64)
}
let config: NotifyConfiguration
do {
    config = try NotifyConfiguration.load(path: configPath)
} catch {
    log("\(configPath): \(error)")
    exit(78)
}
if arguments.contains("--status") {
    let state = DeliveryState.load(config.state)
    let zh = (ProcessInfo.processInfo.environment["LANG"] ?? "").hasPrefix("zh")
    print(
        zh
            ? "已投递至第 \(state.after) 条通知；重试中 \(state.failing.count) 条；已放弃 \(state.gaveUp.count) 条"
            : "settled up to notice \(state.after); failing \(state.failing.count); given up \(state.gaveUp.count)")
    for (id, failure) in state.failing.sorted(by: { $0.key < $1.key }) {
        print(
            zh
                ? "  重试中 \(id)：已试 \(failure.attempts) 次，\(failure.reason)"
                : "  failing \(id): \(failure.attempts) attempts, \(failure.reason)")
    }
    for (id, failure) in state.gaveUp.sorted(by: { $0.key < $1.key }) {
        print(
            zh
                ? "  已放弃 \(id)：已试 \(failure.attempts) 次，\(failure.reason)"
                : "  given up \(id): \(failure.attempts) attempts, \(failure.reason)")
    }
    exit(0)
}
var notifier = Notifier(channels: Notifier.channels(config), statePath: config.state, log: log)
log("started: \(notifier.channels.count) channels, settled up to notice \(notifier.state.after)")
let once = arguments.contains("--once")
while true {
    do {
        let client = try await StreetFlowClient.connect(socketPath: config.socket)
        defer { Task { await client.close() } }
        while true {
            let reply = try await client.workflow.notices(after: notifier.state.after, limit: 200)
            let notices = reply.notices.map {
                OutgoingNotice(
                    id: $0.id, kind: $0.kind, recipient: $0.recipient, instance: $0.instance, message: $0.message,
                    at: $0.at)
            }
            let sent = notifier.deliver(notices)
            if sent > 0 { log("delivered \(sent)") }
            if once { exit(0) }
            try await Task.sleep(for: .milliseconds(Int(config.pollSeconds * 1000)))
        }
    } catch {
        log("daemon unreachable or refused: \(error); retrying in 5 s")
        if once { exit(69) }
        try? await Task.sleep(for: .seconds(5))
    }
}
