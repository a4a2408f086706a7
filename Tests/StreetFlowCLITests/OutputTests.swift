import Foundation
import Testing

/// Language, alignment, colour and deadline text of the human output.
struct OutputTests {
    @Test func chineseAndEnglishFollowLangAndTheLangOption() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        #expect(try daemon.cli(AdmissionTests.plaque).status == 0)
        let zh = try daemon.cli(["queue"], lang: "zh_CN.UTF-8")
        #expect(zh.stdout.hasPrefix("编号"), "\(zh)")
        #expect(zh.stdout.contains("还剩 5 个工作日") || zh.stdout.contains("还剩 4 个工作日"), "\(zh)")
        #expect(zh.stdout.contains("共 1 件"))
        let en = try daemon.cli(["queue"], lang: "en_US.UTF-8")
        #expect(en.stdout.hasPrefix("ID"), "\(en)")
        #expect(en.stdout.contains("working days left"), "\(en)")
        #expect(en.stdout.contains("Office review"))
        let overridden = try daemon.cli(["queue", "--lang", "en"], lang: "zh_CN.UTF-8")
        #expect(overridden.stdout == en.stdout)
        let cAll = try daemon.cli(["queue"], lang: "C", environment: ["LC_ALL": "zh_CN.UTF-8"])
        #expect(cAll.stdout == zh.stdout)
        // Not a TTY: no colour codes.
        #expect(!zh.stdout.contains("\u{1B}["))
    }

    @Test func cjkTablesLineUpByDisplayWidth() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        for text in ["法律服务点", "Legal aid", "社区矫正工作站（试点）", "A"] {
            let outcome = try daemon.cli([
                "submit", "plaque-admission", "--committee", "蓝天二村", "--text", text, "--placement", "inside",
                "--reason", "r",
            ])
            #expect(outcome.status == 0, "\(outcome)")
        }
        _ = try daemon.cli([
            "submit", "task-admission", "--text", "协助开展人口普查", "--reason", "r", "--validUntil", "2030-12-31",
        ])
        let listed = try daemon.cli(["list"])
        #expect(listed.status == 0, "\(listed)")
        // A header, five rows and the count.
        var lines = listed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 7 && lines.last == "共 5 件", "\(listed)")
        lines.removeLast()
        // Each row's cells start at the display column where the header's do.
        let header = lines[0]
        let headings = ["编号", "事项", "内容", "居委会", "部门", "环节", "提交日期", "期限"]
        let starts = try headings.map { heading in
            let range = try #require(header.range(of: heading))
            return terminalWidth(String(header[..<range.lowerBound]))
        }
        #expect(starts == starts.sorted())
        for line in lines.dropFirst() {
            let cells = line.split(separator: "  ", omittingEmptySubsequences: true).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            var column = 0
            var searchFrom = line.startIndex
            for cell in cells.filter({ !$0.isEmpty }) {
                let range = try #require(line.range(of: cell, range: searchFrom..<line.endIndex))
                searchFrom = range.upperBound
                let offset = terminalWidth(String(line[..<range.lowerBound]))
                while column < starts.count, starts[column] < offset { column += 1 }
                #expect(column < starts.count && starts[column] == offset, "cell '\(cell)' at \(offset) in '\(line)'")
            }
        }
    }

    @Test func offlineCommandsKeepWorking() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let graph = try daemon.cli(["graph", "plaque-admission", "--format", "mermaid"])
        #expect(graph.status == 0)
        #expect(graph.stdout.contains("stateDiagram") || graph.stdout.contains("flowchart"), "\(graph)")
        let validate = try daemon.cli(["validate"])
        #expect(validate.status == 0, "\(validate)")
        let day = try daemon.cli(["calendar", "is-working-day", "2020-10-01"])
        #expect(day.status == 1)
        #expect(!day.stderr.contains("注意"), "\(day)")
        #expect(day.stdout.contains("不是工作日（国庆节）"), "\(day)")
        // Answered by the running daemon's calendar, and saying so; without a daemon, from the files here.
        #expect(day.stderr.contains("依据：守护进程中现行的工作日历"), "\(day)")
        let coverage = try daemon.cli(["calendar", "coverage"])
        #expect(coverage.stdout.contains("依据：守护进程中现行的工作日历"), "\(coverage)")
        #expect(coverage.stdout.contains("calendar.yaml"), "\(coverage)")
        let offline = try daemon.cli(
            ["calendar", "coverage"],
            environment: ["STREETFLOW_SOCKET": daemon.directory.appendingPathComponent("none.sock").path])
        #expect(offline.stdout.contains("依据：本机文件（未连接到守护进程）"), "\(offline)")
        // Past the holiday data the answer says it counted weekdays only.
        let beyond = try daemon.cli(["calendar", "is-working-day", "2027-02-10"])
        #expect(beyond.stderr.contains("节假日数据只覆盖 2019-01-01 至 2026-12-31"), "\(beyond)")
        let added = try daemon.cli(["calendar", "add-working-days", "2026-12-25", "10"])
        #expect(added.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2027-01-08", "\(added)")
        #expect(added.stderr.contains("未计入法定节假日"), "\(added)")

        // Adding next year's holidays (this December's job): the check speaks the office's language.
        let example = Paths.packageRoot.appendingPathComponent("Deploy/calendar.d/example.yaml.example")
        let good = try daemon.cli(["calendar", "import", example.path])
        #expect(good.status == 0 && good.stdout.contains("可以载入：2027-01-01 至 2027-12-31"), "\(good)")
        let broken = daemon.directory.appendingPathComponent("2027.yaml")
        try "years: []\n".write(to: broken, atomically: true, encoding: .utf8)
        let refused = try daemon.cli(["calendar", "import", broken.path])
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr.contains("不能载入：文件顶层缺少键「coverage」"), "\(refused)")
        #expect(!refused.stderr.contains("missing the key"), "\(refused)")
        let late = daemon.directory.appendingPathComponent("2027-late.yaml")
        try "coverage: {from: 2027-01-05, to: 2027-12-31}\nyears: []\n".write(
            to: late, atomically: true, encoding: .utf8)
        let gap = try daemon.cli(["calendar", "import", late.path])
        #expect(gap.stderr.contains("2027-01-01 至 2027-01-04 将没有节假日数据；新增年份须从 2027-01-01 开始"), "\(gap)")
    }

    @Test func helpScreensSpeakTheUsersLanguage() throws {
        let directory = FileManager.default.temporaryDirectory
        let zh = try runProcess(
            Paths.cli, ["admin", "--help"], directory: directory, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.status == 0, "\(zh)")
        for text in ["概述：管理", "用法：streetflow admin", "选项：", "显示帮助信息。", "子命令：", "详见「streetflow help admin"] {
            #expect(zh.stdout.contains(text), "\(text): \(zh)")
        }
        for english in ["OVERVIEW", "USAGE", "OPTIONS", "Show help information"] {
            #expect(!zh.stdout.contains(english), "\(english): \(zh)")
        }
        let en = try runProcess(Paths.cli, ["admin", "--help"], directory: directory, environment: ["LANG": "C"])
        #expect(en.stdout.contains("OVERVIEW:"), "\(en)")
        #expect(en.stdout.contains("Show help information."), "\(en)")
    }

    @Test func languageAndLogTargetAreCheckedByTheParser() throws {
        let directory = FileManager.default.temporaryDirectory
        let zh = ["LANG": "zh_CN.UTF-8", "PATH": "/usr/bin:/bin"]
        let unknown = try runProcess(Paths.cli, ["validate", "--lang", "fr"], directory: directory, environment: zh)
        #expect(unknown.status == 2, "\(unknown)")
        #expect(unknown.stderr.contains("的值「fr」无效"), "\(unknown)")
        // A locale names its language; the graph then speaks it.
        let english = try runProcess(
            Paths.cli, ["graph", "plaque-admission", "--lang", "en_US.UTF-8"], directory: Paths.packageRoot,
            environment: zh)
        #expect(english.status == 0, "\(english)")
        #expect(english.stdout.contains("Office review"), "\(english)")
        let target = try runProcess(Paths.daemon, ["--log-target", "syslog"], directory: directory, environment: zh)
        #expect(target.status == 64, "\(target)")
        #expect(target.stderr.contains("'journal', 'stderr' or 'auto'"), "\(target)")
    }

    @Test func everyHumanActionOfTheWorkflowsHasAVerb() throws {
        let directory = Paths.packageRoot.appendingPathComponent("Workflows")
        var keys: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".yaml") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            guard text.contains("\nactions:\n") else { continue }  // `actions: {}`: nobody acts
            let body = text.components(separatedBy: "\nactions:\n").last ?? ""
            var current: String?
            for line in body.split(separator: "\n") {
                if line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") {
                    current = String(line.dropFirst(2).dropLast())
                    keys.insert(current!)
                }
                let systemOnly = line.contains("automatic: true") || line.contains("who: [system]")
                if systemOnly, let current { keys.remove(current) }
            }
        }
        #expect(keys.count > 15)
        // `streetflow actions` lists each with the command that takes it (the verbs come from the daemon).
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let actions = try daemon.cli(["actions"])
        #expect(actions.status == 0, "\(actions)")
        for key in keys.sorted() {
            let listed = actions.stdout.contains("streetflow \(key) 编号") || actions.stdout.contains("编号 \(key) ")
            #expect(listed, "no command for \(key)")
        }
    }
}
