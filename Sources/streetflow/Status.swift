import ArgumentParser
import StreetFlowClient
import StreetFlowProtocol

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "守护进程状态 / The daemon: version, uptime, store size, open requests per state, commit latency.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            let reply = try await client.admin.stats()
            if console.json {
                console.printJSON(reply.varlinkJSON)
                return
            }
            let stats = reply
            // A queue's open count with its overdue and escalated-here counts: 3（超期 1，上报至此 1）.
            func load(_ queue: String, _ open: Int) -> String {
                guard let load = stats.queues?.first(where: { $0.queue == queue }) else { return "\(open)" }
                var parts: [String] = []
                if load.overdue > 0 { parts.append(console.say("超期 \(load.overdue)", "\(load.overdue) overdue")) }
                if load.escalatedHere > 0 {
                    parts.append(console.say("上报至此 \(load.escalatedHere)", "\(load.escalatedHere) escalated here"))
                }
                let detail = parts.joined(separator: console.say("，", ", "))
                return parts.isEmpty ? "\(open)" : console.say("\(open)（\(detail)）", "\(open) (\(detail))")
            }
            // Workflows and states by their names (the keys are in --json).
            let definitions = console.json ? [] : try await Verbs.definitions(client: client)
            let rows: [[String]] = [
                [console.say("版本", "Version"), stats.version],
                [console.say("启动于", "Started"), console.localTime(stats.startedAt)],
                [console.say("运行时长", "Uptime"), duration(stats.uptimeSeconds, console: console)],
                [console.say("存储大小", "Store size"), Render.size(stats.storeBytes)],
                [console.say("数据库", "Store"), stats.store ?? ""],
                [console.say("所属街道", "Street office"), stats.street ?? console.say("（未设置）", "(not set)")],
                [console.say("未办结", "Open requests"), "\(stats.open)"],
                [console.say("待自治办", "Awaiting office"), load("office", stats.awaitingOffice)],
                [console.say("待街道", "Awaiting street"), load("street", stats.awaitingStreet)],
                [
                    console.say("提交事务", "Commits"),
                    "\(stats.commits) (\(stats.commands) \(console.say("条命令", "commands")))",
                ],
                [
                    console.say("提交延迟", "Commit latency"),
                    console.say(
                        String(
                            format: "平均 %.0f µs，最近一次 %.0f µs", stats.averageCommitMicroseconds,
                            stats.lastCommitMicroseconds),
                        String(
                            format: "%.0f µs avg, %.0f µs last", stats.averageCommitMicroseconds,
                            stats.lastCommitMicroseconds)),
                ],
                [console.say("审计链头", "Chain head"), "#\(stats.headSequence) \(stats.headHash.prefix(16))…"],
                [
                    console.say("工作日历", "Holiday calendar"),
                    stats.calendarCoveredUntil.map { console.say("覆盖至 \($0)", "covers up to \($0)") } ?? "",
                ],
                [
                    console.say("职责分离", "Separation of duties"),
                    stats.separationOfDuties
                        ? console.say("开启", "on")
                        : console.styled(
                            console.say("已关闭（申请人可办理自己的申请）", "OFF (submitters may handle their own requests)"),
                            .red),
                ],
            ]
            var all = rows
            if let reason = stats.storeProblemReason {
                all.insert(
                    [
                        console.styled(console.say("数据库无法写入", "Store cannot be written"), .red),
                        console.styled(
                            reason == "storeMoved"
                                ? console.say(
                                    "本街道的记录已迁入区里的数据库：此处所有办理操作均被拒绝（仍可查询）。请把配置 store.kind 改为 postgresql 后重启 streetflowd",
                                    "the records were moved to the district's database: every command here is refused (reads work). Set store.kind: postgresql in the config and restart streetflowd"
                                )
                                : reason == "storeLost"
                                    ? console.say(
                                        "数据库文件在运行中被删除或替换：所有办理操作均被拒绝（仍可查询）。请从备份恢复后重启 streetflowd",
                                        "the database file was deleted or replaced while running: every command is refused (reads work). Restore the latest backup and restart streetflowd"
                                    )
                                    : console.say(
                                        "数据库文件为只读：所有办理操作均被拒绝（仍可查询）。请恢复 streetflow 用户的写权限",
                                        "the database file is read-only: every command is refused (reads work). Make it writable by the streetflow user again"
                                    ), .red),
                    ], at: 0)
            }
            if let samples = stats.sampleLists, !samples.isEmpty {
                // Each list by its title in the reader's language (the key is for `lists show`).
                var titles: [String] = []
                for key in samples {
                    let title = try? await client.workflow.showList(list: key).list["title"]?.objectValue
                    titles.append(title.flatMap { console.say($0["zh"]?.stringValue ?? key, key) } ?? key)
                }
                all.append([
                    console.styled(console.say("示例清单在用", "Sample lists in force"), .red),
                    titles.joined(separator: console.say("；", ", "))
                        + console.say(
                            "（不作决定；请经“清单更新”流程载入正式清单：streetflow submit list-update）",
                            " (they decide nothing; load the real ones via list-update)"),
                ])
            }
            if let end = stats.calendarEnds {
                all.append([
                    console.styled(console.say("工作日历即将用尽", "Holiday calendar ends"), .red),
                    console.say(
                        "节假日数据只到 \(end)；此后的期限只按周一至周五计算。请在国务院公布放假安排后写入 /etc/streetflow/calendar.d/ 并重新加载",
                        "the holiday data ends \(end); later deadlines count Monday to Friday only. Add the next year under /etc/streetflow/calendar.d/ and reload"
                    ),
                ])
            }
            if stats.programmeUnconfirmed == true {
                all.append([
                    console.styled(console.say("计划名单未确认", "Programme unconfirmed"), .red),
                    console.say(
                        "参加提标增能计划的居委会沿用种子数据中的假设；请办公室确认后写入配置 programme:",
                        "the programme's committees are the seeds' assumption; the office confirms them in the config (programme:)"
                    ),
                ])
            }
            print(console.table([console.say("项目", "Item"), console.say("值", "Value")], all))
            if let tallies = stats.tallies, !tallies.isEmpty {
                print("")
                print(
                    console.table(
                        [
                            console.say("工作流", "Workflow"), console.say("按", "By"), console.say("值", "Value"),
                            console.say("件数", "Count"), console.say("未办结", "Open"),
                        ],
                        tallies.map { tally in
                            let definition = definitions.first { $0.key == tally.workflow }
                            let field = definition?.field(tally.field)
                            return [
                                definition.map { console.text($0.title) } ?? tally.workflow,
                                field.map { console.text($0.label) } ?? tally.field,
                                Render.fieldValue(.string(tally.value), field, console: console), "\(tally.all)",
                                "\(tally.open)",
                            ]
                        }))
            }
            if !stats.openByState.isEmpty {
                print("")
                print(
                    console.table(
                        [console.say("工作流", "Workflow"), console.say("环节", "State"), console.say("件数", "Count")],
                        stats.openByState.map { count in
                            let definition = definitions.first { $0.key == count.workflow }
                            return [
                                definition.map { console.text($0.title) } ?? count.workflow,
                                definition?.state(count.state).map { console.text($0.label) } ?? count.state,
                                "\(count.count)",
                            ]
                        }))
            }
        }
    }

    private func duration(_ seconds: Int, console: Console) -> String {
        let days = seconds / 86400
        let hours = seconds % 86400 / 3600
        let minutes = seconds % 3600 / 60
        if days > 0 { return console.say("\(days) 天 \(hours) 小时", "\(days)d \(hours)h") }
        if hours > 0 { return console.say("\(hours) 小时 \(minutes) 分", "\(hours)h \(minutes)m") }
        return console.say("\(minutes) 分 \(seconds % 60) 秒", "\(minutes)m \(seconds % 60)s")
    }

}
