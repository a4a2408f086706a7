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
            guard me.roles.isEmpty else { return }
            // No role: say who grants which, so the user knows what to ask the administrator for.
            let granted = reply.grants.filter { !$0.groups.isEmpty || !$0.users.isEmpty }
            if granted.isEmpty {
                print(
                    console.say(
                        "配置中尚未给任何组分配角色；请管理员编辑 /etc/streetflow/streetflow.yaml",
                        "the config grants no role to any group yet; ask the administrator to edit /etc/streetflow/streetflow.yaml"
                    ))
                return
            }
            print(
                console.say(
                    "您还没有角色。请管理员把您加入相应的组（sudo usermod -aG 组名 \(me.user)）：",
                    "You hold no role. Ask the administrator to add you to the group of yours (sudo usermod -aG GROUP \(me.user)):"
                ))
            print(
                console.table(
                    [console.say("角色", "Role"), console.say("组", "Groups"), console.say("用户", "Users")],
                    granted.map { grant in
                        [
                            grant.label ?? Render.role(grant.role, console: console),
                            grant.groups.joined(separator: ", "),
                            grant.users.joined(separator: ", "),
                        ]
                    }))
        }
    }
}

struct CommentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment", abstract: "留言（不改变环节）/ Add a comment without moving the request.")

    @Argument(help: "申请编号 / The request id.", completion: LiveCompletion.ids) var id: String
    @Argument(help: "内容（或 --comment）/ The comment (or --comment).") var text: String?
    @Option(help: "内容，与各操作的 --comment 相同 / The comment, as every action takes it.") var comment: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        let console = global.console
        switch (text, comment) {
        case (nil, nil):
            throw CLIFailure(
                message: console.say("请写出留言内容：--comment \"…\"", "give the comment: --comment \"…\""),
                status: ExitStatus.usage)
        case (.some, .some):
            throw CLIFailure(
                message: console.say("留言内容只给一次（参数或 --comment）", "give the comment once (argument or --comment)"),
                status: ExitStatus.usage)
        default: break
        }
    }

    func run() async throws {
        let console = global.console
        let text = comment ?? text ?? ""
        try await global.withClient { client in
            let reply = try await client.workflow.comment(id: id, comment: text)
            if console.json {
                console.printJSON(reply.varlinkJSON)
            } else {
                print(
                    console.say(
                        "已留言 \(id)（现为第 \(reply.instance.version) 版）",
                        "Commented on \(id) (now version \(reply.instance.version))"))
            }
        }
    }
}

struct AssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "转交给同角色的用户，不给用户则自己认领 / Hand over to a user, or claim it yourself.")

    @Argument(help: "申请编号 / The request id.", completion: LiveCompletion.ids) var id: String
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
