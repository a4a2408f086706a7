import ArgumentParser
import Foundation
import StreetFlowClient
import StreetFlowProtocol
import Varlink

struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "管理：备份、重新加载、迁移 / Administration: backup, reload, migrate.",
        subcommands: [Backup.self, Reload.self, Migrate.self, MigrateStore.self, Clock.self, Notify.self])

    /// `admin notify status`: what streetflow-notify delivered, what keeps failing and why.
    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "通知投递状态（群机器人与邮件）/ Delivery of notices to group robots and mail.",
            subcommands: [Status.self])

        struct Status: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "投递到哪一条、哪些在重试或已放弃 / How far delivery got, what is retried or given up.")

            @Option(help: "streetflow-notify 的配置 / The notifier's config.")
            var config = "/etc/streetflow/notify.yaml"

            @OptionGroup var global: GlobalOptions

            func run() async throws {
                let console = global.console
                guard FileManager.default.fileExists(atPath: config) else {
                    // Not configured is an answer in the reader's words, not the notifier's English error.
                    throw CLIFailure(
                        message: console.say(
                            "未配置通知投递：没有 \(config)，群机器人与邮件通知未启用（通知仍在 streetflow inbox 里）。"
                                + "照 /usr/share/doc/streetflow/notify.yaml.example 写好后：systemctl enable --now streetflow-notify",
                            "delivery is not configured: there is no \(config), so no group robot or mail gets notices "
                                + "(they are still in streetflow inbox). Write it from "
                                + "/usr/share/doc/streetflow/notify.yaml.example, then: systemctl enable --now streetflow-notify"
                        ),
                        status: ExitStatus.noInput)
                }
                let notifier = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                    .appendingPathComponent("streetflow-notify").path
                let binary =
                    FileManager.default.isExecutableFile(atPath: notifier) ? notifier : "/usr/bin/streetflow-notify"
                let process = Process()
                process.executableURL = URL(fileURLWithPath: binary)
                process.arguments = ["--config", config, "--status"]
                // The notifier answers in the language this command was asked in (--lang, else LANG).
                var environment = ProcessInfo.processInfo.environment
                environment["LANG"] = console.language == .zh ? "zh_CN.UTF-8" : "C.UTF-8"
                process.environment = environment
                do {
                    try process.run()
                } catch {
                    throw CLIFailure(
                        message: console.say(
                            "找不到 streetflow-notify（\(binary)）", "streetflow-notify is not installed (\(binary))"),
                        status: ExitStatus.unavailable)
                }
                process.waitUntilExit()
                if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
            }
        }
    }

    /// `admin clock [advance 20d | set 2019-10-08T09:00]`: the simulated clock of a demonstration daemon.
    struct Clock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "模拟时钟（演示与测试）/ The simulated clock (demonstrations and tests).",
            discussion: """
                streetflow admin clock advance 20d（d 天、h 小时、w 周、m 分钟）；streetflow admin clock set 2019-10-08T09:00。\
                仅当 streetflowd 以 --clock simulated:… 启动时可用；到期的期限随即触发。
                Only a daemon started with --clock simulated:… moves; what falls due fires at once.
                """)

        @Argument(help: "advance | set（省略：显示当前时间）/ advance | set (omitted: show the time).")
        var verb: String?

        @Argument(help: "20d / 2019-10-08T09:00")
        var value: String?

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            guard verb == nil || (["advance", "set"].contains(verb ?? "") && value != nil) else {
                throw CLIFailure(
                    message: console.say(
                        "用法：streetflow admin clock [advance 20d | set 2019-10-08T09:00]",
                        "usage: streetflow admin clock [advance 20d | set 2019-10-08T09:00]"),
                    status: ExitStatus.usage)
            }
            try await global.withClient { client in
                let reply = try await client.admin.clock(
                    advance: verb == "advance" ? value : nil, set: verb == "set" ? value : nil)
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                    return
                }
                let kind = reply.simulated ? console.say("模拟时钟", "simulated clock") : console.say("真实时钟", "real clock")
                print(console.say("现在：", "Now: ") + console.localTime(reply.now) + "（\(kind)）")
            }
        }
    }

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "在线备份数据库并复制到 FILE / Back up the store online and copy it to FILE.")

        @Argument(help: "目标文件 / Where to copy the backup.")
        var file: String

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            try await global.withClient { client in
                let reply = try await client.admin.backup()
                let source = reply.path
                let target = URL(fileURLWithPath: file)
                do {
                    if FileManager.default.fileExists(atPath: target.path) {
                        try FileManager.default.removeItem(at: target)
                    }
                    try FileManager.default.copyItem(at: URL(fileURLWithPath: source), to: target)
                } catch {
                    throw CLIFailure(
                        message: console.say(
                            "备份已写在 \(source)，但无法复制到 \(file)：\(error.localizedDescription)（需要读取守护进程状态目录的权限）",
                            "the backup is at \(source) but could not be copied to \(file): \(error.localizedDescription) (reading the daemon's state directory needs permission)"
                        ),
                        status: ExitStatus.failure)
                }
                if console.json {
                    var json = reply.varlinkObject
                    json["copiedTo"] = .string(target.path)
                    console.printJSON(.object(json))
                } else {
                    print(
                        console.say(
                            "已备份 \(Render.size(reply.bytes))：\(source) → \(target.path)",
                            "Backed up \(Render.size(reply.bytes)): \(source) → \(target.path)"))
                }
            }
        }
    }

    struct MigrateStore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate-store",
            abstract: "把本街道的全部记录迁入区里的 PostgreSQL / Move this street's records into the district's PostgreSQL.",
            discussion: """
                复制期间办理操作会稍候；到达后核对审计链和各表行数；之后本数据库不再写入，请把配置 store.kind 改为 postgresql 后重启 streetflowd。目标必须为空。
                Commands wait while the copy runs; on arrival the audit chain and every table's rows are checked; \
                afterwards this store takes no writes: set store.kind: postgresql in the config and restart \
                streetflowd. The target must be empty.
                """)

        @Option(help: "目标，如 postgresql://streetflow@db.example/streetflow（密码用守护进程配置的）/ The target URL.")
        var to: String

        @Flag(help: "并入已有其他街道记录的数据库（本街道的事件接入其审计链）/ Merge into a store that holds other streets' records.")
        var merge = false

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            try await global.withClient { client in
                let reply = try await client.admin.migrateStore(to: to, merge: merge)
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                } else {
                    print(
                        console.say(
                            "\(merge ? "已并入" : "已迁入") \(reply.target)：\(reply.events) 个事件、\(reply.requests) 件申请；审计链在目标库核对完好，链头 #\(reply.chainSequence) \(reply.chainHead)",
                            "Moved into \(reply.target): \(reply.events) events, \(reply.requests) requests; the audit chain verifies there, head #\(reply.chainSequence) \(reply.chainHead)"
                        ))
                    print(
                        console.say(
                            "本数据库已不再写入。下一步：在 /etc/streetflow/streetflow.yaml 中设置 store: {kind: postgresql, url: \(reply.target)}，然后 systemctl restart streetflowd",
                            "This store takes no more writes. Next: set store: {kind: postgresql, url: \(reply.target)} in /etc/streetflow/streetflow.yaml, then systemctl restart streetflowd"
                        ))
                }
            }
        }
    }

    struct Reload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "重新加载工作流、种子数据和清单 / Re-read workflows, seeds and lists.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            try await global.withClient { client in
                let reply = try await client.admin.reload()
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                } else {
                    let titles = try await client.workflow.workflows().workflows
                    let names = reply.workflows.map { key in
                        titles.first { $0.key == key }.map { console.text($0.title) } ?? key
                    }
                    print(
                        console.say("已重新加载 \(names.count) 个工作流：", "Reloaded \(names.count) workflows: ")
                            + names.joined(separator: console.say("、", ", ")))
                }
            }
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "把申请迁移到工作流的当前版本 / Move requests to their workflow's current version.")

        @Argument(help: "申请编号 / Request ids.")
        var ids: [String]

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            let failed = try await global.withClient { client in
                let reply = try await client.admin.migrate(ids: ids)
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                } else {
                    for id in reply.migrated { print(console.say("已迁移 \(id)", "migrated \(id)")) }
                    for line in reply.failed { print(console.say("未迁移 \(line)", "not migrated \(line)")) }
                }
                return !reply.failed.isEmpty
            }
            if failed { throw ExitCode(ExitStatus.failure) }
        }
    }
}
