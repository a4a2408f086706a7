import Testing

@testable import WorkflowModel

/// 提标增能推进计划: pilot → full → improvement → closed; the full phase waits for the pilot's acceptance.
struct StreetProgrammeTests {
    let programme: WorkflowDefinition

    init() throws {
        programme = try Repository.workflow("street-programme")
    }

    static let subject = text(["name": "中山街道居委会规范达标提标增能", "pilot": "蓝天二村"])

    /// The rollout state the full phase waits for.
    static let accepted = StateReference(workflow: "committee-rollout", state: "accepted")

    func started() throws -> Driver {
        var driver = Driver(programme)
        try driver.submit(Self.subject, by: People.admin)
        #expect(driver.state == "pilot")
        return driver
    }

    @Test func fullPhaseWaitsForThePilotsAcceptance() throws {
        var driver = try started()
        let error = try #require(driver.refusal("open-full", by: People.street))
        #expect(error.code == .guardFailed)
        #expect(error.string("guard") == "committeeReached(pilot, committee-rollout, accepted)")
        #expect(error.string("reason")?.contains("蓝天二村") == true)
        driver.context.committeesInState = [Self.accepted: ["莱顿"]]
        #expect(driver.refusal("open-full", by: People.street)?.code == .guardFailed)
        driver.context.committeesInState = [Self.accepted: ["蓝天二村"]]
        try driver.act("open-full", by: People.street)
        #expect(driver.state == "full")
        driver.expectReplayMatches()
    }

    @Test func streetMayOverrideWithAReason() throws {
        var driver = try started()
        let missing = try #require(driver.refusal("open-full-override", by: People.street))
        #expect(missing.code == .commentRequired)
        try driver.act("open-full-override", by: People.street, comment: "试点进展顺利，提前全面铺开")
        #expect(driver.history.map(\.action) == ["submit", "open-full-override"])
        #expect(driver.state == "full")
        driver.expectReplayMatches()
    }

    @Test func phasesRunToClosed() throws {
        var driver = try started()
        driver.context.committeesInState = [Self.accepted: ["蓝天二村"]]
        try driver.act("open-full", by: People.street)
        try driver.act("open-improvement", by: People.street2)
        let missing = try #require(driver.refusal("close", by: People.street))
        #expect(missing.code == .commentRequired)
        let early = try #require(driver.refusal("close", by: People.street, comment: "总结完成"))
        #expect(early.code == .guardFailed)
        #expect(early.string("guard") == "programmeReached(committee-rollout, accepted)")
        #expect(early.string("reason")?.contains("莱顿") == true)
        driver.context.committeesInState[StateReference(workflow: "committee-rollout", state: "accepted")] = Set(
            Repository.catalog.committees.filter(\.programme).map(\.name))
        try driver.act("close", by: People.street, comment: "21个居委会全部达标")
        #expect(driver.history.map(\.action) == ["submit", "open-full", "open-improvement", "close"])
        #expect(driver.history.map(\.to) == ["pilot", "full", "improvement", "closed"])
        #expect(driver.instance?.final == true)
        driver.expectReplayMatches()
    }

    @Test func onlyTheStreetMovesThePhases() throws {
        let driver = try started()
        let error = try #require(driver.refusal("open-full-override", by: People.office, comment: "x"))
        #expect(error.code == .permissionDenied)
        #expect(error.list("required") == ["street"])
    }

    @Test func pilotMustBeAKnownCommittee() throws {
        var subject = Self.subject
        subject["pilot"] = .string("蓝天九村")
        let error = try #require(Driver(programme).refusal(.submit(subject: subject, comment: nil), by: People.admin))
        #expect(error.code == .invalidSubject)
        #expect(error.string("field") == "pilot")
        #expect(error.string("reason") == "unknownCommittee")
    }

    @Test func closingWithCommitteesNotAcceptedIsTheStreetsOverride() throws {
        var driver = try started()
        try driver.act("open-full-override", by: People.street, comment: "提前铺开")
        try driver.act("open-improvement", by: People.street)
        let missing = try #require(driver.refusal("close-override", by: People.street))
        #expect(missing.code == .commentRequired)
        #expect(driver.refusal("close-override", by: People.office, comment: "x")?.code == .permissionDenied)
        try driver.act("close-override", by: People.street, comment: "3个居委会因拆迁暂缓，另行安排")
        #expect(driver.state == "closed")
        #expect(driver.history.last?.comment == "3个居委会因拆迁暂缓，另行安排")
        driver.expectReplayMatches()
    }
}
