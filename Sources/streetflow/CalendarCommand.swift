import ArgumentParser
import Foundation
import WorkflowModel

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "工作日历（法定节假日与调休）/ The working-day calendar (holidays and make-up days).",
        subcommands: [AddWorkingDays.self, IsWorkingDay.self])

    struct AddWorkingDays: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-working-days", abstract: "日期加 N 个工作日 / The date N working days after DATE.")
        @Argument(help: "YYYY-MM-DD") var date: String
        @Argument(help: "N") var count: Int
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (calendar, start) = try prepare(date, global: global)
            let end = calendar.addingWorkingDays(count, to: start)
            warnBeyondCoverage(calendar, min(start, end), max(start, end), global: global)
            print(end.description)
        }
    }

    struct IsWorkingDay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "is-working-day",
            abstract: "是否工作日（是：退出码 0；否：1）/ Whether DATE is a working day (exit 0 yes, 1 no).")
        @Argument(help: "YYYY-MM-DD") var date: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (calendar, day) = try prepare(date, global: global)
            warnBeyondCoverage(calendar, day, day, global: global)
            let working = calendar.isWorkingDay(day)
            let holiday = calendar.holidayName(day).map { " (\($0.text(global.language)))" } ?? ""
            print(
                working
                    ? global.say("\(day) 是工作日\(holiday)", "\(day) is a working day\(holiday)")
                    : global.say("\(day) 不是工作日\(holiday)", "\(day) is not a working day\(holiday)"))
            if !working { throw ExitCode(1) }
        }
    }
}

/// Past the holiday data (e.g. 2027 before the State Council publishes it and the office adds it) the answer
/// counts Monday to Friday only: say so rather than answer as if the holidays were known.
private func warnBeyondCoverage(
    _ calendar: WorkingCalendar, _ first: LocalDate, _ last: LocalDate, global: GlobalOptions
) {
    let coverage = calendar.coverage
    guard first < coverage.lowerBound || last > coverage.upperBound else { return }
    printError(
        global.say(
            "注意：工作日历的节假日数据只覆盖 \(coverage.lowerBound) 至 \(coverage.upperBound)；此范围以外只按周一至周五计算，未计入法定节假日和调休。请在国务院公布放假安排后，把该年数据补入 seeds/calendar.yaml。",
            "note: the calendar's holiday data covers \(coverage.lowerBound) to \(coverage.upperBound) only; outside it only Monday to Friday count, without official holidays or make-up days. Add the year to seeds/calendar.yaml once the State Council publishes it."
        ))
}

private func prepare(_ text: String, global: GlobalOptions) throws -> (WorkingCalendar, LocalDate) {
    guard let date = LocalDate(text) else {
        printError(global.say("「\(text)」不是日期，请写成 YYYY-MM-DD", "'\(text)' is not a date; write YYYY-MM-DD"))
        throw ExitCode(ExitStatus.dataError)
    }
    let url = ShareDirectory.seeds().appendingPathComponent("calendar.yaml")
    do {
        return (try WorkingCalendar.load(from: url), date)
    } catch {
        printError(global.say("无法读取工作日历 \(url.path)：\(error)", "cannot read the calendar \(url.path): \(error)"))
        throw ExitCode(ExitStatus.noInput)
    }
}
