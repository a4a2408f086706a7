import Testing

@testable import WorkflowModel

/// 会签: an action that needs several distinct signatures before it moves the instance.
struct SignOffTests {
    static func definition(signoff: String) throws -> WorkflowDefinition {
        try Repository.definition(
            yaml: """
                workflow: signoff-test
                version: 1
                title: {zh: 会签测试}
                summary: text
                submit:
                  who: [department]
                fields:
                  text: {type: text, required: true, label: {zh: 名称}}
                initial: review
                states:
                  review:
                    label: {zh: 会签}
                    queue: street
                  done:
                    label: {zh: 完成}
                    final: true
                actions:
                  approve:
                    label: {zh: 会签通过}
                    from: review
                    to: done
                    who: [street]
                    signoff: \(signoff)
                """)
    }

    static let zheng = Principal(uid: 1023, user: "zheng", pid: 23, roles: [.street])

    func submitted(signoff: String) throws -> Driver {
        var driver = Driver(try Self.definition(signoff: signoff))
        try driver.submit(text(["text": "重大事项"]), by: People.health)
        return driver
    }

    @Test func loaderReadsBothForms() throws {
        #expect(try Self.definition(signoff: "{count: 2}").action("approve")?.signOff == .count(2))
        #expect(
            try Self.definition(signoff: "{users: [zhao, qian]}").action("approve")?.signOff
                == .all(users: ["zhao", "qian"]))
    }

    @Test func countNeedsTwoDistinctSigners() throws {
        var driver = try submitted(signoff: "{count: 2}")
        let first = try driver.act("approve", by: People.street, comment: "同意")
        #expect(first.map(\.kind) == [.signed])
        #expect(first.first?.to == "review")
        #expect(driver.state == "review")
        #expect(driver.instance?.signatures["approve"]?.map(\.user) == ["zhao"])
        let twice = try #require(driver.refusal("approve", by: People.street))
        #expect(twice.code == .alreadySigned)
        #expect(twice.string("user") == "zhao")
        let last = try driver.act("approve", by: People.street2)
        #expect(last.map(\.kind) == [.signed, .transitioned])
        #expect(last.map(\.to) == ["review", "done"])
        #expect(driver.state == "done")
        #expect(driver.instance?.signatures == [:])
        #expect(driver.history.map(\.action) == ["submit", "approve", "approve", "approve"])
        driver.expectReplayMatches()
    }

    @Test func usersListNeedsEveryListedUser() throws {
        var driver = try submitted(signoff: "{users: [zhao, qian]}")
        let stranger = try #require(driver.refusal("approve", by: Self.zheng))
        #expect(stranger.code == .permissionDenied)
        #expect(stranger.list("required") == ["zhao", "qian"])
        let noRole = try #require(driver.refusal("approve", by: People.office))
        #expect(noRole.code == .permissionDenied)
        #expect(noRole.list("required") == ["street"])
        #expect(try driver.act("approve", by: People.street2).map(\.kind) == [.signed])
        #expect(driver.refusal("approve", by: People.street2)?.code == .alreadySigned)
        #expect(try driver.act("approve", by: People.street).map(\.kind) == [.signed, .transitioned])
        #expect(driver.state == "done")
        driver.expectReplayMatches()
    }
}
