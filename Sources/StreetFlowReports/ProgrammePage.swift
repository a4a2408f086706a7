import Foundation
import StreetFlowProtocol
import WorkflowModel

/// The language of a page.
public enum ReportLanguage: Sendable {
    case zh, en

    func say(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
    func text(_ label: Workflow.Label?) -> String { label.map { self == .zh ? $0.zh : $0.en } ?? "" }
    var code: String { self == .zh ? "zh-CN" : "en" }
}

/// `streetflow report programme`: the phases on a timeline with the day's mark, every committee of the programme
/// as a row (late ones in red), the totals, the committees outside the programme apart, and the burn-up of
/// committees accepted over time.
public enum ProgrammePage {
    public static func html(_ report: Workflow.ProgrammeReportReply, language: ReportLanguage) -> String {
        let say = language.say
        let inProgramme = report.rows.filter(\.inProgramme)
        let outside = report.rows.filter { !$0.inProgramme }
        let asOf = LocalDate(report.asOf) ?? LocalDate(Date())
        let reached = inProgramme.filter { $0.reachedOn.flatMap(LocalDate.init).map { $0 <= asOf } ?? false }
        let late = inProgramme.filter(\.overdue)
        let withMissing = inProgramme.filter { !$0.missingItems.isEmpty }
        let notStarted = inProgramme.filter { $0.id == nil }
        let title = language.text(report.workflowTitle) + say(" 推进情况", " — progress")

        // The time axis: from three months before the first phase ends to the last phase's end (or the day, if later).
        let ends = report.phases.compactMap { $0.ends.flatMap(LocalDate.init) }
        let start = (ends.first ?? asOf).adding(days: -91)
        let end = max(ends.last ?? asOf, asOf).adding(days: 1)
        let span = Double(max(1, end.dayNumber - start.dayNumber))
        func x(_ day: LocalDate, from left: Double, width: Double) -> Double {
            left + width * Double(day.dayNumber - start.dayNumber) / span
        }
        let colours = ["#cfe0f5", "#d7ecd9", "#f5e6c8", "#eadcf3"]
        var previous = start
        var phases: [[String: Any]] = []
        for (n, phase) in report.phases.enumerated() {
            guard let last = phase.ends.flatMap(LocalDate.init) else { continue }
            let left = x(previous, from: 10, width: 980)
            let right = x(last.adding(days: 1), from: 10, width: 980)
            phases.append([
                "x": format(left), "width": format(max(1, right - left)), "colour": colours[n % colours.count],
                "textX": format(left + 4), "endX": format(right - 2), "label": language.text(phase.label),
                "ends": "\(last)",
            ])
            previous = last.adding(days: 1)
        }
        // Burn-up: one point per committee accepted, in order, at the day it was accepted.
        let acceptedRows = reached.compactMap { row in row.reachedOn.flatMap(LocalDate.init).map { (row.committee, $0) }
        }
        .sorted { $0.1 < $1.1 }
        let total = max(1, inProgramme.count)
        func y(_ count: Int) -> Double { 200 - 185 * Double(count) / Double(total) }
        var linePoints = ["\(format(x(start, from: 60, width: 920))),\(format(y(0)))"]
        var points: [[String: Any]] = []
        for (n, (committee, day)) in acceptedRows.enumerated() {
            let px = x(day, from: 60, width: 920)
            linePoints.append("\(format(px)),\(format(y(n)))")
            linePoints.append("\(format(px)),\(format(y(n + 1)))")
            points.append(["x": format(px), "y": format(y(n + 1)), "label": "\(committee) \(day)"])
        }
        linePoints.append("\(format(x(asOf, from: 60, width: 920))),\(format(y(acceptedRows.count)))")
        let step = max(1, total / 5)
        let yTicks = stride(from: 0, through: total, by: step).map { ["y": format(y($0) + 3), "value": "\($0)"] }
        var xTicks: [[String: Any]] = []
        var month = LocalDate(year: start.year, month: start.month, day: 1) ?? start
        while month < end {
            if month >= start && (month.month - 1) % 2 == 0 {
                xTicks.append([
                    "x": format(x(month, from: 60, width: 920)),
                    "label": String(format: "%04d-%02d", month.year, month.month),
                ])
            }
            month =
                LocalDate(year: month.month == 12 ? month.year + 1 : month.year, month: month.month % 12 + 1, day: 1)
                ?? end
        }
        let rows: [[String: Any]] = inProgramme.map { row in
            [
                "committee": row.committee, "overdue": row.overdue, "phase": language.text(row.phaseLabel),
                "state": row.id == nil ? say("未启动", "not started") : language.text(row.stateLabel),
                "days": row.daysInState.map(String.init) ?? "", "phaseEnds": row.phaseEnds ?? "",
                "reachedOn": row.reachedOn ?? "", "flag": row.overdue ? say("逾期", "late") : "",
                "missing": row.missingItems.map(language.text).joined(separator: say("；", "; ")),
                "rounds": row.rounds > 0 ? "\(row.rounds)" : "",
            ]
        }
        let headers: [(String, String, Bool)] = [
            ("居委会", "Committee", false), ("阶段", "Phase", false), ("环节", "State", false),
            ("在此环节（天）", "Days in state", true), ("阶段截止", "Phase ends", false),
            ("达标日期", "Accepted on", false), ("逾期", "Late", false),
            ("未达标项（最近一次验收）", "Shortfalls (last inspection)", false),
            ("整改轮次", "Rectifications", true),
        ]
        let context: [String: Any] = [
            "lang": language.code, "orientation": "landscape", "title": title,
            "asOfLine": say("截至 \(report.asOf)（依据事件记录重建）", "As of \(report.asOf) (rebuilt from the event history)"),
            "totals": [
                [
                    "key": "reached", "value": "\(reached.count)/\(inProgramme.count)", "label": say("已达标", "reached"),
                    "bad": false,
                ],
                ["key": "late", "value": "\(late.count)", "label": say("逾期未达标", "late"), "bad": !late.isEmpty],
                [
                    "key": "missing", "value": "\(withMissing.count)", "label": say("有未达标项", "with shortfalls"),
                    "bad": false,
                ],
                [
                    "key": "notStarted", "value": "\(notStarted.count)", "label": say("未启动", "not started"),
                    "bad": false,
                ],
            ],
            "timelineLabel": say("推进阶段时间轴", "Programme phases"),
            "phases": phases,
            "today": ["x": format(x(asOf, from: 10, width: 980)), "label": "\(asOf)"],
            "committeesHeading": say(
                "参加推进计划的居委会（\(inProgramme.count) 个）", "Committees in the programme (\(inProgramme.count))"),
            "headers": headers.map { ["text": say($0.0, $0.1), "numeric": $0.2] },
            "rows": rows,
            "hasOutside": !outside.isEmpty,
            "outsideLine": say(
                "未列入本次推进计划的居委会（\(outside.count) 个）：\(outside.map(\.committee).joined(separator: "、"))",
                "Committees outside the programme (\(outside.count)): \(outside.map(\.committee).joined(separator: ", "))"
            ),
            "burnUpHeading": say("累计达标居委会", "Committees accepted over time"),
            "yTicks": yTicks, "xTicks": xTicks, "linePoints": linePoints.joined(separator: " "), "dots": points,
            "target": [
                "y": format(y(total)), "textY": format(y(total) - 4), "label": say("目标 \(total) 个", "target \(total)"),
            ],
        ]
        return Templates.library.render(context, withTemplate: "programme") ?? ""
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
