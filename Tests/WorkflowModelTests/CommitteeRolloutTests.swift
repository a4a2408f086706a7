import Testing

@testable import WorkflowModel

/// 居委会规范达标: self-check against the checklist, inspection, rectification loop, acceptance.
struct CommitteeRolloutTests {
    let rollout: WorkflowDefinition
    let items: [String]

    init() throws {
        rollout = try Repository.workflow("committee-rollout")
        items = try #require(rollout.action("submit-self-check")?.fields.first).values.map(\.key)
    }

    static let subject = text(["committee": "蓝天二村", "phase": "pilot"])

    func started() throws -> Driver {
        var driver = Driver(rollout)
        try driver.submit(Self.subject, by: People.admin)
        #expect(driver.state == "implementing")
        #expect(driver.instance?.committee == "蓝天二村")
        return driver
    }

    @Test func checklistHasThirteenItemsAndShortfallsShareThem() throws {
        #expect(items.count == 13)
        #expect(items.first == "door-plaques")
        let shortfalls = try #require(rollout.action("rectify")?.fields.first)
        #expect(shortfalls.key == "shortfalls")
        #expect(shortfalls.type == .checklist)
        #expect(shortfalls.values.map(\.key) == items)
        #expect(shortfalls.label.zh == "不达标项")
    }

    @Test func incompleteSelfCheckIsRefused() throws {
        let driver = try started()
        let ticked = Array(items.dropLast())
        let error = try #require(
            driver.refusal("submit-self-check", by: People.committee, fields: ["checklist": .list(ticked)]))
        #expect(error.code == .guardFailed)
        #expect(error.string("guard") == "checklistComplete(checklist)")
        let missing = try #require(driver.definition.action("submit-self-check")?.fields[0].valueLabel(items.last!).zh)
        #expect(error.string("reason")?.contains(missing) == true)
        let unknown = try #require(
            driver.refusal("submit-self-check", by: People.committee, fields: ["checklist": .list(["no-such-item"])]))
        #expect(unknown.code == .invalidField)
        #expect(unknown.string("field") == "checklist")
        #expect(unknown.string("reason") == "notAllowed")
        let none = try #require(driver.refusal("submit-self-check", by: People.committee))
        #expect(none.code == .invalidField)
        #expect(none.string("reason") == "missing")
    }

    @Test func anotherCommitteeCannotSelfCheck() throws {
        let driver = try started()
        let error = try #require(
            driver.refusal("submit-self-check", by: People.otherCommittee, fields: ["checklist": .list(items)]))
        #expect(error.code == .permissionDenied)
        #expect(error.list("required") == ["committee", "office"])
    }

    @Test func rectificationLoopEndsAccepted() throws {
        var driver = try started()
        try driver.act("submit-self-check", by: People.committee, fields: ["checklist": .list(items)])
        try driver.act("start-inspection", by: People.office)
        let missing = try #require(
            driver.refusal("rectify", by: People.office, fields: ["shortfalls": .list(["walls-cleared"])]))
        #expect(missing.code == .commentRequired)
        try driver.act(
            "rectify", by: People.office, comment: "墙面制度未清理",
            fields: ["shortfalls": .list(["walls-cleared", "reception-log"])])
        #expect(driver.state == "rectifying")
        #expect(driver.instance?.fields["shortfalls"] == .list(["walls-cleared", "reception-log"]))
        try driver.act("resume", by: People.committee)
        // A comma-separated single value is read as the list of its items.
        try driver.act(
            "submit-self-check", by: People.committee, fields: ["checklist": .string(items.joined(separator: ","))])
        try driver.act("start-inspection", by: People.office2)
        try driver.act("accept", by: People.office2)
        #expect(
            driver.history.map(\.action) == [
                "submit", "submit-self-check", "start-inspection", "rectify", "resume", "submit-self-check",
                "start-inspection", "accept",
            ])
        #expect(
            driver.history.map(\.to) == [
                "implementing", "self-checked", "inspecting", "rectifying", "implementing", "self-checked",
                "inspecting", "accepted",
            ])
        #expect(driver.instance?.final == true)
        #expect(driver.instance?.fields["checklist"] == .list(items))
        driver.expectReplayMatches()
    }

    @Test func committeeCannotInspectItself() throws {
        var driver = try started()
        try driver.act("submit-self-check", by: People.committee, fields: ["checklist": .list(items)])
        let error = try #require(driver.refusal("start-inspection", by: People.committee))
        #expect(error.code == .permissionDenied)
        #expect(error.list("required") == ["office"])
        driver.expectReplayMatches()
    }

    @Test(arguments: [("pilot", "2019-12-31"), ("full", "2020-10-31"), ("improvement", "2020-12-31")])
    func theDeadlineIsThePhasesEnd(_ phase: String, _ end: String) throws {
        var driver = Driver(rollout)
        try driver.submit(text(["committee": "蓝天二村", "phase": phase]), by: People.office)
        let instance = try #require(driver.instance)
        let due = rollout.pendingDeadlines(of: instance, calendar: Repository.catalog.calendar).map(\.due)
        #expect(due == [LocalDate(end)!.adding(days: 1).startOfDay()])
    }

    @Test func aTypedDueDateIsNoLongerAccepted() throws {
        var subject = Self.subject
        subject["due"] = .string("2030-12-31")
        let error = try #require(Driver(rollout).refusal(.submit(subject: subject, comment: nil), by: People.admin))
        #expect(error.code == .invalidSubject)
        #expect(error.string("field") == "due")
        #expect(error.string("reason") == "unknown")
    }

    @Test func onlyProgrammeCommitteesAndOneOpenRolloutEach() throws {
        let outside = try #require(Repository.catalog.committees.first { !$0.programme })
        let error = try #require(
            Driver(rollout).refusal(
                .submit(subject: text(["committee": outside.name, "phase": "full"]), comment: nil), by: People.office))
        #expect(error.code == .guardFailed)
        #expect(error.string("guard") == "inProgramme(committee)")
        var context = Driver.seededContext
        context.openCommittees = ["蓝天二村"]
        let twice = try #require(
            Driver(rollout, context: context).refusal(.submit(subject: Self.subject, comment: nil), by: People.office))
        #expect(twice.string("guard") == "noOpenRequest(committee)")
        context.openCommittees = ["莱顿"]
        var driver = Driver(rollout, context: context)
        try driver.submit(Self.subject, by: People.office)
        #expect(driver.state == "implementing")
    }
}
