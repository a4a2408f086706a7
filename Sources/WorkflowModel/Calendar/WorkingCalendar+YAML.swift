import Foundation

extension WorkingCalendar {
    /// Loads a calendar from a YAML file laid out as `seeds/calendar.yaml`; throws `CalendarError`.
    public static func load(from url: URL) throws -> WorkingCalendar {
        let text: String
        do {
            text = try YAMLDecoding.readText(url)
        } catch {
            throw CalendarError(file: url.path, message: error.message, zh: error.zh)
        }
        return try load(yaml: text, file: url.path)
    }

    /// Loads a calendar from YAML text laid out as `seeds/calendar.yaml`; throws `CalendarError`.
    public static func load(yaml: String) throws -> WorkingCalendar {
        try load(yaml: yaml, file: nil)
    }

    static func load(yaml: String, file: String?) throws(CalendarError) -> WorkingCalendar {
        let document: CalendarFile
        do {
            document = try YAMLDecoding.decode(CalendarFile.self, from: yaml)
        } catch {
            throw CalendarError(file: file, message: error.message, zh: error.zh)
        }
        return try document.calendar(file: file)
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

    func calendar(file: String?) throws(CalendarError) -> WorkingCalendar {
        func fail(_ message: String, _ zh: String) -> CalendarError {
            CalendarError(file: file, message: message, zh: zh)
        }
        guard coverage.from <= coverage.to else {
            throw fail(
                "coverage.from \(coverage.from) is after coverage.to \(coverage.to)",
                "coverage.from \(coverage.from) 晚于 coverage.to \(coverage.to)")
        }
        let range = coverage.from...coverage.to
        var holidays: [LocalDate: LocalizedText] = [:]
        var makeUps: Set<LocalDate> = []
        var seenYears: Set<Int> = []
        for year in years {
            guard seenYears.insert(year.year).inserted else {
                throw fail("year \(year.year) is listed twice", "\(year.year) 年列了两次")
            }
            for day in year.holidays ?? [] {
                try check(day, in: year.year, range: range, what: ("holiday", "节假日"), fail: fail)
                guard holidays[day.date] == nil else {
                    throw fail("holiday \(day.date) is listed twice", "节假日 \(day.date) 列了两次")
                }
                holidays[day.date] = LocalizedText(zh: day.zh, en: day.en)
            }
            for day in year.makeUpWorkdays ?? [] {
                try check(day, in: year.year, range: range, what: ("make-up working day", "调休上班日"), fail: fail)
                guard day.date.isWeekend else {
                    throw fail(
                        "make-up working day \(day.date) is a weekday; only weekend days can be made up",
                        "调休上班日 \(day.date) 是工作日；只有周末才能调休上班")
                }
                guard holidays[day.date] == nil else {
                    throw fail(
                        "\(day.date) is listed both as a holiday and as a make-up working day",
                        "\(day.date) 既列为节假日又列为调休上班日")
                }
                guard makeUps.insert(day.date).inserted else {
                    throw fail("make-up working day \(day.date) is listed twice", "调休上班日 \(day.date) 列了两次")
                }
            }
        }
        return WorkingCalendar(holidays: holidays, makeUpWorkdays: makeUps, coverage: range)
    }

    private func check(
        _ day: Day,
        in year: Int,
        range: ClosedRange<LocalDate>,
        what: (en: String, zh: String),
        fail: (String, String) -> CalendarError
    ) throws(CalendarError) {
        guard day.date.year == year else {
            throw fail(
                "\(what.en) \(day.date) is listed under year \(year)", "\(what.zh) \(day.date) 列在了 \(year) 年下")
        }
        guard range.contains(day.date) else {
            throw fail(
                "\(what.en) \(day.date) is outside coverage \(range.lowerBound)...\(range.upperBound)",
                "\(what.zh) \(day.date) 不在 coverage \(range.lowerBound) 至 \(range.upperBound) 之内")
        }
        guard !day.zh.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail("\(what.en) \(day.date) has no Chinese name (zh)", "\(what.zh) \(day.date) 没有中文名称（zh）")
        }
    }
}
