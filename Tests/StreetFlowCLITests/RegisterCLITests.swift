import Foundation
import Testing

/// The register (台账), the lists and the status screen, as the office uses them from the CLI.
struct RegisterCLITests {
    @Test func theOfficeEntersWhatHungBeforeAndSeesTheDoorCheck() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let plaques = [
            "中共松江区中山街道蓝天二村居民区(总)支部委员会", "松江区中山街道蓝天二村社区居民委员会", "中山街道蓝天二村党建服务站",
            "中山街道蓝天二村综治工作站",
        ]
        // Before anything is entered: said in words, with how to enter it, not an empty table.
        let empty = try daemon.cli(["register", "show", "蓝天二村"])
        #expect(empty.stdout.contains("（暂无登记；已挂的标牌或版面由自治办补录：streetflow register add --committee 蓝天二村 …）"), "\(empty)")
        #expect(!empty.stdout.contains("编号"), "\(empty)")
        for text in plaques {
            let added = try daemon.cli([
                "register", "add", "--committee", "蓝天二村", "--item", "plaque", "--text", text, "--place", "door",
                "--location", "正门", "--comment", "2019年10月盘点",
            ])
            #expect(added.status == 0, "\(added)")
            #expect(added.stdout.contains("已登记 RE-"), "\(added)")
        }
        let shown = try daemon.cli(["register", "show", "蓝天二村"])
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.contains("蓝天二村居委会台账"), "\(shown)")
        #expect(shown.stdout.contains("门口：不符合\"2+2\""), "\(shown)")
        #expect(shown.stdout.contains("缺：中山街道蓝天二村社区服务站"), "\(shown)")
        #expect(shown.stdout.contains("多：中山街道蓝天二村综治工作站"), "\(shown)")
        #expect(shown.stdout.contains("在挂"), "\(shown)")
        // Kinds and places by their labels, not their keys.
        #expect(shown.stdout.contains("标牌"), "\(shown)")
        #expect(shown.stdout.contains("居委会门口"), "\(shown)")
        #expect(!shown.stdout.contains("plaque") && !shown.stdout.contains(" door "), "\(shown)")

        let all = try daemon.cli(["register", "show"])
        #expect(all.stdout.contains("不符合"), "\(all)")
        let english = try daemon.cli(["register", "show", "蓝天二村"], lang: "en_US.UTF-8")
        #expect(english.stdout.contains("Door: not as the 2+2 rule requires"), "\(english)")

        let bad = try daemon.cli([
            "register", "add", "--committee", "蓝天二村", "--item", "plaque", "--text", "x", "--place", "roof",
        ])
        #expect(bad.status == 65, "\(bad)")
    }

    @Test func aRolloutShowsTheCommitteesTrainingAndEvaluationsAsEvidence() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let records = [
            ("蓝天二村", "张三", "all-round", "2019-11-02"), ("蓝天二村", "李四", "backbone", "2019-11-20"),
            ("蓝天一村", "王五", "reserve-cadre", "2019-11-21"),
        ]
        for (committee, person, course, day) in records {
            let recorded = try daemon.cli([
                "submit", "training-record", "--committee", committee, "--person", person, "--course", course,
                "--trainedOn", day,
            ])
            #expect(recorded.status == 0, "\(recorded)")
        }
        let rollout = try daemon.cli([
            "submit", "--json", "committee-rollout", "--committee", "蓝天二村", "--phase", "pilot",
        ])
        #expect(rollout.status == 0, "\(rollout)")
        let id = try #require(rollout.stdout.firstMatch(of: /"id" *: *"(CR-[0-9A-Z-]+)"/)?.1)

        let shown = try daemon.cli(["show", String(id)])
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.contains("佐证材料（蓝天二村）"), "\(shown)")
        #expect(shown.stdout.contains("社区干部培训记录：2 条"), "\(shown)")
        #expect(shown.stdout.contains("全科社工培训"), "\(shown)")
        #expect(shown.stdout.contains("2019-11-20"), "\(shown)")
        #expect(!shown.stdout.contains("王五"), "another committee's record is not evidence: \(shown)")
        #expect(shown.stdout.contains("居民区年度工作考评：0 条"), "\(shown)")
        #expect(shown.stdout.contains("（无记录）"), "\(shown)")
        // Newest first: 李四 (recorded second) comes before 张三.
        let li = try #require(shown.stdout.range(of: "李四"))
        let zhang = try #require(shown.stdout.range(of: "张三"))
        #expect(li.lowerBound < zhang.lowerBound)

        let english = try daemon.cli(["show", String(id)], lang: "en_US.UTF-8")
        #expect(english.stdout.contains("Evidence (蓝天二村)"), "\(english)")
        #expect(english.stdout.contains("Training record: 2"), "\(english)")
    }

    @Test func listsAndStatusSaySampleListsDecideNothing() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let status = try daemon.cli(["status"])
        #expect(status.stdout.contains("示例清单在用"), "\(status)")
        // Named by their titles on a Chinese screen; the keys are for `lists show` and English screens.
        #expect(status.stdout.contains("松江区居(村)委会行政事务、法院事务、人民团体事务参考清单"), "\(status)")
        #expect(!status.stdout.contains("admin-affairs"), "\(status)")
        #expect(try daemon.cli(["status"], lang: "en_US.UTF-8").stdout.contains("admin-affairs"))

        let shown = try daemon.cli(["lists", "show", "negative-certificates"])
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.contains("状态：已公布"), "\(shown)")
        #expect(shown.stdout.contains("NEG-17"), "\(shown)")
        let sample = try daemon.cli(["lists", "show", "admin-affairs"])
        #expect(sample.stdout.contains("示例清单（不作决定）"), "\(sample)")

        let seeds = Paths.packageRoot.appendingPathComponent("seeds/lists/admin-affairs.yaml")
        var text = try String(contentsOf: seeds, encoding: .utf8)
        text = text.replacingOccurrences(of: "version: 1\n", with: "version: 2\n")
            .replacingOccurrences(of: "status: sample\n", with: "status: published\npublishedOn: 2019-09-20\n")
            .replacingOccurrences(
                of: "  - code: ADM-13\n",
                with: "  - code: ADM-14\n    title: 协助开展燃气安全宣传\n    category: 行政事务\n  - code: ADM-13\n")
        let proposed = daemon.directory.appendingPathComponent("admin-affairs.yaml")
        try text.write(to: proposed, atomically: true, encoding: .utf8)
        let diff = try daemon.cli(["lists", "diff", "admin-affairs", proposed.path])
        #expect(diff.status == 0, "\(diff)")
        #expect(diff.stdout.contains("+ ADM-14 协助开展燃气安全宣传"), "\(diff)")
        #expect(diff.stdout.contains("status: sample → published"), "\(diff)")
        #expect(diff.stdout.contains("新增 1 项，删除 0 项，修改 0 项"), "\(diff)")
    }
}
