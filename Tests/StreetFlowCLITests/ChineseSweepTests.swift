import Foundation
import Testing

/// Every screen a person reads on a Chinese terminal speaks in labels: no key of a shipped workflow (its key, states,
/// actions, fields and choices) appears in the human output of any command, after a day's work through them.
/// Commands the reader is told to type (`streetflow forward PA-…`, `--location`) are input syntax and allowed;
/// `--json` and `describe --keys` keep the keys for scripts; `graph` prints diagram source, whose node ids are keys.
struct ChineseSweepTests {
    /// Every key of the daemon's workflows, read from `describe --json`.
    static func keys(_ daemon: DaemonFixture) throws -> (workflows: [String], keys: Set<String>) {
        let listed = try jsonObject(try daemon.cli(["workflows", "--json"]).stdout)
        let workflows = (listed["workflows"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        var keys = Set(workflows)
        func fields(_ list: Any?) {
            for field in list as? [[String: Any]] ?? [] {
                keys.insert(field["key"] as? String ?? "")
                for value in field["values"] as? [[String: Any]] ?? [] { keys.insert(value["key"] as? String ?? "") }
            }
        }
        for workflow in workflows {
            let described = try jsonObject(try daemon.cli(["describe", workflow, "--json"]).stdout)
            let definition = described["definition"] as? [String: Any] ?? [:]
            for state in definition["states"] as? [[String: Any]] ?? [] { keys.insert(state["key"] as? String ?? "") }
            for action in definition["actions"] as? [[String: Any]] ?? [] {
                keys.insert(action["key"] as? String ?? "")
                fields(action["fields"])
            }
            fields(definition["fields"])
        }
        // Words of the definition language and the protocol that are also keys (see ShippedNamesTests).
        keys.subtract(["", "committee", "text", "title", "description", "reason", "department", "phase"])
        return (workflows, keys)
    }

    /// The keys a screen shows, once the commands it tells the reader to type are set aside.
    static func keysShown(_ screen: String, keys: Set<String>) -> [String] {
        var text = screen.replacing(/streetflow [^\n（]*/, with: "")
        text = text.replacing(/--[a-z][a-z-]*/, with: "")
        // Words are runs of ASCII letters, digits and . _ / -; a path or a file name is one word and no key.
        let words = text.split { character in
            !(character.isASCII && (character.isLetter || character.isNumber || "._/-".contains(character)))
        }
        return Set(words.map(String.init)).filter(keys.contains).sorted()
    }

    @Test func noKeyOnAnyChineseScreen() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        // A day's work: a plaque through arrangement, one returned and amended, a board, a rollout, a hand entry.
        func id(_ arguments: [String]) throws -> String {
            let outcome = try daemon.cli(arguments + ["--json"])
            return String(try #require(outcome.stdout.firstMatch(of: /"id" *: *"([A-Z]+-[0-9]{8}-[0-9A-Z]+)"/)?.1))
        }
        let plaque = try id([
            "submit", "plaque-admission", "--committee", "蓝天二村", "--text", "法律服务点", "--placement", "居委会内部",
            "--reason", "便民",
        ])
        for step in [
            ["forward", plaque], ["approve", plaque], ["arrange", plaque, "--location", "二楼", "--place", "居委会内部"],
        ] {
            #expect(try daemon.cli(step).status == 0, "\(step)")
        }
        let returned = try id([
            "submit", "plaque-admission", "--committee", "蓝天一村", "--text", "旧名称", "--placement", "居委会内部",
            "--reason", "便民",
        ])
        #expect(try daemon.cli(["return", returned, "--comment", "名称不对"]).status == 0)
        #expect(try daemon.cli(["resubmit", returned, "--text", "新名称", "--placement", "服务区域"]).status == 0)
        let board = try id([
            "submit", "board-admission", "--committee", "蓝天二村", "--title", "垃圾分类", "--board-kind", "规章制度",
            "--location", "服务大厅综合宣传栏", "--reason", "宣传",
        ])
        let rollout = try id(["submit", "committee-rollout", "--committee", "蓝天二村", "--phase", "前期试点"])
        let entry = try id([
            "register", "add", "--committee", "蓝天二村", "--item", "标牌", "--text", "老年协会", "--place", "居委会内部",
        ])

        // The live stream, reading while a committee submits its self-check (a checklist) and the office comments.
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: Paths.cli)
        watcher.arguments = ["watch", "--count", "2"]
        watcher.currentDirectoryURL = daemon.directory
        watcher.environment = ["PATH": "/usr/bin:/bin", "LANG": "zh_CN.UTF-8", "NO_COLOR": "1", "TZ": "Asia/Shanghai"]
        let stream = Pipe()
        watcher.standardOutput = stream
        watcher.standardError = stream
        try watcher.run()
        Thread.sleep(forTimeInterval: 1)
        let checked = try daemon.cli([
            "submit-self-check", rollout, "--checklist", "door-plaques,walls-cleared", "--comment", "自查完毕",
        ])
        #expect(checked.status != 0, "an incomplete checklist is refused: \(checked)")
        #expect(try daemon.cli(["comment", plaque, "--comment", "已挂好"]).status == 0)
        #expect(try daemon.cli(["forward", returned]).status == 0)
        watcher.waitUntilExit()
        let watched = String(decoding: stream.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

        let (workflows, keys) = try Self.keys(daemon)
        #expect(keys.contains("office-review") && keys.contains("inside") && keys.contains("forward"))
        var screens: [[String]] = [
            ["workflows"], ["actions"], ["list"], ["queue"], ["status"], ["rollout", "status"], ["register", "show"],
            ["register", "show", "蓝天二村"], ["export"], ["whoami"], ["lists", "show", "negative-certificates"],
            ["lists", "check", "出具亲属关系证明"], ["audit", "verify"], ["calendar", "is-working-day", "2026-10-01"],
            ["list", "--state", "no-such-state"], ["show", "PA-20200101-XXXXX"], ["forward", plaque],
        ]
        screens += workflows.map { ["describe", $0] }
        screens += [plaque, returned, board, rollout, entry].map { ["show", $0] }
        var findings: [String] = []
        let streamed = Self.keysShown(watched, keys: keys)
        if !streamed.isEmpty { findings.append("streetflow watch: \(streamed)") }
        #expect(watched.contains("自治办审核→街道审批"), "\(watched)")
        screens += [
            ["submit-self-check", rollout, "--checklist", "door-plaques,walls-cleared"],
            ["calendar", "add-working-days", "2026-09-30", "5"], ["admin", "reload"], ["comment", plaque],
            ["inbox", "--all"], ["inbox", "--brief"], ["attachments", plaque], ["urge", plaque],
            ["calendar", "coverage"],
            ["admin", "clock"], ["approve", plaque, "--cc", "蓝天一村"], ["show", plaque],
        ]
        for screen in screens {
            let outcome = try daemon.cli(screen)
            let shown = Self.keysShown(outcome.stdout + outcome.stderr, keys: keys)
            if !shown.isEmpty { findings.append("streetflow \(screen.joined(separator: " ")): \(shown)") }
        }
        #expect(findings.isEmpty, "\(findings.joined(separator: "\n"))")
        // The sweep itself sees a key where one is shown.
        #expect(
            Self.keysShown("环节 office-review，下一步：streetflow forward PA-1 --location x", keys: keys) == ["office-review"]
        )
    }
}
