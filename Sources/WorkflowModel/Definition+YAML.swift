import Foundation
import Yams

/// Reads workflow definitions from YAML and checks them (`DefinitionLoader.load`).
public struct DefinitionLoader: Sendable {
    /// Reference-list keys a definition may name; nil skips that check.
    public var knownLists: Set<String>?
    /// Workflow keys and their states that guards may name (`committeeReached`); nil skips that check.
    /// `loadDirectory` fills it from the directory's own files when it is nil.
    public var knownWorkflows: [String: Set<String>]?

    /// Creates a loader.
    public init(knownLists: Set<String>? = nil, knownWorkflows: [String: Set<String>]? = nil) {
        self.knownLists = knownLists
        self.knownWorkflows = knownWorkflows
    }

    /// The outcome of loading one file.
    public struct Result: Sendable {
        /// The definition, when it could be read and has no errors.
        public var definition: WorkflowDefinition?
        /// Every problem found; empty when valid.
        public var diagnostics: [Diagnostic]
        /// The source text.
        public var source: String
    }

    /// Loads and validates one file.
    public func load(contentsOf url: URL) -> Result {
        let file = url.path
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8)
        else {
            return Result(
                definition: nil,
                diagnostics: [
                    Diagnostic(
                        rule: "unreadable", file: file, line: 0, column: 0, path: "",
                        message: "cannot read the file as UTF-8", hint: "check the path and save the file as UTF-8")
                ], source: "")
        }
        return load(yaml: text, file: file)
    }

    /// The definition as written, without semantic checks (nil when it cannot be read at all).
    static func parse(yaml: String, file: String) -> WorkflowDefinition? {
        guard let root = try? Yams.compose(yaml: yaml) else { return nil }
        var reader = YAMLReader(file: file)
        return reader.definition(root)
    }

    /// Loads and validates YAML text; `file` names it in diagnostics.
    public func load(yaml: String, file: String) -> Result {
        var reader = YAMLReader(file: file)
        guard let root = reader.document(yaml, emptyHint: "write a workflow definition (see Workflows/)") else {
            return Result(definition: nil, diagnostics: reader.diagnostics, source: yaml)
        }
        let definition = reader.definition(root)
        if let definition, reader.diagnostics.isEmpty {
            DefinitionValidator(file: file, marks: reader.marks, knownLists: knownLists, knownWorkflows: knownWorkflows)
                .validate(definition, into: &reader.diagnostics)
        }
        return Result(
            definition: reader.diagnostics.isEmpty ? definition : nil, diagnostics: reader.diagnostics, source: yaml)
    }

    /// Loads every `*.yaml`/`*.yml` file in a directory (sorted by name).
    public func loadDirectory(_ url: URL) throws -> [(url: URL, result: Result)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        let files = names.map { url.appendingPathComponent($0) }
        var loader = self
        if loader.knownWorkflows == nil {
            // A first pass learns every file's workflow and states, so a guard may name another file's.
            var known: [String: Set<String>] = [:]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file.path),
                    let definition = Self.parse(yaml: String(decoding: data, as: UTF8.self), file: file.path)
                else { continue }
                known[definition.key, default: []].formUnion(definition.states.map(\.key))
            }
            loader.knownWorkflows = known
        }
        return files.map { ($0, loader.load(contentsOf: $0)) }
    }
}

/// The definition-specific part of the one YAML reader.
extension YAMLReader {
    mutating func roles(_ node: Node?, _ path: String) -> [Role] {
        strings(node, path).map { Role($0) }
    }

    mutating func guards(_ node: Node?, _ path: String) -> [GuardExpression] {
        strings(node, path).enumerated().compactMap { index, text in
            let sub = node.map { if case .sequence = $0 { return "\(path)[\(index)]" } else { return path } } ?? path
            do throws(GuardExpression.ParseError) {
                return try GuardExpression(parsing: text)
            } catch {
                self.error(
                    "unknown-guard", sub, marks[sub], error.message,
                    "use one of: \(GuardPredicate.knownNames.joined(separator: ", "))")
                return nil
            }
        }
    }

    // MARK: - Definition

    mutating func definition(_ root: Node) -> WorkflowDefinition? {
        let top: Set<String> = [
            "workflow", "version", "supersedes", "title", "description", "summary", "submit", "fields", "initial",
            "states", "actions", "register", "tally", "evidence",
        ]
        guard let pairs = mapping(root, "", allowed: top) else { return nil }
        let d = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        let key = string(d["workflow"], "workflow") ?? ""
        let version = positiveInt(d["version"], "version") ?? 0
        var supersedes: Int?
        if d["supersedes"] != nil { supersedes = positiveInt(d["supersedes"], "supersedes") }
        let title = label(d["title"], "title")
        let description = d["description"].map { label($0, "description") }
        let summary = string(d["summary"], "summary") ?? ""
        var submit = SubmitRule(who: [])
        if let node = d["submit"], let sp = mapping(node, "submit", allowed: ["who", "guards", "separateDuties"]) {
            let s = Dictionary(sp, uniquingKeysWith: { a, _ in a })
            submit = SubmitRule(
                who: roles(s["who"], "submit.who"), guards: guards(s["guards"], "submit.guards"),
                separateDuties: s["separateDuties"].map { bool($0, "submit.separateDuties") } ?? true)
        } else if d["submit"] == nil {
            error("missing-key", "submit", nil, "'submit' is missing", "add submit: {who: [department]}")
        }
        let fields = fieldList(d["fields"], "fields")
        let initial = string(d["initial"], "initial") ?? ""
        var states: [StateDefinition] = []
        if let node = d["states"], let sp = mapping(node, "states") {
            states = sp.compactMap { state($0.1, key: $0.0, "states.\($0.0)") }
        } else if d["states"] == nil {
            error("missing-key", "states", nil, "'states' is missing", "add the states of the workflow")
        }
        var actions: [ActionDefinition] = []
        if let node = d["actions"], let ap = mapping(node, "actions") {
            actions = ap.compactMap { action($0.1, key: $0.0, "actions.\($0.0)") }
        }
        var definition = WorkflowDefinition(
            key: key, version: version, supersedes: supersedes, title: title, description: description,
            summaryField: summary, submit: submit, fields: fields, initial: initial, states: states, actions: actions)
        definition.register = d["register"].flatMap { registerRole($0, "register") }
        definition.tally = string(d["tally"], "tally", required: false)
        definition.evidence = d["evidence"].map { strings($0, "evidence") } ?? []
        return definition
    }

    mutating func registerRole(_ node: Node, _ path: String) -> RegisterRole? {
        let keys: Set<String> = [
            "part", "kindField", "textField", "placeField", "locationField", "admissionField", "entryField",
            "doorValue",
            "done", "manualEntry",
        ]
        guard let pairs = mapping(node, path, allowed: keys) else { return nil }
        let d = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        let partText = string(d["part"], "\(path).part") ?? ""
        guard let part = RegisterRole.Part(rawValue: partText) else {
            error(
                "wrong-type", "\(path).part", marks["\(path).part"], "unknown register part '\(partText)'",
                "write entry or removal")
            return nil
        }
        func optional(_ key: String) -> String? { string(d[key], "\(path).\(key)", required: false) }
        return RegisterRole(
            part: part, kindField: optional("kindField"), textField: optional("textField"),
            placeField: optional("placeField"), locationField: optional("locationField"),
            admissionField: optional("admissionField"), entryField: optional("entryField"),
            doorValue: optional("doorValue"),
            done: strings(d["done"], "\(path).done"),
            manualEntry: stringMapping(d["manualEntry"], "\(path).manualEntry"))
    }

    /// A mapping of keys to plain values (`{origin: existing}`); absent is empty.
    mutating func stringMapping(_ node: Node?, _ path: String) -> [String: String] {
        guard let node, let pairs = mapping(node, path) else { return [:] }
        var result: [String: String] = [:]
        for (key, value) in pairs {
            if let text = string(value, "\(path).\(key)") { result[key] = text }
        }
        return result
    }

    mutating func effects(_ node: Node?, _ path: String) -> [Effect] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else {
            error(
                "wrong-type", path, node.mark, "expected a list of effects", "write - {create: WORKFLOW, fields: {...}}"
            )
            return []
        }
        return sequence.enumerated().compactMap { index, item in
            let epath = "\(path)[\(index)]"
            guard
                let pairs = mapping(item, epath, allowed: ["create", "fields", "installList", "forEach", "act", "on"])
            else {
                return nil
            }
            let d = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
            if let field = string(d["installList"], "\(epath).installList", required: false) {
                return .installList(field: field)
            }
            var fields: [String: EffectValue] = [:]
            if let fieldsNode = d["fields"], let fp = mapping(fieldsNode, "\(epath).fields") {
                for (key, value) in fp {
                    if let text = string(value, "\(epath).fields.\(key)") { fields[key] = EffectValue(parsing: text) }
                }
            }
            if let action = string(d["act"], "\(epath).act", required: false) {
                guard let on = string(d["on"], "\(epath).on") else { return nil }
                return .act(action: action, on: on, fields: fields)
            }
            guard let workflow = string(d["create"], "\(epath).create", required: false) else {
                error(
                    "missing-key", epath, item.mark, "an effect needs create, act or installList",
                    "write create: WORKFLOW")
                return nil
            }
            var forEach: EffectMatch?
            if let node = d["forEach"],
                let fp = mapping(node, "\(epath).forEach", allowed: ["workflow", "field", "equals"])
            {
                let f = Dictionary(fp, uniquingKeysWith: { a, _ in a })
                forEach = EffectMatch(
                    workflow: string(f["workflow"], "\(epath).forEach.workflow") ?? "",
                    field: string(f["field"], "\(epath).forEach.field") ?? "",
                    equals: EffectValue(parsing: string(f["equals"], "\(epath).forEach.equals") ?? ""))
            }
            return .create(workflow: workflow, fields: fields, forEach: forEach)
        }
    }

    mutating func fieldList(_ node: Node?, _ path: String) -> [FieldDefinition] {
        guard let node else { return [] }
        guard let pairs = mapping(node, path) else { return [] }
        return pairs.compactMap { field($0.1, key: $0.0, "\(path).\($0.0)") }
    }

    mutating func field(_ node: Node, key: String, _ path: String) -> FieldDefinition? {
        guard
            let pairs = mapping(
                node, path,
                allowed: [
                    "type", "label", "required", "maxLength", "maxBytes", "multiline", "values", "items", "list",
                    "workflows", "states", "blank", "unique", "concerns",
                ])
        else { return nil }
        let d = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        let typeText = string(d["type"], "\(path).type") ?? "text"
        guard let type = FieldType(rawValue: typeText) else {
            error(
                "wrong-type", "\(path).type", marks["\(path).type"], "unknown field type '\(typeText)'",
                "use one of: \(FieldType.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        var values: [EnumValue] = []
        if let valuesNode = d["values"] ?? d["items"] {
            let vpath = "\(path).\(d["values"] != nil ? "values" : "items")"
            if let vp = mapping(valuesNode, vpath) {
                values = vp.map { enumValue($0.1, key: $0.0, "\(vpath).\($0.0)") }
            }
        }
        var maxLength: Int?
        if d["maxLength"] != nil { maxLength = positiveInt(d["maxLength"], "\(path).maxLength") }
        var blankMeansAll = false
        if let blank = string(d["blank"], "\(path).blank", required: false) {
            if blank == "all" {
                blankMeansAll = true
            } else {
                error(
                    "wrong-type", "\(path).blank", marks["\(path).blank"], "blank is '\(blank)'",
                    "write blank: all (a blank committee means every committee), or leave the key out")
            }
        }
        var maxBytes: Int?
        if d["maxBytes"] != nil { maxBytes = positiveInt(d["maxBytes"], "\(path).maxBytes") }
        let multiline: Bool? = d["multiline"] != nil ? bool(d["multiline"], "\(path).multiline") : nil
        var uniqueOpen = false
        if let unique = string(d["unique"], "\(path).unique", required: false) {
            if unique == "open" {
                uniqueOpen = true
            } else {
                error(
                    "wrong-type", "\(path).unique", marks["\(path).unique"], "unique is '\(unique)'",
                    "write unique: open (one open request per named request), or leave the key out")
            }
        }
        return FieldDefinition(
            key: key, label: label(d["label"], "\(path).label"), type: type,
            required: bool(d["required"], "\(path).required"),
            maxLength: maxLength, maxBytes: maxBytes, multiline: multiline, values: values,
            list: string(d["list"], "\(path).list", required: false),
            workflows: strings(d["workflows"], "\(path).workflows"), states: strings(d["states"], "\(path).states"),
            blankMeansAll: blankMeansAll, uniqueOpen: uniqueOpen, concerns: bool(d["concerns"], "\(path).concerns"))
    }

    /// `{zh: 标签, en: Label}`, optionally with `ends: YYYY-MM-DD` (the last day a phase value stands for).
    mutating func enumValue(_ node: Node, key: String, _ path: String) -> EnumValue {
        guard case .mapping(let mapping) = node, let endsNode = mapping["ends"] else {
            return EnumValue(key: key, label: label(node, path))
        }
        var rest = mapping
        rest["ends"] = nil
        let text = string(endsNode, "\(path).ends") ?? ""
        guard let ends = LocalDate(text) else {
            error("wrong-type", "\(path).ends", endsNode.mark, "'\(text)' is not a date", "write ends: YYYY-MM-DD")
            return EnumValue(key: key, label: label(.mapping(rest), path))
        }
        return EnumValue(key: key, label: label(.mapping(rest), path), ends: ends)
    }

    mutating func state(_ node: Node, key: String, _ path: String) -> StateDefinition? {
        guard let pairs = mapping(node, path, allowed: ["label", "final", "queue", "deadlines"]) else { return nil }
        let d = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        var deadlines: [Deadline] = []
        if let dn = d["deadlines"] {
            if case .sequence(let seq) = dn {
                deadlines = seq.enumerated().compactMap { deadline($1, "\(path).deadlines[\($0)]") }
            } else {
                error(
                    "wrong-type", "\(path).deadlines", dn.mark, "expected a list of deadlines",
                    "write - {after: 5, then: remind}")
            }
        }
        return StateDefinition(
            key: key, label: label(d["label"], "\(path).label"), final: bool(d["final"], "\(path).final"),
            queue: string(d["queue"], "\(path).queue", required: false).map { Role($0) }, deadlines: deadlines)
    }

    mutating func deadline(_ node: Node, _ path: String) -> Deadline? {
        guard let pairs = mapping(node, path, allowed: ["after", "at", "atField", "then", "to"]) else { return nil }
        marks[path] = node.mark
        let d = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        let time: DeadlineTime
        if d["after"] != nil {
            guard let n = positiveInt(d["after"], "\(path).after") else { return nil }
            time = .workingDays(n)
        } else if let at = string(d["at"], "\(path).at", required: false) {
            guard let date = LocalDate(at) else {
                error("wrong-type", "\(path).at", marks["\(path).at"], "'\(at)' is not a date", "write at: YYYY-MM-DD")
                return nil
            }
            time = .date(date)
        } else if let field = string(d["atField"], "\(path).atField", required: false) {
            time = .field(field)
        } else {
            error(
                "missing-key", path, node.mark, "a deadline needs after, at or atField", "add after: N (working days)")
            return nil
        }
        let then = string(d["then"], "\(path).then") ?? "remind"
        let effect: DeadlineEffect
        switch then {
        case "remind": effect = .remind
        case "escalate": effect = .escalate(Role(string(d["to"], "\(path).to", required: false) ?? "street"))
        default: effect = .action(then)
        }
        return Deadline(time: time, effect: effect)
    }

    mutating func action(_ node: Node, key: String, _ path: String) -> ActionDefinition? {
        let allowed: Set<String> = [
            "label", "from", "to", "who", "comment", "fields", "guards", "signoff", "automatic", "amendsSubject",
            "effects", "number", "cc",
        ]
        guard let pairs = mapping(node, path, allowed: allowed) else { return nil }
        let d = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        var who: [Role] = []
        var whoByState: [String: [Role]] = [:]
        if let whoNode = d["who"] {
            if case .mapping = whoNode, let wp = mapping(whoNode, "\(path).who") {
                for (state, rolesNode) in wp { whoByState[state] = roles(rolesNode, "\(path).who.\(state)") }
                who = Array(Set(whoByState.values.joined())).sorted()
            } else {
                who = roles(whoNode, "\(path).who")
            }
        } else {
            error(
                "missing-key", "\(path).who", node.mark, "'who' is missing",
                "add who: [office] (or street, applicant, ...)")
        }
        let comment = string(d["comment"], "\(path).comment", required: false) ?? "optional"
        if comment != "optional" && comment != "required" {
            error(
                "wrong-type", "\(path).comment", marks["\(path).comment"], "comment is '\(comment)'",
                "write comment: required or comment: optional")
        }
        var signOff = SignOff.any
        if let sn = d["signoff"], let sp = mapping(sn, "\(path).signoff", allowed: ["count", "users"]) {
            let s = Dictionary(sp, uniquingKeysWith: { a, _ in a })
            if s["users"] != nil {
                signOff = .all(users: strings(s["users"], "\(path).signoff.users"))
            } else if let n = positiveInt(s["count"], "\(path).signoff.count") {
                signOff = .count(n)
            }
        }
        return ActionDefinition(
            key: key, label: label(d["label"], "\(path).label"), from: strings(d["from"], "\(path).from"),
            to: string(d["to"], "\(path).to") ?? "", who: who, whoByState: whoByState,
            commentRequired: comment == "required", fields: fieldList(d["fields"], "\(path).fields"),
            guards: guards(d["guards"], "\(path).guards"), signOff: signOff,
            automatic: bool(d["automatic"], "\(path).automatic"),
            amendsSubject: bool(d["amendsSubject"], "\(path).amendsSubject"),
            effects: effects(d["effects"], "\(path).effects"),
            number: string(d["number"], "\(path).number", required: false), cc: strings(d["cc"], "\(path).cc"))
    }
}
