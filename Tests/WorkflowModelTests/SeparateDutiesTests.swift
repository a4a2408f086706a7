import Testing

@testable import WorkflowModel

/// `submit.separateDuties`: admission requests bar their submitter from reviewing; instances the office or
/// the street create to run their own programme do not.
struct SeparateDutiesTests {
    @Test func admissionRequestsSeparateDuties() throws {
        #expect(try Repository.workflow("plaque-admission").submit.separateDuties)
        #expect(try Repository.workflow("task-admission").submit.separateDuties)
    }

    @Test func streetLeaderWhoCreatedTheProgrammeOpensItsPhases() throws {
        var driver = Driver(try Repository.workflow("street-programme"))
        try driver.submit(["name": .string("提标增能推进计划"), "pilot": .string("蓝天二村")], by: People.street)
        try driver.act("open-full-override", by: People.street, comment: "试点已基本达标，按计划推进")
        #expect(driver.state == "full")
    }

    @Test func officeMemberWhoCreatedTheRolloutInspectsIt() throws {
        var driver = Driver(try Repository.workflow("committee-rollout"))
        try driver.submit(
            ["committee": .string("蓝天二村"), "phase": .string("pilot")], by: People.office)
        let all = try #require(driver.definition.action("submit-self-check")?.fields.first?.values.map(\.key))
        try driver.act("submit-self-check", by: People.office, fields: ["checklist": .list(all)])
        try driver.act("start-inspection", by: People.office)
        #expect(driver.state == "inspecting")
    }

    @Test func theSameRuleStillBarsASubmitterOfAnAdmission() throws {
        var driver = Driver(try Repository.workflow("plaque-admission"))
        try driver.submit(
            [
                "committee": .string("蓝天二村"), "text": .string("社区卫生服务点"), "placement": .string("inside"),
                "reason": .string("便民"),
            ], by: People.healthAndOffice)
        let refusal = driver.refusal("forward", by: People.healthAndOffice)
        #expect(refusal?.parameters["reason"] == .string("separationOfDuties"))
    }

    @Test func separateDutiesMustBeABoolean() throws {
        let yaml = """
            workflow: t
            version: 1
            title: {zh: 测试}
            summary: x
            submit: {who: [office], separateDuties: maybe}
            fields:
              x: {type: text, label: {zh: 字段}}
            initial: a
            states:
              a: {label: {zh: 甲}, final: true}
            """
        let result = Repository.loader.load(yaml: yaml, file: "t.yaml")
        #expect(result.definition == nil)
        #expect(result.diagnostics.map(\.rule) == ["wrong-type"])
    }
}
