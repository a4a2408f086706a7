/// Renders a definition as a state diagram: states with their zh labels, actions as edges with who may act.
public enum GraphFormat: String, Sendable, CaseIterable {
    case mermaid
    case dot
}

extension WorkflowDefinition {
    /// The diagram source in the chosen format.
    public func graph(_ format: GraphFormat, language: Language = .zh) -> String {
        switch format {
        case .mermaid: return mermaid(language)
        case .dot: return dot(language)
        }
    }

    private func edgeLabel(_ action: ActionDefinition, from state: String, _ language: Language) -> String {
        // Who acts, in words (社区自治办), not as role keys.
        let who = action.roles(in: state).map { $0.label().text(language) }
        return "\(action.label.text(language))"
            + (language == .zh ? "（\(who.joined(separator: "、"))）" : " (\(who.joined(separator: ", ")))")
    }

    private func mermaid(_ language: Language) -> String {
        func id(_ key: String) -> String { key.replacingOccurrences(of: "-", with: "_") }
        func quoted(_ text: String) -> String { text.replacingOccurrences(of: "\"", with: "#quot;") }
        var lines = ["---", "title: \(title.text(language))", "---", "stateDiagram-v2"]
        for state in states {
            lines.append("    state \"\(quoted(state.label.text(language)))\" as \(id(state.key))")
        }
        lines.append("    [*] --> \(id(initial))")
        for action in actions {
            for from in action.from {
                lines.append(
                    "    \(id(from)) --> \(id(action.to)): \(quoted(edgeLabel(action, from: from, language)).replacingOccurrences(of: ":", with: "#colon;"))"
                )
            }
        }
        for state in states where state.final {
            lines.append("    \(id(state.key)) --> [*]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func dot(_ language: Language) -> String {
        func q(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines = [
            "digraph \(q(key)) {", "    label=\(q(title.text(language)));", "    rankdir=LR;",
            "    node [shape=box, style=rounded, fontname=\"Noto Sans CJK SC\"];",
            "    edge [fontname=\"Noto Sans CJK SC\", fontsize=10];", "    __start [shape=point];",
        ]
        for state in states {
            lines.append(
                "    \(q(state.key)) [label=\(q(state.label.text(language)))\(state.final ? ", peripheries=2" : "")];")
        }
        lines.append("    __start -> \(q(initial));")
        for action in actions {
            for from in action.from {
                let style = action.automatic ? ", style=dashed" : ""
                lines.append(
                    "    \(q(from)) -> \(q(action.to)) [label=\(q(edgeLabel(action, from: from, language)))\(style)];")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
