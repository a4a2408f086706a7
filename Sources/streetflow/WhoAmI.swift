import ArgumentParser
import StreetFlowClient
import StreetFlowProtocol

struct WhoAmI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "守护进程眼中的你：用户、组、角色 / Who the daemon takes you for: user, groups, roles.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            let reply = try await client.workflow.whoAmI()
            if console.json {
                console.printJSON(reply.varlinkJSON)
                return
            }
            let me = reply.identity
            print(console.say("用户：", "User: ") + "\(me.user) (uid \(me.uid), gid \(me.gid))")
            print(console.say("组：", "Groups: ") + me.groups.joined(separator: ", "))
            print(
                console.say("角色：", "Roles: ")
                    + (me.roles.isEmpty
                        ? console.say("无", "none")
                        : me.roles.map { Render.role($0, console: console) }.joined(separator: ", ")))
        }
    }
}

struct CommentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment", abstract: "留言（不改变环节）/ Add a comment without moving the request.")

    @Argument(help: "申请编号 / The request id.") var id: String
    @Argument(help: "内容 / The comment.") var text: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            let reply = try await client.workflow.comment(id: id, comment: text)
            if console.json {
                console.printJSON(reply.varlinkJSON)
            } else {
                print(
                    console.say(
                        "已留言 \(id)（v\(reply.instance.version)）", "Commented on \(id) (v\(reply.instance.version))"))
            }
        }
    }
}

struct AssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "转交给同角色的用户，不给用户则自己认领 / Hand over to a user, or claim it yourself.")

    @Argument(help: "申请编号 / The request id.") var id: String
    @Argument(help: "用户名（省略则认领）/ The user (omit to claim).") var user: String?
    @Option(help: "你看到的版本 / The version you saw.") var expectedVersion: Int?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            let reply = try await client.workflow.assign(id: id, user: user, expectedVersion: expectedVersion)
            if console.json {
                console.printJSON(reply.varlinkJSON)
            } else {
                let who = reply.instance.assignee ?? "-"
                print(console.say("\(id) 已转交给 \(who)", "\(id) is now with \(who)"))
            }
        }
    }
}
