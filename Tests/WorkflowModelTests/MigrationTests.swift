import Testing

@testable import WorkflowModel

/// Moving a running instance to a newer version of its definition.
struct MigrationTests {
    static func definition(
        version: Int, reviewState: String = "review", extra: String = ""
    ) throws
        -> WorkflowDefinition
    {
        try Repository.definition(
            yaml: """
                workflow: migrate-test
                version: \(version)
                title: {zh: 迁移测试}
                summary: text
                submit:
                  who: [department]
                fields:
                  text: {type: text, required: true, label: {zh: 名称}}
                initial: \(reviewState)
                states:
                  \(reviewState):
                    label: {zh: 审核}
                    queue: office
                  done:
                    label: {zh: 完成}
                    final: true
                actions:
                  finish:
                    label: {zh: 办结}
                    from: \(reviewState)
                    to: done
                    who: [office]
                \(extra)
                """)
    }

    static let archive = """
          archive:
            label: {zh: 归档}
            from: review
            to: done
            who: [office]
        """

    func submitted() throws -> Driver {
        var driver = Driver(try Self.definition(version: 1))
        try driver.submit(text(["text": "迁移"]), by: People.health)
        return driver
    }

    @Test func adminMigratesToAVersionThatHasTheState() throws {
        var driver = try submitted()
        let v2 = try Self.definition(version: 2, extra: Self.archive)
        #expect(driver.refusal("archive", by: People.office)?.code == .actionNotAllowed)
        let events = try driver.run(.migrate(to: v2), by: People.admin)
        #expect(events.map(\.kind) == [.migrated])
        #expect(events.first?.definitionVersion == 2)
        #expect(events.first?.fields["fromVersion"] == .int(1))
        #expect(driver.instance?.definitionVersion == 2)
        #expect(driver.state == "review")
        try driver.act("archive", by: People.office)
        #expect(driver.history.map(\.action) == ["submit", "migrate", "archive"])
        #expect(driver.history.map(\.definitionVersion) == [1, 2, 2])
        driver.expectReplayMatches()
    }

    @Test func targetWithoutTheStateIsRefused() throws {
        let driver = try submitted()
        let v2 = try Self.definition(version: 2, reviewState: "intake")
        let error = try #require(driver.refusal(.migrate(to: v2), by: People.admin))
        #expect(error.code == .migrationNotPossible)
        #expect(error.string("state") == "review")
        #expect(error.parameters["version"] == .int(2))
    }

    @Test func targetMustBeNewer() throws {
        let driver = try submitted()
        let same = try Self.definition(version: 1, extra: Self.archive)
        #expect(driver.refusal(.migrate(to: same), by: People.admin)?.code == .migrationNotPossible)
    }

    @Test func onlyAnAdminMigrates() throws {
        let driver = try submitted()
        let v2 = try Self.definition(version: 2)
        let error = try #require(driver.refusal(.migrate(to: v2), by: People.office))
        #expect(error.code == .permissionDenied)
        #expect(error.list("required") == ["admin"])
    }

    @Test func replayNeedsEveryVersion() throws {
        var driver = try submitted()
        try driver.run(.migrate(to: try Self.definition(version: 2)), by: People.admin)
        let v1 = try Self.definition(version: 1)
        let partial = WorkflowInstance.replay(id: "test-1", events: driver.history) { $0 == 1 ? v1 : nil }
        #expect(partial == nil)
        driver.expectReplayMatches()
    }
}
