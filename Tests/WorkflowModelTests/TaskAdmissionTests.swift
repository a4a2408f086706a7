import Foundation
import Testing

@testable import WorkflowModel

/// 行政事务准入: checked against the reference lists first; unlisted tasks go through office and street.
struct TaskAdmissionTests {
    let task: WorkflowDefinition

    init() throws {
        task = try Repository.workflow("task-admission")
    }

    static func subject(_ title: String) -> [String: FieldValue] {
        text(["text": title, "reason": "需居委会入户协助", "validUntil": "2020-12-31"])
    }

    func submitted(_ title: String, context: TransitionContext = Driver.seededContext) throws -> Driver {
        var driver = Driver(task, context: context)
        try driver.submit(Self.subject(title), by: People.health)
        return driver
    }

    /// The shipped district lists are samples; these tests publish the administrative-affairs list.
    static let published = ListMatchingTests.context(publishing: ["admin-affairs"])

    @Test func listedTaskIsAdmittedAtOnceWithTheListEntry() throws {
        let driver = try submitted("人口普查入户登记", context: Self.published)
        #expect(driver.history.map(\.action) == ["submit", "admit-listed"])
        #expect(driver.history.map(\.to) == ["list-check", "admitted"])
        let admit = try #require(driver.history.last)
        #expect(admit.actor == .system)
        let match = try #require(admit.listMatch)
        #expect(match.list == "admin-affairs")
        #expect(match.listVersion == Repository.catalog.lists.list("admin-affairs")?.version)
        #expect(match.kind == .reference)
        #expect(match.entry.code == "ADM-01")
        #expect(match.wording == "人口普查入户登记" && match.exact == true && match.score == 1)
        #expect(admit.comment?.contains("ADM-01") == true)
        #expect(driver.instance?.listMatch == match)
        #expect(driver.instance?.final == false)
        driver.expectReplayMatches()
    }

    @Test func negativeListTaskIsRefusedWithTheAlternativeRoute() throws {
        let driver = try submitted("出具亲属关系证明")
        #expect(driver.history.map(\.action) == ["submit", "refuse-negative"])
        #expect(driver.state == "refused")
        #expect(driver.instance?.final == true)
        let refusal = try #require(driver.history.last)
        let match = try #require(refusal.listMatch)
        #expect(match.list == "negative-certificates")
        #expect(match.kind == .negative)
        #expect(match.entry.code == "NEG-01")
        let alternative = try #require(match.entry.alternative)
        #expect(alternative.contains("公安派出所"))
        #expect(refusal.comment?.contains(alternative) == true)
        driver.expectReplayMatches()
    }

    @Test func negativeListAppliesOnlyFromItsDate() throws {
        // The national list took effect on 2020-04-27; before that the text is simply unlisted.
        var context = Driver.seededContext
        context.now = Date(timeIntervalSince1970: 1_572_573_600)  // 2019-11-01 10:00 Shanghai
        let driver = try submitted("出具亲属关系证明", context: context)
        #expect(driver.history.map(\.action) == ["submit", "route-review"])
        #expect(driver.state == "office-review")
        driver.expectReplayMatches()
    }

    @Test func unlistedTaskGoesThroughOfficeAndStreet() throws {
        var driver = try submitted("协助开展小区绿化认养登记")
        #expect(driver.history.map(\.action) == ["submit", "route-review"])
        #expect(driver.history.last?.listMatch == nil)
        #expect(driver.instance?.listMatch == nil)
        let early = try #require(driver.refusal("approve", by: People.street))
        #expect(early.code == .actionNotAllowed)
        #expect(early.list("allowed") == [])
        try driver.act("forward", by: People.office)
        try driver.act("approve", by: People.street)
        #expect(driver.history.map(\.action) == ["submit", "route-review", "forward", "approve"])
        #expect(driver.history.map(\.to) == ["list-check", "office-review", "street-review", "admitted"])
        driver.expectReplayMatches()
    }

    @Test func admittedTaskExpiresByItsDeadline() throws {
        var driver = try submitted("协助开展人口普查", context: Self.published)
        let entered = try #require(driver.instance?.enteredStateVersion)
        let events = try driver.run(.fireDeadline(index: 0, enteredStateVersion: entered), by: .system)
        #expect(events.map(\.action) == ["expire"])
        #expect(events.first?.deadline == 0)
        #expect(driver.state == "expired")
        #expect(driver.instance?.final == true)
        let again = try #require(driver.refusal(.fireDeadline(index: 0, enteredStateVersion: entered), by: .system))
        #expect(again.code == .timerStale)
        driver.expectReplayMatches()
    }

    @Test func nobodyExpiresByHand() throws {
        let driver = try submitted("协助开展人口普查", context: Self.published)
        let error = try #require(driver.refusal("expire", by: People.office))
        #expect(error.code == .permissionDenied)
        #expect(error.list("required") == ["system"])
        let automatic = try #require(driver.refusal("admit-listed", by: .system))
        #expect(automatic.code == .actionNotAllowed)
    }

    @Test(arguments: [("office-review", false), ("street-review", true)])
    func rejectNeedsAComment(state: String, forward: Bool) throws {
        var driver = try submitted("协助开展小区绿化认养登记")
        if forward { try driver.act("forward", by: People.office) }
        let decider = forward ? People.street : People.office
        let missing = try #require(driver.refusal("reject", by: decider))
        #expect(missing.code == .commentRequired)
        try driver.act("reject", by: decider, comment: "非居委会职责，不予准入")
        #expect(driver.history.last?.from == state)
        #expect(driver.state == "rejected")
        driver.expectReplayMatches()
    }

    @Test func returnedAndResubmittedGoesBackToTheOffice() throws {
        var driver = try submitted("协助开展小区绿化认养登记")
        try driver.act("return", by: People.office, comment: "请说明工作量")
        try driver.act("resubmit", by: People.health, fields: text(["description": "每季度一次，约两小时"]))
        #expect(driver.history.map(\.action) == ["submit", "route-review", "return", "resubmit"])
        #expect(driver.state == "office-review")
        #expect(driver.instance?.subject["description"] == .string("每季度一次，约两小时"))
        driver.expectReplayMatches()
    }

    @Test func validUntilMustBeADate() throws {
        var subject = Self.subject("协助开展人口普查")
        subject["validUntil"] = .string("2020-02-30")
        let error = try #require(Driver(task).refusal(.submit(subject: subject, comment: nil), by: People.health))
        #expect(error.code == .invalidSubject)
        #expect(error.string("field") == "validUntil")
        #expect(error.string("reason") == "date")
    }
}
