import Foundation
import StreetFlowClient
import StreetFlowProtocol
import TerminalText
import Varlink
import WorkflowModel

/// How the CLI talks to the user: language, colour, tables, times and JSON.
struct Console {
    var language: Language
    var json: Bool
    var colour: Bool
    /// The office's time zone (the daemon's `timeZone`); every time is shown in it.
    var timeZone: TimeZone = LocalDate.officeTimeZone

    init(language: Language, json: Bool) {
        self.language = language
        self.json = json
        let env = ProcessInfo.processInfo.environment
        colour = isatty(STDOUT_FILENO) == 1 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
    }

    /// Reads `--lang` and `--json` from raw arguments, for errors raised before or outside a command.
    init(arguments: [String]) {
        var lang: InterfaceLanguage?
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count {
                lang = InterfaceLanguage(argument: arguments[index + 1])
            }
            if argument.hasPrefix("--lang=") { lang = InterfaceLanguage(argument: String(argument.dropFirst(7))) }
        }
        // An unknown --lang is itself the error to report, in the language of the environment.
        let env = ProcessInfo.processInfo.environment
        self.init(
            language: lang?.language ?? Language(localeIdentifier: env["LC_ALL"] ?? env["LC_MESSAGES"] ?? env["LANG"]),
            json: arguments.contains("--json"))
    }

    func say(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    func text(_ label: Workflow.Label) -> String { language == .zh ? label.zh : label.en }

    func text(_ label: LocalizedText) -> String { label.text(language) }

    // MARK: Colour

    typealias Style = TerminalText.Style

    func styled(_ text: String, _ style: Style) -> String {
        colour ? TerminalText.styled(text, style) : text
    }

    // MARK: Output

    func printError(_ sentence: String, _ prefix: String) {
        let useColour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let head = useColour ? TerminalText.styled(prefix, .red) : prefix
        writeError("streetflow: \(head): \(sentence)\n")
    }

    func printJSON(_ value: JSONValue) {
        print(Self.prettyJSON(value))
    }

    /// Sorted-key, indented JSON; characters a terminal could act on are `\u` escapes.
    static func prettyJSON(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            return TerminalText.json(value.serialized())
        }
        return TerminalText.json(text)
    }

    /// Columns aligned by display width, two spaces apart; the last column is not padded.
    func table(_ headers: [String], _ rows: [[String]]) -> String {
        var lines = TerminalText.table(headers, rows)
        lines[0] = styled(lines[0], .bold)
        return lines.joined(separator: "\n")
    }

    // MARK: Times

    static func parseTime(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// An RFC 3339 time as "YYYY-MM-DD HH:MM" in the office's zone, with the zone named when the terminal's differs.
    func localTime(_ text: String?) -> String {
        guard let text, let date = Self.parseTime(text) else { return text ?? "" }
        return format(date, withTime: true) + zoneNote(at: date)
    }

    /// An RFC 3339 time as the office's "YYYY-MM-DD HH:MM", without the zone note: a spreadsheet reads it as a time.
    func officeTime(_ text: String?) -> String {
        guard let text, let date = Self.parseTime(text) else { return text ?? "" }
        return format(date, withTime: true)
    }

    /// A deadline as the office's date of its last working day, "YYYY-MM-DD" (the day `deadline` words).
    func deadlineDay(_ text: String?) -> String {
        guard let text, let due = Self.parseTime(text) else { return text ?? "" }
        return format(due.addingTimeInterval(-1), withTime: false)
    }

    /// An RFC 3339 time as the office's date "YYYY-MM-DD".
    func localDate(_ text: String?) -> String {
        guard let text, let date = Self.parseTime(text) else { return text ?? "" }
        return format(date, withTime: false)
    }

    /// A deadline as the last working day it leaves: "截止 2026-12-10（周四）下班前" / "due by the end of Thu 2026-12-10".
    /// Deadlines fall due at the end of a working day, i.e. at the first instant of the next day.
    func deadline(_ text: String?) -> String {
        guard let text, let due = Self.parseTime(text) else { return text ?? "" }
        let last = due.addingTimeInterval(-1)
        let day = LocalDate(last, timeZone: timeZone)
        let weekday = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: last).weekday ?? 1
        let zh = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"][weekday - 1]
        let en = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][weekday - 1]
        return say("截止 \(day)（\(zh)）下班前", "due by the end of \(en) \(day)") + zoneNote(at: last)
    }

    /// "（北京时间）" when the terminal's zone is not the office's at that instant; "" otherwise.
    func zoneNote(at date: Date) -> String {
        guard TimeZone.current.secondsFromGMT(for: date) != timeZone.secondsFromGMT(for: date) else { return "" }
        return say("（\(zoneName)）", " (\(zoneName))")
    }

    /// The office's zone as people name it: 北京时间 / Beijing time, else "ZONE 时间".
    var zoneName: String {
        let chinaZones: Set<String> = ["Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "PRC"]
        if chinaZones.contains(timeZone.identifier) { return say("北京时间", "Beijing time") }
        return say("\(timeZone.identifier) 时间", "\(timeZone.identifier) time")
    }

    /// "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" in the office's zone, from the Gregorian calendar's fields (an ICU date
    /// formatter per call took milliseconds of every `show`).
    private func format(_ date: Date, withTime: Bool) -> String {
        let day = LocalDate(date, timeZone: timeZone).description
        guard withTime else { return day }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return day + " " + LocalDate.digits(c.hour ?? 0, 2) + ":" + LocalDate.digits(c.minute ?? 0, 2)
    }

    /// "还剩 3 个工作日" / "3 working days left", "今天到期" / "due today", "已超期 2 个工作日" / "overdue by 2 working days".
    func deadlineText(workingDaysLeft: Int?, overdue: Bool) -> String {
        guard let days = workingDaysLeft else { return overdue ? say("已超期", "overdue") : "" }
        if days < 0 || overdue {
            let n = abs(days)
            return say("已超期 \(n) 个工作日", n == 1 ? "overdue by 1 working day" : "overdue by \(n) working days")
        }
        if days == 0 { return say("今天到期", "due today") }
        return say("还剩 \(days) 个工作日", days == 1 ? "1 working day left" : "\(days) working days left")
    }

    /// A subject or field value as text.
    func value(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .array(let items): return items.map { self.value($0) }.joined(separator: ", ")
        case .bool(let b): return b ? say("是", "yes") : say("否", "no")
        case .null: return ""
        default: return value.serialized()
        }
    }
}

extension Console {
    /// Sorted-key JSON on one line (for streams: one event per line).
    static func compactJSON(_ value: JSONValue) -> String {
        TerminalText.json(value.serialized())
    }
}
