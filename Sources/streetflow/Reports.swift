import ArgumentParser
import Foundation
import StreetFlowClient
import StreetFlowProtocol
import StreetFlowReports
import Varlink
import WorkflowModel

/// `streetflow report …`: pictures for the people who decide, from the daemon's own data.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "报表：推进情况、准入统计、逾期事项（HTML 可直接打印 A4）/ Reports: the programme, admissions, overdue requests (HTML prints on A4).",
        subcommands: [Programme.self, Admissions.self, Overdue.self])

    struct Programme: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "居委会规范达标推进情况：阶段时间轴、每个居委会的环节与逾期、累计达标曲线 / The programme: phases, every committee, the burn-up."
        )

        @Option(help: "按某日的状态重建（YYYY-MM-DD，默认今天）/ The picture as of a past day (YYYY-MM-DD; default today).")
        var at: String?

        @Option(name: .shortAndLong, help: "输出的 HTML 文件 / The HTML file to write.")
        var output: String?

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            try ReportOutput.checkDates([at], console: console)
            if let output { try ReportOutput.requireHTML(output, console: console) }
            try await global.withClient { client in
                let report = try await client.workflow.programmeReport(asOf: at)
                if console.json { return console.printJSON(report.varlinkJSON) }
                guard report.workflow != nil else {
                    throw CLIFailure(
                        message: console.say("已载入的工作流中没有推进计划", "no loaded workflow runs a programme"),
                        status: ExitStatus.notFound)
                }
                try ReportOutput.write(
                    ProgrammePage.html(report, language: console.reportLanguage), to: output,
                    default: "programme-\(report.asOf).html", console: console)
            }
        }
    }

    struct Admissions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "准入统计：按居委会、按部门的申请、结果、办结用时、逾期、清单命中与在用事项 / Admissions per committee and department."
        )

        @Option(help: "提交日期起（YYYY-MM-DD）/ Submitted on or after.") var from: String?
        @Option(help: "提交日期止（YYYY-MM-DD，含当天）/ Submitted on or before.") var to: String?

        @Option(
            name: .shortAndLong,
            help: "输出文件：.html、.csv（UTF-8 带 BOM）或 .xlsx / The file to write: .html, .csv (UTF-8 with BOM) or .xlsx.")
        var output: String?

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            try ReportOutput.checkDates([from, to], console: console)
            try await global.withClient { client in
                let report = try await client.workflow.admissionsReport(from: from, to: to)
                if console.json { return console.printJSON(report.varlinkJSON) }
                let language = console.reportLanguage
                let path = output ?? "admissions-\(LocalDate(Date())).html"
                switch try ReportOutput.format(of: path, console: console) {
                case .csv:
                    try ReportOutput.write(AdmissionsPage.csv(report, language: language), to: path, console: console)
                case .xlsx:
                    try ReportOutput.write(
                        data: try AdmissionsPage.xlsx(report, language: language), to: path, console: console)
                case .html:
                    try ReportOutput.write(AdmissionsPage.html(report, language: language), to: path, console: console)
                }
            }
        }
    }

    struct Overdue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "逾期事项（部门只看到本部门的）；不加 -o 时在终端列出 / Overdue requests (a department sees its own); listed here without -o."
        )

        @Option(
            name: .shortAndLong,
            help: "输出文件：.html、.csv（UTF-8 带 BOM）或 .xlsx / The file to write: .html, .csv (UTF-8 with BOM) or .xlsx.")
        var output: String?

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            try await global.withClient { client in
                let report = try await client.workflow.overdueReport()
                if console.json { return console.printJSON(report.varlinkJSON) }
                let queue = { (key: String?) in key.map { Render.role($0, console: console) } ?? "" }
                if let output {
                    let language = console.reportLanguage
                    switch try ReportOutput.format(of: output, console: console) {
                    case .csv:
                        return try ReportOutput.write(
                            OverduePage.csv(report, language: language, queueLabel: queue), to: output, console: console
                        )
                    case .xlsx:
                        return try ReportOutput.write(
                            data: try OverduePage.xlsx(report, language: language, queueLabel: queue), to: output,
                            console: console)
                    case .html:
                        return try ReportOutput.write(
                            OverduePage.html(
                                report, language: language, generatedAt: console.localTime(Date().ISO8601Format()),
                                queueLabel: queue),
                            to: output, console: console)
                    }
                }
                guard !report.items.isEmpty else { return print(console.say("没有逾期事项。", "Nothing is overdue.")) }
                let rows = report.items.map { item in
                    [
                        item.instance.id, console.text(item.instance.title), item.instance.summary,
                        item.instance.committee ?? "", console.text(item.instance.stateLabel), queue(item.queue),
                        console.localDate(item.deadline), "\(item.workingDaysLate)",
                    ]
                }
                print(
                    console.table(
                        [
                            console.say("编号", "Id"), console.say("事项", "Workflow"), console.say("内容", "Subject"),
                            console.say("居委会", "Committee"), console.say("环节", "State"),
                            console.say("待谁办理", "Waiting for"), console.say("期限", "Deadline"),
                            console.say("逾期工作日", "Working days late"),
                        ], rows))
                print(console.say("共 \(report.items.count) 件", "\(report.items.count) in all"))
            }
        }
    }
}

/// `streetflow print ID`: the 审批单 of a request, A4 portrait, to print, sign and file.
struct PrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract:
            "生成申请的审批单（HTML，A4 纵向，可打印签字归档）/ The approval form of a request (HTML, A4 portrait, to print and file).")

    @Argument(help: "申请编号 / The request id.", completion: LiveCompletion.ids)
    var id: String?

    @Flag(
        help:
            "为期间内每件已准入的申请各生成一份（配合 --from --to -o 目录）/ One form per admitted request in the period (with --from --to -o DIR)."
    )
    var allApproved = false

    @Option(help: "提交日期起（YYYY-MM-DD）/ Submitted on or after.") var from: String?
    @Option(help: "提交日期止（YYYY-MM-DD，含当天）/ Submitted on or before.") var to: String?

    @Option(
        name: .shortAndLong, help: "输出文件（单份）或目录（--all-approved）/ The file (one form) or directory (--all-approved).")
    var output: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try ReportOutput.checkDates([from, to], console: console)
        if !allApproved, let output { try ReportOutput.requireHTML(output, console: console) }
        try await global.withClient { client in
            if allApproved {
                let directory = output ?? "."
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                var written = 0
                // One description per workflow version for the whole archive, not one per request.
                var definitions: [String: WorkflowDefinition?] = [:]
                var page = Workflow.ListParameters(
                    workflow: nil, state: nil, committee: nil, department: nil, since: from, until: to, text: nil,
                    mine: nil, cursor: nil, limit: 200)
                repeat {
                    let reply = try await client.workflow.list(page)
                    for instance in reply.instances {
                        let (form, admitted) = try await Self.form(
                            instance.id, client: client, console: console, definitions: &definitions)
                        guard admitted else { continue }
                        let path = (directory as NSString).appendingPathComponent("\(instance.id).html")
                        try ReportOutput.write(
                            FormPage.html(form, language: console.reportLanguage), to: path, console: console,
                            quiet: true)
                        written += 1
                    }
                    page.cursor = reply.nextCursor
                } while page.cursor != nil
                print(
                    console.say(
                        "已生成 \(written) 份审批单，位于 \(directory)", "Wrote \(written) approval forms into \(directory)"))
                return
            }
            guard let id else {
                throw CLIFailure(
                    message: console.say("请给出申请编号，或用 --all-approved", "give a request id, or --all-approved"),
                    status: ExitStatus.usage)
            }
            var definitions: [String: WorkflowDefinition?] = [:]
            let (form, _) = try await Self.form(id, client: client, console: console, definitions: &definitions)
            try ReportOutput.write(
                FormPage.html(form, language: console.reportLanguage), to: output, default: "\(id).html",
                console: console)
        }
    }

    /// The form of one request (its whole history, page by page) and whether it was admitted (a decision numbered
    /// in the admission series).
    static func form(
        _ id: String, client: StreetFlowClient, console: Console, definitions: inout [String: WorkflowDefinition?]
    ) async throws -> (ApprovalForm, Bool) {
        let detail = try await client.requestWithWholeHistory(id)
        let instance = detail.instance
        let versionKey = "\(instance.workflow)#\(instance.definitionVersion)"
        if definitions[versionKey] == nil {
            definitions[versionKey] = .some(
                await client.definition(instance.workflow, version: instance.definitionVersion))
        }
        let definition = definitions[versionKey] ?? nil
        var subject: [(String, String)] = []
        for field in definition?.fields ?? [] {
            guard let value = instance.subject[field.key] else { continue }
            subject.append((console.text(field.label), Render.fieldValue(value, field, console: console)))
        }
        let steps = detail.history.filter { ["submitted", "transitioned", "signed"].contains($0.kind) }.map { event in
            let who = (event.kind == "submitted" ? definition?.submit.who : definition?.action(event.action)?.who) ?? []
            let acting = event.actorRoles.filter { role in
                who.contains { allowed in
                    allowed.rawValue == role
                        || (allowed == .anyDepartment || allowed == .applicant) && role.hasPrefix("department:")
                        || allowed == .committeeRelation && role.hasPrefix("committee:")
                }
            }
            return ApprovalForm.Step(
                time: console.localTime(event.at), action: console.text(event.actionLabel), officer: event.actorUser,
                role: (acting.isEmpty ? Array(event.actorRoles.prefix(1)) : acting).map { role in
                    // The applicant's department by its name.
                    role == "department:\(instance.department ?? "")"
                        ? Render.department(instance) : Render.role(role, console: console)
                }.joined(separator: console.say("、", ", ")),
                opinion: event.comment ?? "")
        }
        let attachments = Render.attachments(instance.fields[AttachmentRef.field]).map { attachment in
            (
                name: attachment.name,
                size: ByteCountFormatter.string(fromByteCount: Int64(attachment.size), countStyle: .file),
                sha256: attachment.sha256
            )
        }
        let admitted = detail.history.contains { event in
            event.kind == "transitioned" && definition?.action(event.action)?.number == DocumentNumbering.admission
        }
        let head: [(String, String)] = [
            (console.say("申请部门", "Applicant department"), Render.department(instance)),
            (console.say("申请人", "Submitted by"), instance.submitter),
            (console.say("提交时间", "Submitted at"), console.localTime(instance.createdAt)),
            (console.say("当前环节", "State"), console.text(instance.stateLabel)),
        ]
        let last = detail.history.last
        return (
            ApprovalForm(
                id: instance.id, title: console.text(instance.title), documentNumber: instance.documentNumber,
                head: head, subject: subject, steps: steps, attachments: attachments,
                lastEvent: last.map { ($0.globalSequence, $0.hash) }),
            admitted
        )
    }
}

/// Writing a report: to the file given, or to a default name in the current directory, saying where.
enum ReportOutput {
    /// Refuses a day that is not `YYYY-MM-DD` in the reader's words, before asking the daemon.
    static func checkDates(_ days: [String?], console: Console) throws {
        for day in days.compactMap({ $0 }) where LocalDate(day) == nil {
            throw CLIFailure(
                message: console.say("「\(day)」不是日期，请写成 YYYY-MM-DD", "'\(day)' is not a date; write YYYY-MM-DD"),
                status: ExitStatus.usage)
        }
    }

    /// What a report may be written as, by the file's extension.
    enum Format {
        case html, csv, xlsx
    }

    /// The format `path` asks for: .html (or .htm), .csv or .xlsx; anything else is refused by name, before asking the
    /// daemon (a page written into a file called .csv would open as gibberish in a spreadsheet).
    static func format(of path: String, console: Console) throws -> Format {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": return .html
        case "csv": return .csv
        case "xlsx": return .xlsx
        default:
            throw CLIFailure(
                message: console.say(
                    "不支持的文件类型 \(path)：请用 .html、.csv 或 .xlsx", "cannot write \(path): use .html, .csv or .xlsx"),
                status: ExitStatus.usage)
        }
    }

    /// Refuses any file but .html for a report that is a page to print only.
    static func requireHTML(_ path: String, console: Console) throws {
        guard ["html", "htm"].contains((path as NSString).pathExtension.lowercased()) else {
            throw CLIFailure(
                message: console.say(
                    "这份报表是供打印的网页，只能写成 .html：\(path)", "this report is a page to print; write it as .html: \(path)"),
                status: ExitStatus.usage)
        }
    }

    static func write(
        _ text: String, to path: String?, default name: String = "", console: Console, quiet: Bool = false
    )
        throws
    {
        try write(data: Data(text.utf8), to: path ?? name, console: console, quiet: quiet)
    }

    static func write(data: Data, to path: String, console: Console, quiet: Bool = false) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw CLIFailure(
                message: console.say(
                    "无法写入 \(path)：\(error.localizedDescription)", "cannot write \(path): \(error.localizedDescription)"),
                status: ExitStatus.failure)
        }
        guard !quiet else { return }
        if ["html", "htm"].contains((path as NSString).pathExtension.lowercased()) {
            print(console.say("已写入 \(path)（用浏览器打开；打印时选 A4）", "Wrote \(path) (open it in a browser; it prints on A4)"))
        } else {
            print(console.say("已写入 \(path)", "Wrote \(path)"))
        }
    }
}

extension Console {
    var reportLanguage: ReportLanguage { language == .zh ? .zh : .en }
}
