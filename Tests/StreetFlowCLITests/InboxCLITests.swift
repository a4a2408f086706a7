import Foundation
import Testing

/// The inbox as people meet it: one line at login, the list with `inbox`, silence when the daemon is down;
/// 催办 from the command line, once a working day.
struct InboxCLITests {
    @Test func theLoginLineTellsWhatWaitsAndNothingWhenTheDaemonIsDown() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let id = try daemon.submitPlaque()

        let brief = try daemon.cli(["inbox", "--brief"])
        #expect(brief.status == 0, "\(brief)")
        let lines = brief.stdout.split(separator: "\n")
        #expect(lines.count == 1, "\(brief)")
        #expect(brief.stdout.contains("您有 1 件待办") && brief.stdout.contains("条新通知"), "\(brief)")

        let listed = try daemon.cli(["inbox"])
        #expect(listed.stdout.contains("待您办理：标识挂牌准入 \(id)"), "\(listed)")
        #expect(listed.stdout.contains("streetflow show \(id)"), "\(listed)")
        // Read now: the login line keeps the waiting request, not the notices.
        let again = try daemon.cli(["inbox", "--brief"])
        #expect(again.stdout.contains("您有 1 件待办") && !again.stdout.contains("新通知"), "\(again)")
        let english = try daemon.cli(["inbox", "--brief"], lang: "en_US.UTF-8")
        #expect(english.stdout.contains("1 waiting for you"), "\(english)")

        // The step is taken: the notice that asked for it says it is done, in the reader's language.
        let forwarded = try daemon.cli(["act", id, "forward"])
        #expect(forwarded.status == 0, "\(forwarded)")
        let history = try daemon.cli(["inbox", "--all"])
        let listedLines = history.stdout.split(separator: "\n")
        #expect(listedLines.contains { $0.contains("待您办理：标识挂牌准入 \(id)") && $0.contains("（已办理，无需再办）") }, "\(history)")
        #expect(listedLines.contains { $0.contains("待您办理") && !$0.contains("已办理") }, "\(history)")
        let historyEn = try daemon.cli(["inbox", "--all"], lang: "en_US.UTF-8")
        #expect(historyEn.stdout.contains("(done since; nothing to do)"), "\(historyEn)")
        #expect(!historyEn.stdout.contains("已办理"), "\(historyEn)")

        let urged = try daemon.cli(["urge", id, "--comment", "请尽快"])
        #expect(urged.status == 0 && urged.stdout.contains("已催办 \(id)"), "\(urged)")
        let twice = try daemon.cli(["urge", id])
        #expect(twice.status == 5, "\(twice)")
        #expect(twice.stderr.contains("每个工作日只能催办一次"), "\(twice)")

        let down = try daemon.cli(
            ["inbox", "--brief"],
            environment: ["STREETFLOW_SOCKET": daemon.directory.appendingPathComponent("x.sock").path])
        #expect(down.status == 0 && down.stdout.isEmpty && down.stderr.isEmpty, "\(down)")
    }
}
