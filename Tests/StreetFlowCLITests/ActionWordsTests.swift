import Foundation
import Testing

/// What the CLI says after an action, in the queue and on a conflict: actions and states by their labels,
/// never their keys, on a Chinese screen.
struct ActionWordsTests {
    @Test func actionsAndStatesAreNamedByTheirLabels() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let submitted = try daemon.cli([
            "submit", "--json", "plaque-admission", "--committee", "蓝天二村", "--text", "社区卫生服务点", "--placement",
            "居委会内部", "--reason", "便民服务",
        ])
        #expect(submitted.status == 0, "\(submitted)")
        let id = String(try #require(submitted.stdout.firstMatch(of: /"id" *: *"(PA-[0-9A-Z-]+)"/)?.1))

        let queue = try daemon.cli(["queue"])
        #expect(queue.stdout.contains("审核通过，报街道审批、退回修改"), "\(queue)")
        #expect(!queue.stdout.contains("forward"), "\(queue)")

        let forwarded = try daemon.cli(["forward", id, "--comment", "材料齐全"])
        #expect(forwarded.status == 0, "\(forwarded)")
        #expect(forwarded.stdout.contains("已办理 \(id)：审核通过，报街道审批"), "\(forwarded)")

        let stale = try daemon.cli(["forward", id, "--expected-version", "1", "--comment", "再报"])
        #expect(stale.status == 5, "\(stale)")
        #expect(stale.stderr.contains("（环节：街道审批）"), "\(stale)")
        #expect(stale.stderr.contains("当前环节已不能执行「审核通过，报街道审批」；可执行：审批通过"), "\(stale)")
        #expect(!stale.stderr.contains("street-review"), "\(stale)")

        let english = try daemon.cli(["approve", id, "--comment", "ok"], lang: "en_US.UTF-8")
        #expect(english.stdout.contains("Done \(id): Approve"), "\(english)")

        // The next step names the choices of an action's field in the reader's words, and takes them.
        let next = try daemon.cli(["show", id])
        #expect(next.stdout.contains("--place 居委会门口|居委会内部|服务区域"), "\(next)")
        let wrong = try daemon.cli(["arrange", id, "--location", "东墙", "--field", "place=屋顶"])
        #expect(wrong.status == 65, "\(wrong)")
        #expect(wrong.stderr.contains("--place 只能是 door（居委会门口）"), "\(wrong)")
        let arranged = try daemon.cli(["arrange", id, "--location", "东墙", "--place", "居委会内部"])
        #expect(arranged.status == 0, "\(arranged)")
        #expect(arranged.stdout.contains("已统筹安排"), "\(arranged)")
    }

    @Test func theVersionIsPrinted() throws {
        let outcome = try runProcess(
            Paths.cli, ["--version"], directory: FileManager.default.temporaryDirectory,
            environment: ["LANG": "zh_CN.UTF-8"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines).firstMatch(of: /^\d+\.\d+\.\d+$/) != nil)
    }
}
