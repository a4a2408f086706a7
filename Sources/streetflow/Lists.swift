import ArgumentParser
import Foundation
import StreetFlowClient
import StreetFlowProtocol

struct Lists: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "参考清单 / The reference lists.", subcommands: [Check.self, ShowList.self, Diff.self])

    struct ShowList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "显示现行清单（状态、来源、版本、条目）/ Show a list in force: status, source, version, entries.")

        @Argument(help: "清单 / The list's key, e.g. admin-affairs.")
        var list: String

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            try await global.withClient { client in
                let reply = try await client.workflow.showList(list: list)
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                    return
                }
                let l = reply.list
                let title =
                    l["title"]?.objectValue.map {
                        console.say($0["zh"]?.stringValue ?? "", $0["en"]?.stringValue ?? "")
                    } ?? ""
                let status =
                    reply.sample
                    ? console.styled(console.say("示例清单（不作决定）", "sample (decides nothing)"), .red)
                    : console.say("已公布", "published")
                print("\(l["key"]?.stringValue ?? list)  \(title)")
                print(console.say("状态：", "Status: ") + status)
                print(console.say("版本：", "Version: ") + "\(l["version"]?.intValue ?? 0)")
                print(console.say("来源：", "Source: ") + (l["source"]?.stringValue ?? ""))
                if let published = l["publishedOn"]?.stringValue {
                    print(console.say("发布日期：", "Published: ") + published)
                }
                print(console.say("生效日期：", "Valid from: ") + (l["validFrom"]?.stringValue ?? ""))
                let entries = l["entries"]?.arrayValue?.compactMap(\.objectValue) ?? []
                print(
                    console.table(
                        [console.say("编号", "Code"), console.say("条目", "Entry"), console.say("别称", "Aliases")],
                        entries.map { entry in
                            [
                                entry["code"]?.stringValue ?? "", entry["title"]?.stringValue ?? "",
                                (entry["aliases"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "、"),
                            ]
                        }))
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "新版本清单（YAML 文件）与现行版本的差异 / What a proposed version (a YAML file) changes.")

        @Argument(help: "清单 / The list's key.")
        var list: String

        @Argument(help: "新版本文件 / The proposed version (YAML, the format of seeds/lists/).")
        var file: String

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            guard let content = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CLIFailure(
                    message: console.say("无法读取文件：\(file)", "cannot read \(file)"), status: ExitStatus.noInput)
            }
            try await global.withClient { client in
                let reply = try await client.workflow.diffList(list: list, content: content)
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                    return
                }
                for line in reply.lines { print(line) }
                print(console.text(reply.summary))
            }
        }
    }

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
