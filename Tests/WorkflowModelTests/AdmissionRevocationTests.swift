import Testing

@testable import WorkflowModel

/// 准入撤销: the office proposes, the street revokes or keeps; a department gives up its own admission at once.
struct AdmissionRevocationTests {
    let revocation: WorkflowDefinition

    init() throws {
        revocation = try Repository.workflow("admission-revocation")
    }

    static let subject = text([
        "admission": "plaque-admission-42", "committee": "蓝天二村", "reason": "residents-object",
        "details": "居民普遍反对在服务大厅门口悬挂该标牌",
    ])

    func proposed() throws -> Driver {
        var driver = Driver(revocation)
        try driver.submit(Self.subject, by: People.office)
        #expect(driver.state == "street-review")
        return driver
    }

    @Test(arguments: [("revoke", "revoked"), ("keep", "kept")])
    func streetDecidesWithAComment(action: String, state: String) throws {
        var driver = try proposed()
        let missing = try #require(driver.refusal(action, by: People.street))
        #expect(missing.code == .commentRequired)
        #expect(missing.string("action") == action)
        let office = try #require(driver.refusal(action, by: People.office2, comment: "x"))
        #expect(office.code == .permissionDenied)
        #expect(office.list("required") == ["street"])
        try driver.act(action, by: People.street, comment: "经研究决定")
        #expect(driver.history.map(\.action) == ["submit", "route", action])
        #expect(driver.history.map(\.to) == ["filed", "street-review", state])
        #expect(driver.instance?.final == true)
        driver.expectReplayMatches()
    }

    @Test func theProposerWithdraws() throws {
        var driver = try proposed()
        // The office member who proposed is the applicant; another office member is not.
        let other = try #require(driver.refusal("withdraw", by: People.office2))
        #expect(other.code == .permissionDenied)
        #expect(other.list("required") == ["applicant"])
        try driver.act("withdraw", by: People.office)
        #expect(driver.history.map(\.to) == ["filed", "street-review", "withdrawn"])
        driver.expectReplayMatches()
    }

    @Test func aDepartmentGivingUpItsAdmissionTakesEffectAtOnce() throws {
        var subject = Self.subject
        subject["reason"] = .string("given-up")
        var given = Driver(revocation)
        try given.submit(subject, by: People.health)
        #expect(given.history.map(\.action) == ["submit", "give-up"])
        #expect(given.state == "revoked")
        given.expectReplayMatches()
        // Another reason from a department, or 主动退出 named by the office, is for the street to decide.
        var proposal = Driver(revocation)
        try proposal.submit(Self.subject, by: People.health)
        #expect(proposal.state == "street-review")
        var office = Driver(revocation)
        try office.submit(subject, by: People.office)
        #expect(office.state == "street-review")
    }

    @Test func committeesCannotPropose() throws {
        let error = try #require(
            Driver(revocation).refusal(.submit(subject: Self.subject, comment: nil), by: People.committee))
        #expect(error.code == .permissionDenied)
        #expect(error.list("required") == ["office", "department"])
    }

    @Test func reasonMustBeOneOfTheValues() throws {
        var subject = Self.subject
        subject["reason"] = .string("dislike")
        let error = try #require(Driver(revocation).refusal(.submit(subject: subject, comment: nil), by: People.office))
        #expect(error.code == .invalidSubject)
        #expect(error.string("field") == "reason")
        #expect(error.string("reason") == "notAllowed")
    }
}
