import ArgumentParser
import Foundation
import StreetFlowClient
import StreetFlowProtocol
import StreetFlowReports
import Varlink

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "导出你能看到的申请（CSV 带 BOM，可直接用 Excel 打开）/ Export the requests you can see (CSV is UTF-8 with BOM).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @Option(help: "csv | json") var format: Format = .csv
    @Option(name: .shortAndLong, help: "输出文件（默认标准输出）/ Output file (default: stdout).") var output: String?
    @Option(help: "工作流（键或名称）/ Workflow (key or title).", completion: LiveCompletion.workflows) var workflow: String?
    @Option(help: "环节（键或名称）/ State (key or label).", completion: LiveCompletion.states) var state: String?
    @Option(help: "居委会 / Committee.", completion: LiveCompletion.committees) var committee: String?
    @Option(help: "部门（键或名称）/ Department (key or label).") var department: String?
    @Option(help: "起始日期 YYYY-MM-DD / Submitted on or after.") var since: String?
    @Option(help: "截止日期 YYYY-MM-DD（含当天）/ Submitted on or before.") var until: String?
    @Flag(help: "只导出已超期的 / Only overdue requests.") var overdue = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            var instances: [Workflow.Instance] = []
            var page = Workflow.ListParameters(
                workflow: workflow, state: state, committee: committee, department: department, since: since,
                until: until, text: nil, mine: nil, cursor: nil, limit: 200)
            repeat {
                let reply = try await client.workflow.list(page)
                instances += reply.instances
                page.cursor = reply.nextCursor
            } while page.cursor != nil
            if overdue { instances = instances.filter { Render.isOverdue($0) } }
            let raw = instances.map(\.varlinkJSON)
            let text: String
            if format == .json || console.json {
                text = Console.prettyJSON(.object(["instances": .array(raw)])) + "\n"
            } else {
                text = "\u{FEFF}" + Self.csv(instances, console: console)
            }
            if let output {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: output))
                } catch {
                    throw CLIFailure(
                        message: console.say(
                            "无法写入 \(output)：\(error.localizedDescription)",
                            "cannot write \(output): \(error.localizedDescription)"),
                        status: ExitStatus.failure)
                }
                writeError(
                    console.say(
                        "已导出 \(instances.count) 件到 \(output)\n", "Exported \(instances.count) to \(output)\n"
                    ))
            } else {
                // The CSV's byte-order mark is for spreadsheets; a terminal gets the text made safe.
                if isatty(STDOUT_FILENO) == 1 {
                    writeOutput(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            }
        }
    }

    static func csv(_ instances: [Workflow.Instance], console: Console) -> String {
        // For people (Excel): headers and values in the reader's words; scripts take --format json, which has the keys.
        // Fields as the reports write them: text that starts like a formula is shown by a spreadsheet, not run.
        // Times and dates are plain office time ("2026-12-05 13:09", the deadline's last working day "2026-12-11"), so
        // a spreadsheet sorts and filters them as dates; the zone is said once, in the header.
        let zone = console.say("（\(console.zoneName)）", " (\(console.zoneName))")
        let headers = [
            console.say("编号", "id"), console.say("事项", "workflow"), console.say("内容", "summary"),
            console.say("居委会", "committee"), console.say("部门", "department"), console.say("环节", "state"),
            console.say("提交人", "submitter"), console.say("提交时间", "submitted") + zone,
            console.say("更新时间", "updated") + zone, console.say("期限（最后一个工作日）", "deadline (last working day)"),
            console.say("超期", "overdue"), console.say("文号", "number"),
        ]
        var lines = [headers.map(Spreadsheet.csvField).joined(separator: ",")]
        for i in instances {
            let cells = [
                i.id, console.text(i.title), i.summary, i.committee ?? "", Render.department(i),
                console.text(i.stateLabel), i.submitter, console.officeTime(i.createdAt),
                console.officeTime(i.updatedAt),
                i.final ? "" : console.deadlineDay(i.nextDeadline),
                Render.isOverdue(i) ? console.say("是", "yes") : "", i.documentNumber ?? "",
            ]
            lines.append(cells.map(Spreadsheet.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
