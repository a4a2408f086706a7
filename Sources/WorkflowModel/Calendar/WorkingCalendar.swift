import Foundation

/// Which days the street office works: mainland-China official holidays and make-up working days.
///
/// Inside `coverage` a day is a working day when it is a make-up working day (调休上班), or a Monday to
/// Friday that is not an official holiday. Outside `coverage` the calendar knows no holidays and falls back
/// to Monday–Friday, so deadlines far in the past or future still compute (and may be off by a holiday).
public struct WorkingCalendar: Sendable, Hashable {
    /// The official holidays inside coverage, each with its name (weekends inside a holiday period included).
    public private(set) var holidays: [LocalDate: LocalizedText]
    /// The weekend days inside coverage that are working days.
    public private(set) var makeUpWorkdays: Set<LocalDate>
    /// The dates the holiday data speaks for; outside it the calendar is Monday–Friday.
    public private(set) var coverage: ClosedRange<LocalDate>

    /// Creates a calendar; holidays and make-up days outside `coverage` are ignored.
    public init(
        holidays: [LocalDate: LocalizedText],
        makeUpWorkdays: Set<LocalDate>,
        coverage: ClosedRange<LocalDate>
    ) {
        self.holidays = holidays.filter { coverage.contains($0.key) }
        self.makeUpWorkdays = makeUpWorkdays.filter { coverage.contains($0) }
        self.coverage = coverage
    }

    /// The calendar as one line of text that changes exactly when a working day does: coverage, the holidays and
    /// the make-up days, sorted (stable across processes, unlike `hashValue`).
    public var fingerprint: String {
        var text = "coverage \(coverage.lowerBound) \(coverage.upperBound)\nholidays"
        for day in holidays.keys.sorted() { text += " \(day)" }
        text += "\nworkdays"
        for day in makeUpWorkdays.sorted() { text += " \(day)" }
        return text
    }

    /// Monday–Friday everywhere, without holidays: for tests and for callers without holiday data.
    public static let weekdaysOnly = WorkingCalendar(
        holidays: [:],
        makeUpWorkdays: [],
        coverage: LocalDate(year: 1, month: 1, day: 1)!...LocalDate(year: 9999, month: 12, day: 31)!
    )

    /// Whether the office works on `date`: a weekday that is no holiday, or a make-up working day.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        guard coverage.contains(date) else { return !date.isWeekend }
        if makeUpWorkdays.contains(date) { return true }
        if holidays[date] != nil { return false }
        return !date.isWeekend
    }

    /// The name of the official holiday `date` belongs to; nil on other days and outside coverage.
    public func holidayName(_ date: LocalDate) -> LocalizedText? {
        holidays[date]
    }

    /// Whether `date` is a weekend day on which the office works (调休上班).
    public func isMakeUpWorkday(_ date: LocalDate) -> Bool {
        makeUpWorkdays.contains(date)
    }

    /// Counts working days from `date`.
    ///
    /// For `n > 0`, the `n`-th working day after `date` (`date` itself does not count); for `n == 0`, `date`
    /// when it is a working day, else the next working day; for `n < 0`, the `|n|`-th working day before
    /// `date`. For `n > 0`, `workingDays(from: date, to: addingWorkingDays(n, to: date)) == n`.
    public func addingWorkingDays(_ n: Int, to date: LocalDate) -> LocalDate {
        if n == 0 {
            var day = date
            while !isWorkingDay(day) { day = day.adding(days: 1) }
            return day
        }
        let step = n > 0 ? 1 : -1
        var remaining = abs(n)
        var day = date
        while remaining > 0 {
            day = day.adding(days: step)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// The number of working days in `(start, end]`; negative (minus those in `(end, start]`) when `end < start`.
    public func workingDays(from start: LocalDate, to end: LocalDate) -> Int {
        if end < start { return -workingDays(from: end, to: start) }
        var count = 0
        var day = start
        while day < end {
            day = day.adding(days: 1)
            if isWorkingDay(day) { count += 1 }
        }
        return count
    }
}

extension WorkingCalendar {
    /// This calendar with the years of `later` added after it: the office's own data for years the shipped
    /// seeds do not cover (`calendar.d`). `later` must begin on the day after this coverage ends, so a file can
    /// neither overlap nor contradict the shipped years nor leave a gap (where deadlines would silently count
    /// Monday to Friday); `file` names it in the refusal.
    public func extended(with later: WorkingCalendar, file: String?) throws(CalendarError) -> WorkingCalendar {
        let next = coverage.upperBound.adding(days: 1)
        guard later.coverage.lowerBound == next else {
            let overlaps = later.coverage.lowerBound <= coverage.upperBound
            let problem =
                overlaps
                ? "coverage \(later.coverage.lowerBound)...\(later.coverage.upperBound) overlaps the calendar in force, which covers \(coverage.lowerBound)...\(coverage.upperBound)"
                : "coverage starts on \(later.coverage.lowerBound), leaving \(next)...\(later.coverage.lowerBound.adding(days: -1)) without holiday data"
            let problemZh =
                overlaps
                ? "coverage \(later.coverage.lowerBound) 至 \(later.coverage.upperBound) 与现行日历（\(coverage.lowerBound) 至 \(coverage.upperBound)）重叠"
                : "coverage 从 \(later.coverage.lowerBound) 开始，\(next) 至 \(later.coverage.lowerBound.adding(days: -1)) 将没有节假日数据"
            throw CalendarError(
                file: file, message: "\(problem); an added year must start on \(next)",
                zh: "\(problemZh)；新增年份须从 \(next) 开始")
        }
        return WorkingCalendar(
            holidays: holidays.merging(later.holidays) { first, _ in first },
            makeUpWorkdays: makeUpWorkdays.union(later.makeUpWorkdays),
            coverage: coverage.lowerBound...later.coverage.upperBound)
    }

    /// The calendar with the YAML files of `directory` added in the order of their coverage (an absent directory
    /// adds nothing). Throws the first file's refusal.
    public func extended(withDirectory directory: URL) throws(CalendarError) -> WorkingCalendar {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var files: [(url: URL, calendar: WorkingCalendar)] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let url = directory.appendingPathComponent(name)
            do {
                files.append((url, try WorkingCalendar.load(from: url)))
            } catch let error as CalendarError {
                throw error
            } catch {
                throw CalendarError(file: url.path, message: "\(error)")
            }
        }
        var result = self
        for file in files.sorted(by: { $0.calendar.coverage.lowerBound < $1.calendar.coverage.lowerBound }) {
            result = try result.extended(with: file.calendar, file: file.url.path)
        }
        return result
    }
}
