import ArgumentParser
import Foundation
import StreetFlowClient
import WorkflowModel

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "工作日历（法定节假日与调休）/ The working-day calendar (holidays and make-up days).",
        subcommands: [AddWorkingDays.self, IsWorkingDay.self, Coverage.self, Import.self])

    struct Coverage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "coverage",
            abstract: "节假日数据覆盖的日期范围及来源 / Which dates the holiday data covers, and from which files.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (calendar, files) = try await inForce(global: global)
            let end = calendar.coverage.upperBound
            print(
                global.say(
                    "节假日数据覆盖 \(calendar.coverage.lowerBound) 至 \(end)",
                    "The holiday data covers \(calendar.coverage.lowerBound) to \(end)"))
            print(source(files, global: global))
            for file in files where file != daemonMark { print("  " + file) }
            let left = end.dayNumber - LocalDate(Date()).dayNumber
            if left <= 60 {
                print(
                    global.say(
                        "还剩 \(max(0, left)) 天；请在国务院公布下一年放假安排后写入 /etc/streetflow/calendar.d/ 并重新加载",
                        "\(max(0, left)) days left; add the next year under /etc/streetflow/calendar.d/ and reload"))
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "安装前检查新增年份的日历文件 / Check a file of added holiday years before installing it.",
            discussion: """
                文件格式同 seeds/calendar.yaml，覆盖范围须从现行日历结束的次日开始。检查通过后复制到 \
                /etc/streetflow/calendar.d/ 并 systemctl reload streetflowd。
                The format of seeds/calendar.yaml, starting the day after the calendar in force ends. Once it \
                passes, copy it to /etc/streetflow/calendar.d/ and systemctl reload streetflowd.
                """)
        @Argument(help: "YAML 文件 / The YAML file.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (current, files) = try await inForce(global: global)
            let url = URL(fileURLWithPath: file)
            let added: WorkingCalendar
            let extended: WorkingCalendar
            do {
                added = try WorkingCalendar.load(from: url)
                // Already installed: check it against what comes before it instead of against itself.
                let base = files.contains(url.standardizedFileURL.path) ? try seedCalendar(global: global) : current
                extended = try base.extended(with: added, file: url.path)
            } catch let error as CalendarError {
                printError(
                    global.say("\(file) 不能载入：\(error.messageZh)", "\(file) cannot be added: \(error.message)"))
                throw ExitCode(ExitStatus.dataError)
            } catch {
                printError(global.say("\(file) 不能载入：\(error)", "\(file) cannot be added: \(error)"))
                throw ExitCode(ExitStatus.dataError)
            }
            print(
                global.say(
                    "可以载入：\(added.coverage.lowerBound) 至 \(added.coverage.upperBound)，法定节假日 \(added.holidays.count) 天，调休上班 \(added.makeUpWorkdays.count) 天；载入后日历覆盖至 \(extended.coverage.upperBound)",
                    "Can be added: \(added.coverage.lowerBound) to \(added.coverage.upperBound), \(added.holidays.count) holidays, \(added.makeUpWorkdays.count) make-up working days; the calendar then covers up to \(extended.coverage.upperBound)"
                ))
        }
    }

    struct AddWorkingDays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-working-days", abstract: "日期加 N 个工作日 / The date N working days after DATE.")
        @Argument(help: "YYYY-MM-DD") var date: String
        @Argument(help: "N") var count: Int
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (calendar, start) = try await prepare(date, global: global)
            let end = calendar.addingWorkingDays(count, to: start)
            warnBeyondCoverage(calendar, min(start, end), max(start, end), global: global)
            print(end.description)
        }
    }

    struct IsWorkingDay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "is-working-day",
            abstract: "是否工作日（是：退出码 0；否：1）/ Whether DATE is a working day (exit 0 yes, 1 no).")
        @Argument(help: "YYYY-MM-DD") var date: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (calendar, day) = try await prepare(date, global: global)
            warnBeyondCoverage(calendar, day, day, global: global)
            let working = calendar.isWorkingDay(day)
            let holiday = calendar.holidayName(day).map { global.say("（\($0.zh)）", " (\($0.text(.en)))") } ?? ""
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
            "注意：工作日历的节假日数据只覆盖 \(coverage.lowerBound) 至 \(coverage.upperBound)；此范围以外只按周一至周五计算，未计入法定节假日和调休。请在国务院公布放假安排后，把该年数据写入 /etc/streetflow/calendar.d/（见 streetflow calendar import）并重新加载。",
            "note: the calendar's holiday data covers \(coverage.lowerBound) to \(coverage.upperBound) only; outside it only Monday to Friday count, without official holidays or make-up days. Add the year under /etc/streetflow/calendar.d/ (see streetflow calendar import) once the State Council publishes it, and reload."
        ))
}

private func prepare(_ text: String, global: GlobalOptions) async throws -> (WorkingCalendar, LocalDate) {
    guard let date = LocalDate(text) else {
        printError(global.say("「\(text)」不是日期，请写成 YYYY-MM-DD", "'\(text)' is not a date; write YYYY-MM-DD"))
        throw ExitCode(ExitStatus.dataError)
    }
    let (calendar, files) = try await inForce(global: global)
    printError(source(files, global: global))
    return (calendar, date)
}

/// The shipped calendar (`seeds/calendar.yaml`).
private func seedCalendar(global: GlobalOptions) throws -> WorkingCalendar {
    let url = ShareDirectory.seeds().appendingPathComponent("calendar.yaml")
    do {
        return try WorkingCalendar.load(from: url)
    } catch {
        printError(global.say("无法读取工作日历 \(url.path)：\(error)", "cannot read the calendar \(url.path): \(error)"))
        throw ExitCode(ExitStatus.noInput)
    }
}

/// Marks, first among the files, a calendar read from the running daemon.
private let daemonMark = "daemon:"

/// Which calendar answered: the daemon's in force, or the files on this machine when no daemon is reachable.
private func source(_ files: [String], global: GlobalOptions) -> String {
    files.first == daemonMark
        ? global.say("依据：守护进程中现行的工作日历", "From: the calendar in force in the daemon")
        : global.say("依据：本机文件（未连接到守护进程）", "From: the files on this machine (no daemon reachable)")
}

/// The calendar in force: the running daemon's when one answers (the seeds and the office's calendar.d as it
/// loaded them), else the shipped one and the office's added years on this machine (`./.streetflow/calendar.d`
/// next to a development daemon, else `/etc/streetflow/calendar.d`); with the files it came from.
private func inForce(global: GlobalOptions) async throws -> (calendar: WorkingCalendar, files: [String]) {
    if let client = try? await StreetFlowClient.connect(socketPath: SocketDiscovery.resolve(explicit: global.socket)) {
        let reply = try? await client.workflow.calendar()
        await client.close()
        if let reply, let start = LocalDate(reply.coverageStart), let end = LocalDate(reply.coverageEnd), start <= end {
            var holidays: [LocalDate: LocalizedText] = [:]
            for holiday in reply.holidays {
                if let day = LocalDate(holiday.date) {
                    holidays[day] = LocalizedText(zh: holiday.holiday.zh, en: holiday.holiday.en)
                }
            }
            let calendar = WorkingCalendar(
                holidays: holidays, makeUpWorkdays: Set(reply.makeUpWorkdays.compactMap(LocalDate.init)),
                coverage: start...end)
            return (calendar, [daemonMark] + reply.sources)
        }
    }
    let seeds = try seedCalendar(global: global)
    let local = URL(fileURLWithPath: ".streetflow/calendar.d").standardizedFileURL
    let directory =
        FileManager.default.fileExists(atPath: local.path) ? local : URL(fileURLWithPath: "/etc/streetflow/calendar.d")
    let added = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { directory.appendingPathComponent($0).path }
    do {
        return (
            try seeds.extended(withDirectory: directory),
            [ShareDirectory.seeds().appendingPathComponent("calendar.yaml").path] + added
        )
    } catch {
        printError(global.say("工作日历新增年份有误：\(error)", "an added calendar year is wrong: \(error)"))
        throw ExitCode(ExitStatus.dataError)
    }
}
