import Foundation
import Testing

@testable import WorkflowModel

/// The people who act in the tests.
enum People {
    /// An officer of the health department (卫健).
    static let health = Principal(uid: 1001, user: "wang", pid: 1, roles: [.department("health")])
    /// Another officer of the health department.
    static let health2 = Principal(uid: 1011, user: "zhou", pid: 11, roles: [.department("health")])
    /// An officer of civil affairs (民政), another department.
    static let civil = Principal(uid: 1021, user: "chen", pid: 21, roles: [.department("civil")])
    /// A member of the self-governance office (自治办).
    static let office = Principal(uid: 1002, user: "li", pid: 2, roles: [.office])
    /// Another member of the office.
    static let office2 = Principal(uid: 1012, user: "zhang", pid: 12, roles: [.office])
    /// A street-office leader (街道).
    static let street = Principal(uid: 1003, user: "zhao", pid: 3, roles: [.street])
    /// Another street-office leader.
    static let street2 = Principal(uid: 1013, user: "qian", pid: 13, roles: [.street])
    /// A member of the pilot committee 蓝天二村.
    static let committee = Principal(uid: 1004, user: "sun", pid: 4, roles: [.committee("蓝天二村")])
    /// A member of another committee.
    static let otherCommittee = Principal(uid: 1014, user: "wu", pid: 14, roles: [.committee("莱顿")])
    /// An administrator.
    static let admin = Principal(uid: 1005, user: "root-admin", pid: 5, roles: [.admin])
    /// One person who is both a health officer and an office member.
    static let healthAndOffice = Principal(
        uid: 1006, user: "dual", pid: 6, roles: [.department("health"), .office])
}

/// Drives one instance through a definition: applies every event it is given, keeps the history, and
/// checks that replaying the history gives the same instance.
struct Driver {
    /// The definitions by version (the instance starts on the lowest).
    var definitions: [Int: WorkflowDefinition]
    /// The world outside the instance.
    var context: TransitionContext
    /// The instance, once submitted.
    private(set) var instance: WorkflowInstance?
    /// Every event so far.
    private(set) var history: [WorkflowEvent] = []

    /// 2020-06-01 10:00 in Shanghai: after the pilot, inside the full phase, after the negative list applies.
    static let now = Date(timeIntervalSince1970: 1_590_976_800)

    /// A context with the shipped committees and reference lists.
    static var seededContext: TransitionContext {
        TransitionContext(
            now: now, calendar: Repository.catalog.calendar, lists: Repository.catalog.lists,
            committees: Repository.catalog.committees)
    }

    /// Creates a driver for a definition, with the seeded context unless one is given.
    init(_ definition: WorkflowDefinition, context: TransitionContext = Driver.seededContext) {
        self.definitions = [definition.version: definition]
        self.context = context
    }

    /// The definition the instance runs on now.
    var definition: WorkflowDefinition {
        definitions[instance?.definitionVersion ?? definitions.keys.min()!]!
    }

    /// The current state, or "" before submission.
    var state: String { instance?.state ?? "" }

    /// What `command` by `actor` would produce, without applying it.
    func outcome(_ command: WorkflowCommand, by actor: Principal) -> Result<[WorkflowEvent], WorkflowError> {
        definition.transition(instance: instance, command: command, actor: actor, context: context)
    }

    /// Runs a command and applies its events; throws the refusal.
    @discardableResult
    mutating func run(_ command: WorkflowCommand, by actor: Principal) throws(WorkflowError) -> [WorkflowEvent] {
        let events = try outcome(command, by: actor).get()
        for event in events {
            if instance == nil {
                instance = WorkflowInstance.submitted(id: "test-1", event: event, definition: definition)
            } else {
                if case .migrate(let target) = command { definitions[target.version] = target }
                instance!.apply(event, definition: definitions[event.definitionVersion]!)
            }
            history.append(event)
        }
        return events
    }

    /// Submits a subject.
    @discardableResult
    mutating func submit(
        _ subject: [String: FieldValue], by actor: Principal, comment: String? = nil
    )
        throws(WorkflowError) -> [WorkflowEvent]
    {
        try run(.submit(subject: subject, comment: comment), by: actor)
    }

    /// Takes an action.
    @discardableResult
    mutating func act(
        _ action: String, by actor: Principal, comment: String? = nil, fields: [String: FieldValue] = [:]
    ) throws(WorkflowError) -> [WorkflowEvent] {
        try run(.act(action: action, comment: comment, fields: fields), by: actor)
    }

    /// The refusal of a command that must be refused; records an issue (and returns nil) when it is accepted.
    func refusal(
        _ command: WorkflowCommand, by actor: Principal, sourceLocation: SourceLocation = #_sourceLocation
    ) -> WorkflowError? {
        switch outcome(command, by: actor) {
        case .success(let events):
            Issue.record(
                "expected a refusal, got \(events.map(\.action)) to \(events.last?.to ?? "-")",
                sourceLocation: sourceLocation)
            return nil
        case .failure(let error):
            return error
        }
    }

    /// The refusal of an action that must be refused.
    func refusal(
        _ action: String, by actor: Principal, comment: String? = nil, fields: [String: FieldValue] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> WorkflowError? {
        refusal(.act(action: action, comment: comment, fields: fields), by: actor, sourceLocation: sourceLocation)
    }

    /// The instance rebuilt from the history alone.
    var replayed: WorkflowInstance? {
        WorkflowInstance.replay(id: "test-1", events: history, definitions: { definitions[$0] })
    }

    /// Expects the replayed history to equal the incrementally applied instance.
    func expectReplayMatches(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(instance != nil, "nothing was submitted", sourceLocation: sourceLocation)
        #expect(replayed == instance, "replay differs from the applied instance", sourceLocation: sourceLocation)
    }
}

/// Assertions on refusals.
extension WorkflowError {
    /// A text parameter.
    func string(_ key: String) -> String? { parameters[key]?.stringValue }
    /// A list parameter.
    func list(_ key: String) -> [String]? { parameters[key]?.listValue }
}

/// Text fields as `FieldValue`s.
func text(_ values: [String: String]) -> [String: FieldValue] {
    values.mapValues { .string($0) }
}

extension Driver: CustomTestStringConvertible {
    /// Short, so a failed expectation does not print the whole definition and seed catalog.
    var testDescription: String {
        "\(definition.key) v\(definition.version) in '\(state)' after \(history.map(\.action))"
    }
}
