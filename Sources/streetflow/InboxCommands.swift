import ArgumentParser
import Foundation
import StreetFlowClient
import StreetFlowProtocol

/// `streetflow inbox`: what the daemon has told me (and my roles, departments, committees), newest first.
struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "我的通知与待办 / My notices and what waits for me.",
        discussion: """
            列出新通知并标为已读；--all 连同已读的。--brief 只打印一行（登录时用），没有待办和新通知时什么也不打印，\
            守护进程未运行时也不打印。
            Lists new notices and marks them read; --all includes read ones. --brief prints one line (for login), \
            nothing when nothing waits, and nothing when the daemon is not running.
            """)

    @Flag(help: "连同已读通知 / Include notices already read.")
    var all = false

    @Flag(help: "只打印一行概况（登录提示用）/ One summary line (for the login prompt).")
    var brief = false

    @Option(help: "最多列出几条（默认 30）/ At most this many notices (default 30).")
    var limit = 30

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        if brief {
            // At login: one line or nothing, never an error (the daemon may be down or the user have no role).
            guard
                let client = try? await StreetFlowClient.connect(
                    socketPath: SocketDiscovery.resolve(explicit: global.socket))
            else { return }
            let reply = try? await client.workflow.inbox(all: false, markRead: false, limit: 0)
            await client.close()
            if let reply, let line = Self.briefLine(reply, console: console) { print(line) }
            return
        }
        try await global.withClient { client in
            let reply = try await client.workflow.inbox(all: all, markRead: true, limit: limit)
            if console.json {
                console.printJSON(reply.varlinkJSON)
                return
            }
            if let line = Self.briefLine(reply, console: console) { print(line) }
            guard !reply.notices.isEmpty else {
                print(all ? console.say("没有通知。", "No notices.") : console.say("没有新通知。", "No new notices."))
                return
            }
            for notice in reply.notices {
                let mark = notice.read ? "  " : console.styled("● ", .bold)
                // A step done since (by them or someone else) is said to be done, not left reading 待您办理.
                let done =
                    notice.handled == true
                    ? console.styled(console.say("（已办理，无需再办）", " (done since; nothing to do)"), .dim) : ""
                print(
                    "\(mark)\(console.localTime(notice.at))  \(console.say(notice.message, notice.messageEn))\(done)")
                if let id = notice.instance {
                    print("    " + console.say("查看：streetflow show \(id)", "see: streetflow show \(id)"))
                }
            }
        }
    }

    /// 您有 3 件待办，其中 1 件超期；2 条新通知 — or nil when nothing waits and nothing is new.
    static func briefLine(_ reply: Workflow.InboxReply, console: Console) -> String? {
        var zh: [String] = []
        var en: [String] = []
        if reply.waiting > 0 {
            zh.append("您有 \(reply.waiting) 件待办" + (reply.overdue > 0 ? "，其中 \(reply.overdue) 件超期" : ""))
            en.append("\(reply.waiting) waiting for you" + (reply.overdue > 0 ? " (\(reply.overdue) overdue)" : ""))
        }
        if reply.unread > 0 {
            zh.append("\(reply.unread) 条新通知")
            en.append("\(reply.unread) new notice\(reply.unread == 1 ? "" : "s")")
        }
        guard !zh.isEmpty else { return nil }
        let line = console.say(
            (reply.waiting == 0 ? "您有 " : "") + zh.joined(separator: "；"), "StreetFlow: " + en.joined(separator: "; "))
        return line + console.say("（streetflow inbox / streetflow queue）", " (streetflow inbox / streetflow queue)")
    }
}

/// `streetflow urge ID`: asks whoever holds a request to act (催办).
struct UrgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "urge",
        abstract: "催办：提醒当前办理人尽快办理 / Urge whoever holds a request to act.",
        discussion: "申请人或社区自治办可催办，同一申请每个工作日一次。/ The applicant or the office; once per working day.")

    @Argument(help: "申请编号 / The request id.", completion: LiveCompletion.ids)
    var id: String

    @Option(help: "附言 / A comment.")
    var comment: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            let reply = try await client.workflow.urge(id: id, comment: comment)
            if console.json {
                console.printJSON(reply.varlinkJSON)
                return
            }
            print(console.say("已催办 \(id)", "Urged \(id)"))
            print(Render.afterCommand(reply.instance, console: console))
        }
    }
}
