import Foundation
import Testing

/// Reports, exports, administration, the live stream and the shipped completions and manual.
struct ReportTests {
    static func plaqueWith(text: String) -> [String] {
        [
            "submit", "plaque-admission", "--committee", "蓝天二村", "--text", text, "--placement", "inside", "--reason",
            "方便",
        ]
    }

    @Test func exportRolloutBackupAndWatch() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let subject = daemon.directory.appendingPathComponent("subject.yaml")
        try "committee: 蓝天二村\ntext: \"法律服务点, 二楼\"\nplacement: inside\nreason: 方便\n".write(
            to: subject, atomically: true, encoding: .utf8)
        let submitted = try daemon.cli(["submit", "plaque-admission", "--from", subject.path])
        #expect(submitted.status == 0, "\(submitted)")
        let id = try #require(submittedID(submitted))

        let csv = try daemon.cli(["export", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("\u{FEFF}编号,事项,内容,居委会,部门,环节,"), "\(csv)")
        #expect(csv.stdout.contains("\(id),标识挂牌准入,\"法律服务点, 二楼\",蓝天二村"), "\(csv)")
        #expect(!csv.stdout.contains("plaque-admission") && !csv.stdout.contains("office-review"), "\(csv)")
        // A request's text that starts like a formula is shown by a spreadsheet, not run.
        let formula = try daemon.cli(Self.plaqueWith(text: "=1+2"))
        #expect(formula.status == 0, "\(formula)")
        #expect(try daemon.cli(["export", "--format", "csv"]).stdout.contains(",'=1+2,"))
        // Times are plain office time and the deadline its last working day, so a spreadsheet reads them as dates;
        // the zone is said once, in the header — also from a terminal in another zone.
        let abroad = try daemon.cli(["export", "--format", "csv"], environment: ["TZ": "UTC"])
        let lines = abroad.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.first?.contains("提交时间（北京时间）,更新时间（北京时间）,期限（最后一个工作日）,超期") == true, "\(abroad)")
        let row = try #require(lines.first { $0.hasPrefix(id) }, "\(abroad)")
        #expect(
            row.range(
                of: #",\d{4}-\d{2}-\d{2} \d{2}:\d{2},\d{4}-\d{2}-\d{2} \d{2}:\d{2},\d{4}-\d{2}-\d{2},"#,
                options: .regularExpression) != nil, "\(row)")
        #expect(!lines.dropFirst().contains { $0.contains("北京时间") || $0.contains("截止") }, "\(abroad)")

        let rollout = try daemon.cli([
            "submit", "committee-rollout", "--committee", "蓝天二村", "--phase", "pilot",
        ])
        #expect(rollout.status == 0, "\(rollout)")
        let status = try daemon.cli(["rollout", "status"])
        #expect(status.status == 0, "\(status)")
        let pilot = try #require(status.stdout.split(separator: "\n").first { $0.hasPrefix("蓝天二村") })
        #expect(pilot.contains("前期试点") && pilot.contains("对标实施") && pilot.contains("2019-12-31"), "\(pilot)")
        // Every phase ended in 2019–2020: each committee of the programme that has not reached the standard is late,
        // and one outside it is not.
        #expect(pilot.contains("2019-12-31 逾期"), "\(pilot)")
        let outside = try #require(status.stdout.split(separator: "\n").first { $0.hasPrefix("同济雅筑") })
        #expect(outside.contains("不参加") && !outside.contains("逾期"), "\(outside)")
        #expect(status.stdout.contains("已启动 1，已达标 0，逾期未达标 21"), "\(status)")
        let english = try daemon.cli(["rollout", "status", "--lang", "en"])
        #expect(english.stdout.contains("2019-12-31 late") && english.stdout.contains("1 started, 0 accepted, 21 late"))

        // Each report is written in the formats it has; a page to print is not written into a .csv.
        let overdueCSV = daemon.directory.appendingPathComponent("逾期.csv")
        #expect(try daemon.cli(["report", "overdue", "-o", overdueCSV.path]).status == 0)
        let overdueBytes = try Data(contentsOf: overdueCSV)
        #expect(overdueBytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(
            String(decoding: overdueBytes.dropFirst(3), as: UTF8.self).hasPrefix("编号,事项,内容,居委会,部门,环节,待谁办理,期限,逾期（工作日）"))
        let wrongKind = try daemon.cli([
            "report", "programme", "-o", daemon.directory.appendingPathComponent("p.csv").path,
        ])
        #expect(wrongKind.status == 2 && wrongKind.stderr.contains("只能写成 .html"), "\(wrongKind)")
        #expect(!FileManager.default.fileExists(atPath: daemon.directory.appendingPathComponent("p.csv").path))
        let unknown = try daemon.cli(["report", "overdue", "-o", daemon.directory.appendingPathComponent("o.txt").path])
        #expect(unknown.status == 2 && unknown.stderr.contains("请用 .html、.csv 或 .xlsx"), "\(unknown)")

        let backup = daemon.directory.appendingPathComponent("copy.sqlite")
        let backedUp = try daemon.cli(["admin", "backup", backup.path])
        #expect(backedUp.status == 0, "\(backedUp)")
        #expect(
            backedUp.stdout.range(of: #"^已备份 \d+(\.\d)? [KM]B："#, options: .regularExpression) != nil, "\(backedUp)")
        #expect(FileManager.default.fileExists(atPath: backup.path))
        let stats = try daemon.cli(["status", "--lang", "en"])
        #expect(stats.stdout.contains("Open requests") && stats.stdout.contains("Commit latency"), "\(stats)")

        // The stream shows an event made after it opened.
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: Paths.cli)
        watcher.arguments = ["watch", "--follow", id, "--count", "1", "--json"]
        watcher.currentDirectoryURL = daemon.directory
        watcher.environment = ["PATH": "/usr/bin:/bin", "LANG": "C"]
        let pipe = Pipe()
        watcher.standardOutput = pipe
        watcher.standardError = FileHandle.nullDevice
        try watcher.run()
        Thread.sleep(forTimeInterval: 0.5)
        let commented = try daemon.cli(["comment", id, "已电话联系"])
        #expect(commented.status == 0 && commented.stdout.contains("已留言 \(id)（现为第 2 版）"), "\(commented)")
        let line = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        watcher.waitUntilExit()
        let event = try #require(try jsonObject(line)["event"] as? [String: Any])
        #expect(event["comment"] as? String == "已电话联系")
    }

    @Test func shippedCompletionsAndManualMatchTheCommandTree() throws {
        let root = Paths.packageRoot
        for shell in ["bash", "zsh", "fish"] {
            let generated = try runProcess(
                Paths.cli, ["--generate-completion-script", shell], directory: root,
                environment: ["PATH": "/usr/bin:/bin"])
            let shipped = try String(
                contentsOf: root.appendingPathComponent("Deploy/completions/streetflow.\(shell)"), encoding: .utf8)
            #expect(
                generated.stdout == shipped,
                "Deploy/completions/streetflow.\(shell) is stale: run Deploy/completions/generate.sh")
        }
        for (page, exitHeading) in [
            ("Deploy/man/streetflow.1", ".Sh EXIT STATUS"), ("Deploy/man/zh_CN/streetflow.1", ".Sh 退出状态"),
        ] {
            let manual = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            #expect(manual.contains(exitHeading), "\(page)")
            for code in ["0", "1", "2", "3", "4", "5", "6", "65", "69"] {
                #expect(manual.contains(".It \(code)\n"), "exit \(code) documented in \(page)")
            }
            for command in ["submit", "show", "queue", "act", "actions", "backup", "rollout", "export", "whoami"] {
                #expect(manual.contains(".It Cm \(command)\n"), "\(command) in \(page)")
            }
        }
        // Both pages are what the generator writes from this command tree.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sf-man-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: scratch.appendingPathComponent("Deploy/man"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let generated = try runProcess(
            "/usr/bin/python3", [root.appendingPathComponent("Deploy/man/generate.py").path, Paths.cli],
            directory: scratch, environment: ["PATH": "/usr/bin:/bin"])
        #expect(generated.status == 0, "\(generated)")
        for page in ["Deploy/man/streetflow.1", "Deploy/man/zh_CN/streetflow.1"] {
            let fresh = try String(contentsOf: scratch.appendingPathComponent(page), encoding: .utf8)
            let shipped = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            #expect(fresh == shipped, "\(page) is stale: run Deploy/man/generate.sh")
        }
    }

    /// `man -l` renders both pages without a troff warning (the Chinese survives), and mandoc and lexgrog
    /// accept them.
    @Test(arguments: ["Deploy/man/streetflow.1", "Deploy/man/zh_CN/streetflow.1", "Deploy/man/streetflowd.8"])
    func manualPagesRenderCleanly(_ page: String) throws {
        let path = Paths.packageRoot.appendingPathComponent(page).path
        let environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "MANWIDTH": "100", "MAN_DISABLE_SECCOMP": "1"]
        let rendered = try runProcess(
            "/usr/bin/man", ["--warnings", "-l", path], directory: Paths.packageRoot, environment: environment)
        #expect(rendered.status == 0, "\(rendered)")
        #expect(rendered.stderr.isEmpty, "\(page): \(rendered.stderr)")
        if page.contains("zh_CN") {
            #expect(rendered.stdout.contains("街道准入与达标工作流"), "\(rendered.stdout.prefix(400))")
            #expect(rendered.stdout.contains("退出状态"))
        }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/mandoc") {
            let lint = try runProcess(
                "/usr/bin/mandoc", ["-Tlint", "-W", "warning", path], directory: Paths.packageRoot,
                environment: environment)
            #expect(lint.status == 0 && lint.stdout.isEmpty && lint.stderr.isEmpty, "\(page): \(lint)")
        }
        let names = try runProcess("/usr/bin/lexgrog", [path], directory: Paths.packageRoot, environment: environment)
        #expect(names.status == 0 && names.stdout.contains(" - "), "\(page): \(names)")
    }
}
