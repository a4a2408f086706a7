import Foundation
import Testing

/// Debian's chromium, which CI installs (with fonts-noto-cjk).
let chromiumPath = "/usr/bin/chromium"

/// The reports drawn from the replayed 2019–2020 programme and opened in a real browser (Debian's chromium,
/// headless): the DOM has the rows, totals, bars and points the history implies, in Chinese; the 审批单 prints on
/// one A4 page; the admissions report's numbers equal the store's own counts. Screenshots and PDFs are kept under
/// `.build/reports/` for a person to look at.
@Suite(
    .enabled(if: FileManager.default.isExecutableFile(atPath: chromiumPath), "needs chromium (apt install chromium)"))
struct ReportsInBrowserTests {
    static let chromium = chromiumPath
    static let kept = Paths.packageRoot.appendingPathComponent(".build/reports")

    /// Runs chromium headless on `file` with `arguments`; its stdout.
    static func browser(_ arguments: [String], _ file: URL) throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("sf-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try runProcess(
            chromium,
            ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(home.path)"]
                + arguments + [file.absoluteString],
            directory: FileManager.default.temporaryDirectory,
            environment: ["HOME": home.path, "PATH": "/usr/bin:/bin"])
        #expect(run.status == 0, "\(run)")
        return run.stdout
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// Pages in a PDF (its page objects).
    static func pages(_ pdf: URL) throws -> Int {
        let text = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        return text.components(separatedBy: "/Type /Page").count - text.components(separatedBy: "/Type /Pages").count
    }

    @Test(.timeLimit(.minutes(5)))
    func theReportsOfTheReplayedProgrammeLookRightInABrowser() async throws {
        try await offThePool { try Self.drawAndCheck() }
    }

    static func drawAndCheck() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sf-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let script = Paths.packageRoot.appendingPathComponent("Deploy/dev/replay-programme.sh").path
        let then = Paths.packageRoot.appendingPathComponent("Tests/Fixtures/reports/after-replay.sh").path
        let replay = try runProcess(
            "/bin/bash", [script], directory: FileManager.default.temporaryDirectory,
            environment: [
                "PATH": "/usr/bin:/bin", "STREETFLOW_BIN": Paths.binaries.path, "LANG": "C.UTF-8",
                "REPORT_DIR": out.path, "STREETFLOW_REPLAY_THEN": "bash \(then)",
            ])
        #expect(replay.status == 0, "\(replay)")
        try FileManager.default.createDirectory(at: Self.kept, withIntermediateDirectories: true)

        // The programme on 2020-10-31: 21 committees of the programme, the pilot accepted in 2019, three accepted
        // in all (three points on the burn-up), the three committees outside listed apart, all in Chinese.
        let programme = out.appendingPathComponent("programme.html")
        let dom = try Self.browser(["--dump-dom"], programme)
        #expect(Self.count("<tr class=\"committee", in: dom) == 21, "\(dom)")
        #expect(Self.count("class=\"burnup-point\"", in: dom) == 3)
        #expect(Self.count("<rect class=\"phase\"", in: dom) == 3)
        #expect(dom.contains("data-total=\"reached\"><b>3/21</b>已达标"))
        #expect(dom.contains("<td>蓝天二村</td><td>前期试点（2019-10-01至2019-12-31）</td><td>验收达标</td>"))
        #expect(dom.contains("<td>2019-12-02</td>"))
        #expect(dom.contains("未列入本次推进计划的居委会（3 个）"))
        #expect(!dom.contains("committee-rollout") && !dom.contains("implementing"), "no key on the page")
        // The same history at the end of 2019: the pilot only.
        let earlier = try Self.browser(["--dump-dom"], out.appendingPathComponent("programme-2019.html"))
        #expect(earlier.contains("data-total=\"reached\"><b>1/21</b>已达标"))
        #expect(Self.count("class=\"burnup-point\"", in: earlier) == 1)
        #expect(!earlier.contains("<td>2020-05-11</td>"), "nothing accepted after the day appears")
        _ = try Self.browser(
            ["--window-size=1600,1560", "--screenshot=\(Self.kept.appendingPathComponent("programme.png").path)"],
            programme)

        // Admissions: the committees' numbers are the store's own counts; one granted, one refused, one withdrawn.
        let admissions = try Self.browser(["--dump-dom"], out.appendingPathComponent("admissions.html"))
        let counts = try String(contentsOf: out.appendingPathComponent("counts.txt"), encoding: .utf8)
        for line in counts.split(separator: "\n") {
            let parts = line.split(separator: "|")
            try #require(parts.count == 2)
            let row = try #require(
                admissions.components(separatedBy: "<tr class=\"line\" data-key=\"\(parts[0])\"").dropFirst().first,
                "\(parts[0]) has a row")
            #expect(row.contains("<td class=\"n\">\(parts[1])</td>"), "\(parts[0]): \(row.prefix(300))")
        }
        #expect(
            admissions.contains(
                "<td>莱顿</td><td>标识挂牌准入</td><td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">1</td>"))
        #expect(Self.count("<rect class=\"bar\"", in: admissions) == 4, "three committees and one department")
        let csv = try Data(contentsOf: out.appendingPathComponent("admissions.csv"))
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF] + Array("统计口径,居委会/部门".utf8)), "UTF-8 with a BOM")
        let xlsx = try Data(contentsOf: out.appendingPathComponent("admissions.xlsx"))
        #expect(xlsx.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a ZIP")
        _ = try Self.browser(
            ["--window-size=1600,900", "--screenshot=\(Self.kept.appendingPathComponent("admissions.png").path)"],
            out.appendingPathComponent("admissions.html"))

        // Overdue: the plaque left in office review since 2019 and the late committee.
        let overdue = try Self.browser(["--dump-dom"], out.appendingPathComponent("overdue.html"))
        #expect(Self.count("<tr class=\"overdue\"", in: overdue) == 2, "\(overdue)")
        #expect(overdue.contains("社区卫生服务点") && overdue.contains("蓝天一村"))
        _ = try Self.browser(
            ["--window-size=1600,700", "--screenshot=\(Self.kept.appendingPathComponent("overdue.png").path)"],
            out.appendingPathComponent("overdue.html"))

        // The 审批单 of the admitted plaque: every step with its officer and opinion, the 文号, one A4 page.
        let form = out.appendingPathComponent("form.html")
        let formDOM = try Self.browser(["--dump-dom"], form)
        #expect(Self.count("<tr class=\"step\"", in: formDOM) == 3)
        #expect(formDOM.contains("中山准〔2020〕1号"))
        #expect(formDOM.contains("<td>审批通过</td>") && formDOM.contains("<td class=\"opinion\">同意</td>"))
        #expect(formDOM.contains("审计链：最后一个事件为全链第"))
        let pdf = Self.kept.appendingPathComponent("form.pdf")
        _ = try Self.browser(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)"], form)
        #expect(try Self.pages(pdf) == 1)
        _ = try Self.browser(
            ["--window-size=1240,1100", "--screenshot=\(Self.kept.appendingPathComponent("form.png").path)"], form)
        // Every report prints (A4 landscape); the small ones on one page.
        for (name, most) in [("programme", 3), ("admissions", 1), ("overdue", 1)] {
            let pdf = Self.kept.appendingPathComponent("\(name).pdf")
            _ = try Self.browser(
                ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)"], out.appendingPathComponent("\(name).html"))
            let pages = try Self.pages(pdf)
            #expect((1...most).contains(pages), "\(name): \(pages) pages")
        }
        // The archive: one form per admitted request.
        let admitted = try String(contentsOf: out.appendingPathComponent("admitted.txt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let archive = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("archive").path)
        #expect(archive == ["\(admitted).html"])
    }
}
