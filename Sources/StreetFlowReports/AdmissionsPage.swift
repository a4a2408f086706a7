import Foundation
import StreetFlowProtocol
import WorkflowModel

/// `streetflow report admissions`: per committee and per department, requests by workflow and outcome, working
/// days to decision, overdue, reference-list hits and the admitted items in force — as HTML with bar charts, as
/// CSV (UTF-8 with BOM) or as an Excel workbook.
public enum AdmissionsPage {
    /// The columns of the table and the spreadsheets, in order.
    static func columns(_ language: ReportLanguage) -> [(title: String, numeric: Bool)] {
        let say = language.say
        return [
            (say("居委会/部门", "Committee/department"), false), (say("事项", "Workflow"), false),
            (say("申请", "Submitted"), true), (say("准入", "Granted"), true), (say("不予准入", "Refused"), true),
            (say("退回", "Sent back"), true), (say("撤回", "Withdrawn"), true), (say("撤销", "Revoked"), true),
            (say("办理中", "Open"), true), (say("逾期", "Overdue"), true),
            (say("办结用时中位数（工作日）", "Median working days to decision"), true),
            (say("第90百分位（工作日）", "90th percentile working days"), true),
            (say("在准入清单", "On the reference list"), true), (say("在负面清单", "On the negative list"), true),
            (say("清单外", "On no list"), true), (say("在用（已准入未撤销）", "In force"), true),
        ]
    }

    static func cells(_ line: Workflow.AdmissionsReportLine, _ language: ReportLanguage) -> [String] {
        [
            line.label, language.text(line.workflowTitle), "\(line.submittedCount)", "\(line.grantedCount)",
            "\(line.refusedCount)", "\(line.returnedCount)", "\(line.withdrawnCount)", "\(line.revokedCount)",
            "\(line.openCount)", "\(line.overdueCount)", line.medianDays.map(String.init) ?? "",
            line.p90Days.map(String.init) ?? "", "\(line.listedCount)", "\(line.negativeCount)",
            "\(line.unlistedCount)", "\(line.inForceCount)",
        ]
    }

    static func title(_ report: Workflow.AdmissionsReportReply, _ language: ReportLanguage) -> (String, String) {
        let say = language.say
        let period: String =
            switch (report.from, report.to) {
            case (let from?, let to?): say("提交日期 \(from) 至 \(to)", "Submitted \(from) to \(to)")
            case (let from?, nil): say("提交日期 \(from) 起", "Submitted from \(from)")
            case (nil, let to?): say("提交日期截至 \(to)", "Submitted up to \(to)")
            case (nil, nil): say("全部时间", "All time")
            }
        return (say("准入事项统计", "Admissions"), period)
    }

    public static func html(_ report: Workflow.AdmissionsReportReply, language: ReportLanguage) -> String {
        let say = language.say
        let (title, period) = title(report, language)
        var sections: [[String: Any]] = []
        for by in ["committee", "department"] {
            let lines = report.lines.filter { $0.by == by }
            guard !lines.isEmpty else { continue }
            // One bar per committee (the items in force: the load the notice caps) or per department (requests).
            var order: [String] = []
            var labels: [String: String] = [:]
            var values: [String: Int] = [:]
            for line in lines {
                if labels[line.key] == nil { order.append(line.key) }
                labels[line.key] = line.label
                values[line.key, default: 0] += by == "committee" ? line.inForceCount : line.submittedCount
            }
            let most = max(1, values.values.max() ?? 1)
            let bars: [[String: Any]] = order.enumerated().map { n, key in
                let value = values[key] ?? 0
                let width = 780 * Double(value) / Double(most)
                return [
                    "key": key, "label": labels[key] ?? key, "value": value, "y": 6 + n * 20, "textY": 17 + n * 20,
                    "width": ProgrammePage.format(width), "valueX": ProgrammePage.format(166 + width),
                ]
            }
            sections.append([
                "by": by,
                "heading": by == "committee"
                    ? say("按居委会（柱：在用的已准入事项）", "By committee (bars: admitted items in force)")
                    : say("按部门（柱：申请数）", "By department (bars: requests)"),
                "chartLabel": by == "committee" ? say("在用事项", "Items in force") : say("申请数", "Requests"),
                "chartHeight": 12 + order.count * 20, "bars": bars,
                "headers": columns(language).map { ["text": $0.title, "numeric": $0.numeric] },
                "lines": lines.map { line in
                    [
                        "key": line.key, "workflow": line.workflow,
                        "cells": zip(cells(line, language), columns(language)).map {
                            ["text": $0, "numeric": $1.numeric]
                        },
                    ] as [String: Any]
                },
            ])
        }
        let context: [String: Any] = [
            "lang": language.code, "orientation": "landscape", "title": title, "periodLine": period,
            "sections": sections, "empty": say("此期间没有准入申请。", "No admission requests in this period."),
        ]
        return Templates.library.render(context, withTemplate: "admissions") ?? ""
    }

    /// UTF-8 with a BOM (so spreadsheet programs read the Chinese), one row per committee or department and
    /// workflow, the first column saying which.
    public static func csv(_ report: Workflow.AdmissionsReportReply, language: ReportLanguage) -> String {
        let by = language.say("统计口径", "By")
        var rows = [[by] + columns(language).map(\.title)]
        for line in report.lines {
            let kind = line.by == "committee" ? language.say("居委会", "committee") : language.say("部门", "department")
            rows.append([kind] + cells(line, language))
        }
        return "\u{FEFF}" + rows.map { $0.map(Spreadsheet.csvField).joined(separator: ",") }.joined(separator: "\r\n")
            + "\r\n"
    }

    /// An Excel workbook: one sheet per grouping, numbers as numbers.
    public static func xlsx(_ report: Workflow.AdmissionsReportReply, language: ReportLanguage) throws -> Data {
        var sheets: [Spreadsheet.Sheet] = []
        for by in ["committee", "department"] {
            let lines = report.lines.filter { $0.by == by }
            let header = columns(language).map { Spreadsheet.Cell.text($0.title) }
            let rows = lines.map { line in
                zip(cells(line, language), columns(language)).map { text, column in
                    column.numeric ? (Int(text).map(Spreadsheet.Cell.number) ?? .text(text)) : .text(text)
                }
            }
            sheets.append(
                Spreadsheet.Sheet(
                    name: by == "committee"
                        ? language.say("按居委会", "By committee") : language.say("按部门", "By department"),
                    rows: [header] + rows))
        }
        return try Spreadsheet.xlsx(sheets)
    }
}
