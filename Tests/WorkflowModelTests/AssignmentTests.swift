import Testing

@testable import WorkflowModel

/// 转交: claiming and assigning a request within the queue of its state.
struct AssignmentTests {
    static let zhaoAsOffice = Principal(uid: 1003, user: "zhao", pid: 3, roles: [.street])

    func inOfficeReview() throws -> Driver {
        var driver = Driver(try Repository.workflow("plaque-admission"))
        try driver.submit(PlaqueAdmissionTests.subject, by: People.health)
        return driver
    }

    @Test func claimBlocksOtherOfficeMembers() throws {
        var driver = try inOfficeReview()
        let events = try driver.run(.claim, by: People.office)
        #expect(events.map(\.kind) == [.assigned])
        #expect(events.first?.target == "li")
        #expect(driver.state == "office-review")
        #expect(driver.instance?.assignee == "li")
        let other = try #require(driver.refusal("forward", by: People.office2))
        #expect(other.code == .permissionDenied)
        #expect(other.string("reason") == "assigned")
        #expect(other.string("assignee") == "li")
        #expect(
            driver.definition.availableActions(
                instance: driver.instance!, actor: People.office2, context: driver.context)
                == [])
        // The applicant is not blocked by an assignment.
        #expect(throws: Never.self) {
            try driver.outcome(.act(action: "withdraw", comment: nil, fields: [:]), by: People.health).get()
        }
        try driver.act("forward", by: People.office)
        #expect(driver.instance?.assignee == nil)
        driver.expectReplayMatches()
    }

    @Test func assignHandsOverToAnotherQueueMember() throws {
        var driver = try inOfficeReview()
        try driver.run(.assign(user: "zhang", roles: [.office]), by: People.office)
        #expect(driver.instance?.assignee == "zhang")
        #expect(driver.refusal("forward", by: People.office)?.string("reason") == "assigned")
        try driver.act("forward", by: People.office2)
        #expect(driver.history.map(\.action) == ["submit", "assign", "forward"])
        driver.expectReplayMatches()
    }

    @Test func assigneeMustHoldTheQueueRole() throws {
        let driver = try inOfficeReview()
        let error = try #require(driver.refusal(.assign(user: "zhao", roles: [.street]), by: People.office))
        #expect(error.code == .permissionDenied)
        #expect(error.list("required") == ["office"])
        #expect(error.string("user") == "zhao")
    }

    @Test func onlyTheQueueClaims() throws {
        let driver = try inOfficeReview()
        let error = try #require(driver.refusal(.claim, by: People.street))
        #expect(error.code == .permissionDenied)
        #expect(error.list("required") == ["office"])
    }

    @Test func commentsDoNotMoveTheInstance() throws {
        var driver = try inOfficeReview()
        let events = try driver.run(.comment("已电话联系申请部门"), by: People.office)
        #expect(events.map(\.kind) == [.commented])
        #expect(driver.state == "office-review")
        #expect(driver.instance?.enteredStateVersion == 1)
        #expect(driver.refusal(.comment("  "), by: People.office)?.code == .commentRequired)
        driver.expectReplayMatches()
    }
}
