import ArgumentParser
import StreetFlowClient
import StreetFlowProtocol

struct Lists: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "参考清单 / The reference lists.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "事项是否在参考清单内（在：0；不在：1）/ Whether a task is on a reference list (exit 0 yes, 1 no).")

        @Argument(help: "事项名称 / The task's name.")
        var text: String

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            let found = try await global.withClient { client in
                let reply = try await client.workflow.checkReferenceList(text: text)
                let check = reply
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                    return check.found
                }
                guard check.found else {
                    print(
                        console.say(
                            "「\(text)」不在任何参考清单内：不得下沉，确需居委会协助的须走准入程序（streetflow submit task-admission …）",
                            "\"\(text)\" is on no reference list: it must not be pushed down; if committees are truly needed, apply (streetflow submit task-admission …)"
                        ))
                    return false
                }
                let entry = "\(check.list ?? "") v\(check.listVersion ?? 0) \(check.code ?? "")「\(check.title ?? "")」"
                if check.sample == true {
                    // A sample list decides nothing: the entry is a hint for the office.
                    print(
                        console.say(
                            "「\(text)」与示例清单条目一致：\(entry)。示例清单不作决定，须经自治办审核（streetflow submit task-admission …）",
                            "\"\(text)\" is worded as an entry of a sample list: \(entry). A sample list decides nothing; the office reviews (streetflow submit task-admission …)"
                        ))
                    return true
                }
                if check.kind == "negative" {
                    var line = console.say(
                        "「\(text)」属负面清单，不予准入：\(entry)", "\"\(text)\" is on the negative list, refused: \(entry)")
                    if let alternative = check.alternative {
                        line += console.say("；替代途径：\(alternative)", "; instead: \(alternative)")
                    }
                    print(line)
                } else {
                    print(
                        console.say(
                            "「\(text)」在参考清单内，可直接准入：\(entry)", "\"\(text)\" is listed and admitted at once: \(entry)"))
                }
                return true
            }
            if !found { throw ExitCode(ExitStatus.failure) }
        }
    }
}
