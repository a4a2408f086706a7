import Testing

@testable import WorkflowModel

/// 宣传版面准入: every board is filed with the office; a board for the five rooms' walls also needs the street.
struct BoardAdmissionTests {
    let board: WorkflowDefinition

    init() throws {
        board = try Repository.workflow("board-admission")
    }

    static func subject(location: String, kind: String = "rules") -> [String: FieldValue] {
        text([
            "committee": "蓝天二村", "title": "垃圾分类宣传", "boardKind": kind, "location": location, "period": "2020年6月",
            "reason": "配合垃圾分类工作",
        ])
    }

    func filed(location: String, kind: String = "rules") throws -> Driver {
        var driver = Driver(board)
        try driver.submit(Self.subject(location: location, kind: kind), by: People.health)
        #expect(driver.state == "filed")
        return driver
    }

    @Test(arguments: ["publicity-column", "service-area"])
    func ordinaryBoardIsAdmittedByTheOffice(_ location: String) throws {
        var driver = try filed(location: location)
        let forward = try #require(driver.refusal("forward", by: People.office))
        #expect(forward.code == .guardFailed)
        #expect(forward.string("guard") == "field(location) == room-wall")
        try driver.act("admit", by: People.office)
        #expect(driver.history.map(\.action) == ["submit", "admit"])
        #expect(driver.history.map(\.to) == ["filed", "admitted"])
        #expect(driver.instance?.final == true)
        driver.expectReplayMatches()
    }

    @Test func roomWallBoardNeedsTheStreet() throws {
        var driver = try filed(location: "room-wall")
        let error = try #require(driver.refusal("admit", by: People.office))
        #expect(error.code == .guardFailed)
        #expect(error.string("guard") == "field(location) != room-wall")
        #expect(error.string("reason")?.contains("五室墙面") == true)
        // The rule text stays a parameter; the sentence is in the domain's words.
        #expect(error.message.zh == "不能「准入」：「拟放位置」是「五室墙面」")
        try driver.act("forward", by: People.office)
        let officeApproves = try #require(driver.refusal("approve", by: People.office))
        #expect(officeApproves.code == .permissionDenied)
        #expect(officeApproves.list("required") == ["street"])
        try driver.act("approve", by: People.street)
        #expect(driver.history.map(\.action) == ["submit", "forward", "approve"])
        #expect(driver.history.map(\.to) == ["filed", "street-review", "admitted"])
        driver.expectReplayMatches()
    }

    @Test func returnedByTheOfficeThenResubmittedOffTheWall() throws {
        var driver = try filed(location: "room-wall")
        try driver.act("return", by: People.office, comment: "五室墙面原则上不上墙，请改放服务区域")
        #expect(driver.state == "returned")
        try driver.act("resubmit", by: People.health, fields: text(["location": "service-area"]))
        #expect(driver.state == "filed")
        try driver.act("admit", by: People.office)
        #expect(driver.history.map(\.action) == ["submit", "return", "resubmit", "admit"])
        #expect(driver.history.map(\.to) == ["filed", "returned", "filed", "admitted"])
        #expect(driver.instance?.subject["location"] == .string("service-area"))
        driver.expectReplayMatches()
    }

    @Test func returnedByTheStreetGoesBackToFiled() throws {
        var driver = try filed(location: "room-wall")
        try driver.act("forward", by: People.office)
        let missing = try #require(driver.refusal("return", by: People.street))
        #expect(missing.code == .commentRequired)
        try driver.act("return", by: People.street, comment: "请说明上墙必要性")
        try driver.act("resubmit", by: People.health, fields: text(["reason": "法定公示内容，须上墙"]))
        #expect(driver.history.map(\.to) == ["filed", "street-review", "returned", "filed"])
        #expect(driver.instance?.subject["location"] == .string("room-wall"))
        driver.expectReplayMatches()
    }

    @Test func streetRejectsWithAComment() throws {
        var driver = try filed(location: "room-wall")
        try driver.act("forward", by: People.office)
        let missing = try #require(driver.refusal("reject", by: People.street))
        #expect(missing.code == .commentRequired)
        try driver.act("reject", by: People.street, comment: "不符合清理上墙要求")
        #expect(driver.history.map(\.action) == ["submit", "forward", "reject"])
        #expect(driver.state == "rejected")
        driver.expectReplayMatches()
    }

    @Test func applicantWithdrawsAndOthersCannot() throws {
        var driver = try filed(location: "publicity-column")
        let other = try #require(driver.refusal("withdraw", by: People.civil))
        #expect(other.code == .permissionDenied)
        #expect(other.list("required") == ["applicant"])
        try driver.act("withdraw", by: People.health)
        #expect(driver.history.map(\.to) == ["filed", "withdrawn"])
        driver.expectReplayMatches()
    }

    @Test func locationMustBeOneOfTheValues() throws {
        let error = try #require(
            Driver(board).refusal(.submit(subject: Self.subject(location: "ceiling"), comment: nil), by: People.health))
        #expect(error.code == .invalidSubject)
        #expect(error.string("field") == "location")
        #expect(error.string("reason") == "notAllowed")
    }

    @Test(arguments: ["publicity-column", "room-wall"])
    func theOfficeRefusesWithAReason(_ location: String) throws {
        var driver = try filed(location: location)
        let missing = try #require(driver.refusal("refuse", by: People.office))
        #expect(missing.code == .commentRequired)
        let byStreet = try #require(driver.refusal("refuse", by: People.street, comment: "x"))
        #expect(byStreet.code == .permissionDenied)
        try driver.act("refuse", by: People.office, comment: "内容与居委会职能无关，不予准入")
        #expect(driver.state == "rejected")
        #expect(driver.instance?.final == true)
        driver.expectReplayMatches()
    }

    @Test(arguments: ["publicity", "public-notice", "other"])
    func theWallRuleConcernsOnlyRules(_ kind: String) throws {
        var driver = try filed(location: "room-wall", kind: kind)
        let forward = try #require(driver.refusal("forward", by: People.office))
        #expect(forward.code == .guardFailed)
        #expect(forward.string("guard") == "field(boardKind) == rules")
        try driver.act("admit-wall", by: People.office)
        #expect(driver.history.map(\.to) == ["filed", "admitted"])
        driver.expectReplayMatches()
    }

    @Test func rulesOnARoomWallNeedTheStreet() throws {
        var driver = try filed(location: "room-wall", kind: "rules")
        let wall = try #require(driver.refusal("admit-wall", by: People.office))
        #expect(wall.string("guard") == "field(boardKind) != rules")
        try driver.act("forward", by: People.office)
        #expect(driver.state == "street-review")
    }

    @Test func kindIsRequired() throws {
        var subject = Self.subject(location: "service-area")
        subject["boardKind"] = nil
        let error = try #require(Driver(board).refusal(.submit(subject: subject, comment: nil), by: People.health))
        #expect(error.string("field") == "boardKind")
        #expect(error.string("reason") == "missing")
    }
}
