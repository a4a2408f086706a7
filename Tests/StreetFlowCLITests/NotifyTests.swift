import Foundation
import Testing

/// streetflow-notify against a running daemon, a real HTTP server standing in for the 企业微信/钉钉 robot endpoints
/// and a real SMTP server, all on loopback: each notice reaches each channel once, a robot that was down gets the
/// notice when it is back, and a restarted notifier sends nothing twice.
struct NotifyTests {
    /// A helper server (Python) whose first stdout line is its port.
    final class Server {
        let process = Process()
        let port: Int

        init(_ script: String, log: URL, port fixed: Int? = nil, environment: [String: String] = [:]) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.arguments = [script, log.path] + (fixed.map { [String($0)] } ?? [])
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            var line = Data()
            while !line.contains(0x0A) {
                let byte = out.fileHandleForReading.readData(ofLength: 1)
                guard !byte.isEmpty else { break }
                line.append(byte)
            }
            port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }

        /// SIGKILL: a child may inherit a blocked SIGTERM from the test process.
        func stop() {
            guard process.isRunning else { return }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    static func lines(_ url: URL) -> [[String: Any]] {
        ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @Test func noticesReachTheRobotsAndTheMailOnceEach() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let fixtures = Paths.packageRoot.appendingPathComponent("Tests/Fixtures/notify")
        let robotLog = daemon.directory.appendingPathComponent("robots.jsonl")
        let mailLog = daemon.directory.appendingPathComponent("mail.jsonl")
        var robots = try Server(fixtures.appendingPathComponent("robot-server.py").path, log: robotLog)
        let mail = try Server(fixtures.appendingPathComponent("mail-server.py").path, log: mailLog)
        defer {
            robots.stop()
            mail.stop()
        }
        let secret = daemon.directory.appendingPathComponent("dingtalk.secret")
        try "SECabc123\n".write(to: secret, atomically: true, encoding: .utf8)
        let config = daemon.directory.appendingPathComponent("notify.yaml")
        let state = daemon.directory.appendingPathComponent("notify-state.json")
        let robotPort = robots.port
        try """
        socket: \(daemon.directory.appendingPathComponent(".streetflow/io.streetflow.sock").path)
        state: \(state.path)
        notify:
          robots:
            - {kind: wecom, url: "http://127.0.0.1:\(robotPort)/wecom?key=k1", roles: [street]}
            - {kind: dingtalk, url: "http://127.0.0.1:\(robotPort)/dingtalk?access_token=t1", roles: [office], secretFile: \(secret.path)}
          mail:
            smtp: 127.0.0.1:\(mail.port)
            from: streetflow@zhongshan.example
            roles: {street: [leader@zhongshan.example]}
        """.write(to: config, atomically: true, encoding: .utf8)
        let notify = Paths.binaries.appendingPathComponent("streetflow-notify").path
        func runNotifier() throws -> Outcome {
            try runProcess(notify, ["--config", config.path, "--once"], directory: daemon.directory, environment: [:])
        }

        let id = try daemon.submitPlaque()
        _ = try daemon.cli(["forward", id, "--comment", "材料齐全"])

        let first = try runNotifier()
        #expect(first.status == 0, "\(first)")
        let posts = Self.lines(robotLog)
        // The office's robot (DingTalk, signed) heard the office's turn; the street's (WeCom) the street's.
        let ding = posts.filter { $0["path"] as? String == "/dingtalk" }
        let wecom = posts.filter { $0["path"] as? String == "/wecom" }
        #expect(ding.count == 1 && wecom.count == 1, "\(posts)")
        let dingQuery = ding.first?["query"] as? [String: [String]]
        #expect(dingQuery?["timestamp"]?.first != nil && dingQuery?["sign"]?.first != nil, "\(ding)")
        let wecomBody = wecom.first?["body"] as? [String: Any]
        #expect(wecomBody?["msgtype"] as? String == "markdown")
        let content = (wecomBody?["markdown"] as? [String: Any])?["content"] as? String ?? ""
        #expect(
            content.contains("待您办理") && content.contains("街道审批") && content.contains("streetflow show \(id)"),
            "\(content)")
        // The street's mail: Chinese subject as an RFC 2047 word, the delivery id as Message-ID.
        let mails = Self.lines(mailLog)
        #expect(mails.count == 1, "\(mails)")
        #expect((mails.first?["to"] as? [String]) == ["leader@zhongshan.example"])
        let data = mails.first?["data"] as? String ?? ""
        #expect(data.contains("Subject: =?UTF-8?B?") && data.contains("Message-ID: <streetflow-notice-"), "\(data)")

        // Run again: nothing is sent twice.
        _ = try runNotifier()
        #expect(Self.lines(robotLog).count == 2 && Self.lines(mailLog).count == 1)

        // The robots' endpoint is down: the delivery fails, is kept, and goes out once it is back.
        robots.stop()
        _ = try daemon.cli(["approve", id, "--comment", "同意"])
        let down = try runNotifier()
        #expect(down.stderr.contains("failed"), "\(down)")
        let status = try runProcess(
            notify, ["--config", config.path, "--status"], directory: daemon.directory, environment: [:])
        #expect(status.stdout.contains("failing 1"), "\(status)")
        robots = try Server(fixtures.appendingPathComponent("robot-server.py").path, log: robotLog, port: robotPort)
        Thread.sleep(forTimeInterval: 2.2)
        _ = try runNotifier()
        let after = Self.lines(robotLog)
        #expect(after.count == 3, "\(after)")
        let deliveries = after.compactMap { $0["delivery"] as? String }
        #expect(Set(deliveries).count == deliveries.count, "a delivery went out twice: \(deliveries)")
    }

    /// The issue's test of record: a plaque left in office review past ten working days is in the street's queue,
    /// overdue, and the street heard of it in its inbox, through its robot and by mail — once each.
    @Test func anEscalationReachesTheStreetsInboxRobotAndMailOnceEach() throws {
        let daemon = try DaemonFixture(daemonArguments: { _ in
            ["--dev", "--clock", "simulated:2026-11-02T09:00:00+08:00", "--log-target", "stderr"]
        })
        defer { daemon.stop() }
        let fixtures = Paths.packageRoot.appendingPathComponent("Tests/Fixtures/notify")
        let robotLog = daemon.directory.appendingPathComponent("robots.jsonl")
        let mailLog = daemon.directory.appendingPathComponent("mail.jsonl")
        let robots = try Server(fixtures.appendingPathComponent("robot-server.py").path, log: robotLog)
        let mail = try Server(fixtures.appendingPathComponent("mail-server.py").path, log: mailLog)
        defer {
            robots.stop()
            mail.stop()
        }
        let config = daemon.directory.appendingPathComponent("notify.yaml")
        try """
        socket: \(daemon.directory.appendingPathComponent(".streetflow/io.streetflow.sock").path)
        state: \(daemon.directory.appendingPathComponent("notify-state.json").path)
        notify:
          robots:
            - {kind: wecom, url: "http://127.0.0.1:\(robots.port)/street", roles: [street]}
          mail:
            smtp: 127.0.0.1:\(mail.port)
            from: streetflow@zhongshan.example
            roles: {street: [leader@zhongshan.example]}
        """.write(to: config, atomically: true, encoding: .utf8)
        let id = try daemon.submitPlaque()
        // Ten working days on (November 2026 has no holiday).
        let moved = try daemon.cli(["admin", "clock", "set", "2026-11-18T09:00"])
        #expect(moved.status == 0 && moved.stdout.contains("模拟时钟"), "\(moved)")
        let queue = try daemon.cli(["queue"])
        #expect(queue.stdout.contains(id) && queue.stdout.contains("已上报街道办事处"), "\(queue)")
        let inbox = try daemon.cli(["inbox"])
        #expect(inbox.stdout.contains("超期上报给您：标识挂牌准入 \(id)"), "\(inbox)")

        let notify = Paths.binaries.appendingPathComponent("streetflow-notify").path
        for _ in 0..<2 {
            let run = try runProcess(
                notify, ["--config", config.path, "--once"], directory: daemon.directory, environment: [:])
            #expect(run.status == 0, "\(run)")
        }
        let posts = Self.lines(robotLog)
        let escalations = posts.filter {
            (($0["body"] as? [String: Any])?["markdown"] as? [String: Any])?["content"].map { "\($0)" }?.contains(
                "超期上报给您")
                == true
        }
        #expect(escalations.count == 1, "\(posts)")
        let mails = Self.lines(mailLog)
        #expect(mails.count == posts.count && mails.count >= 1, "\(mails)")
        let status = try daemon.cli(["admin", "notify", "status", "--config", config.path])
        #expect(status.status == 0 && status.stdout.contains("重试中 0"), "\(status)")
        #expect(!status.stdout.contains("failing"), "an English word on the Chinese screen: \(status)")
        let english = try daemon.cli(["admin", "notify", "status", "--config", config.path, "--lang", "en"])
        #expect(english.stdout.contains("failing 0"), "\(english)")
        // Not configured: said in the reader's words, with what to do.
        let missing = try daemon.cli(["admin", "notify", "status", "--config", "/nonexistent/notify.yaml"])
        #expect(missing.status == 66, "\(missing)")
        #expect(missing.stderr.contains("未配置通知投递：没有 /nonexistent/notify.yaml"), "\(missing)")
        #expect(!missing.stderr.contains("cannot read"), "\(missing)")
    }

    /// Killed while a delivery is in flight (the robot had the message, the notifier had not recorded it), the
    /// notifier sends that one again after a restart with the same delivery id — so a receiver that keeps ids
    /// drops it — and everything recorded before is not sent again.
    @Test func aNotifierKilledMidDeliveryResendsOnlyTheOneInFlightWithItsID() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let fixtures = Paths.packageRoot.appendingPathComponent("Tests/Fixtures/notify")
        let robotLog = daemon.directory.appendingPathComponent("robots.jsonl")
        let robots = try Server(
            fixtures.appendingPathComponent("robot-server.py").path, log: robotLog,
            environment: ["ROBOT_DELAY": "1.5"])
        defer { robots.stop() }
        let config = daemon.directory.appendingPathComponent("notify.yaml")
        try """
        socket: \(daemon.directory.appendingPathComponent(".streetflow/io.streetflow.sock").path)
        state: \(daemon.directory.appendingPathComponent("notify-state.json").path)
        pollSeconds: 0.2
        notify:
          robots:
            - {kind: wecom, url: "http://127.0.0.1:\(robots.port)/office", roles: [office]}
        """.write(to: config, atomically: true, encoding: .utf8)
        for text in ["甲", "乙", "丙"] {
            let submitted = try daemon.cli([
                "submit", "标识挂牌准入", "--居委会", "蓝天二村", "--标牌名称", "牌子\(text)", "--拟挂位置", "居委会内部", "--申请理由", "便民服务",
            ])
            #expect(submitted.status == 0, "\(submitted)")
        }
        let notify = Process()
        notify.executableURL = URL(fileURLWithPath: Paths.binaries.appendingPathComponent("streetflow-notify").path)
        notify.arguments = ["--config", config.path]
        notify.standardError = FileHandle.nullDevice
        try notify.run()
        // The second message reached the robot; its answer is 1.5 s away: kill the notifier now.
        let deadline = Date().addingTimeInterval(20)
        while Self.lines(robotLog).count < 2, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        kill(notify.processIdentifier, SIGKILL)
        notify.waitUntilExit()
        let before = Self.lines(robotLog).compactMap { $0["delivery"] as? String }
        #expect(before.count == 2, "\(before)")

        let rerun = try runProcess(
            Paths.binaries.appendingPathComponent("streetflow-notify").path, ["--config", config.path, "--once"],
            directory: daemon.directory, environment: [:])
        #expect(rerun.status == 0, "\(rerun)")
        let deliveries = Self.lines(robotLog).compactMap { $0["delivery"] as? String }
        // The first (recorded) is not sent again; the one in flight is, with the same id; the third goes once.
        #expect(deliveries.count == 4, "\(deliveries)")
        #expect(Set(deliveries).count == 3, "\(deliveries)")
        #expect(deliveries.filter { $0 == before[0] }.count == 1, "\(deliveries)")
        #expect(deliveries.filter { $0 == before[1] }.count == 2, "\(deliveries)")
    }
}
