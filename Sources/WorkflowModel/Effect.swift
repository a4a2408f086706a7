/// Something an action does beyond its own request, in the same transaction: a closed, documented set.
///
/// | written as | does |
/// |---|---|
/// | `{create: WORKFLOW, fields: {KEY: SOURCE}}` | starts a request of WORKFLOW as the system, its subject taken from this request |
/// | `{create: WORKFLOW, forEach: {workflow: W, field: F, equals: SOURCE}, fields: {...}}` | the same once for every request of W whose field F holds SOURCE's value; then SOURCEs in `fields` read that request |
/// | `{installList: FIELD}` | the reference list written (as YAML) in FIELD becomes the list in force for new requests |
/// | `{act: ACTION, on: FIELD, fields: {KEY: SOURCE}}` | takes ACTION (a `who: [system]` action) as the system on the request FIELD names, with this action's comment; e.g. an approved revocation revokes the admission |
///
/// A SOURCE is a field of this request (action fields, then subject), `$id` (this request's id) or `=TEXT` (the
/// text itself).
public enum Effect: Hashable, Sendable, Codable {
    /// Start a request of `workflow` whose subject maps from this one (or, with `forEach`, from each match).
    case create(workflow: String, fields: [String: EffectValue], forEach: EffectMatch? = nil)
    /// Install the list held in the field.
    case installList(field: String)
    /// Take `action` as the system on the request the `request` field `on` names, its fields mapped from this one.
    case act(action: String, on: String, fields: [String: EffectValue])
}

/// The requests a `forEach` effect runs over: those of `workflow` whose `field` holds the value of `equals`.
public struct EffectMatch: Hashable, Sendable, Codable {
    /// The workflow whose requests are looked at.
    public var workflow: String
    /// Their subject field compared.
    public var field: String
    /// The value it must hold, from the request that takes the action.
    public var equals: EffectValue

    /// Creates a match.
    public init(workflow: String, field: String, equals: EffectValue) {
        self.workflow = workflow
        self.field = field
        self.equals = equals
    }
}

/// Where a created request's field value comes from.
public enum EffectValue: Hashable, Sendable, Codable {
    /// A field of the request that takes the action (action fields first, then the subject).
    case field(String)
    /// The id of the request that takes the action.
    case id
    /// A fixed text.
    case literal(String)

    /// Reads `$id`, `=TEXT` or a field key.
    public init(parsing text: String) {
        if text == "$id" {
            self = .id
        } else if text.hasPrefix("=") {
            self = .literal(String(text.dropFirst()))
        } else {
            self = .field(text)
        }
    }
}

/// What an effect asks the engine to do, resolved against the request that took the action.
public enum EffectRequest: Hashable, Sendable {
    /// Submit a request of this workflow with this subject, as the system.
    case create(workflow: String, subject: [String: FieldValue])
    /// For every request of `workflow` whose `field` is `value`, submit a request of `create` whose subject maps
    /// from that request by `fields`.
    case createForEach(create: String, workflow: String, field: String, value: String, fields: [String: EffectValue])
    /// Install this list text (YAML).
    case installList(String)
    /// Take `action` as the system on request `id` with these fields and comment.
    case act(action: String, id: String, fields: [String: FieldValue], comment: String?)
}

extension WorkflowDefinition {
    /// The effects of the actions `events` took on `instance` (its state after them), resolved; pure.
    public func effectRequests(of events: [WorkflowEvent], instance: WorkflowInstance) -> [EffectRequest] {
        var requests: [EffectRequest] = []
        for event in events where event.kind == .transitioned {
            for effect in action(event.action)?.effects ?? [] {
                switch effect {
                case .create(let workflow, let fields, let forEach):
                    if let forEach {
                        let value = Self.resolve(forEach.equals, event: event, instance: instance)?.displayText ?? ""
                        requests.append(
                            .createForEach(
                                create: workflow, workflow: forEach.workflow, field: forEach.field, value: value,
                                fields: fields))
                    } else {
                        requests.append(
                            .create(workflow: workflow, subject: Self.subject(fields, event: event, instance: instance))
                        )
                    }
                case .installList(let field):
                    if let text = (instance.subject[field] ?? instance.fields[field])?.stringValue {
                        requests.append(.installList(text))
                    }
                case .act(let action, let on, let fields):
                    if let id = Self.resolve(.field(on), event: event, instance: instance)?.stringValue, !id.isEmpty {
                        requests.append(
                            .act(
                                action: action, id: id, fields: Self.subject(fields, event: event, instance: instance),
                                comment: event.comment))
                    }
                }
            }
        }
        return requests
    }

    /// The subject `fields` map to from `instance` (and the fields of `event`, when given).
    public static func subject(
        _ fields: [String: EffectValue], event: WorkflowEvent?, instance: WorkflowInstance
    ) -> [String: FieldValue] {
        var subject: [String: FieldValue] = [:]
        for (key, source) in fields {
            if let value = resolve(source, event: event, instance: instance) { subject[key] = value }
        }
        return subject
    }

    static func resolve(_ source: EffectValue, event: WorkflowEvent?, instance: WorkflowInstance) -> FieldValue? {
        switch source {
        case .id: return .string(instance.id)
        case .literal(let text): return .string(text)
        case .field(let name): return event?.fields[name] ?? instance.fields[name] ?? instance.subject[name]
        }
    }
}
