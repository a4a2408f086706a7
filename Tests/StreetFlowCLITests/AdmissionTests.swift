import Foundation
import Testing

/// Whole admissions through the real `streetflow` against a real `streetflowd --dev`.
struct AdmissionTests {
    static let plaque = [
        "submit", "plaque-admission", "--committee", "蓝天二村", "--text", "法律服务点", "--placement", "inside",
        "--reason", "方便居民咨询",
    ]

    @Test func plaqueAdmissionFromSubmitToArrangement() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let submitted = try daemon.cli(Self.plaque)
        #expect(submitted.status == 0, "\(submitted)")
        let id = try #require(submittedID(submitted))
        #expect(id.hasPrefix("PA-"))
        #expect(submitted.stdout.contains("环节：自治办审核（待社区自治办处理）"), "\(submitted)")
        // When the office is to act by: five working days (a date and its weekday, to the end of that day).
        #expect(
            submitted.stdout.range(of: #"\n期限：截止 \d{4}-\d{2}-\d{2}（周[一二三四五]）下班前"#, options: .regularExpression)
                != nil, "\(submitted)")

        let shown = try daemon.cli(["show", id])
        #expect(shown.stdout.contains("下一步：streetflow forward \(id) --expected-version 1"), "\(shown)")

        // 催办 once a working day: the second today is refused and says when it may come.
        #expect(try daemon.cli(["urge", id, "--comment", "请尽快审核"]).status == 0)
        let again = try daemon.cli(["urge", id])
        #expect(again.status == 5, "\(again)")
        #expect(again.stderr.contains("每个工作日只能催办一次；下一个工作日再催办"), "\(again)")

        let forwarded = try daemon.cli(["forward", id, "--expected-version", "1", "--comment", "材料齐全"])
        #expect(forwarded.status == 0, "\(forwarded)")
        #expect(forwarded.stdout.contains("街道审批"), "\(forwarded)")
        #expect(forwarded.stdout.contains("\n期限：截止 "), "\(forwarded)")
        let approved = try daemon.cli(["approve", id, "--expected-version", "3"], lang: "en_US.UTF-8")
        #expect(approved.status == 0, "\(approved)")
        #expect(approved.stdout.contains("\nDeadline: due by the end of "), "\(approved)")
        let arranged = try daemon.cli(["arrange", id, "--location", "服务大厅东墙", "--field", "place=inside"])
        #expect(arranged.status == 0, "\(arranged)")
        #expect(arranged.stdout.contains("已统筹安排（已办结）"), "\(arranged)")
        #expect(!arranged.stdout.contains("期限："), "a finished request has no deadline: \(arranged)")
        // Acting on it now says once that it is finished, and what to do instead.
        let urged = try daemon.cli(["urge", id])
        #expect(urged.status == 6, "\(urged)")
        #expect(urged.stderr.contains("申请已办结（已统筹安排），不能再操作；如有需要，可重新提交新申请"), "\(urged)")

        let timeline = try daemon.cli(["show", id])
        #expect(timeline.status == 0)
        let lines = timeline.stdout.split(separator: "\n").map(String.init)
        let steps = ["提交申请", "审核通过，报街道审批", "审批通过", "统筹安排悬挂位置"]
        var position = 0
        for step in steps {
            let found = try #require(lines[position...].firstIndex { $0.contains(step) }, "\(step) in \(timeline)")
            position = found + 1
        }
        #expect(timeline.stdout.contains("意见：材料齐全"))
        #expect(timeline.stdout.contains("具体悬挂位置：服务大厅东墙"))
        #expect(timeline.stdout.contains("已办结。"))
        // Times are local (TZ=Asia/Shanghai): "YYYY-MM-DD HH:MM".
        #expect(
            lines.contains {
                $0.range(of: #"^  \d{4}-\d{2}-\d{2} \d{2}:\d{2}  #1  提交申请"#, options: .regularExpression) != nil
            })
    }

    @Test func taskAdmissionIsDecidedByTheReferenceLists() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let listed = try daemon.cli([
            "submit", "task-admission", "--text", "协助开展人口普查", "--reason", "普查入户", "--validUntil", "2030-12-31",
        ])
        #expect(listed.status == 0, "\(listed)")
        // The district list is a sample: the entry is shown to the office, nothing is decided.
        #expect(listed.stdout.contains("环节：自治办审核（对照清单相近条目）"), "\(listed)")
        #expect(listed.stdout.contains("清单相近条目（仅供参考，由自治办判断）"), "\(listed)")
        #expect(listed.stdout.contains("ADM-01「协助开展人口普查」 相似度 1.00 参考清单 admin-affairs v1 （示例清单）"), "\(listed)")

        let refused = try daemon.cli(
            [
                "submit", "task-admission", "--text", "出具亲属关系证明", "--reason", "办理业务需要", "--validUntil", "2030-12-31",
            ], lang: "en_US.UTF-8")
        #expect(refused.status == 0, "\(refused)")
        #expect(refused.stdout.contains("State: Refused (negative list)"), "\(refused)")
        #expect(!refused.stdout.contains("Deadline:"), "\(refused)")
        #expect(refused.stdout.contains("instead: 户口登记能反映的由公安派出所出具户籍证明"), "\(refused)")

        let check = try daemon.cli(["lists", "check", "出具亲属关系证明"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("属负面清单"), "\(check)")
        let unlisted = try daemon.cli(["lists", "check", "收集居民手机号码"])
        #expect(unlisted.status == 1)
        #expect(unlisted.stdout.contains("不在任何参考清单内"))
    }

    @Test func bulkAdmitReportsEachItemAndFailsIfAnyFailed() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        for (title, location) in [("垃圾分类宣传", "publicity-column"), ("平安宣传", "service-area"), ("健康知识", "room-wall")] {
            let outcome = try daemon.cli([
                "submit", "board-admission", "--committee", "蓝天二村", "--title", title, "--boardKind", "rules",
                "--location",
                location,
                "--reason", "宣传需要",
            ])
            #expect(outcome.status == 0, "\(outcome)")
        }
        // Without a terminal a bulk action needs --yes; --dry-run shows the plan and changes nothing.
        let unconfirmed = try daemon.cli(["admit", "--all-in-queue", "--workflow", "board-admission"])
        #expect(unconfirmed.status == 2 && unconfirmed.stderr.contains("--yes"), "\(unconfirmed)")
        let noWorkflow = try daemon.cli(["admit", "--all-in-queue", "--yes"])
        #expect(noWorkflow.status == 2 && noWorkflow.stderr.contains("--workflow"), "\(noWorkflow)")
        let before = try daemon.cli(["list", "--json", "--workflow", "board-admission"]).stdout
        let dry = try daemon.cli(["admit", "--all-in-queue", "--workflow", "宣传版面准入", "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("将对以下 2 件申请执行「准入」") && dry.stdout.contains("演练"), "\(dry)")
        #expect(try daemon.cli(["list", "--json", "--workflow", "board-admission"]).stdout == before)

        let bulk = try daemon.cli([
            "admit", "--all-in-queue", "--workflow", "board-admission", "--comment", "同意", "--yes",
        ])
        // The wall board's guard fails now, so `admit` is not offered for it and the bulk leaves it alone.
        #expect(bulk.status == 0, "\(bulk)")
        let rows = bulk.stdout.split(separator: "\n").map(String.init)
        #expect(rows.filter { $0.contains("✓") }.count == 2, "\(bulk)")
        #expect(!bulk.stdout.contains("健康知识"), "\(bulk)")
        #expect(bulk.stdout.contains("共 2 件：成功 2，失败 0"))

        let json = try daemon.cli(["admit", "--all-in-queue", "--workflow", "board-admission", "--json", "--yes"])
        #expect(json.status == 0)
        let parsed = try jsonObject(json.stdout)
        #expect(parsed["failed"] as? Int == 0)
        #expect(parsed["succeeded"] as? Int == 0)
    }

    @Test func jsonOutputIsTheVarlinkReply() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let submitted = try daemon.cli(Self.plaque + ["--json"])
        #expect(submitted.status == 0, "\(submitted)")
        let instance = try #require(try jsonObject(submitted.stdout)["instance"] as? [String: Any])
        let id = try #require(instance["id"] as? String)
        #expect(instance["state"] as? String == "office-review")
        #expect(instance["version"] as? Int == 1)
        // Sorted keys.
        let keys = submitted.stdout.split(separator: "\n").filter { $0.hasPrefix("    \"") }.map {
            $0.split(separator: "\"")[1]
        }
        #expect(keys == keys.sorted(), "\(keys)")

        let shown = try jsonObject(try daemon.cli(["show", id, "--json"]).stdout)
        #expect((shown["actions"] as? [String])?.contains("forward") == true)
        #expect((shown["history"] as? [[String: Any]])?.first?["action"] as? String == "submit")

        let queue = try jsonObject(try daemon.cli(["queue", "--json"]).stdout)
        #expect((queue["items"] as? [[String: Any]])?.count == 1)
        let me = try jsonObject(try daemon.cli(["whoami", "--json"]).stdout)
        #expect(((me["identity"] as? [String: Any])?["roles"] as? [String])?.contains("office") == true)
        let workflows = try jsonObject(try daemon.cli(["workflows", "--json"]).stdout)
        #expect((workflows["workflows"] as? [[String: Any]])?.count == 13)
        let audit = try jsonObject(try daemon.cli(["audit", "verify", "--json"]).stdout)
        #expect(audit["ok"] as? Bool == true)
        let status = try jsonObject(try daemon.cli(["status", "--json"]).stdout)
        #expect(status["open"] as? Int == 1)
    }
}
