import Foundation
import StreetFlowEngine
import WorkflowModel
import Yams

/// The shipped workflows under a naming: as written, or with every workflow, state, action, field and enum key
/// renamed by a mechanical rewrite of the YAML (each key spelled backwards). Scenarios write the shipped
/// names and translate them through the naming, so the same scenario runs on both.
struct Naming: Sendable, CustomStringConvertible {
    /// Whether keys are renamed.
    let renamed: Bool
    /// Every key of the shipped definitions (workflows, states, actions, fields, enum values).
    let names: Set<String>

    var description: String { renamed ? "renamed" : "shipped" }

    /// The name a shipped key has under this naming.
    func callAsFunction(_ name: String) -> String {
        renamed && names.contains(name) ? String(name.reversed()) : name
    }

    /// A subject or field set with its keys (and the given enum values) translated.
    func values(_ values: [String: FieldValue]) -> [String: FieldValue] {
        Dictionary(uniqueKeysWithValues: values.map { (self($0.key), $0.value) })
    }

    static let shipped = Naming(renamed: false, names: RenamedWorkflows.names)
    static let renamed = Naming(renamed: true, names: RenamedWorkflows.names)
}

/// Rewrites workflow YAML under a naming.
enum RenamedWorkflows {
    /// Every key of the shipped definitions.
    static let names: Set<String> = {
        var names: Set<String> = []
        for definition in EngineFixture.catalog.currentDefinitions {
            names.insert(definition.key)
            names.formUnion(definition.states.map(\.key))
            names.formUnion(definition.actions.map(\.key))
            for field in definition.fields + definition.actions.flatMap(\.fields) {
                names.insert(field.key)
                names.formUnion(field.values.map(\.key))
            }
        }
        return names
    }()

    /// A catalog of the shipped workflows, rewritten under `naming`, with the shipped seeds.
    static func catalog(_ naming: Naming, in directory: URL) throws -> EngineCatalog {
        let workflows = directory.appendingPathComponent("workflows-\(naming)", isDirectory: true)
        try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: EngineFixture.workflows.path)
        where name.hasSuffix(".yaml") {
            let text = try String(contentsOf: EngineFixture.workflows.appendingPathComponent(name), encoding: .utf8)
            let rewritten = naming.renamed ? try rewrite(text, naming) : text
            try rewritten.write(to: workflows.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return try EngineCatalog.load(workflows: workflows, seeds: EngineFixture.seeds)
    }

    /// The YAML of one definition with every key renamed where the definition language writes it.
    static func rewrite(_ yaml: String, _ n: Naming) throws -> String {
        guard let root = try Yams.compose(yaml: yaml) else { return yaml }
        return try Yams.serialize(node: definition(root, n), allowUnicode: true)
    }

    private static func scalar(_ node: Node, _ n: Naming) -> Node {
        guard let text = node.string else { return node }
        return Node(n(text))
    }

    /// A scalar or a list of scalars, each renamed.
    private static func names(_ node: Node, _ n: Naming) -> Node {
        if case .sequence(let items) = node { return Node(items.map { scalar($0, n) }) }
        return scalar(node, n)
    }

    /// A mapping whose keys are renamed and whose values are rewritten by `value`.
    private static func keyed(_ node: Node, _ n: Naming, _ value: (Node) -> Node) -> Node {
        guard case .mapping(let mapping) = node else { return node }
        return Node(mapping.map { ($0.key.string == "<<" ? $0.key : scalar($0.key, n), value($0.value)) })
    }

    /// A mapping whose values are rewritten per key by `rewrite` (nil: kept).
    private static func fields(_ node: Node, _ rewrite: (String, Node) -> Node?) -> Node {
        guard case .mapping(let mapping) = node else { return node }
        return Node(mapping.map { pair in (pair.key, rewrite(pair.key.string ?? "", pair.value) ?? pair.value) })
    }

    private static func definition(_ root: Node, _ n: Naming) -> Node {
        fields(root) { key, value in
            switch key {
            case "workflow", "summary", "initial": return scalar(value, n)
            case "submit": return fields(value) { $0 == "guards" ? guards($1, n) : nil }
            case "fields": return keyed(value, n) { field($0, n) }
            case "states": return keyed(value, n) { state($0, n) }
            case "actions": return keyed(value, n) { action($0, n) }
            case "tally": return scalar(value, n)
            case "evidence": return names(value, n)
            case "register":
                return fields(value) { key, value in
                    if key.hasSuffix("Field") || key == "doorValue" { return scalar(value, n) }
                    if key == "manualEntry" { return keyed(value, n) { scalar($0, n) } }
                    return key == "done" ? names(value, n) : nil
                }
            default: return nil
            }
        }
    }

    private static func field(_ node: Node, _ n: Naming) -> Node {
        fields(node) { key, value in
            switch key {
            case "values", "items": return keyed(value, n) { $0 }
            case "workflows", "states": return names(value, n)
            case "<<": return field(value, n)
            default: return nil
            }
        }
    }

    private static func state(_ node: Node, _ n: Naming) -> Node {
        fields(node) { key, value in
            guard key == "deadlines", case .sequence(let items) = value else { return nil }
            return Node(
                items.map { deadline in
                    fields(deadline) { key, value in
                        switch key {
                        case "atField": return scalar(value, n)
                        case "then":
                            return ["remind", "escalate"].contains(value.string ?? "") ? nil : scalar(value, n)
                        default: return nil
                        }
                    }
                })
        }
    }

    private static func action(_ node: Node, _ n: Naming) -> Node {
        fields(node) { key, value in
            switch key {
            case "from", "to": return names(value, n)
            case "who": return value.mapping == nil ? nil : keyed(value, n) { $0 }
            case "fields": return keyed(value, n) { field($0, n) }
            case "guards": return guards(value, n)
            case "effects": return effects(value, n)
            default: return nil
            }
        }
    }

    /// Effects name workflows and fields, and copy values: `$id` stays, `=TEXT` renames an enum value it names.
    private static func effects(_ node: Node, _ n: Naming) -> Node {
        func source(_ node: Node) -> Node {
            guard let text = node.string, text != "$id" else { return node }
            return Node(text.hasPrefix("=") ? "=" + n(String(text.dropFirst())) : n(text))
        }
        guard case .sequence(let items) = node else { return node }
        return Node(
            items.map { effect in
                fields(effect) { key, value in
                    switch key {
                    case "create", "installList", "act", "on": return scalar(value, n)
                    case "fields": return keyed(value, n) { source($0) }
                    case "forEach":
                        return fields(value) { key, value in key == "equals" ? source(value) : scalar(value, n) }
                    default: return nil
                    }
                }
            })
    }

    /// Guards keep their predicate names and rename the keys they take: `field(K) == V`, `f(A, B, …)`.
    private static func guards(_ node: Node, _ n: Naming) -> Node {
        func rewrite(_ text: String) -> String {
            var out = ""
            var token = ""
            var inArguments = false
            var afterOperator = false
            func flush() {
                out += inArguments || afterOperator ? n(token) : token
                token = ""
            }
            for character in text {
                if character.isLetter || character.isNumber || character == "-" {
                    token.append(character)
                    continue
                }
                flush()
                if character == "(" { inArguments = true }
                if character == ")" { inArguments = false }
                if character == "=" { afterOperator = true }
                out.append(character)
            }
            flush()
            return out
        }
        if case .sequence(let items) = node { return Node(items.map { Node(rewrite($0.string ?? "")) }) }
        return Node(rewrite(node.string ?? ""))
    }
}
