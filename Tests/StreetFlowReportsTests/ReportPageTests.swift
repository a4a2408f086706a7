import Foundation
import StreetFlowProtocol
import StreetFlowReports
import Testing
import ZIPFoundation

struct ReportPageTests {
    static func row(
        _ committee: String, inProgramme: Bool = true, reachedOn: String? = nil, overdue: Bool = false,
        shortfalls: [Workflow.Label] = [], rounds: Int = 0
    ) -> Workflow.ProgrammeReportRow {
        Workflow.ProgrammeReportRow(
            committee: committee, inProgramme: inProgramme, phase: inProgramme ? "full" : nil,
            phaseLabel: inProgramme ? Workflow.Label(zh: "全面实施", en: "Full") : nil,
            phaseEnds: inProgramme ? "2020-10-31" : nil, id: inProgramme ? "CR-1" : nil,
            state: inProgramme ? "implementing" : nil,
            stateLabel: inProgramme ? Workflow.Label(zh: "对标实施", en: "Implementing") : nil,
            daysInState: inProgramme ? 12 : nil, reachedOn: reachedOn, overdue: overdue, missingItems: shortfalls,
            rounds: rounds)
    }

    static let report = Workflow.ProgrammeReportReply(
        asOf: "2020-11-02", workflow: "rollout", workflowTitle: Workflow.Label(zh: "居委会规范达标", en: "Rollout"),
        reachedState: "done", reachedLabel: Workflow.Label(zh: "验收达标", en: "Accepted"),
        phases: [
            Workflow.ReportPhase(key: "pilot", label: Workflow.Label(zh: "前期试点", en: "Pilot"), ends: "2019-12-31"),
            Workflow.ReportPhase(key: "full", label: Workflow.Label(zh: "全面实施", en: "Full"), ends: "2020-10-31"),
        ],
        rows: [
            row("蓝天二村", reachedOn: "2019-12-02", rounds: 1),
            row("<script>alert(1)</script>", overdue: true, shortfalls: [Workflow.Label(zh: "制度上墙", en: "Walls")]),
            row("同济雅筑", inProgramme: false),
        ])

    @Test func theProgrammePageHasARowPerCommitteeAPointPerAcceptanceAndEscapesText() {
        let html = ProgrammePage.html(Self.report, language: .zh)
        #expect(html.components(separatedBy: "<tr class=\"committee").count - 1 == 2)
        #expect(html.components(separatedBy: "class=\"burnup-point\"").count - 1 == 1)
        #expect(html.components(separatedBy: "<rect class=\"phase\"").count - 1 == 2)
        #expect(html.contains("<tr class=\"committee overdue\""))
        #expect(html.contains("data-total=\"reached\"><b>1/2</b>已达标"))
        #expect(html.contains("未列入本次推进计划的居委会（1 个）：同济雅筑"))
        #expect(html.contains("制度上墙"))
        // A committee's name is text, never markup.
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("<script"), "no script of any kind in a report")
        let english = ProgrammePage.html(Self.report, language: .en)
        #expect(english.contains("Committees outside the programme (1)"))
    }

    @Test func csvIsUTF8WithABOMAndNeverAFormula() {
        #expect(Spreadsheet.csvField("=1+1") == "'=1+1")
        #expect(Spreadsheet.csvField("-12") == "-12")
        #expect(Spreadsheet.csvField("a,\"b\"") == "\"a,\"\"b\"\"\"")
        let report = Workflow.AdmissionsReportReply(from: nil, to: nil, lines: [Self.line])
        let csv = AdmissionsPage.csv(report, language: .zh)
        #expect(csv.hasPrefix("\u{FEFF}统计口径,居委会/部门,事项,申请,准入"))
        #expect(csv.contains("\r\n居委会,蓝天二村,标识挂牌准入,5,3,1,"))
    }

    static func overdueItem(_ id: String, summary: String, late: Int) -> Workflow.OverdueReportItem {
        let time = "2020-03-02T01:00:00Z"
        let instance = Workflow.Instance(
            id: id, workflow: "plaque-admission", definitionVersion: 3, version: 1, state: "office-review",
            final: false, subject: [:], fields: [:], title: Workflow.Label(zh: "标识挂牌准入", en: "Plaque admission"),
            stateLabel: Workflow.Label(zh: "自治办审核", en: "Office review"), summary: summary, committee: "蓝天二村",
            department: "health", departmentLabel: "卫生健康办", documentNumber: nil, copiedTo: nil, copiedToLabels: nil,
            submitter: "li", submitterUid: 2001, createdAt: time, updatedAt: time, enteredStateAt: time, assignee: nil,
            queue: "office", escalatedTo: nil, nextDeadline: "2020-03-09T16:00:00Z", deadlineEstimated: false,
            listMatch: nil)
        return Workflow.OverdueReportItem(
            instance: instance, deadline: "2020-03-09", workingDaysLate: late, queue: "office")
    }

    @Test func theOverdueReportIsASpreadsheetTooWithTheDaysLateAsNumbers() throws {
        let report = Workflow.OverdueReportReply(items: [
            Self.overdueItem("PA-20200302-AAAAA", summary: "社区卫生服务点", late: 12),
            Self.overdueItem("PA-20200302-BBBBB", summary: "=HYPERLINK(\"x\")", late: 3),
        ])
        let queue = { (key: String?) in key == "office" ? "社区自治办" : key ?? "" }
        let csv = OverduePage.csv(report, language: .zh, queueLabel: queue)
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 3, "\(csv)")
        #expect(lines[0] == "\u{FEFF}编号,事项,内容,居委会,部门,环节,待谁办理,期限,逾期（工作日）")
        #expect(lines[1] == "PA-20200302-AAAAA,标识挂牌准入,社区卫生服务点,蓝天二村,卫生健康办,自治办审核,社区自治办,2020-03-09,12")
        // A subject that starts like a formula is shown, not run.
        #expect(lines[2].contains(",\"'=HYPERLINK(\"\"x\"\")\","), "\(lines[2])")

        let archive = try Archive(
            data: try OverduePage.xlsx(report, language: .en, queueLabel: queue), accessMode: .read)
        var sheet = Data()
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { sheet.append($0) }
        let xml = String(decoding: sheet, as: UTF8.self)
        #expect(xml.contains("<c r=\"I2\"><v>12</v></c>") && xml.contains("<c r=\"I3\"><v>3</v></c>"), "\(xml)")
        #expect(xml.contains("Working days late"), "\(xml)")
        #expect(XMLParserProbe(data: sheet).wellFormed)
    }

    static let line = Workflow.AdmissionsReportLine(
        by: "committee", key: "蓝天二村", label: "蓝天二村", workflow: "plaque",
        workflowTitle: Workflow.Label(zh: "标识挂牌准入", en: "Plaques"), submittedCount: 5, grantedCount: 3,
        refusedCount: 1, returnedCount: 2, withdrawnCount: 1, revokedCount: 1, openCount: 0, overdueCount: 0,
        medianDays: 4, p90Days: 9, listedCount: 3, negativeCount: 1, unlistedCount: 1, inForceCount: 2)

    @Test func theWorkbookIsOfficeOpenXMLWithNumbersAsNumbers() throws {
        let other = Workflow.AdmissionsReportLine(
            by: "department", key: "health", label: "卫生健康办 & <R&D>", workflow: "plaque",
            workflowTitle: Workflow.Label(zh: "标识挂牌准入", en: "Plaques"), submittedCount: 42, grantedCount: 0,
            refusedCount: 0, returnedCount: 0, withdrawnCount: 0, revokedCount: 0, openCount: 42, overdueCount: 7,
            medianDays: nil, p90Days: nil, listedCount: 0, negativeCount: 0, unlistedCount: 42, inForceCount: 0)
        let data = try AdmissionsPage.xlsx(
            Workflow.AdmissionsReportReply(from: "2020-01-01", to: "2020-12-31", lines: [Self.line, other]),
            language: .zh)
        let archive = try Archive(data: data, accessMode: .read)
        let names = Set(archive.map(\.path))
        #expect(
            names == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
            ])
        func text(_ path: String) throws -> String {
            var out = Data()
            _ = try archive.extract(try #require(archive[path])) { out.append($0) }
            return String(decoding: out, as: UTF8.self)
        }
        let workbook = try text("xl/workbook.xml")
        #expect(workbook.contains("<sheet name=\"按居委会\"") && workbook.contains("<sheet name=\"按部门\""))
        let departments = try text("xl/worksheets/sheet2.xml")
        #expect(departments.contains("<c r=\"C2\"><v>42</v></c>"))
        #expect(departments.contains("卫生健康办 &amp; &lt;R&amp;D&gt;"))
        #expect(departments.contains("<c r=\"A1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">居委会/部门</t>"))
        // Every part is well-formed XML.
        for path in names {
            let parser = XMLParserProbe(data: Data(try text(path).utf8))
            #expect(parser.wellFormed, "\(path)")
        }
    }
}

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Whether a document parses as XML.
struct XMLParserProbe {
    let wellFormed: Bool

    init(data: Data) {
        wellFormed = XMLParser(data: data).parse()
    }
}
