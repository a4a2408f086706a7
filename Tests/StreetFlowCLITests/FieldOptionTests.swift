import Foundation
import Testing

/// Fields typed as people type them: kebab-case options, choices by their Chinese label, errors in the
/// reader's words.
struct FieldOptionTests {
    @Test func fieldsAreKebabCaseOptionsAndChoicesMayBeTheirLabels() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let recorded = try daemon.cli([
            "submit", "--json", "training-record", "--committee", "蓝天二村", "--person", "张三", "--course", "社区骨干培训",
            "--course-name", "社区治理骨干班", "--trained-on", "2019-11-20",
        ])
        #expect(recorded.status == 0, "\(recorded)")
        #expect(
            recorded.stdout.contains("\"course\" : \"backbone\"") || recorded.stdout.contains("\"course\":\"backbone\"")
        )
        #expect(recorded.stdout.contains("2019-11-20"), "\(recorded)")
        // The field's own key is still accepted (scripts written against 0.1 keep working).
        let camel = try daemon.cli([
            "submit", "training-record", "--committee", "蓝天二村", "--person", "李四", "--course", "backbone",
            "--trainedOn", "2019-11-21",
        ])
        #expect(camel.status == 0, "\(camel)")

        let wrongChoice = try daemon.cli([
            "submit", "training-record", "--committee", "蓝天二村", "--person", "张三", "--course", "做饭",
            "--trained-on", "2019-11-20",
        ])
        #expect(wrongChoice.status == 65, "\(wrongChoice)")
        #expect(wrongChoice.stderr.contains("--course 只能是 all-round（全科社工培训）"), "\(wrongChoice)")

        let typo = try daemon.cli(["submit", "training-record", "--committee", "蓝天二村", "--persn", "张三"])
        #expect(typo.status == 65, "\(typo)")
        #expect(typo.stderr.contains("「社区干部培训记录」没有字段 --persn"), "\(typo)")
        #expect(typo.stderr.contains("缺少必填字段 --person、--course、--trained-on"), "\(typo)")
        #expect(typo.stderr.contains("--course=全科社工培训|社区骨干培训"), "\(typo)")

        let described = try daemon.cli(["describe", "training-record"])
        #expect(described.status == 0, "\(described)")
        for text in ["--trained-on", "--course-name", "日期", "选项", "全科社工培训|社区骨干培训"] {
            #expect(described.stdout.contains(text), "\(text): \(described)")
        }
        #expect(!described.stdout.contains("trainedOn"), "\(described)")
        let english = try daemon.cli(["describe", "training-record"], lang: "en_US.UTF-8")
        #expect(english.stdout.contains("all-round|backbone"), "\(english)")
        #expect(english.stdout.contains("date"), "\(english)")
    }
}
