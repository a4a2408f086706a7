import Foundation

// The JSON form of a definition (what DescribeWorkflow returns) uses the YAML's names: `workflow`, `summary`,
// `comment: required`, `signoff`, `atField`, `then`, … An ordered YAML mapping (fields, states, actions, the
// values or items of a field) becomes a JSON array in file order, each entry carrying its mapping key as `key`;
// a guard is its text as written. See docs/definition-language.md.

/// The JSON keys, named as in the YAML.
private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer<Key> {
    fileprivate func value<T: Decodable>(_ name: String, _ type: T.Type = T.self) throws -> T {
        try decode(T.self, forKey: Key(name))
    }

    fileprivate func optional<T: Decodable>(_ name: String, _ type: T.Type = T.self) throws -> T? {
        try decodeIfPresent(T.self, forKey: Key(name))
    }
}

extension KeyedEncodingContainer<Key> {
    fileprivate mutating func put<T: Encodable>(_ value: T, _ name: String) throws {
        try encode(value, forKey: Key(name))
    }

    fileprivate mutating func put<T: Encodable>(_ value: T?, _ name: String) throws {
        try encodeIfPresent(value, forKey: Key(name))
    }
}

extension WorkflowDefinition {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(
            key: try c.value("workflow"), version: try c.value("version"), supersedes: try c.optional("supersedes"),
            title: try c.value("title"), description: try c.optional("description"),
            summaryField: try c.value("summary"), submit: try c.value("submit"), fields: try c.value("fields"),
            initial: try c.value("initial"), states: try c.value("states"), actions: try c.value("actions"))
        register = try c.optional("register")
        tally = try c.optional("tally")
        evidence = try c.optional("evidence") ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.put(key, "workflow")
        try c.put(version, "version")
        try c.put(supersedes, "supersedes")
        try c.put(title, "title")
        try c.put(description, "description")
        try c.put(summaryField, "summary")
        try c.put(submit, "submit")
        try c.put(fields, "fields")
        try c.put(initial, "initial")
        try c.put(states, "states")
        try c.put(actions, "actions")
        try c.put(register, "register")
        try c.put(tally, "tally")
        if !evidence.isEmpty { try c.put(evidence, "evidence") }
    }
}

extension SubmitRule {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(
            who: try c.value("who"), guards: try c.optional("guards") ?? [],
            separateDuties: try c.optional("separateDuties") ?? true)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.put(who, "who")
        try c.put(guards, "guards")
        try c.put(separateDuties, "separateDuties")
    }
}

extension FieldDefinition {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let type = try c.value("type", FieldType.self)
        self.init(
            key: try c.value("key"), label: try c.value("label"), type: type,
            required: try c.optional("required") ?? false,
            maxLength: try c.optional("maxLength"), maxBytes: try c.optional("maxBytes"),
            multiline: try c.optional("multiline"),
            values: try c.optional(type == .checklist ? "items" : "values") ?? [], list: try c.optional("list"),
            workflows: try c.optional("workflows") ?? [], states: try c.optional("states") ?? [],
            blankMeansAll: try c.optional("blank", String.self) == "all",
            uniqueOpen: try c.optional("unique", String.self) == "open", concerns: try c.optional("concerns") ?? false)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.put(key, "key")
        try c.put(type, "type")
        try c.put(label, "label")
        try c.put(required, "required")
        try c.put(maxLength, "maxLength")
        try c.put(maxBytes, "maxBytes")
        try c.put(multiline, "multiline")
        if !values.isEmpty { try c.put(values, type == .checklist ? "items" : "values") }
        try c.put(list, "list")
        if !workflows.isEmpty { try c.put(workflows, "workflows") }
        if !states.isEmpty { try c.put(states, "states") }
        if blankMeansAll { try c.put("all", "blank") }
        if uniqueOpen { try c.put("open", "unique") }
        if concerns { try c.put(true, "concerns") }
    }
}

extension StateDefinition {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(
            key: try c.value("key"), label: try c.value("label"), final: try c.optional("final") ?? false,
            queue: try c.optional("queue"), deadlines: try c.optional("deadlines") ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.put(key, "key")
        try c.put(label, "label")
        try c.put(final, "final")
        try c.put(queue, "queue")
        try c.put(deadlines, "deadlines")
    }
}

extension Deadline {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let days = try c.optional("after", Int.self) {
            time = .workingDays(days)
        } else if let field = try c.optional("atField", String.self) {
            time = .field(field)
        } else {
            let text = try c.value("at", String.self)
            guard let date = LocalDate(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: Key("at"), in: c, debugDescription: "not a date: \(text)")
            }
            time = .date(date)
        }
        switch try c.value("then", String.self) {
        case "remind": effect = .remind
        case "escalate": effect = .escalate(try c.optional("to") ?? .street)
        case let action: effect = .action(action)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch time {
        case .workingDays(let days): try c.put(days, "after")
        case .date(let date): try c.put(date.description, "at")
        case .field(let field): try c.put(field, "atField")
        }
        switch effect {
        case .remind: try c.put("remind", "then")
        case .escalate(let role):
            try c.put("escalate", "then")
            try c.put(role, "to")
        case .action(let action): try c.put(action, "then")
        }
    }
}

extension ActionDefinition {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var who: [Role] = []
        var whoByState: [String: [Role]] = [:]
        if let byState = try? c.value("who", [String: [Role]].self) {
            whoByState = byState
            who = Array(Set(byState.values.joined())).sorted()
        } else {
            who = try c.value("who")
        }
        var signOff = SignOff.any
        if let s = try c.optional("signoff", [String: JSONSignOff].self) {
            if case .users(let users) = s["users"] { signOff = .all(users: users) }
            if case .count(let n) = s["count"] { signOff = .count(n) }
        }
        self.init(
            key: try c.value("key"), label: try c.value("label"), from: try c.value("from"), to: try c.value("to"),
            who: who, whoByState: whoByState, commentRequired: try c.optional("comment", String.self) == "required",
            fields: try c.optional("fields") ?? [], guards: try c.optional("guards") ?? [], signOff: signOff,
            automatic: try c.optional("automatic") ?? false, amendsSubject: try c.optional("amendsSubject") ?? false,
            effects: try c.optional("effects") ?? [], number: try c.optional("number"), cc: try c.optional("cc") ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.put(key, "key")
        try c.put(label, "label")
        try c.put(from, "from")
        try c.put(to, "to")
        if whoByState.isEmpty { try c.put(who, "who") } else { try c.put(whoByState, "who") }
        try c.put(commentRequired ? "required" : "optional", "comment")
        try c.put(fields, "fields")
        try c.put(guards, "guards")
        switch signOff {
        case .any: break
        case .all(let users): try c.put(["users": users], "signoff")
        case .count(let n): try c.put(["count": n], "signoff")
        }
        try c.put(automatic, "automatic")
        try c.put(amendsSubject, "amendsSubject")
        if !effects.isEmpty { try c.put(effects, "effects") }
        try c.put(number, "number")
        if !cc.isEmpty { try c.put(cc, "cc") }
    }
}

/// One value of a `signoff` mapping: `users: [a, b]` or `count: N`.
private enum JSONSignOff: Decodable {
    case users([String])
    case count(Int)

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) { self = .count(n) } else { self = .users(try c.decode([String].self)) }
    }
}

extension GuardExpression {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Effect {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let field = try c.optional("installList", String.self) {
            self = .installList(field: field)
            return
        }
        if let action = try c.optional("act", String.self) {
            self = .act(action: action, on: try c.value("on"), fields: try c.optional("fields") ?? [:])
            return
        }
        self = .create(
            workflow: try c.value("create"), fields: try c.optional("fields") ?? [:], forEach: try c.optional("forEach")
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .installList(let field): try c.put(field, "installList")
        case .act(let action, let on, let fields):
            try c.put(action, "act")
            try c.put(on, "on")
            try c.put(fields, "fields")
        case .create(let workflow, let fields, let forEach):
            try c.put(workflow, "create")
            try c.put(fields, "fields")
            try c.put(forEach, "forEach")
        }
    }
}

extension EffectValue {
    public init(from decoder: any Decoder) throws {
        self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .id: try c.encode("$id")
        case .literal(let text): try c.encode("=" + text)
        case .field(let name): try c.encode(name)
        }
    }
}
