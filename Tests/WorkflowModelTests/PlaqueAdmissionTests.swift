import Foundation
import Testing

@testable import WorkflowModel

/// 标识挂牌准入: department applies, office reviews, street approves, office arranges.
struct PlaqueAdmissionTests {
    let plaque: WorkflowDefinition

    init() throws {
        plaque = try Repository.workflow("plaque-admission")
    }

    static let subject = text([
        "committee": "蓝天二村", "text": "中山街道蓝天二村健康宣传点", "placement": "inside",
        "reason": "开展健康宣传",
    ])

    func submitted(by actor: Principal = People.health, subject: [String: FieldValue] = subject) throws -> Driver {
        var driver = Driver(plaque)
        try driver.submit(subject, by: actor)
        return driver
    }

    @Test func happyPathEndsArranged() throws {
        var driver = try submitted()
        #expect(driver.state == "office-review")
        #expect(driver.instance?.applicantDepartment == "health")
        #expect(driver.instance?.committee == "蓝天二村")
        try driver.act("forward", by: People.office)
        try driver.act("approve", by: People.street)
        let events = try driver.act(
            "arrange", by: People.office, fields: text(["location": "二楼健康服务室门侧", "place": "inside"]))
        #expect(events.map(\.kind) == [.transitioned])
        #expect(driver.history.map(\.action) == ["submit", "forward", "approve", "arrange"])
        #expect(driver.history.map(\.to) == ["office-review", "street-review", "approved", "arranged"])
        #expect(driver.history.map(\.sequence) == [1, 2, 3, 4])
        #expect(driver.state == "arranged")
        #expect(driver.instance?.final == true)
        #expect(driver.instance?.fields["location"] == .string("二楼健康服务室门侧"))
        #expect(driver.instance?.subject == Self.subject)
        driver.expectReplayMatches()
    }

    @Test func arrangeNeedsALocation() throws {
        var driver = try submitted()
        try driver.act("forward", by: People.office)
        try driver.act("approve", by: People.street)
        let error = try #require(driver.refusal("arrange", by: People.office))
        #expect(error.code == .invalidField)
        #expect(error.string("field") == "location")
        #expect(error.string("reason") == "missing")
        driver.expectReplayMatches()
    }

    @Test func arrangeChecksThePlaceAgainstTheApprovedPlacement() throws {
        var driver = try submitted()
        try driver.act("forward", by: People.office)
        try driver.act("approve", by: People.street)
        for place in ["door", "service-area"] {
            let error = try #require(
                driver.refusal("arrange", by: People.office, fields: text(["location": "正门", "place": place])))
            #expect(error.code == .guardFailed)
        }
        let door = try #require(
            driver.refusal("arrange", by: People.office, fields: text(["location": "正门", "place": "door"])))
        #expect(
            door.string("guard") == "placementAllowed(placement, door)"
                || door.string("guard") == "field(place) == field(placement)")
        try driver.act("arrange", by: People.office, fields: text(["location": "二楼", "place": "inside"]))
        #expect(driver.instance?.fields["place"] == .string("inside"))
        driver.expectReplayMatches()
    }

    @Test func returnedAtOfficeReviewAndResubmittedWithAnAmendedSubject() throws {
        var driver = try submitted()
        let missing = try #require(driver.refusal("return", by: People.office))
        #expect(missing.code == .commentRequired)
        #expect(missing.string("action") == "return")
        try driver.act("return", by: People.office, comment: "请补充挂牌理由")
        #expect(driver.state == "returned")
        #expect(
            driver.definition.availableActions(
                instance: driver.instance!, actor: People.health, context: driver.context)
                == ["resubmit", "withdraw"])
        // Any officer of the applying department may resubmit.
        try driver.act("resubmit", by: People.health2, fields: text(["reason": "开展健康宣传，居民需要"]))
        #expect(driver.state == "office-review")
        #expect(driver.instance?.subject["reason"] == .string("开展健康宣传，居民需要"))
        #expect(driver.instance?.subject["text"] == Self.subject["text"])
        #expect(driver.history.map(\.action) == ["submit", "return", "resubmit"])
        #expect(driver.history.map(\.to) == ["office-review", "returned", "office-review"])
        #expect(driver.history[1].comment == "请补充挂牌理由")
        driver.expectReplayMatches()
    }

    @Test func returnedAtStreetReviewGoesBackToTheOffice() throws {
        var driver = try submitted()
        try driver.act("forward", by: People.office)
        // At street review only the street may return.
        let denied = try #require(driver.refusal("return", by: People.office, comment: "x"))
        #expect(denied.code == .permissionDenied)
        #expect(denied.list("required") == ["street"])
        try driver.act("return", by: People.street, comment: "位置不妥")
        try driver.act("resubmit", by: People.health, fields: text(["placement": "service-area"]))
        #expect(driver.history.map(\.action) == ["submit", "forward", "return", "resubmit"])
        #expect(driver.history.map(\.to) == ["office-review", "street-review", "returned", "office-review"])
        #expect(driver.instance?.subject["placement"] == .string("service-area"))
        try driver.act("forward", by: People.office)
        try driver.act("approve", by: People.street)
        #expect(driver.state == "approved")
        driver.expectReplayMatches()
    }

    @Test func resubmissionIsValidatedLikeASubmission() throws {
        var driver = try submitted()
        try driver.act("return", by: People.office, comment: "请修改")
        let error = try #require(driver.refusal("resubmit", by: People.health, fields: text(["placement": "roof"])))
        #expect(error.code == .invalidSubject)
        #expect(error.string("field") == "placement")
        #expect(error.string("reason") == "notAllowed")
        driver.expectReplayMatches()
    }

    @Test func rejectNeedsACommentAndEndsRejected() throws {
        var driver = try submitted()
        try driver.act("forward", by: People.office)
        let missing = try #require(driver.refusal("reject", by: People.street, comment: "   "))
        #expect(missing.code == .commentRequired)
        #expect(missing.string("action") == "reject")
        try driver.act("reject", by: People.street, comment: "与现有标识重复")
        #expect(driver.history.map(\.action) == ["submit", "forward", "reject"])
        #expect(driver.state == "rejected")
        #expect(driver.instance?.final == true)
        let final = try #require(driver.refusal(.claim, by: People.office))
        #expect(final.code == .instanceFinal)
        #expect(final.string("state") == "rejected")
        let after = try #require(driver.refusal("withdraw", by: People.health))
        #expect(after.code == .actionNotAllowed)
        #expect(after.list("allowed") == [])
        driver.expectReplayMatches()
    }

    @Test(arguments: [[], ["forward"], ["return"], ["forward", "return"]])
    func withdrawBeforeTheDecision(_ steps: [String]) throws {
        var driver = try submitted()
        for step in steps {
            let actor = driver.state == "street-review" ? People.street : People.office
            try driver.act(step, by: actor, comment: step == "return" ? "请修改" : nil)
        }
        let from = driver.state
        try driver.act("withdraw", by: People.health2)
        #expect(driver.history.map(\.action) == ["submit"] + steps + ["withdraw"])
        #expect(driver.history.last?.from == from)
        #expect(driver.state == "withdrawn")
        #expect(driver.instance?.final == true)
        driver.expectReplayMatches()
    }

    @Test func noWithdrawalAfterApproval() throws {
        var driver = try submitted()
        try driver.act("forward", by: People.office)
        try driver.act("approve", by: People.street)
        let byApplicant = try #require(driver.refusal("withdraw", by: People.health))
        #expect(byApplicant.code == .actionNotAllowed)
        #expect(byApplicant.string("state") == "approved")
        #expect(byApplicant.list("allowed") == [])
        let byOffice = try #require(driver.refusal("withdraw", by: People.office))
        #expect(byOffice.code == .actionNotAllowed)
        #expect(byOffice.list("allowed") == ["arrange"])
        #expect(byOffice.message.zh.contains("统筹安排悬挂位置"))
        #expect(!byOffice.message.zh.contains("arrange"))
        let unknown = try #require(driver.refusal("demolish", by: People.office))
        #expect(unknown.code == .actionNotAllowed)
        #expect(unknown.string("action") == "demolish")
        driver.expectReplayMatches()
    }

    @Test func anotherDepartmentCannotWithdraw() throws {
        let driver = try submitted()
        let error = try #require(driver.refusal("withdraw", by: People.civil))
        #expect(error.code == .permissionDenied)
        #expect(error.list("required") == ["applicant"])
        driver.expectReplayMatches()
    }

    @Test func officeCannotApprove() throws {
        var driver = try submitted()
        try driver.act("forward", by: People.office)
        let error = try #require(driver.refusal("approve", by: People.office))
        #expect(error.code == .permissionDenied)
        #expect(error.list("required") == ["street"])
        #expect(error.string("action") == "approve")
        let department = try #require(driver.refusal("approve", by: People.health))
        #expect(department.code == .permissionDenied)
        driver.expectReplayMatches()
    }

    @Test func onlyDepartmentsSubmit() throws {
        let driver = Driver(plaque)
        let error = try #require(driver.refusal(.submit(subject: Self.subject, comment: nil), by: People.office))
        #expect(error.code == .permissionDenied)
        #expect(error.list("required") == ["department"])
    }

    @Test func submitterWithTheOfficeRoleCannotForwardTheirOwnRequest() throws {
        var driver = try submitted(by: People.healthAndOffice)
        let error = try #require(driver.refusal("forward", by: People.healthAndOffice))
        #expect(error.code == .permissionDenied)
        #expect(error.string("reason") == "separationOfDuties")
        #expect(error.list("required") == ["office"])
        let available = driver.definition.availableActions(
            instance: driver.instance!, actor: People.healthAndOffice, context: driver.context)
        #expect(available == ["withdraw"])
        // The applicant relation still lets them withdraw; dev mode lifts the separation.
        driver.context.separationOfDuties = false
        try driver.act("forward", by: People.healthAndOffice)
        #expect(driver.state == "street-review")
        driver.expectReplayMatches()
    }

    // MARK: - Door placement (二(一) "2+2")

    @Test func doorPlacementOfAnOrdinaryPlaqueIsRefusedAtSubmit() throws {
        var subject = Self.subject
        subject["placement"] = .string("door")
        let error = try #require(Driver(plaque).refusal(.submit(subject: subject, comment: nil), by: People.health))
        #expect(error.code == .guardFailed)
        #expect(error.string("guard") == "placementAllowed(placement, door)")
        #expect(error.string("reason")?.contains("2+2") == true)
    }

    @Test(arguments: [
        "中山街道蓝天二村社区服务站",
        "松江区中山街道蓝天二村社区居民委员会",
        "中共松江区中山街道蓝天二村居民区(总)支部委员会",
        "中共松江区中山街道蓝天二村居民区总支部委员会",
        "中山街道 蓝天二村 党建服务站",
    ])
    func aTwoPlusTwoPlaqueMayHangAtTheDoor(_ plaqueText: String) throws {
        var subject = Self.subject
        subject["placement"] = .string("door")
        subject["text"] = .string(plaqueText)
        var driver = try submitted(subject: subject)
        try driver.act("forward", by: People.office)
        try driver.act("approve", by: People.street)
        try driver.act("arrange", by: People.office, fields: text(["location": "正门左侧", "place": "door"]))
        #expect(driver.state == "arranged")
        driver.expectReplayMatches()
    }

    @Test func anotherCommitteesPlaqueDoesNotHangAtThisDoor() throws {
        var subject = Self.subject
        subject["placement"] = .string("door")
        subject["text"] = .string("中山街道莱顿社区服务站")
        let error = try #require(Driver(plaque).refusal(.submit(subject: subject, comment: nil), by: People.health))
        #expect(error.code == .guardFailed)
        #expect(error.string("guard") == "placementAllowed(placement, door)")
    }

    // MARK: - Subject validation

    static let invalidSubjects: [(change: [String: String], field: String, reason: String)] = [
        (["colour": "red"], "colour", "unknown"),
        (["text": ""], "text", "missing"),
        (["text": "   "], "text", "missing"),
        (["placement": "roof"], "placement", "notAllowed"),
        (["text": String(repeating: "牌", count: 101)], "text", "tooLong"),
        (["committee": "蓝天三村"], "committee", "unknownCommittee"),
    ]

    @Test(arguments: invalidSubjects)
    func invalidSubjectNamesTheField(change: [String: String], field: String, reason: String) throws {
        let subject = Self.subject.merging(text(change)) { $1 }
        let error = try #require(Driver(plaque).refusal(.submit(subject: subject, comment: nil), by: People.health))
        #expect(error.code == .invalidSubject)
        #expect(error.string("field") == field)
        #expect(error.string("reason") == reason)
    }

    @Test func missingRequiredFieldIsNamed() throws {
        var subject = Self.subject
        subject["reason"] = nil
        let error = try #require(Driver(plaque).refusal(.submit(subject: subject, comment: nil), by: People.health))
        #expect(error.code == .invalidSubject)
        #expect(error.string("field") == "reason")
        #expect(error.string("reason") == "missing")
    }

    @Test func subjectTextIsTrimmed() throws {
        var subject = Self.subject
        subject["text"] = .string("  中山街道蓝天二村健康宣传点 \n")
        let driver = try submitted(subject: subject)
        #expect(driver.instance?.subject["text"] == Self.subject["text"])
    }

    @Test func overlongCommentIsRefused() throws {
        let driver = try submitted()
        let comment = String(repeating: "意", count: maximumCommentLength + 1)
        let error = try #require(driver.refusal("forward", by: People.office, comment: comment))
        #expect(error.code == .invalidField)
        #expect(error.string("field") == "comment")
        #expect(error.string("reason") == "tooLong")
    }
}
