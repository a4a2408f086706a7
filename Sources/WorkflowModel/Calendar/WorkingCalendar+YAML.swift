import Foundation
import Yams

extension WorkingCalendar {
    /// Loads a calendar from a YAML file laid out as `seeds/calendar.yaml`; throws `CalendarError`.
    public static func load(from url: URL) throws -> WorkingCalendar {
        var reader = YAMLReader(file: url.path)
        guard let text = reader.text(of: url) else { throw CalendarError(reader.diagnostics[0]) }
        return try load(yaml: text, file: url.path)
    }

    /// Loads a calendar from YAML text laid out as `seeds/calendar.yaml`; throws `CalendarError`.
    public static func load(yaml: String) throws -> WorkingCalendar {
        try load(yaml: yaml, file: nil)
    }

    /// Reads through the one YAML reader: every problem has its line, column, path and fix.
    static func load(yaml: String, file: String?) throws(CalendarError) -> WorkingCalendar {
        var reader = YAMLReader(file: file ?? "calendar YAML")
        guard let root = reader.document(yaml, emptyHint: "write the calendar as seeds/calendar.yaml does"),
            let document = reader.decode(CalendarFile.self, from: root)
        else { throw CalendarError(reader.diagnostics[0]) }
        if let calendar = document.calendar(root: root, reader: &reader) { return calendar }
        throw CalendarError(reader.diagnostics[0])
    }
}

/// `seeds/calendar.yaml`: coverage, then per year the holidays and the make-up working days.
private struct CalendarFile: Decodable {
    var source: String?
    var coverage: Coverage
    var years: [Year]

    struct Coverage: Decodable {
        var from: LocalDate
        var to: LocalDate
    }

    struct Year: Decodable {
        var year: Int
        var holidays: [Day]?
        var makeUpWorkdays: [Day]?
    }

    /// A dated day with the holiday it belongs to (for a make-up day: the holiday it makes up for).
    struct Day: Decodable {
        var date: LocalDate
        var zh: String
        var en: String?
    }

    func calendar(root: Node, reader r: inout YAMLReader) -> WorkingCalendar? {
        func fail(_ path: String, _ message: String, _ hint: String) -> WorkingCalendar? {
            r.problem("calendar", at: path, in: root, message, hint)
            return nil
        }
        guard coverage.from <= coverage.to else {
            return fail(
                "coverage.from", "coverage.from \(coverage.from) is after coverage.to \(coverage.to)",
                "swap the two dates")
        }
        let range = coverage.from...coverage.to
        var holidays: [LocalDate: LocalizedText] = [:]
        var makeUps: Set<LocalDate> = []
        var seenYears: Set<Int> = []
        for (y, year) in years.enumerated() {
            guard seenYears.insert(year.year).inserted else {
                return fail("years[\(y)].year", "year \(year.year) is listed twice", "merge the two entries")
            }
            for (d, day) in (year.holidays ?? []).enumerated() {
                let path = "years[\(y)].holidays[\(d)]"
                if let problem = check(day, in: year.year, range: range, what: "holiday") {
                    return fail("\(path).date", problem, "correct the date or move it under its year")
                }
                guard holidays[day.date] == nil else {
                    return fail("\(path).date", "holiday \(day.date) is listed twice", "keep one")
                }
                holidays[day.date] = LocalizedText(zh: day.zh, en: day.en)
            }
            for (d, day) in (year.makeUpWorkdays ?? []).enumerated() {
                let path = "years[\(y)].makeUpWorkdays[\(d)].date"
                if let problem = check(day, in: year.year, range: range, what: "make-up working day") {
                    return fail(path, problem, "correct the date or move it under its year")
                }
                guard day.date.isWeekend else {
                    return fail(
                        path, "make-up working day \(day.date) is a weekday; only weekend days can be made up",
                        "name the Saturday or Sunday the office works")
                }
                guard holidays[day.date] == nil else {
                    return fail(
                        path, "\(day.date) is listed both as a holiday and as a make-up working day", "keep one of them"
                    )
                }
                guard makeUps.insert(day.date).inserted else {
                    return fail(path, "make-up working day \(day.date) is listed twice", "keep one")
                }
            }
        }
        return WorkingCalendar(holidays: holidays, makeUpWorkdays: makeUps, coverage: range)
    }

    /// What is wrong with a dated day, or nil.
    private func check(_ day: Day, in year: Int, range: ClosedRange<LocalDate>, what: String) -> String? {
        guard day.date.year == year else { return "\(what) \(day.date) is listed under year \(year)" }
        guard range.contains(day.date) else {
            return "\(what) \(day.date) is outside coverage \(range.lowerBound)...\(range.upperBound)"
        }
        guard !day.zh.trimmingCharacters(in: .whitespaces).isEmpty else {
            return "\(what) \(day.date) has no Chinese name (zh)"
        }
        return nil
    }
}
