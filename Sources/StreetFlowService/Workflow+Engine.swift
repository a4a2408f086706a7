import Foundation
import StreetFlowEngine
import StreetFlowProtocol
import Varlink
import WorkflowModel
import WorkflowStore

// The engine's values in their `org.streetflow.Workflow` shape. Each initialiser names every field of the generated
// type, so a field added to the interface fails to compile here until the engine's value is given.

extension Workflow.Instance {
    /// The wire form of a request after a command, with the due date the command stored when it carries one.
    init(_ result: CommandResult, catalog: EngineCatalogView) {
        self.init(result.instance, catalog: catalog, nextDeadline: result.nextDeadline)
    }

    /// The wire form of a request; `nextDeadline` is computed from the definition when not given.
    init(_ instance: WorkflowInstance, catalog: EngineCatalogView, nextDeadline: Date? = nil) {
        let definition = catalog.definition(instance.workflow, instance.definitionVersion)
        let state = definition?.state(instance.state)
        let deadline = nextDeadline ?? definition?.dueDate(of: instance, calendar: catalog.calendar)
        self.init(
            id: instance.id, workflow: instance.workflow, definitionVersion: instance.definitionVersion,
            version: instance.version, state: instance.state, final: instance.final,
            subject: instance.subject.mapValues(JSONValue.init), fields: instance.fields.mapValues(JSONValue.init),
            title: Workflow.Label(definition?.title ?? LocalizedText(zh: instance.workflow)),
            stateLabel: Workflow.Label(state?.label ?? LocalizedText(zh: instance.state)),
            summary: definition.flatMap { instance.subject[$0.summaryField]?.displayText } ?? "",
            committee: instance.committee, department: instance.department,
            departmentLabel: instance.department.flatMap { catalog.departmentLabels[$0] },
            documentNumber: instance.documentNumber, copiedTo: instance.copiedTo.isEmpty ? nil : instance.copiedTo,
            copiedToLabels: instance.copiedTo.isEmpty
                ? nil
                : instance.copiedTo.map { target in
                    let name = String(target.drop { $0 != ":" }.dropFirst())
                    return target.hasPrefix("department:") ? catalog.departmentLabels[name] ?? name : name
                },
            submitter: instance.submitterUser,
            submitterUid: Int(instance.submitterUID),
            createdAt: instance.createdAt.iso8601, updatedAt: instance.updatedAt.iso8601,
            enteredStateAt: instance.enteredStateAt.iso8601, assignee: instance.assignee,
            queue: state?.queue?.rawValue, escalatedTo: definition?.escalatedTo(instance)?.rawValue,
            nextDeadline: deadline?.iso8601,
            deadlineEstimated: deadline.map {
                LocalDate($0.addingTimeInterval(-1)) > catalog.calendar.coverage.upperBound
            },
            listMatch: instance.listMatch.map(Self.listMatch))
    }

    /// The reference-list entry used by the list check.
    static func listMatch(_ match: ListMatch) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "list": .string(match.list), "listVersion": .int(match.listVersion), "kind": .string(match.kind.rawValue),
            "code": .string(match.entry.code), "title": .string(match.entry.title),
        ]
        if let alternative = match.entry.alternative { object["alternative"] = .string(alternative) }
        if let wording = match.wording { object["wording"] = .string(wording) }
        if let score = match.score { object["score"] = .double(score) }
        if let exact = match.exact { object["exact"] = .bool(exact) }
        if let sample = match.sample { object["sample"] = .bool(sample) }
        object["decisive"] = .bool(match.decisive)
        if let candidates = match.candidates, !candidates.isEmpty {
            object["candidates"] = .array(candidates.map { .object(listMatch($0)) })
        }
        return object
    }
}

extension Workflow.Event {
    /// The wire form of a recorded step.
    init(_ stored: StoredEvent, catalog: EngineCatalogView) {
        let event = stored.event
        let definition = catalog.definition(stored.workflow, event.definitionVersion)
        self.init(
            globalSequence: Int(stored.globalSequence), sequence: event.sequence, instance: stored.instanceID,
            workflow: stored.workflow, kind: event.kind.rawValue, action: event.action,
            actionLabel: Workflow.Label(definition?.action(event.action)?.label ?? Self.builtInLabel(event.action)),
            from: event.from, to: event.to, definitionVersion: event.definitionVersion,
            actorUid: Int(event.actor.uid), actorUser: event.actor.user, actorPid: Int(event.actor.pid),
            actorRoles: event.actor.roles.map(\.rawValue).sorted(), comment: event.comment,
            fields: event.fields.mapValues(JSONValue.init), at: event.at.iso8601,
            listMatch: event.listMatch.map(Workflow.Instance.listMatch), target: event.target, hash: stored.hash)
    }

    /// The label of an action every workflow has (the engine's own events), else the key.
    static func builtInLabel(_ action: String) -> LocalizedText {
        WorkflowDefinition.builtInActionLabels[action] ?? LocalizedText(zh: action, en: action)
    }
}

extension Workflow.Notice {
    /// The wire form of a stored notice.
    /// `handled`: whether its step is done (the inbox tells; nil where it is not worked out).
    init(_ stored: StoredNotice, handled: Bool? = nil) {
        self.init(
            id: Int(stored.id), kind: stored.notice.kind.rawValue, recipient: stored.notice.recipient,
            instance: stored.notice.instanceID, message: stored.notice.text.zh, messageEn: stored.notice.text.text(.en),
            at: stored.at.iso8601, read: stored.read, handled: handled)
    }
}

extension Workflow.Attachment {
    /// The wire form of an attachment of a request.
    init(_ record: AttachmentRecord) {
        self.init(
            fileName: record.attachment.name, sha256: record.attachment.sha256, size: record.attachment.size,
            mediaType: record.attachment.mediaType, attachedAt: record.at.iso8601, attachedBy: record.by)
    }
}

extension Workflow.Label {
    /// A text in both languages (English falls back to Chinese).
    init(_ text: LocalizedText) {
        self.init(zh: text.zh, en: text.text(.en))
    }
}

extension JSONValue {
    /// A subject or action field's value.
    init(_ value: FieldValue) {
        switch value {
        case .string(let s): self = .string(s)
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .list(let l): self = .array(l.map { .string($0) })
        }
    }
}

/// The read-only part of the catalog the wire conversions need.
struct EngineCatalogView: Sendable {
    let definitions: [String: [Int: WorkflowDefinition]]
    let calendar: WorkingCalendar
    let departmentLabels: [String: String]

    func definition(_ key: String, _ version: Int) -> WorkflowDefinition? { definitions[key]?[version] }
}
