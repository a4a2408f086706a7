import Foundation
import Testing

@testable import WorkflowModel

struct CalendarTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static let calendar = try! WorkingCalendar.load(
        from: repositoryRoot.appendingPathComponent("seeds/calendar.yaml")
    )

    static func date(_ text: String) -> LocalDate {
        LocalDate(text)!
    }

    @Test func coverageIs2019Through2026() {
        #expect(Self.calendar.coverage == Self.date("2019-01-01")...Self.date("2026-12-31"))
    }

    @Test(arguments: [
        "2019-09-29",  // Sunday, made up for National Day
        "2019-10-12",  // Saturday, made up for National Day
        "2020-01-19",  // Sunday, made up for the Spring Festival
        "2020-02-03",  // Monday after the extended 2020 Spring Festival
        "2020-01-23",  // Thursday before it
        "2019-10-08",
    ])
    func workingDays(_ text: String) {
        #expect(Self.calendar.isWorkingDay(Self.date(text)))
    }

    @Test(arguments: [
        "2020-01-24", "2020-01-27", "2020-01-30",
        "2020-01-31", "2020-02-01", "2020-02-02",  // the 2020 extension
        "2019-10-01", "2019-10-02", "2019-10-03", "2019-10-04", "2019-10-05", "2019-10-06", "2019-10-07",
        "2019-09-28",  // an ordinary Saturday
    ])
    func daysOff(_ text: String) {
        #expect(!Self.calendar.isWorkingDay(Self.date(text)))
    }

    @Test func the2020SpringFestivalRunsFrom24JanuaryTo2February() {
        var day = Self.date("2020-01-24")
        while day <= Self.date("2020-02-02") {
            #expect(Self.calendar.holidayName(day) == LocalizedText(zh: "春节", en: "Spring Festival"))
            day = day.adding(days: 1)
        }
        #expect(Self.calendar.holidayName(Self.date("2020-01-23")) == nil)
        #expect(Self.calendar.holidayName(Self.date("2020-02-03")) == nil)
        #expect(Self.calendar.isMakeUpWorkday(Self.date("2020-01-19")))
        #expect(!Self.calendar.isMakeUpWorkday(Self.date("2020-02-01")))
    }

    struct Addition: Sendable, CustomTestStringConvertible {
        var start: String
        var n: Int
        var expected: String
        var testDescription: String { "\(start) + \(n) → \(expected)" }
    }

    @Test(arguments: [
        // Spring Festival 2020: 23 Jan works, 24 Jan – 2 Feb off, 3 Feb works.
        Addition(start: "2020-01-22", n: 3, expected: "2020-02-04"),
        Addition(start: "2020-01-22", n: 1, expected: "2020-01-23"),
        Addition(start: "2020-01-23", n: 1, expected: "2020-02-03"),
        Addition(start: "2020-01-25", n: 0, expected: "2020-02-03"),
        Addition(start: "2020-01-22", n: 0, expected: "2020-01-22"),
        Addition(start: "2020-02-03", n: -1, expected: "2020-01-23"),
        Addition(start: "2020-01-20", n: -1, expected: "2020-01-19"),  // back onto a make-up Sunday
        Addition(start: "2020-02-04", n: -3, expected: "2020-01-22"),
        // National Day 2019: 29 Sep (Sun) works, 1–7 Oct off, 12 Oct (Sat) works.
        Addition(start: "2019-09-27", n: 1, expected: "2019-09-29"),
        Addition(start: "2019-09-27", n: 3, expected: "2019-10-08"),
        Addition(start: "2019-09-30", n: 1, expected: "2019-10-08"),
        Addition(start: "2019-10-11", n: 1, expected: "2019-10-12"),
        Addition(start: "2019-10-12", n: 1, expected: "2019-10-14"),
        Addition(start: "2019-10-08", n: -1, expected: "2019-09-30"),
    ])
    func addingWorkingDays(_ addition: Addition) {
        let result = Self.calendar.addingWorkingDays(addition.n, to: Self.date(addition.start))
        #expect(result == Self.date(addition.expected))
    }

    struct Span: Sendable, CustomTestStringConvertible {
        var start: String
        var end: String
        var expected: Int
        var testDescription: String { "(\(start), \(end)] = \(expected)" }
    }

    @Test(arguments: [
        Span(start: "2020-01-22", end: "2020-02-04", expected: 3),
        Span(start: "2020-02-04", end: "2020-01-22", expected: -3),
        Span(start: "2019-09-27", end: "2019-10-12", expected: 7),
        Span(start: "2019-09-30", end: "2019-10-07", expected: 0),
        Span(start: "2020-01-22", end: "2020-01-22", expected: 0),
        Span(start: "2019-12-31", end: "2020-12-31", expected: 249),
    ])
    func countingWorkingDays(_ span: Span) {
        #expect(Self.calendar.workingDays(from: Self.date(span.start), to: Self.date(span.end)) == span.expected)
    }

    @Test(arguments: ["2019-01-02", "2019-09-27", "2020-01-22", "2023-09-28", "2026-02-10"], [1, 5, 12, 40])
    func countingUndoesAdding(_ start: String, _ n: Int) {
        let day = Self.date(start)
        let later = Self.calendar.addingWorkingDays(n, to: day)
        #expect(Self.calendar.workingDays(from: day, to: later) == n)
        #expect(Self.calendar.addingWorkingDays(-n, to: later) == Self.calendar.addingWorkingDays(0, to: day))
    }

    @Test func outsideCoverageFallsBackToWeekdays() {
        // 2018-12-31 and 2027-10-01 were or will be holidays, but the data does not cover them.
        #expect(Self.calendar.isWorkingDay(Self.date("2018-12-31")))
        #expect(Self.calendar.isWorkingDay(Self.date("2027-10-01")))
        #expect(!Self.calendar.isWorkingDay(Self.date("2027-10-02")))
        #expect(Self.calendar.holidayName(Self.date("2018-12-31")) == nil)
        #expect(Self.calendar.addingWorkingDays(1, to: Self.date("2026-12-31")) == Self.date("2027-01-01"))
        #expect(Self.calendar.addingWorkingDays(1, to: Self.date("2018-12-28")) == Self.date("2018-12-31"))
    }

    @Test func weekdaysOnlyKnowsNoHolidays() {
        let calendar = WorkingCalendar.weekdaysOnly
        #expect(calendar.isWorkingDay(Self.date("2019-10-01")))
        #expect(!calendar.isWorkingDay(Self.date("2019-09-29")))
        #expect(calendar.addingWorkingDays(3, to: Self.date("2020-01-22")) == Self.date("2020-01-27"))
    }

    @Test func holidaysOutsideCoverageAreIgnored() {
        let calendar = WorkingCalendar(
            holidays: [Self.date("2030-01-01"): LocalizedText(zh: "元旦")],
            makeUpWorkdays: [Self.date("2030-01-05")],
            coverage: Self.date("2029-01-01")...Self.date("2029-12-31")
        )
        #expect(calendar.isWorkingDay(Self.date("2030-01-01")))
        #expect(!calendar.isWorkingDay(Self.date("2030-01-05")))
    }

    @Test func loadsYAMLText() throws {
        let calendar = try WorkingCalendar.load(
            yaml: """
                coverage: {from: 2021-01-01, to: 2021-12-31}
                years:
                  - year: 2021
                    holidays:
                      - {date: 2021-01-01, zh: 元旦, en: "New Year's Day"}
                    makeUpWorkdays:
                      - {date: 2021-02-07, zh: 春节}
                """
        )
        #expect(!calendar.isWorkingDay(Self.date("2021-01-01")))
        #expect(calendar.isWorkingDay(Self.date("2021-02-07")))
        #expect(calendar.holidayName(Self.date("2021-01-01"))?.text(.en) == "New Year's Day")
    }

    @Test func malformedFileGivesAnErrorNamingTheFile() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("streetflow-calendar-\(UUID().uuidString).yaml")
        try "coverage: [from: 2019-01-01\nyears: {".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = #expect(throws: CalendarError.self) { try WorkingCalendar.load(from: url) }
        #expect(error?.file == url.path)
        #expect(error?.description.hasPrefix(url.path + ": ") == true)
    }

    static let coverage2021 = "coverage: {from: 2021-01-01, to: 2021-12-31}\n"

    @Test(arguments: [
        ("years: []", "coverage", "文件顶层缺少键「coverage」"),
        (
            coverage2021 + "years: [{year: 2021, holidays: [{date: 2021-13-01, zh: x}]}]", "years[0].holidays[0].date",
            "years[0].holidays[0].date"
        ),
        (
            coverage2021 + "years: [{year: 2021, makeUpWorkdays: [{date: 2021-02-08, zh: 春节}]}]", "is a weekday",
            "调休上班日 2021-02-08 是工作日"
        ),
        (
            coverage2021 + "years: [{year: 2021, holidays: [{date: 2022-01-03, zh: 元旦}]}]", "listed under year 2021",
            "节假日 2022-01-03 列在了 2021 年下"
        ),
        (
            coverage2021 + "years: [{year: 2021, holidays: [{date: 2021-01-01}]}]", "missing the key 'zh'",
            "缺少键「zh」"
        ),
        ("coverage: {from: 2021-01-01\n  to: 2021-12-31}\n x", "is not valid YAML", "不是有效的 YAML"),
        ("", "is empty", "是空文件"),
    ])
    func invalidYAMLSaysWhatIsWrong(_ yaml: String, _ expected: String, _ expectedZh: String) {
        let error = #expect(throws: CalendarError.self) { try WorkingCalendar.load(yaml: yaml) }
        #expect(error?.messageZh.contains(expectedZh) == true, "\(String(describing: error?.messageZh))")
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
    }
}
