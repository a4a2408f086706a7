import ArgumentParser
import Foundation
import StreetFlowClient
import StreetFlowProtocol
import Varlink
import WorkflowModel

struct Register: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "标牌版面台账 / The register of plaques and boards at each committee.",
        subcommands: [Show.self, Add.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "居委会台账及门口\"2+2\"核对 / A committee's register and its door check (all committees without a name).")

        @Argument(help: "居委会（不填为全部）/ The committee (blank: every committee).")
        var committee: String?

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            try await global.withClient { client in
                let reply = try await client.workflow.register(committee: committee)
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                    return
                }
                if committee == nil {
                    print(
                        console.table(
                            [
                                console.say("居委会", "Committee"), console.say("在挂", "In place"),
                                console.say("门口", "Door"),
                            ],
                            reply.registers.map { r in
                                [
                                    r.committee, "\(r.items.filter { $0.status != .removed }.count)",
                                    r.compliant
                                        ? console.styled(console.say("符合\"2+2\"", "2+2 as required"), .green)
                                        : console.styled(console.say("不符合", "not compliant"), .red),
                                ]
                            }))
                    return
                }
                // Kinds and places by their labels, from the register's entry workflow (板牌 / 居委会内部 …).
                var entry: WorkflowDefinition?
                if let key = reply.entryWorkflow { entry = await client.definition(key) }
                func label(_ value: String, _ field: String?) -> String {
                    let choice = field.flatMap { entry?.field($0) }?.values.first { $0.key == value }
                    return choice.map { console.text($0.label) } ?? value
                }
                for r in reply.registers {
                    print(console.say("\(r.committee)居委会台账", "Register of \(r.committee)"))
                    if r.items.isEmpty {
                        // Not an empty table: say so, and how what already hangs there gets in.
                        print(
                            console.say(
                                "  （暂无登记；已挂的标牌或版面由自治办补录：streetflow register add --committee \(r.committee) …）",
                                "  (nothing registered; the office enters what already hangs there: streetflow register add --committee \(r.committee) …)"
                            ))
                    } else {
                        print(
                            console.table(
                                [
                                    console.say("编号", "Id"), console.say("类别", "Kind"), console.say("名称", "Wording"),
                                    console.say("处所", "Place"), console.say("具体位置", "Location"),
                                    console.say("状态", "Status"), console.say("来源", "Admission"),
                                ],
                                r.items.map { item in
                                    [
                                        item.id, label(item.kind, entry?.register?.kindField), item.text,
                                        label(item.site, entry?.register?.placeField), item.spot ?? "",
                                        status(item.status, console: console),
                                        item.admittedBy ?? console.say("原有", "before"),
                                    ]
                                }))
                    }
                    if r.compliant {
                        print(
                            console.styled(
                                console.say("门口：符合\"2+2\"（恰为四块牌子）", "Door: the four 2+2 plaques, as required"), .green))
                    } else {
                        print(console.styled(console.say("门口：不符合\"2+2\"", "Door: not as the 2+2 rule requires"), .red))
                        for missing in r.missingDoorPlaques { print(console.say("  缺：", "  missing: ") + missing) }
                        for extra in r.extraAtDoor { print(console.say("  多：", "  extra: ") + extra) }
                    }
                }
            }
        }

        private func status(_ status: Workflow.RegisterItem.Status, console: Console) -> String {
            switch status {
            case .inPlace: return console.say("在挂", "in place")
            case .removalPending: return console.say("待拆除", "removal pending")
            case .removed: return console.say("已拆除", "taken down")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "补录准入制度前已挂的标牌或版面（自治办）/ Enter a plaque or board that hung before admission (office).")

        @Option(help: "说明（记入审计）/ A comment (recorded).") var comment: String?

        @OptionGroup var global: GlobalOptions

        @Argument(
            parsing: .allUnrecognized,
            help: """
                台账条目的字段 --<字段> 值，如 --committee 蓝天二村 --item 标牌 --text 名称 --place 居委会门口 \
                （见 streetflow describe 台账工作流）/ The entry's fields as --<field> VALUE.
                """)
        var fieldArguments: [String] = []

        func run() async throws {
            let console = global.console
            try await global.withClient { client in
                guard let workflow = try await client.workflow.register(committee: nil).entryWorkflow,
                    let definition = await client.definition(workflow)
                else {
                    throw CLIFailure(
                        message: console.say("守护进程没有台账工作流", "the daemon has no register workflow"),
                        status: ExitStatus.failure)
                }
                // What an item entered by hand carries (its origin), as the register's definition declares.
                var given = definition.register?.manualEntry ?? [:]
                for (key, value) in try SubjectFields.pairs(fieldArguments, console: console) { given[key] = value }
                let subject = try SubjectFields.typed(given, definition: definition, console: console)
                let reply = try await client.workflow.submit(workflow: workflow, subject: subject, comment: comment)
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                    return
                }
                print(console.say("已登记 \(reply.instance.id)", "Recorded \(reply.instance.id)"))
            }
        }
    }
}
