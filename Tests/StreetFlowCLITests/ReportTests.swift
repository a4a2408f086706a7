import Foundation
import Testing

/// Reports, exports, administration, the live stream and the shipped completions and manual.
struct ReportTests {
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
        #expect(csv.stdout.hasPrefix("\u{FEFF}id,workflow,"), "\(csv)")
        #expect(csv.stdout.contains("\(id),plaque-admission,标识挂牌准入,\"法律服务点, 二楼\",蓝天二村"), "\(csv)")

        let rollout = try daemon.cli([
            "submit", "committee-rollout", "--committee", "蓝天二村", "--phase", "pilot", "--due", "2030-12-31",
        ])
        #expect(rollout.status == 0, "\(rollout)")
        let status = try daemon.cli(["rollout", "status"])
        #expect(status.status == 0, "\(status)")
        let pilot = try #require(status.stdout.split(separator: "\n").first { $0.hasPrefix("蓝天二村") })
        #expect(pilot.contains("前期试点") && pilot.contains("对标实施") && pilot.contains("2030-12-31"), "\(pilot)")
        #expect(status.stdout.contains("已启动 1，已达标 0"), "\(status)")

        let backup = daemon.directory.appendingPathComponent("copy.sqlite")
        let backedUp = try daemon.cli(["admin", "backup", backup.path])
        #expect(backedUp.status == 0, "\(backedUp)")
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
        #expect(try daemon.cli(["comment", id, "已电话联系"]).status == 0)
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
        let manual = try String(contentsOf: root.appendingPathComponent("Deploy/man/streetflow.1"), encoding: .utf8)
        #expect(manual.contains(".Sh \"EXIT STATUS\""))
        for code in ["0", "1", "2", "3", "4", "5", "6", "65", "69"] {
            #expect(manual.contains(".It \(code)\n"), "exit \(code) documented")
        }
        for command in ["submit", "show", "queue", "approve", "backup", "rollout", "export", "whoami"] {
            #expect(manual.contains(".It Em \(command)\n"), "\(command) in the manual")
        }
    }
}
