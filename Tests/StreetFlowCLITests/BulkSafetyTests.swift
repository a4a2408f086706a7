import Foundation
import Testing

/// Acting on several requests, or ending one, is shown first and asked about on a terminal: `--yes` for scripts,
/// `--dry-run` to look without changing anything.
struct BulkSafetyTests {
    static func submit(_ daemon: DaemonFixture, _ text: String) throws -> String {
        let submitted = try daemon.cli([
            "submit", "--json", "plaque-admission", "--committee", "蓝天二村", "--text", text, "--placement", "居委会内部",
            "--reason", "便民服务",
        ])
        return String(try #require(submitted.stdout.firstMatch(of: /"id" *: *"(PA-[0-9A-Z-]+)"/)?.1))
    }

    /// The request's version and state, as a script would read them.
    static func version(_ daemon: DaemonFixture, _ id: String) throws -> String {
        let shown = try daemon.cli(["show", id, "--json"])
        return String(try #require(shown.stdout.firstMatch(of: /"version" *: *([0-9]+)/)?.1))
    }

    /// Runs the CLI on a pseudo-terminal (util-linux `script`), typing `answer` after a moment.
    static func onTerminal(_ daemon: DaemonFixture, _ command: String, answer: String) throws -> Outcome {
        let cli = "LANG=zh_CN.UTF-8 NO_COLOR=1 TZ=Asia/Shanghai \(Paths.cli) \(command)"
        return try runProcess(
            "/bin/bash", ["-c", "(sleep 1; printf '\(answer)\\n') | script -qec '\(cli)' /dev/null"],
            directory: daemon.directory, environment: ["PATH": "/usr/bin:/bin"])
    }

    @Test func severalIdsAreShownAndNeedAYesWithoutATerminal() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let first = try Self.submit(daemon, "牌子一")
        let second = try Self.submit(daemon, "牌子二")

        let refused = try daemon.cli(["forward", first, second, "--comment", "齐全"])
        #expect(refused.status == 2 && refused.stderr.contains("批量操作须加 --yes"), "\(refused)")
        #expect(refused.stdout.contains("将对以下 2 件申请执行「审核通过，报街道审批」"), "\(refused)")
        #expect(try Self.version(daemon, first) == "1" && Self.version(daemon, second) == "1")

        let dry = try daemon.cli(["forward", first, second, "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("演练：未做任何更改"), "\(dry)")
        #expect(try Self.version(daemon, first) == "1")

        let done = try daemon.cli(["forward", first, second, "--comment", "齐全", "--yes"])
        #expect(done.status == 0 && done.stdout.contains("共 2 件：成功 2，失败 0"), "\(done)")
        #expect(try Self.version(daemon, first) == "2" && Self.version(daemon, second) == "2")
    }

    @Test func anActionThatEndsTheRequestAsksOnATerminal() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let id = try Self.submit(daemon, "牌子三")

        let declined = try Self.onTerminal(daemon, "withdraw \(id)", answer: "n")
        #expect(declined.stdout.contains("会结束申请 \(id)") && declined.stdout.contains("不能撤回"), "\(declined)")
        #expect(declined.stdout.contains("已取消，未做任何更改"), "\(declined)")
        #expect(try Self.version(daemon, id) == "1")

        let dry = try daemon.cli(["withdraw", id, "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("申请随即结束（已撤回）"), "\(dry)")
        #expect(try Self.version(daemon, id) == "1")

        let confirmed = try Self.onTerminal(daemon, "withdraw \(id)", answer: "y")
        #expect(confirmed.stdout.contains("已办理 \(id)：撤回申请"), "\(confirmed)")
        #expect(try Self.version(daemon, id) == "2")
    }
}
