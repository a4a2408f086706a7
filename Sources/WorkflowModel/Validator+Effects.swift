/// Checks that span several definitions: what one workflow's effects name in another.
public enum EffectChecker {
    /// Problems with the effects of `definitions` (the set loaded together): a created workflow that is not
    /// loaded, a field it does not have, a `forEach` over an unknown workflow or field.
    public static func check(_ definitions: [(file: String, definition: WorkflowDefinition)]) -> [Diagnostic] {
        let byKey = Dictionary(
            definitions.map { ($0.definition.key, $0.definition) },
            uniquingKeysWith: { $0.version >= $1.version ? $0 : $1 })
        var diagnostics: [Diagnostic] = []
        for (file, definition) in definitions {
            for (index, workflow) in definition.evidence.enumerated() {
                let problem: (String, String)? =
                    if definition.committeeField == nil {
                        ("evidence needs a committee field in \(definition.key)", "add a field of type committee")
                    } else if let target = byKey[workflow] {
                        target.committeeField == nil
                            ? ("evidence names '\(workflow)', which has no committee field", "name a workflow with one")
                            : nil
                    } else {
                        ("evidence names unknown workflow '\(workflow)'", "name a workflow loaded with this one")
                    }
                if let (message, hint) = problem {
                    diagnostics.append(
                        Diagnostic(
                            rule: "evidence", file: file, line: 0, column: 0, path: "evidence[\(index)]",
                            message: message, hint: hint))
                }
            }
            for action in definition.actions {
                let path = "actions.\(action.key).effects"
                func report(_ message: String, _ hint: String) {
                    diagnostics.append(
                        Diagnostic(
                            rule: "effect", file: file, line: 0, column: 0, path: path, message: message, hint: hint))
                }
                for case .act(let key, let on, let fields) in action.effects {
                    // Every workflow the request field may name must have the action, taken by the system.
                    for workflow in definition.field(on)?.workflows ?? [] {
                        guard let target = byKey[workflow] else { continue }
                        guard let taken = target.action(key), taken.who.contains(.system), !taken.automatic else {
                            report(
                                "effect takes '\(key)' on \(workflow), which has no such system action",
                                "add to \(workflow) an action \(key) with who: [system]")
                            continue
                        }
                        for field in fields.keys.sorted() where !taken.fields.contains(where: { $0.key == field }) {
                            report(
                                "effect sets field '\(field)', which \(workflow)'s \(key) does not have",
                                "name a field of the action")
                        }
                    }
                }
                for case .create(let workflow, let fields, let forEach) in action.effects {
                    guard let target = byKey[workflow] else {
                        report("effect creates unknown workflow '\(workflow)'", "name a workflow loaded with this one")
                        continue
                    }
                    for key in fields.keys.sorted() where target.field(key) == nil {
                        report(
                            "effect sets field '\(key)', which \(workflow) does not have", "name a field of \(workflow)"
                        )
                    }
                    guard let forEach else { continue }
                    guard let source = byKey[forEach.workflow] else {
                        report(
                            "forEach names unknown workflow '\(forEach.workflow)'",
                            "name a workflow loaded with this one")
                        continue
                    }
                    let names =
                        [forEach.field]
                        + fields.values.compactMap { if case .field(let name) = $0 { name } else { nil } }
                    for name in names where source.field(name) == nil {
                        report(
                            "forEach reads field '\(name)', which \(forEach.workflow) does not have",
                            "name a field of \(forEach.workflow)")
                    }
                }
            }
        }
        return diagnostics
    }
}
