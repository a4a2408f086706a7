import Foundation
import Testing

/// The CLI's verbs are the actions of the daemon's definitions, not names compiled into it: rename an action in
/// the YAML and the command follows; an action named like a built-in command is taken with `act`.
struct VerbTests {
    /// A daemon whose workflows call `forward` `pass-on` and `approve` `show` (a built-in command's name).
    static func renamedDaemon() throws -> DaemonFixture {
        try DaemonFixture(prepare: { directory in
            let workflows = directory.appendingPathComponent("Workflows")
            try FileManager.default.removeItem(at: workflows)
            try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
            let shipped = Paths.packageRoot.appendingPathComponent("Workflows")
            for file in try FileManager.default.contentsOfDirectory(atPath: shipped.path) where file.hasSuffix(".yaml")
            {
                let text = try String(contentsOf: shipped.appendingPathComponent(file), encoding: .utf8)
                    .replacingOccurrences(of: "\n  forward:", with: "\n  pass-on:")
                    .replacingOccurrences(of: "\n  approve:", with: "\n  show:")
                try text.write(to: workflows.appendingPathComponent(file), atomically: true, encoding: .utf8)
            }
        })
    }

    @Test func theVerbsAreTheLoadedActions() throws {
        let daemon = try Self.renamedDaemon()
        defer { daemon.stop() }
        let submitted = try daemon.cli([
            "submit", "--json", "plaque-admission", "--committee", "蓝天二村", "--text", "社区卫生服务点", "--placement",
            "居委会内部", "--reason", "便民服务",
        ])
        #expect(submitted.status == 0, "\(submitted)")
        let id = String(try #require(submitted.stdout.firstMatch(of: /"id" *: *"(PA-[0-9A-Z-]+)"/)?.1))

        // The list of actions is the daemon's, with the command for each.
        let actions = try daemon.cli(["actions", "标识挂牌准入"])
        #expect(actions.status == 0, "\(actions)")
        #expect(actions.stdout.contains("streetflow pass-on 编号"), "\(actions)")
        #expect(actions.stdout.contains("streetflow act 编号 show"), "\(actions)")
        #expect(actions.stdout.contains("streetflow arrange 编号") && actions.stdout.contains("--location --place"))
        #expect(!actions.stdout.contains("forward"), "\(actions)")

        // The old name is no command any more: a usage error in the reader's language, with a guess.
        let old = try daemon.cli(["forward", id])
        #expect(old.status == 2, "\(old)")
        #expect(old.stderr.contains("没有名为「forward」的命令或操作"), "\(old)")
        let typo = try daemon.cli(["pass-no", id])
        #expect(typo.status == 2 && typo.stderr.contains("是不是要用「pass-on」"), "\(typo)")

        let passed = try daemon.cli(["pass-on", id, "--comment", "材料齐全"])
        #expect(passed.status == 0, "\(passed)")
        #expect(passed.stdout.contains("已办理 \(id)：审核通过，报街道审批"), "\(passed)")
        // The next step for an action named like a built-in command goes through act.
        let shown = try daemon.cli(["show", id])
        #expect(shown.stdout.contains("streetflow act \(id) show --expected-version"), "\(shown)")
        let approved = try daemon.cli(["act", id, "show"])
        #expect(approved.status == 0 && approved.stdout.contains("审批通过"), "\(approved)")

        // An action's fields are options named after them; a missing one is named before anything is sent.
        let missing = try daemon.cli(["arrange", id, "--location", "东墙"])
        #expect(missing.status == 65 && missing.stderr.contains("缺少必填字段 --place"), "\(missing)")
        let arranged = try daemon.cli(["arrange", id, "--location", "东墙", "--place", "居委会内部"])
        #expect(arranged.status == 0 && arranged.stdout.contains("已统筹安排"), "\(arranged)")
    }

    /// The shell completions ask the daemon: ids from the queue and list, workflows, committees.
    @Test func completionsOfferLiveIds() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let submitted = try daemon.cli([
            "submit", "--json", "plaque-admission", "--committee", "蓝天二村", "--text", "补全", "--placement", "inside",
            "--reason", "r",
        ])
        let id = String(try #require(submitted.stdout.firstMatch(of: /"id" *: *"(PA-[0-9A-Z-]+)"/)?.1))
        // What the generated bash script runs when the user presses Tab after `streetflow show PA`.
        let ids = try daemon.cli(["---completion", "show", "--", "positional@0", "2", "2", "streetflow", "show", "PA"])
        #expect(ids.stdout.split(separator: "\n").map(String.init) == [id], "\(ids)")
        let workflows = try daemon.cli([
            "---completion", "list", "--", "--workflow", "3", "0", "streetflow", "list", "--workflow", "",
        ])
        #expect(workflows.stdout.contains("plaque-admission\n") && workflows.stdout.contains("committee-rollout\n"))
        let committees = try daemon.cli([
            "---completion", "list", "--", "--committee", "3", "3", "streetflow", "list", "--committee", "蓝天二",
        ])
        #expect(committees.stdout == "蓝天二村\n", "\(committees)")
        // After a field's option, its choices by label (what `submit WORKFLOW --placement <Tab>` runs).
        let choices = try daemon.cli([
            "---completion", "submit", "--", "positional@1", "4", "0", "streetflow", "submit", "plaque-admission",
            "--placement", "",
        ])
        #expect(choices.stdout == "居委会门口\n居委会内部\n服务区域\n", "\(choices)")
    }

    /// A whole admission typed in the office's words: fields, choices, actions and filters by their labels.
    @Test func aFlowTypedEntirelyInChinese() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let submitted = try daemon.cli([
            "submit", "plaque-admission", "--居委会", "蓝天二村", "--标牌名称", "社区法律服务点", "--拟挂位置", "居委会内部",
            "--申请理由", "便民",
        ])
        #expect(submitted.status == 0, "\(submitted)")
        let id = String(try #require(submitted.stdout.firstMatch(of: /(PA-[0-9]{8}-[0-9A-Z]+)/)?.1))
        let reviewed = try daemon.cli(["审核通过，报街道审批", id])
        #expect(reviewed.status == 0 && reviewed.stdout.contains("街道审批"), "\(reviewed)")
        let approved = try daemon.cli(["act", id, "审批通过"])
        #expect(approved.status == 0, "\(approved)")
        let arranged = try daemon.cli(["统筹安排悬挂位置", id, "--具体悬挂位置", "二楼东墙", "--place", "居委会内部"])
        #expect(arranged.status == 0 && arranged.stdout.contains("已统筹安排"), "\(arranged)")
        let listed = try daemon.cli(["list", "--workflow", "标识挂牌准入", "--state", "已统筹安排", "--committee", "蓝天二村居委会"])
        #expect(listed.stdout.contains(id), "\(listed)")
        let unknown = try daemon.cli(["审批不通过", id])
        #expect(unknown.status == 2 && unknown.stderr.contains("没有名为「审批不通过」的命令或操作"), "\(unknown)")
    }
}
