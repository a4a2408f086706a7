import Foundation
import Testing

/// Every named error becomes one sentence in the user's language and a documented exit status; never a trace.
struct ErrorTests {
    struct Case: CustomStringConvertible {
        var name: String
        var arguments: [String]
        var status: Int32
        var zh: [String]
        var en: [String]
        var description: String { name }
    }

    @Test func everyErrorHasASentenceAndAnExitStatus() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let id = try #require(submittedID(try daemon.cli(AdmissionTests.plaque)))
        let done = try #require(submittedID(try daemon.cli(AdmissionTests.plaque)))
        let approved = try #require(submittedID(try daemon.cli(AdmissionTests.plaque)))
        let steps = [
            ["forward", done], ["approve", done], ["arrange", done, "--location", "东墙", "--field", "place=inside"],
            ["forward", approved], ["approve", approved], ["comment", id, "请补充照片"], ["assign", id],
        ]
        for step in steps {
            #expect(try daemon.cli(step).status == 0)
        }
        _ = try daemon.cli([
            "submit", "board-admission", "--committee", "蓝天二村", "--title", "健康知识", "--boardKind", "rules", "--location",
            "room-wall",
            "--reason", "r",
        ])
        let board =
            try #require(
                try jsonObject(try daemon.cli(["list", "--workflow", "board-admission", "--json"]).stdout)["instances"]
                    as? [[String: Any]]
            ).first?["id"] as? String

        let cases: [Case] = [
            Case(
                name: "NoSuchInstance", arguments: ["show", "PA-20200101-XXXXX"], status: 3,
                zh: ["streetflow list"], en: ["streetflow list"]),
            Case(
                name: "NoSuchWorkflow", arguments: ["submit", "no-such-flow", "--text", "x"], status: 3,
                zh: ["可用的工作流：", "标识挂牌准入"], en: ["known workflows: ", "plaque-admission"]),
            Case(
                name: "ActionNotAllowed", arguments: ["arrange", id, "--location", "x"], status: 6,
                zh: ["可执行：", "审核通过，报街道审批"], en: ["allowed: ", "Forward to the street"]),
            Case(
                name: "VersionConflict", arguments: ["forward", id, "--expected-version", "1"], status: 5,
                zh: [
                    "自第 1 版以来的变化：", "留言", "意见：请补充照片", "转交", "仍要办理请执行：streetflow forward \(id) --expected-version 3",
                    "您看到的是第 1 版，现在是第 3 版", "--expected-version 3 重试",
                ],
                en: [
                    "Changes since version 1:", "Comment", "Hand-over",
                    "To act again: streetflow forward \(id) --expected-version 3",
                    "you saw version 1, it is now 3",
                ]),
            Case(
                name: "CommentRequired", arguments: ["return", id], status: 65, zh: ["--comment"], en: ["--comment"]),
            Case(
                name: "Finished", arguments: ["forward", done, "--field", "x=y"], status: 6, zh: ["可执行：无"],
                en: ["allowed: none"]),
            Case(
                name: "InvalidField", arguments: ["arrange", approved], status: 65, zh: ["location", "请更正后重新提交"],
                en: ["location", "correct it and try again"]),
            Case(
                name: "InvalidSubject",
                arguments: [
                    "submit", "plaque-admission", "--committee", "不存在村", "--text", "t", "--placement", "inside",
                    "--reason",
                    "r",
                ], status: 65, zh: ["不存在村", "请更正后重新提交"], en: ["correct it and try again"]),
            Case(
                name: "GuardFailed", arguments: ["admit", board ?? "-"], status: 6,
                zh: ["不能「准入」：「拟放位置」是「五室墙面」", "条件满足后再试"],
                en: ["'A wall of the five rooms'", "try again once the condition holds"]),
            Case(
                name: "UnknownSubjectField",
                arguments: ["submit", "plaque-admission", "--committee", "蓝天二村", "--colour", "red"], status: 65,
                zh: ["没有字段 --colour", "缺少必填字段 --text、--placement、--reason"],
                en: ["has no field --colour", "missing required field(s) --text, --placement, --reason"]),
            Case(
                name: "BadEnum",
                arguments: [
                    "submit", "plaque-admission", "--committee", "蓝天二村", "--text", "t", "--placement", "roof",
                    "--reason", "r",
                ], status: 65, zh: ["--placement 只能是 door（居委会门口）、inside（居委会内部）、service-area（服务区域）"],
                en: ["must be one of door, inside"]),
            Case(
                name: "DaemonUnavailable", arguments: ["queue", "--socket", "/nonexistent/sf.sock"], status: 69,
                zh: ["streetflowd 是否在运行？试试 `systemctl status streetflowd.socket`"],
                en: ["is streetflowd running? try `systemctl status streetflowd.socket`"]),
            Case(name: "Usage", arguments: ["show"], status: 2, zh: ["缺少参数「<id>」", "用法："], en: ["Usage:"]),
            Case(
                name: "UnknownOption", arguments: ["queue", "--bogus"], status: 2, zh: ["未知选项「--bogus」"],
                en: ["Unknown option '--bogus'"]),
            Case(
                name: "BadDate", arguments: ["list", "--since", "yesterday"], status: 65, zh: ["since"], en: ["since"]),
        ]
        for errorCase in cases {
            for (lang, expected) in [("zh_CN.UTF-8", errorCase.zh), ("en_US.UTF-8", errorCase.en)] {
                let outcome = try daemon.cli(errorCase.arguments, lang: lang)
                #expect(outcome.status == errorCase.status, "\(errorCase) \(lang): \(outcome)")
                for text in expected {
                    #expect(outcome.stderr.contains(text), "\(errorCase) \(lang) wants '\(text)': \(outcome)")
                }
                #expect(!outcome.stderr.contains("Fatal error"), "\(errorCase)")
                #expect(outcome.stdout.isEmpty, "\(errorCase) \(lang): \(outcome)")
            }
        }
    }

    @Test func jsonErrorsCarryTheVarlinkErrorName() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let outcome = try daemon.cli(["show", "PA-20200101-XXXXX", "--json"])
        #expect(outcome.status == 3)
        let object = try jsonObject(outcome.stdout)
        #expect(object["error"] as? String == "org.streetflow.Workflow.NoSuchInstance")
    }
}
