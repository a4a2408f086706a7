import ArgumentParser
import StreetFlowClient
import StreetFlowProtocol

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "审计链 / The audit chain.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "校验全部事件的哈希链（断链：退出码 1）/ Check the whole hash chain (exit 1 when broken).")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            let ok = try await global.withClient { client in
                let reply = try await client.admin.verifyAudit()
                let report = reply
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                } else if report.ok {
                    print(
                        console.say(
                            "审计链完好：已校验 \(report.checked) 个事件，链头 #\(report.headSequence) \(report.headHash)",
                            "The audit chain is intact: \(report.checked) events checked, head #\(report.headSequence) \(report.headHash)"
                        ))
                } else {
                    print(
                        console.say(
                            "审计链断裂：第 \(report.firstBroken ?? 0) 个事件（申请 \(report.brokenInstance ?? "-")）：\(report.problem ?? "")",
                            "The audit chain is broken at event \(report.firstBroken ?? 0) (request \(report.brokenInstance ?? "-")): \(report.problem ?? "")"
                        ))
                }
                return report.ok
            }
            if !ok { throw ExitCode(ExitStatus.failure) }
        }
    }
}
