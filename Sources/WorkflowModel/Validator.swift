import Yams

/// The semantic rules a definition must pass; each finding names the rule, the place and the fix.
struct DefinitionValidator {
    let file: String
    let marks: [String: Mark]
    let knownLists: Set<String>?
    /// The states of every workflow a guard may ask about (`committeeReached`); nil skips that check.
    let knownWorkflows: [String: Set<String>]?

    func validate(_ d: WorkflowDefinition, into diagnostics: inout [Diagnostic]) {
        func report(_ rule: String, _ path: String, _ message: String, _ hint: String) {
            let mark = marks[path]
            diagnostics.append(
                Diagnostic(
                    rule: rule, file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, path: path,
                    message: message, hint: hint))
        }
        let stateKeys = Set(d.states.map(\.key))
        let stateList = d.states.map(\.key).joined(separator: ", ")
        let subjectFields = Set(d.fields.map(\.key))

        if d.key.isEmpty || d.key.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-") }) {
            report(
                "workflow-key", "workflow", "workflow key '\(d.key)' is empty or has spaces/symbols",
                "use lower-case words joined by '-'")
        }
        if let supersedes = d.supersedes, supersedes >= d.version {
            report(
                "supersedes", "supersedes", "version \(d.version) cannot supersede version \(supersedes)",
                "supersedes names the older version this one replaces: a number below \(d.version)")
        }
        if !subjectFields.contains(d.summaryField) {
            report(
                "unknown-field", "summary", "summary names no subject field '\(d.summaryField)'",
                "name one of: \(d.fields.map(\.key).joined(separator: ", "))")
        }
        if !stateKeys.contains(d.initial) {
            report(
                "unknown-initial", "initial", "initial state '\(d.initial)' is not defined", "name one of: \(stateList)"
            )
        }
        for (index, role) in d.submit.who.enumerated() {
            checkRole(role, path: d.submit.who.count > 1 ? "submit.who[\(index)]" : "submit.who", report)
        }
        checkGuards(d.submit.guards, path: "submit.guards", fields: subjectFields, definition: d, report)

        for field in d.fields { checkField(field, path: "fields.\(field.key)", report) }

        // An effect may also copy the document number (文号) the engine gives a numbered decision.
        let anyFields = subjectFields.union(d.actions.flatMap(\.fields).map(\.key)).union([
            WorkflowEvent.documentNumberField
        ])
        for action in d.actions {
            if let kind = action.number,
                kind.isEmpty || !kind.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            {
                report(
                    "wrong-value", "actions.\(action.key).number", "number series '\(kind)' is not a key",
                    "write number: admission, refusal, revocation or another lower-case key")
            }
            for target in action.cc
            where !["committee", "applicant"].contains(target) && !CopyTarget.kinds.contains(where: target.hasPrefix) {
                report(
                    "wrong-value", "actions.\(action.key).cc", "cc target '\(target)' is not one",
                    "write committee, applicant, user:NAME, department:KEY or committee:NAME")
            }
            for (index, effect) in action.effects.enumerated() {
                let epath = "actions.\(action.key).effects"
                switch effect {
                case .create(let workflow, let fields, let forEach):
                    if workflow.isEmpty {
                        report("effect", epath, "effect \(index) creates no workflow", "write create: WORKFLOW")
                    }
                    // With forEach the fields are read from the matched requests (checked when the catalog loads).
                    let sources = forEach.map { [$0.equals] } ?? Array(fields.values)
                    for case .field(let name) in sources where !anyFields.contains(name) {
                        report(
                            "unknown-field", epath, "effect \(index) copies unknown field '\(name)'",
                            "name a field of this workflow, $id or =TEXT")
                    }
                case .installList(let field):
                    if !subjectFields.contains(field) {
                        report(
                            "unknown-field", epath, "installList names unknown field '\(field)'", "name a subject field"
                        )
                    }
                case .act(_, let on, let fields):
                    if d.field(on)?.type != .request {
                        report(
                            "unknown-field", epath, "effect \(index) acts on '\(on)', which is not a request field",
                            "name a field of type request")
                    }
                    for case .field(let name) in fields.values where !anyFields.contains(name) {
                        report(
                            "unknown-field", epath, "effect \(index) copies unknown field '\(name)'",
                            "name a field of this workflow, $id or =TEXT")
                    }
                }
            }
        }
        if let register = d.register {
            let named: [String?] =
                register.part == .entry
                ? [register.kindField, register.textField, register.placeField]
                : [register.entryField ?? register.admissionField]
            for key in named where key.map({ !subjectFields.contains($0) }) ?? true {
                report(
                    "unknown-field", "register", "register names no subject field '\(key ?? "")'",
                    register.part == .entry
                        ? "give kindField, textField and placeField as subject fields"
                        : "give entryField or admissionField as a subject field")
            }
            for (key, value) in register.manualEntry.sorted(by: { $0.key < $1.key }) {
                guard let field = d.fields.first(where: { $0.key == key }) else {
                    report(
                        "unknown-field", "register.manualEntry",
                        "register.manualEntry names no subject field '\(key)'", "name a subject field")
                    continue
                }
                if field.type == .enum, !field.values.contains(where: { $0.key == value }) {
                    report(
                        "unknown-value", "register.manualEntry.\(key)",
                        "'\(value)' is no choice of field '\(key)'",
                        "name one of: \(field.values.map(\.key).joined(separator: ", "))")
                }
            }
            for state in register.done where !stateKeys.contains(state) {
                report(
                    "unknown-state-to", "register.done", "register.done names no state '\(state)'",
                    "name one of: \(stateList)")
            }
        }
        if let tally = d.tally, !subjectFields.contains(tally) {
            report("unknown-field", "tally", "tally names no subject field '\(tally)'", "name a subject field")
        }

        for state in d.states {
            let path = "states.\(state.key)"
            if let queue = state.queue { checkRole(queue, path: "\(path).queue", report) }
            // A finished request may still be moved by the system alone (e.g. an admission revoked by the decision
            // on its revocation); no person acts on it.
            let outgoing = d.actions(from: state.key)
            let byPeople = outgoing.filter { $0.who != [.system] || $0.automatic }
            if state.final && !byPeople.isEmpty {
                report(
                    "final-with-actions", "\(path).final",
                    "final state '\(state.key)' has outgoing actions: \(byPeople.map(\.key).joined(separator: ", "))",
                    "remove final: true, take '\(state.key)' out of those actions' from, or make them who: [system]")
            }
            if !state.final && outgoing.isEmpty {
                report(
                    "dead-end", path, "state '\(state.key)' is not final and no action leaves it",
                    "add an action from '\(state.key)', or mark it final: true")
            }
            let automatic = outgoing.filter(\.automatic)
            if !automatic.isEmpty && !automatic.contains(where: { $0.guards.isEmpty }) {
                report(
                    "no-fallback", path, "state '\(state.key)' has automatic actions but none without guards",
                    "add a last automatic action without guards so an instance never sticks here")
            }
            for (index, deadline) in state.deadlines.enumerated() {
                let dpath = "\(path).deadlines[\(index)]"
                switch deadline.effect {
                case .action(let key):
                    if !outgoing.contains(where: { $0.key == key }) {
                        report(
                            "deadline-action", "\(dpath).then",
                            "deadline names action '\(key)', which is not an action from '\(state.key)'",
                            "write then: remind, then: escalate, or an action whose from includes '\(state.key)'")
                    }
                    if outgoing.contains(where: { $0.key == key && !$0.effects.isEmpty }) {
                        report(
                            "deadline-action", "\(dpath).then", "deadline action '\(key)' has effects",
                            "a timer takes no action with effects; let a person take it")
                    }
                case .escalate(let role): checkRole(role, path: "\(dpath).to", report)
                case .remind: break
                }
                if case .field(let key) = deadline.time, let field = d.field(key), field.type == .enum {
                    if field.values.contains(where: { $0.ends == nil }) {
                        report(
                            "unknown-field", "\(dpath).atField", "enum field '\(key)' has values without an end date",
                            "give every value of '\(key)' an ends: YYYY-MM-DD")
                    }
                } else if case .field(let key) = deadline.time, d.field(key)?.type != .date {
                    report(
                        "unknown-field", "\(dpath).atField", "atField names no date field '\(key)'",
                        "name a subject field of type date, or an enum field whose values have ends: dates")
                }
            }
        }

        for action in d.actions {
            let path = "actions.\(action.key)"
            if action.from.isEmpty {
                report("unknown-state", "\(path).from", "action '\(action.key)' has no from", "add from: STATE")
            }
            for (index, from) in action.from.enumerated() where !stateKeys.contains(from) {
                report(
                    "unknown-state", action.from.count > 1 ? "\(path).from[\(index)]" : "\(path).from",
                    "action '\(action.key)' starts from unknown state '\(from)'", "name one of: \(stateList)")
            }
            if !stateKeys.contains(action.to) {
                report(
                    "unknown-state", "\(path).to", "action '\(action.key)' leads to unknown state '\(action.to)'",
                    "name one of: \(stateList)")
            }
            for state in action.whoByState.keys.sorted() where !action.from.contains(state) {
                report(
                    "unknown-state", "\(path).who.\(state)", "who names state '\(state)' that is not in from",
                    "list roles only for the states in from")
            }
            for (state, roles) in action.whoByState.sorted(by: { $0.key < $1.key }) {
                for role in roles { checkRole(role, path: "\(path).who.\(state)", report) }
            }
            if action.whoByState.isEmpty {
                for role in action.who { checkRole(role, path: "\(path).who", report) }
            }
            if action.automatic && !action.who.contains(.system) {
                report(
                    "unknown-role", "\(path).who", "automatic action '\(action.key)' must name who: [system]",
                    "write who: [system]")
            }
            if case .all(let users) = action.signOff, users.isEmpty {
                report(
                    "signoff", "\(path).signoff", "a sign-off list without users", "list users: [a, b] or use count: N")
            }
            for field in action.fields { checkField(field, path: "\(path).fields.\(field.key)", report) }
            let visible = subjectFields.union(action.fields.map(\.key)).union(
                d.actions.flatMap { $0.fields.map(\.key) })
            checkGuards(action.guards, path: "\(path).guards", fields: visible, definition: d, report)
            if action.amendsSubject && !action.fields.isEmpty {
                report(
                    "amends-subject", "\(path).amendsSubject",
                    "action '\(action.key)' amends the subject and also declares its own fields",
                    "an action with amendsSubject: true takes the subject's fields; remove its fields:")
            }
            if action.amendsSubject && action.automatic {
                report(
                    "amends-subject", "\(path).amendsSubject",
                    "automatic action '\(action.key)' cannot amend the subject (nobody gives the new values)",
                    "remove amendsSubject: true or automatic: true")
            }
        }

        // Reachability from the initial state.
        if stateKeys.contains(d.initial) {
            var reached: Set<String> = [d.initial]
            var frontier = [d.initial]
            while let state = frontier.popLast() {
                for action in d.actions(from: state) where reached.insert(action.to).inserted {
                    frontier.append(action.to)
                }
            }
            for state in d.states where !reached.contains(state.key) {
                report(
                    "unreachable-state", "states.\(state.key)",
                    "state '\(state.key)' cannot be reached from '\(d.initial)'",
                    "add an action leading to '\(state.key)', or remove it")
            }
        }
    }

    private func checkRole(_ role: Role, path: String, _ report: (String, String, String, String) -> Void) {
        guard !Role.definitionRoles.contains(role) else { return }
        report(
            "unknown-role", path, "unknown role '\(role)'",
            "use one of: \(Role.definitionRoles.map(\.rawValue).sorted().joined(separator: ", "))")
    }

    private func checkField(_ field: FieldDefinition, path: String, _ report: (String, String, String, String) -> Void)
    {
        if (field.type == .enum || field.type == .checklist) && field.values.isEmpty {
            report(
                "enum-without-values", "\(path).type", "\(field.type.rawValue) field '\(field.key)' has no values",
                "add values: {key: {zh: 标签, en: Label}, ...}")
        }
        if field.blankMeansAll && (field.type != .committee || field.required) {
            report(
                "blank-all", "\(path).blank",
                "blank: all on \(field.required ? "a required" : "a \(field.type.rawValue)") field '\(field.key)'",
                "blank: all belongs on an optional committee field (a blank committee then means every committee)")
        }
        if field.type == .request, let knownWorkflows {
            for (index, key) in field.workflows.enumerated() where knownWorkflows[key] == nil {
                report(
                    "unknown-workflow", field.workflows.count > 1 ? "\(path).workflows[\(index)]" : "\(path).workflows",
                    "field '\(field.key)' names unknown workflow '\(key)'",
                    "name one of: \(knownWorkflows.keys.sorted().joined(separator: ", "))")
            }
            let states = field.workflows.compactMap { knownWorkflows[$0] }.reduce(into: Set<String>()) {
                $0.formUnion($1)
            }
            for (index, state) in field.states.enumerated() where !states.isEmpty && !states.contains(state) {
                report(
                    "unknown-state", field.states.count > 1 ? "\(path).states[\(index)]" : "\(path).states",
                    "field '\(field.key)' names state '\(state)', which none of its workflows has",
                    "name one of: \(states.sorted().joined(separator: ", "))")
            }
        }
        if let list = field.list, let knownLists, !knownLists.contains(list) {
            report(
                "unknown-list", "\(path).list", "unknown reference list '\(list)'",
                "name one of: \(knownLists.sorted().joined(separator: ", "))")
        }
    }

    private func checkGuards(
        _ guards: [GuardExpression], path: String, fields: Set<String>, definition: WorkflowDefinition,
        _ report: (String, String, String, String) -> Void
    ) {
        for (index, expression) in guards.enumerated() {
            let gpath = guards.count > 1 ? "\(path)[\(index)]" : path
            switch expression.predicate {
            case .fieldEquals(let key, let value), .fieldNotEquals(let key, let value):
                let other =
                    value.hasPrefix("field(") && value.hasSuffix(")") ? String(value.dropFirst(6).dropLast()) : nil
                if let missing = ([key] + (other.map { [$0] } ?? [])).first(where: { !fields.contains($0) }) {
                    report(
                        "unknown-field", gpath, "guard '\(expression)' names unknown field '\(missing)'",
                        "name one of: \(fields.sorted().joined(separator: ", "))")
                } else if other == nil, let field = definition.anyField(key),
                    field.type == .enum || field.type == .checklist,
                    !field.values.contains(where: { $0.key == value })
                {
                    // A misspelt value would make the comparison always true (or always false) without a word.
                    report(
                        "unknown-value", gpath,
                        "guard '\(expression)' compares field '\(key)' with '\(value)', which is not one of its values",
                        "name one of: \(field.values.map(\.key).joined(separator: ", "))")
                }
            case .checklistComplete(let key), .inProgramme(let key), .noOpenRequest(let key), .listUpdate(let key):
                if !fields.contains(key) {
                    report(
                        "unknown-field", gpath, "guard '\(expression)' names unknown field '\(key)'",
                        "name one of: \(fields.sorted().joined(separator: ", "))")
                }
            case .onReferenceList(let list?):
                if let knownLists, !knownLists.contains(list) {
                    report(
                        "unknown-list", gpath, "guard '\(expression)' names unknown list '\(list)'",
                        "name one of: \(knownLists.sorted().joined(separator: ", "))")
                }
            case .placementAllowed(let key, let value):
                guard let field = definition.field(key), field.type == .enum else {
                    report(
                        "unknown-field", gpath, "guard '\(expression)' names no subject enum field '\(key)'",
                        "name one of: \(definition.fields.filter { $0.type == .enum }.map(\.key).joined(separator: ", "))"
                    )
                    continue
                }
                if !field.values.contains(where: { $0.key == value }) {
                    report(
                        "unknown-value", gpath, "guard '\(expression)' names no value '\(value)' of field '\(key)'",
                        "name one of: \(field.values.map(\.key).joined(separator: ", "))")
                }
            case .committeeReached(let name, let reference):
                if let field = definition.field(name), field.type != .committee {
                    report(
                        "unknown-field", gpath,
                        "guard '\(expression)' names field '\(name)', which is no committee field",
                        "name a committee field, or a committee by name")
                }
                guard let knownWorkflows else { break }
                if let states = knownWorkflows[reference.workflow] {
                    if !states.contains(reference.state) {
                        report(
                            "unknown-state", gpath,
                            "guard '\(expression)' names no state '\(reference.state)' of workflow '\(reference.workflow)'",
                            "name one of: \(states.sorted().joined(separator: ", "))")
                    }
                } else {
                    report(
                        "unknown-workflow", gpath,
                        "guard '\(expression)' names unknown workflow '\(reference.workflow)'",
                        "name one of: \(knownWorkflows.keys.sorted().joined(separator: ", "))")
                }
            default:
                break
            }
        }
    }
}
