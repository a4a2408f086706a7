import Testing

@testable import WorkflowModel

/// Deadlines fire once per entry into a state; stale timers are refused.
struct DeadlineTests {
    func inOfficeReview() throws -> Driver {
        var driver = Driver(try Repository.workflow("plaque-admission"))
        try driver.submit(PlaqueAdmissionTests.subject, by: People.health)
        return driver
    }

    @Test func remindAndEscalateFireOnce() throws {
        var driver = try inOfficeReview()
        let remind = try driver.run(.fireDeadline(index: 0, enteredStateVersion: 1), by: .system)
        #expect(remind.map(\.kind) == [.reminded])
        #expect(remind.first?.target == "office")
        #expect(remind.first?.deadline == 0)
        #expect(driver.instance?.firedDeadlines == [0])
        let again = try #require(driver.refusal(.fireDeadline(index: 0, enteredStateVersion: 1), by: .system))
        #expect(again.code == .timerStale)
        let escalate = try driver.run(.fireDeadline(index: 1, enteredStateVersion: 1), by: .system)
        #expect(escalate.map(\.kind) == [.escalated])
        #expect(escalate.first?.target == "street")
        #expect(driver.instance?.firedDeadlines == [0, 1])
        #expect(driver.refusal(.fireDeadline(index: 1, enteredStateVersion: 1), by: .system)?.code == .timerStale)
        #expect(driver.refusal(.fireDeadline(index: 2, enteredStateVersion: 1), by: .system)?.code == .timerStale)
        #expect(driver.state == "office-review")
        #expect(driver.instance?.enteredStateVersion == 1)
        driver.expectReplayMatches()
    }

    @Test func timerOfAStateLeftIsStale() throws {
        var driver = try inOfficeReview()
        try driver.act("forward", by: People.office)
        let entered = try #require(driver.instance?.enteredStateVersion)
        #expect(entered == 2)
        let old = try #require(driver.refusal(.fireDeadline(index: 0, enteredStateVersion: 1), by: .system))
        #expect(old.code == .timerStale)
        let remind = try driver.run(.fireDeadline(index: 0, enteredStateVersion: entered), by: .system)
        #expect(remind.first?.target == "street")
        driver.expectReplayMatches()
    }

    @Test func reenteringAStateRearmsItsDeadlines() throws {
        var driver = try inOfficeReview()
        try driver.run(.fireDeadline(index: 0, enteredStateVersion: 1), by: .system)
        try driver.act("return", by: People.office, comment: "请修改")
        try driver.act("resubmit", by: People.health)
        let entered = try #require(driver.instance?.enteredStateVersion)
        #expect(entered == 4)
        #expect(driver.instance?.firedDeadlines == [])
        #expect(try driver.run(.fireDeadline(index: 0, enteredStateVersion: entered), by: .system).count == 1)
        driver.expectReplayMatches()
    }
}
