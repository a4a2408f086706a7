import Testing

@testable import WorkflowModel

/// `request` fields: checked against the references the engine looked up, skipped when it looked none up.
struct RequestReferenceTests {
    static let subject: [String: FieldValue] = [
        "admission": .string("PA-1"), "reason": .string("residents-object"), "details": .string("居民普遍反对"),
    ]

    func reason(_ references: [String: RequestReference]?) throws -> String? {
        var context = Driver.seededContext
        context.references = references
        var driver = Driver(try Repository.workflow("admission-revocation"), context: context)
        do {
            try driver.submit(Self.subject, by: People.office)
            return nil
        } catch {
            #expect(error.code == .invalidSubject)
            #expect(error.parameters["field"] == .string("admission"))
            return error.parameters["reason"]?.stringValue
        }
    }

    @Test func referencesAreCheckedOnlyWhenLookedUp() throws {
        #expect(try reason(nil) == nil)
        #expect(try reason([:]) == "unknownRequest")
        #expect(
            try reason(["PA-1": RequestReference(workflow: "committee-rollout", state: "accepted")]) == "wrongWorkflow")
        #expect(
            try reason(["PA-1": RequestReference(workflow: "plaque-admission", state: "office-review")]) == "wrongState"
        )
        #expect(try reason(["PA-1": RequestReference(workflow: "plaque-admission", state: "arranged")]) == nil)
    }

    @Test func loaderReadsWorkflowsAndStates() throws {
        let field = try #require(try Repository.workflow("admission-revocation").field("admission"))
        #expect(field.type == .request)
        #expect(field.workflows == ["plaque-admission", "board-admission", "task-admission"])
        #expect(field.states == ["approved", "arranged", "admitted"])
    }
}
