import Foundation
import Varlink
import WorkflowModel
import WorkflowStore

/// Conversions between the engine's values and the Varlink wire format of `org.streetflow.*`.
enum Wire {
    static func time(_ date: Date) -> JSONValue { .string(date.ISO8601Format()) }

    /// Accepts `YYYY-MM-DD` (start of that day, office time) or an RFC 3339 time.
    static func parseTime(_ text: String) -> Date? {
        if let day = LocalDate(text) { return day.startOfDay() }
        return try? Date(text, strategy: .iso8601)
    }

    static func label(_ text: LocalizedText) -> JSONValue {
        .object(["zh": .string(text.zh), "en": .string(text.text(.en))])
    }

    static func value(_ value: FieldValue) -> JSONValue {
        switch value {
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .list(let l): return .array(l.map { .string($0) })
        }
    }

    static func fields(_ fields: [String: FieldValue]) -> JSONValue {
        .object(fields.mapValues(value))
    }

    /// Reads a subject or fields object; nested objects and numbers with fractions are refused by name.
    static func fieldValues(
        _ object: [String: JSONValue]?, parameter: String
    ) throws(VarlinkError) -> [String: FieldValue] {
        var result: [String: FieldValue] = [:]
        for (key, json) in object ?? [:] {
            switch json {
            case .string(let s): result[key] = .string(s)
            case .bool(let b): result[key] = .bool(b)
            case .int(let i): result[key] = .int(i)
            case .null: continue
            case .array(let items):
                var strings: [String] = []
                for item in items {
                    guard let s = item.stringValue else { throw .invalidParameter("\(parameter).\(key)") }
                    strings.append(s)
                }
                result[key] = .list(strings)
            default:
                throw .invalidParameter("\(parameter).\(key)")
            }
        }
        return result
    }

    static func listMatch(_ match: ListMatch?) -> JSONValue {
        guard let match else { return .null }
        var object: [String: JSONValue] = [
            "list": .string(match.list), "listVersion": .int(match.listVersion), "kind": .string(match.kind.rawValue),
            "code": .string(match.entry.code), "title": .string(match.entry.title),
        ]
        if let alternative = match.entry.alternative { object["alternative"] = .string(alternative) }
        return .object(object)
    }

    static func instance(
        _ instance: WorkflowInstance, catalog: EngineCatalogView, nextDeadline: Date? = nil
    ) -> JSONValue {
        let definition = catalog.definition(instance.workflow, instance.definitionVersion)
        let state = definition?.state(instance.state)
        let summary = definition.flatMap { instance.subject[$0.summaryField]?.displayText } ?? ""
        let deadline =
            nextDeadline ?? definition?.pendingDeadlines(of: instance, calendar: catalog.calendar).map(\.due).min()
        return .object([
            "id": .string(instance.id), "workflow": .string(instance.workflow),
            "definitionVersion": .int(instance.definitionVersion), "version": .int(instance.version),
            "state": .string(instance.state), "final": .bool(instance.final), "subject": fields(instance.subject),
            "fields": fields(instance.fields),
            "title": label(definition?.title ?? LocalizedText(zh: instance.workflow)),
            "stateLabel": label(state?.label ?? LocalizedText(zh: instance.state)), "summary": .string(summary),
            "committee": instance.committee.map { .string($0) } ?? .null,
            "department": instance.applicantDepartment.map { .string($0) } ?? .null,
            "submitter": .string(instance.submitterUser), "submitterUid": .int(Int(instance.submitterUID)),
            "createdAt": time(instance.createdAt), "updatedAt": time(instance.updatedAt),
            "enteredStateAt": time(instance.enteredStateAt),
            "assignee": instance.assignee.map { .string($0) } ?? .null,
            "queue": state?.queue.map { .string($0.rawValue) } ?? .null,
            "nextDeadline": deadline.map(time) ?? .null, "listMatch": listMatch(instance.listMatch),
        ])
    }

    static func event(_ stored: StoredEvent, catalog: EngineCatalogView) -> JSONValue {
        let e = stored.event
        let definition = catalog.definition(stored.workflow, e.definitionVersion)
        let actionLabel = definition?.action(e.action)?.label ?? builtInLabel(e.action)
        return .object([
            "globalSequence": .int(Int(stored.globalSequence)), "sequence": .int(e.sequence),
            "instance": .string(stored.instanceID), "workflow": .string(stored.workflow),
            "kind": .string(e.kind.rawValue),
            "action": .string(e.action), "actionLabel": label(actionLabel), "from": e.from.map { .string($0) } ?? .null,
            "to": .string(e.to), "definitionVersion": .int(e.definitionVersion), "actorUid": .int(Int(e.actor.uid)),
            "actorUser": .string(e.actor.user), "actorPid": .int(Int(e.actor.pid)),
            "actorRoles": .array(e.actor.roles.map(\.rawValue).sorted().map { .string($0) }),
            "comment": e.comment.map { .string($0) } ?? .null, "fields": fields(e.fields), "at": time(e.at),
            "listMatch": listMatch(e.listMatch), "target": e.target.map { .string($0) } ?? .null,
            "hash": .string(stored.hash),
        ])
    }

    static func builtInLabel(_ action: String) -> LocalizedText {
        switch action {
        case "submit": return LocalizedText(zh: "提交申请", en: "Submit")
        case "comment": return LocalizedText(zh: "留言", en: "Comment")
        case "remind": return LocalizedText(zh: "催办", en: "Reminder")
        case "escalate": return LocalizedText(zh: "超期上报", en: "Escalation")
        case "assign": return LocalizedText(zh: "转交", en: "Hand-over")
        case "migrate": return LocalizedText(zh: "迁移版本", en: "Migrate")
        default: return LocalizedText(zh: action, en: action)
        }
    }

    /// The Varlink error of a refused command, with its parameters and the message in both languages.
    static func error(_ error: WorkflowError, interface: String) -> VarlinkError {
        var parameters = error.parameters.mapValues(value)
        parameters["message"] = .string(error.message.zh)
        parameters["messageEn"] = .string(error.message.text(.en))
        // Parameters the IDL declares as required get a value even when the engine had none.
        let defaults: [String: [String: JSONValue]] = [
            "ActionNotAllowed": ["action": "", "state": "", "allowed": .array([])],
            "PermissionDenied": ["required": .array([])],
            "NoSuchInstance": ["id": ""], "NoSuchWorkflow": ["workflow": "", "known": .array([])],
            "InvalidSubject": ["field": "", "reason": ""], "InvalidField": ["field": "", "reason": ""],
            "GuardFailed": ["guard": "", "reason": ""], "CommentRequired": ["action": ""],
            "AlreadySigned": ["action": "", "user": ""], "InstanceFinal": ["state": ""], "NoSuchUser": ["user": ""],
            "StorageFailure": ["reason": ""],
        ]
        for (key, value) in defaults[error.code.rawValue] ?? [:] where parameters[key] == nil {
            parameters[key] = value
        }
        return VarlinkError(name: "\(interface).\(error.code.rawValue)", parameters: parameters)
    }
}

/// The read-only part of the catalog the wire conversions need.
struct EngineCatalogView: Sendable {
    let definitions: [String: [Int: WorkflowDefinition]]
    let calendar: WorkingCalendar

    func definition(_ key: String, _ version: Int) -> WorkflowDefinition? { definitions[key]?[version] }
}
