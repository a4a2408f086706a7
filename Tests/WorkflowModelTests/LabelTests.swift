import Testing

@testable import WorkflowModel

/// What people type and read: keys or labels in, labels out, guards explained in the domain's words.
struct LabelTests {
    @Test(arguments: [("门口", "door"), ("居委会门口", "door"), ("inside", "inside"), ("Inside the committee", "inside")])
    func anEnumValueIsNamedByItsKeyOrItsLabel(_ typed: String, _ key: String) throws {
        let placement = try #require(try Repository.workflow("plaque-admission").field("placement"))
        // "门口" is no label; only the whole label or the key resolves.
        #expect(placement.resolveValue(typed) == (typed == "门口" ? nil : key))
    }

    @Test func aSubjectTypedInChineseIsStoredWithItsKeys() throws {
        var driver = Driver(try Repository.workflow("plaque-admission"))
        try driver.submit(
            text(["committee": "蓝天二村", "text": "社区卫生服务点", "placement": "居委会内部", "reason": "便民服务"]),
            by: People.health)
        #expect(driver.instance?.subject["placement"] == .string("inside"))
        driver.expectReplayMatches()
    }

    @Test func aWrongEnumValueListsTheLabels() throws {
        let driver = Driver(try Repository.workflow("plaque-admission"))
        let error = try #require(
            driver.refusal(
                .submit(
                    subject: text(["committee": "蓝天二村", "text": "牌", "placement": "门口", "reason": "r"]),
                    comment: nil), by: People.health))
        #expect(error.code == .invalidSubject)
        #expect(error.string("field") == "placement")
        #expect(error.message.zh == "「拟挂位置」不能是「门口」；可选：居委会门口（door）、居委会内部（inside）、服务区域（service-area）")
    }

    @Test func anActionIsTakenByItsLabel() throws {
        var driver = Driver(try Repository.workflow("plaque-admission"))
        try driver.submit(
            text(["committee": "蓝天二村", "text": "社区卫生服务点", "placement": "inside", "reason": "便民服务"]),
            by: People.health)
        try driver.act("审核通过，报街道审批", by: People.office)
        #expect(driver.state == "street-review")
        #expect(driver.history.last?.action == "forward")
        #expect(driver.definition.resolveState("街道审批") == "street-review")
        #expect(driver.definition.resolveAction("Approve") == "approve")
        #expect(driver.definition.resolveAction("退回修改") == "return")
    }

    @Test func checklistItemsAreNamedByLabelAndRefusalsNameTheMissingOnes() throws {
        var driver = Driver(try Repository.workflow("committee-rollout"))
        try driver.submit(
            text(["committee": "蓝天二村", "phase": "前期试点（2019-10-01至2019-12-31）"]), by: People.office)
        #expect(driver.instance?.subject["phase"] == .string("pilot"))
        let error = try #require(
            driver.refusal(
                "submit-self-check", by: People.committee,
                fields: ["checklist": .list(["门口统一悬挂\"2+2\"四块牌子", "attendance"])]))
        #expect(error.code == .guardFailed)
        #expect(error.message.zh.hasPrefix("不能「提交自查」：检查项尚未全部完成：设立党群、自治、服务、平安四个工作委员会"))
        #expect(!error.message.zh.contains("work-committees"))
    }

    @Test func refusalsNameActionsStatesAndRolesInWords() throws {
        var driver = Driver(try Repository.workflow("plaque-admission"))
        try driver.submit(
            text(["committee": "蓝天二村", "text": "社区卫生服务点", "placement": "inside", "reason": "便民服务"]),
            by: People.health)
        let denied = try #require(driver.refusal("forward", by: People.street))
        #expect(denied.message.zh == "您没有「审核通过，报街道审批」的权限，须由社区自治办办理")
        let wrongState = try #require(driver.refusal("arrange", by: People.office))
        #expect(wrongState.message.zh.hasPrefix("当前环节「自治办审核」不能「统筹安排悬挂位置」；可执行：审核通过，报街道审批、退回修改"))
        let comment = try #require(driver.refusal("return", by: People.office))
        #expect(comment.message.zh == "「退回修改」须填写意见（--comment）")
        let missing = try #require(driver.refusal("forward", by: People.office, fields: ["colour": .string("red")]))
        #expect(missing.message.zh.hasPrefix("没有字段「colour」"))
    }

    @Test func offeredActionsLeaveOutThoseWhoseGuardsFail() throws {
        var driver = Driver(try Repository.workflow("board-admission"))
        try driver.submit(BoardAdmissionTests.subject(location: "room-wall"), by: People.health)
        let instance = try #require(driver.instance)
        let all = driver.definition.availableActions(instance: instance, actor: People.office, context: driver.context)
        let offered = driver.definition.offeredActions(
            instance: instance, actor: People.office, context: driver.context)
        #expect(all.contains("admit"))
        #expect(!offered.contains("admit"))
        #expect(offered.contains("forward"))
        let why = try #require(driver.definition.guardRefusal("admit", instance: instance, context: driver.context))
        #expect(why.zh == "不能「准入」：「拟放位置」是「五室墙面」")
    }

    @Test func aGuardThatReadsTheActionsOwnFieldDoesNotHideIt() throws {
        var driver = Driver(try Repository.workflow("committee-rollout"))
        try driver.submit(text(["committee": "蓝天二村", "phase": "pilot"]), by: People.office)
        let instance = try #require(driver.instance)
        #expect(
            driver.definition.offeredActions(instance: instance, actor: People.committee, context: driver.context)
                == ["submit-self-check"])
    }

    @Test func rolesHaveLabels() {
        #expect(Role.system.label().zh == "系统")
        #expect(Role.office.label().zh == "社区自治办")
        #expect(Role.department("health").label(departmentLabel: { $0 == "health" ? "卫生健康办" : nil }).zh == "卫生健康办")
        #expect(Role.committee("蓝天二村").label().zh == "蓝天二村居委会")
    }

    @Test func valuesReadAsLabels() throws {
        let rollout = try Repository.workflow("committee-rollout")
        #expect(rollout.valueText(.list(["attendance", "party-study"]), field: "checklist").zh == "考勤制度、每月党组织学习")
        #expect(rollout.actionLabel("remind").zh == "到期提醒")
        #expect(rollout.actionLabel("urge").zh == "催办")
        #expect(rollout.stateLabel("accepted").zh == "验收达标")
    }
}
