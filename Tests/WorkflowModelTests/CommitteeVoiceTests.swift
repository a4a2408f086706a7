import Foundation
import Testing

@testable import WorkflowModel

/// 居委会反映未经准入下沉事项: a committee reports work pushed down without admission; the office investigates and
/// requires an application or orders a withdrawal.
struct CommitteeVoiceTests {
    let report: WorkflowDefinition

    init() throws {
        report = try Repository.workflow("unadmitted-report")
    }

    static let subject = text([
        "committee": "蓝天二村", "department": "health", "itemKind": "task", "title": "每日上报疫苗接种数据",
        "arrivedOn": "2020-05-20", "details": "卫健办微信群要求居委会每日录入，未见准入",
    ])

    func reported() throws -> Driver {
        var driver = Driver(report)
        try driver.submit(Self.subject, by: People.committee)
        #expect(driver.state == "investigating")
        #expect(driver.instance?.committee == "蓝天二村")
        return driver
    }

    @Test func aCommitteeReportsAndTheOfficeRequiresAnApplication() throws {
        var driver = try reported()
        #expect(driver.refusal("require-application", by: People.committee, comment: "x")?.code == .permissionDenied)
        let missing = try #require(driver.refusal("require-application", by: People.office))
        #expect(missing.code == .commentRequired)
        try driver.act("require-application", by: People.office, comment: "属实，已通知卫健办按行政事务准入程序申报")
        #expect(driver.state == "application-required")
        try driver.act("confirm-application", by: People.office)
        #expect(driver.state == "applied")
        #expect(driver.instance?.final == true)
        driver.expectReplayMatches()
    }

    @Test func theOfficeOrdersAWithdrawal() throws {
        var driver = try reported()
        try driver.act("order-withdrawal", by: People.office, comment: "未经准入，责令撤回")
        try driver.act("confirm-withdrawal", by: People.office)
        #expect(driver.history.map(\.to) == ["investigating", "withdrawal-ordered", "withdrawn-by-department"])
        driver.expectReplayMatches()
    }

    @Test func onlyAMemberOfTheNamedCommitteeMayReport() throws {
        let other = try #require(
            Driver(report).refusal(.submit(subject: Self.subject, comment: nil), by: People.otherCommittee))
        #expect(other.code == .permissionDenied)
        #expect(
            Driver(report).refusal(.submit(subject: Self.subject, comment: nil), by: People.health)?.code
                == .permissionDenied)
        var byOffice = Driver(report)
        try byOffice.submit(Self.subject, by: People.office)
        #expect(byOffice.state == "investigating")
    }

    @Test func theDepartmentMustBeNamedAndKnown() throws {
        var subject = Self.subject
        subject["department"] = nil
        let missing = try #require(
            Driver(report).refusal(.submit(subject: subject, comment: nil), by: People.committee))
        #expect(missing.string("field") == "department")
        var context = Driver.seededContext
        context.departments = ["civil"]
        let unknown = try #require(
            Driver(report, context: context).refusal(.submit(subject: Self.subject, comment: nil), by: People.committee)
        )
        #expect(unknown.string("reason") == "unknownDepartment")
    }

    @Test func theCommitteeMayRetractWhileUnderInvestigation() throws {
        var driver = try reported()
        #expect(driver.refusal("retract", by: People.otherCommittee)?.code == .permissionDenied)
        try driver.act("retract", by: People.committee)
        #expect(driver.state == "retracted")
    }

    @Test func investigationIsRemindedAndEscalated() throws {
        let driver = try reported()
        let instance = try #require(driver.instance)
        let deadlines = report.state("investigating")?.deadlines ?? []
        #expect(deadlines.map(\.effect) == [.remind, .escalate(.street)])
        #expect(report.pendingDeadlines(of: instance, calendar: Repository.catalog.calendar).count == 2)
    }
}

/// The street's duties (二(四)4): the annual evaluation, training records, and improvement work in phase 3.
struct StreetDutiesTests {
    @Test func annualEvaluationRunsSelfAssessmentScoringAndConfirmation() throws {
        var driver = Driver(try Repository.workflow("annual-evaluation"))
        let subject = text(["committee": "蓝天二村", "year": "2020", "evaluationRules": "《中山街道居民区及社区工作者年度工作考评办法》(2020)"])
        #expect(driver.refusal(.submit(subject: subject, comment: nil), by: People.office)?.code == .permissionDenied)
        try driver.submit(subject, by: People.street)
        #expect(driver.state == "self-assessment")
        #expect(driver.refusal("self-assess", by: People.otherCommittee)?.code == .permissionDenied)
        try driver.act(
            "self-assess", by: People.committee, fields: text(["selfAssessment": "四个委员会运行正常", "selfPoints": "92"]))
        let grade = try #require(
            driver.refusal("rate", by: People.office, fields: text(["points": "90", "grade": "A"])))
        #expect(grade.string("field") == "grade")
        try driver.act("rate", by: People.office, fields: text(["points": "90", "grade": "excellent"]))
        try driver.act("return-score", by: People.street, comment: "请复核台账部分")
        try driver.act("rate", by: People.office, fields: text(["points": "88", "grade": "good"]))
        try driver.act("confirm", by: People.street2)
        #expect(driver.state == "confirmed")
        #expect(driver.instance?.fields["grade"] == .string("good"))
        #expect(driver.instance?.fields["points"] == .string("88"))
        driver.expectReplayMatches()
    }

    @Test func oneOpenEvaluationPerCommittee() throws {
        var context = Driver.seededContext
        context.openCommittees = ["蓝天二村"]
        let subject = text(["committee": "蓝天二村", "year": "2021", "evaluationRules": "考评办法"])
        let error = try #require(
            Driver(try Repository.workflow("annual-evaluation"), context: context).refusal(
                .submit(subject: subject, comment: nil), by: People.street))
        #expect(error.string("guard") == "noOpenRequest(committee)")
    }

    @Test func trainingIsRecordedByTheOfficeOrTheCommittee() throws {
        let training = try Repository.workflow("training-record")
        let subject = text(["committee": "蓝天二村", "person": "张三", "course": "all-round", "trainedOn": "2020-05-12"])
        for actor in [People.office, People.committee] {
            var driver = Driver(training)
            try driver.submit(subject, by: actor)
            #expect(driver.state == "recorded")
            #expect(driver.instance?.final == true)
        }
        #expect(
            Driver(training).refusal(.submit(subject: subject, comment: nil), by: People.otherCommittee)?.code
                == .permissionDenied)
        var wrong = subject
        wrong["course"] = .string("cooking")
        #expect(
            Driver(training).refusal(.submit(subject: wrong, comment: nil), by: People.office)?.code
                == .invalidSubject)
    }

    @Test func improvementWorkNeedsAnAcceptedCommitteeInPhaseThree() throws {
        let work = try Repository.workflow("improvement-work")
        let subject = text(["committee": "蓝天二村", "goals": "总结经验，补齐短板"])
        var context = Driver.seededContext
        context.now = Date(timeIntervalSince1970: 1_604_541_600)  // 2020-11-05 10:00 Shanghai
        let notAccepted = try #require(
            Driver(work, context: context).refusal(.submit(subject: subject, comment: nil), by: People.office))
        #expect(notAccepted.string("guard") == "committeeReached(committee, committee-rollout, accepted)")
        context.committeesInState[StateReference(workflow: "committee-rollout", state: "accepted")] = ["蓝天二村"]
        var june = Driver.seededContext
        june.committeesInState[StateReference(workflow: "committee-rollout", state: "accepted")] = ["蓝天二村"]
        let early = try #require(
            Driver(work, context: june).refusal(.submit(subject: subject, comment: nil), by: People.office))
        #expect(early.string("guard") == "onOrAfter(2020-11-01)")
        var driver = Driver(work, context: context)
        try driver.submit(subject, by: People.office)
        try driver.act("submit-summary", by: People.committee, fields: text(["workSummary": "已完成"]))
        try driver.act("continue", by: People.office, comment: "宣传栏需再精简")
        try driver.act("submit-summary", by: People.committee, fields: text(["workSummary": "宣传栏已精简"]))
        try driver.act("complete", by: People.office)
        #expect(driver.state == "completed")
        driver.expectReplayMatches()
    }
}
