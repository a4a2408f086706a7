import Foundation
import StreetFlowProtocol

/// The 审批单 of one request as the office files it (A4 portrait): title, 文号, applicant, subject, every step
/// with its officer, role, time and opinion, the attachments with their SHA-256, the audit chain position and
/// hash of the last event, and lines for a handwritten signature and the seal. The caller gives the texts in
/// the reader's language (labels of fields and roles come from the definition it described).
public struct ApprovalForm: Sendable {
    public struct Step: Sendable {
        public var time: String
        public var action: String
        public var officer: String
        public var role: String
        public var opinion: String

        public init(time: String, action: String, officer: String, role: String, opinion: String) {
            self.time = time
            self.action = action
            self.officer = officer
            self.role = role
            self.opinion = opinion
        }
    }

    public var id: String
    public var title: String
    public var documentNumber: String?
    /// Applicant department, officer, submitted at, state, … as label and value.
    public var head: [(String, String)]
    public var subject: [(String, String)]
    public var steps: [Step]
    /// Name, size and SHA-256 of each attachment.
    public var attachments: [(name: String, size: String, sha256: String)]
    /// The last event's position in the whole audit chain and its hash.
    public var lastEvent: (globalSequence: Int, hash: String)?

    public init(
        id: String, title: String, documentNumber: String?, head: [(String, String)], subject: [(String, String)],
        steps: [Step], attachments: [(name: String, size: String, sha256: String)],
        lastEvent: (globalSequence: Int, hash: String)?
    ) {
        self.id = id
        self.title = title
        self.documentNumber = documentNumber
        self.head = head
        self.subject = subject
        self.steps = steps
        self.attachments = attachments
        self.lastEvent = lastEvent
    }
}

public enum FormPage {
    public static func html(_ form: ApprovalForm, language: ReportLanguage) -> String {
        let say = language.say
        var context: [String: Any] = [
            "lang": language.code, "orientation": "portrait",
            "title": form.title + say("审批单", " — approval form"),
            "idLine": say("编号：\(form.id)", "Request \(form.id)"),
            "numberLabel": say("文号", "Document number"),
            "head": form.head.map { ["label": $0.0, "value": $0.1] },
            "subjectHeading": say("申请内容", "Subject"),
            "subject": form.subject.map { ["label": $0.0, "value": $0.1] },
            "stepsHeading": say("办理经过", "Steps"),
            "stepHeaders": [
                say("时间", "Time"), say("环节", "Step"), say("经办人", "Officer"), say("角色", "Role"),
                say("审核意见/审批意见", "Opinion"),
            ],
            "steps": form.steps.map {
                ["time": $0.time, "action": $0.action, "officer": $0.officer, "role": $0.role, "opinion": $0.opinion]
            },
            "hasAttachments": !form.attachments.isEmpty,
            "attachmentsHeading": say("附件", "Attachments"),
            "attachments": form.attachments.map { ["fileName": $0.name, "size": $0.size, "sha256": $0.sha256] },
            "auditLine": form.lastEvent.map {
                say(
                    "审计链：最后一个事件为全链第 \($0.globalSequence) 个，哈希",
                    "Audit chain: the last event is number \($0.globalSequence), hash")
            } ?? "",
            "auditHash": form.lastEvent?.hash ?? "",
            "signLabel": say("经办人签字：", "Signature:"), "sealLabel": say("单位盖章：　　　年　　月　　日", "Seal and date:"),
        ]
        // Only a number that exists is shown (an absent value must not render as text).
        if let number = form.documentNumber { context["number"] = number }
        return Templates.library.render(context, withTemplate: "form") ?? ""
    }
}

/// `streetflow report overdue`: every open request past its time limit that the reader may see — as a page to
/// print, or as a spreadsheet (CSV or XLSX) to sort and hand on.
public enum OverduePage {
    static func columns(_ language: ReportLanguage) -> [(title: String, numeric: Bool)] {
        let say = language.say
        return [
            (say("编号", "Id"), false), (say("事项", "Workflow"), false), (say("内容", "Subject"), false),
            (say("居委会", "Committee"), false), (say("部门", "Department"), false), (say("环节", "State"), false),
            (say("待谁办理", "Waiting for"), false), (say("期限", "Deadline"), false),
            (say("逾期（工作日）", "Working days late"), true),
        ]
    }

    static func cells(
        _ item: Workflow.OverdueReportItem, _ language: ReportLanguage, queueLabel: (String?) -> String
    ) -> [String] {
        [
            item.instance.id, language.text(item.instance.title), item.instance.summary, item.instance.committee ?? "",
            item.instance.departmentLabel ?? item.instance.department ?? "", language.text(item.instance.stateLabel),
            queueLabel(item.queue), String(item.deadline.prefix(10)), "\(item.workingDaysLate)",
        ]
    }

    public static func html(
        _ report: Workflow.OverdueReportReply, language: ReportLanguage, generatedAt: String,
        queueLabel: (String?) -> String
    ) -> String {
        let say = language.say
        let keys = ["id", "workflow", "summary", "committee", "department", "state", "queue", "deadline", "late"]
        let context: [String: Any] = [
            "lang": language.code, "orientation": "landscape", "title": say("逾期事项", "Overdue requests"),
            "meta": say(
                "生成于 \(generatedAt)，共 \(report.items.count) 件",
                "Generated \(generatedAt); \(report.items.count) requests"),
            "headers": columns(language).map { ["text": $0.title, "numeric": $0.numeric] },
            "items": report.items.map { item in
                Dictionary(uniqueKeysWithValues: zip(keys, cells(item, language, queueLabel: queueLabel)))
            },
            "empty": say("没有逾期事项。", "Nothing is overdue."),
        ]
        return Templates.library.render(context, withTemplate: "overdue") ?? ""
    }

    /// UTF-8 with a BOM (so spreadsheet programs read the Chinese), one row per request.
    public static func csv(
        _ report: Workflow.OverdueReportReply, language: ReportLanguage, queueLabel: (String?) -> String
    ) -> String {
        let rows = [columns(language).map(\.title)] + report.items.map { cells($0, language, queueLabel: queueLabel) }
        return "\u{FEFF}" + rows.map { $0.map(Spreadsheet.csvField).joined(separator: ",") }.joined(separator: "\r\n")
            + "\r\n"
    }

    /// An Excel workbook of one sheet, the working days late as numbers.
    public static func xlsx(
        _ report: Workflow.OverdueReportReply, language: ReportLanguage, queueLabel: (String?) -> String
    ) throws -> Data {
        let columns = columns(language)
        let rows = report.items.map { item in
            zip(cells(item, language, queueLabel: queueLabel), columns).map { text, column in
                column.numeric ? (Int(text).map(Spreadsheet.Cell.number) ?? .text(text)) : .text(text)
            }
        }
        return try Spreadsheet.xlsx([
            Spreadsheet.Sheet(
                name: language.say("逾期事项", "Overdue"), rows: [columns.map { .text($0.title) }] + rows)
        ])
    }
}
