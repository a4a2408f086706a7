import ArgumentParser
import StreetFlowClient
import StreetFlowProtocol

struct Rollout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "提标增能推进 / The committee rollout.", subcommands: [Status.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "各居委会达标进度 / Every committee's rollout: phase, state, deadline, accepted or not.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            try await global.withClient { client in
                let reply = try await client.workflow.programme()
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                    return
                }
                guard reply.workflow != nil else {
                    print(console.say("守护进程的工作流中没有推进计划。", "The daemon's workflows hold no programme."))
                    return
                }
                let rows = reply.committees.map { row in
                    [
                        row.committee, row.phaseLabel.map { shortName(console.text($0)) } ?? "—",
                        row.instance?.id ?? "-",
                        row.instance.map { console.text($0.stateLabel) }
                            ?? (row.inProgramme
                                ? console.say("未启动", "not started") : console.say("不参加", "not in programme")),
                        row.late == true
                            ? console.styled("\(row.phaseEnds ?? "") \(console.say("逾期", "late"))", .red)
                            : row.phaseEnds ?? "",
                        row.reached ? console.styled(console.say("是", "yes"), .green) : console.say("否", "no"),
                    ]
                }
                print(
                    console.table(
                        [
                            console.say("居委会", "Committee"), console.say("阶段", "Phase"), console.say("编号", "ID"),
                            console.say("环节", "State"), console.say("期限", "Due"), console.say("达标", "Accepted"),
                        ], rows))
                let started = reply.committees.filter { $0.instance != nil }.count
                let reached = reply.committees.filter(\.reached).count
                let late = reply.committees.filter { $0.late == true }.count
                print(
                    console.say(
                        "共 \(reply.committees.count) 个居委会：已启动 \(started)，已达标 \(reached)，逾期未达标 \(late)",
                        "\(reply.committees.count) committees: \(started) started, \(reached) accepted, \(late) late"))
            }
        }

        /// A phase's name without its dates in brackets (前期试点（2019-10-01至2019-12-31）→ 前期试点): the due column has them.
        private func shortName(_ label: String) -> String {
            let cut = label.firstIndex { $0 == "（" || $0 == "(" } ?? label.endIndex
            let name = label[..<cut].trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? label : name
        }
    }
}
