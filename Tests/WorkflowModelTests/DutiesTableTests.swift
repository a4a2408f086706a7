import Foundation
import Testing

@testable import WorkflowModel

/// Separation of duties on every path: every action of every shipped workflow, claim and hand-over, for a
/// submitter who holds every other role as well.
struct DutiesTableTests {
    static let keys = [
        "plaque-admission", "board-admission", "task-admission", "admission-revocation", "committee-rollout",
        "street-programme",
    ]
    static let otherRoles: [Role] = [
        .office, .street, .admin, .department("health"), .department("civil"), .committee("蓝天二村"),
    ]

    /// A request of `definition` in `state`, submitted by `submitter` for the health department and 蓝天二村.
    static func instance(_ definition: WorkflowDefinition, in state: String, submitter: Principal) -> WorkflowInstance {
        WorkflowInstance(
            id: "T-1", workflow: definition.key, definitionVersion: definition.version, version: 3, state: state,
            final: definition.state(state)?.final ?? false, subject: [:], fields: [:], committee: "蓝天二村",
            applicantDepartment: "health", submitterUID: submitter.uid, submitterUser: submitter.user,
            createdAt: Driver.now, updatedAt: Driver.now, enteredStateAt: Driver.now, enteredStateVersion: 3,
            assignee: nil, signatures: [:], firedDeadlines: [], listMatch: nil)
    }

    /// The roles that let someone submit `definition` (a department officer for `department`).
    static func submitterRoles(_ definition: WorkflowDefinition) -> Set<Role> {
        Set(definition.submit.who.map { $0 == .anyDepartment ? .department("health") : $0 })
    }

    static func isDutiesDenial(_ result: Result<[WorkflowEvent], WorkflowError>) -> Bool {
        if case .failure(let error) = result, error.code == .permissionDenied,
            error.parameters["reason"] == .string("separationOfDuties")
        {
            return true
        }
        return false
    }

    @Test(arguments: keys)
    func noStepOfTheSubmitterGoesThroughAnotherRole(key: String) throws {
        let definition = try Repository.workflow(key)
        var checked = 0
        for extra in Self.otherRoles {
            let submitter = Principal(
                uid: 1001, user: "wang", pid: 1, roles: Self.submitterRoles(definition).union([extra]))
            for state in definition.states where !state.final {
                let instance = Self.instance(definition, in: state.key, submitter: submitter)
                let context = Driver.seededContext
                for action in definition.actions(from: state.key) where !action.automatic {
                    let roles = action.roles(in: state.key)
                    let viaRelation = roles.contains {
                        $0.isRelation && definition.holds($0, actor: submitter, instance: instance)
                    }
                    let viaOther = roles.contains {
                        !$0.isRelation && definition.holds($0, actor: submitter, instance: instance)
                    }
                    let result = definition.transition(
                        instance: instance, command: .act(action: action.key, comment: "意见", fields: [:]),
                        actor: submitter, context: context)
                    let denied = Self.isDutiesDenial(result)
                    let expected = definition.submit.separateDuties && viaOther && !viaRelation
                    #expect(
                        denied == expected,
                        "\(key) \(state.key) \(action.key) by the submitter holding \(extra): \(result)")
                    // With separation relaxed (--dev) the same step is never refused for it.
                    var relaxed = context
                    relaxed.separationOfDuties = false
                    let dev = definition.transition(
                        instance: instance, command: .act(action: action.key, comment: "意见", fields: [:]),
                        actor: submitter, context: relaxed)
                    #expect(!Self.isDutiesDenial(dev))
                    checked += 1
                }
                guard let queue = state.queue else { continue }
                // Claim (领办): through the queue's role the submitter may not take their own request.
                let claim = definition.transition(
                    instance: instance, command: .claim, actor: submitter, context: context)
                let holdsQueue = definition.holds(queue, actor: submitter, instance: instance)
                if definition.submit.separateDuties, holdsQueue || extra == .admin, !queue.isRelation {
                    #expect(Self.isDutiesDenial(claim), "\(key) \(state.key): the submitter claimed: \(claim)")
                } else {
                    #expect(!Self.isDutiesDenial(claim))
                }
                // Hand-over (转交) to the submitter by someone else who holds the queue.
                let colleague = Principal(uid: 2002, user: "li", pid: 2, roles: [queue.isRelation ? .admin : queue])
                let assign = definition.transition(
                    instance: instance, command: .assign(user: submitter.user, roles: submitter.roles),
                    actor: colleague, context: context)
                if definition.submit.separateDuties, !queue.isRelation,
                    definition.holds(
                        queue, actor: submitter, instance: instance)
                {
                    #expect(Self.isDutiesDenial(assign), "\(key) \(state.key): handed to the submitter: \(assign)")
                } else {
                    #expect(!Self.isDutiesDenial(assign))
                }
            }
        }
        #expect(checked > 0)
    }

    /// The reported hole: a submitter who is also in the office claimed their own request, and every other
    /// office member was then refused.
    @Test func anOfficeMemberWhoSubmittedCannotClaimOrAssignIt() throws {
        var driver = Driver(try Repository.workflow("plaque-admission"))
        try driver.submit(TextRuleTests.plaque, by: People.healthAndOffice)
        let claim = try #require(driver.refusal(.claim, by: People.healthAndOffice))
        #expect(claim.string("reason") == "separationOfDuties")
        let assign = try #require(
            driver.refusal(.assign(user: People.office.user, roles: People.office.roles), by: People.healthAndOffice))
        #expect(assign.string("reason") == "separationOfDuties")
        let toSubmitter = try #require(
            driver.refusal(
                .assign(user: People.healthAndOffice.user, roles: People.healthAndOffice.roles), by: People.office))
        #expect(toSubmitter.string("reason") == "separationOfDuties")
        try driver.run(.claim, by: People.office)
        try driver.act("forward", by: People.office)
        #expect(driver.state == "street-review")
    }
}
