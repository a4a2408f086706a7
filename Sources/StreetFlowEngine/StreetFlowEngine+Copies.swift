import Foundation
import WorkflowModel
import WorkflowStore

extension StreetFlowEngine {
    /// The targets of a copy (抄送) as people name them — a committee (蓝天二村), a department by key or by the
    /// office's name for it (民政办), a user — or already written `user:…`, `department:…`, `committee:…`. A name
    /// that is none of these is refused, naming what is known.
    func copyTargets(_ names: [String]) throws -> [String] {
        var targets: [String] = []
        for raw in names {
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            let target = try copyTarget(name)
            if !targets.contains(target) { targets.append(target) }
        }
        return targets
    }

    private func copyTarget(_ name: String) throws -> String {
        let catalog = self.catalog
        if let prefix = CopyTarget.kinds.first(where: name.hasPrefix) {
            let rest = String(name.dropFirst(prefix.count))
            switch prefix {
            case "user:": if rolesOfUser(rest) != nil { return name }
            case "committee:": if catalog.committees.contains(where: { $0.name == rest }) { return name }
            default:
                // Without a configured department list any key is taken as given (development mode).
                let known = catalog.departments ?? Set(catalog.departmentLabels.keys)
                if known.isEmpty || known.contains(rest) { return name }
            }
        } else {
            let short = name.hasSuffix("居委会") && name.count > 3 ? String(name.dropLast(3)) : name
            if let committee = catalog.committees.first(where: { $0.name == short || $0.key == short }) {
                return "committee:\(committee.name)"
            }
            if let key = catalog.departmentLabels.first(where: { $0.value == name })?.key {
                return "department:\(key)"
            }
            if catalog.departments?.contains(name) == true || catalog.departmentLabels[name] != nil {
                return "department:\(name)"
            }
            if rolesOfUser(name) != nil { return "user:\(name)" }
        }
        let departments = catalog.departmentLabels.values.sorted()
        let committees = catalog.committees.map(\.name)
        throw WorkflowError(
            .unknownName,
            LocalizedText(
                zh: "抄送对象「\(name)」不是已知的居委会、部门或用户；部门：\(departments.joined(separator: "、"))",
                en: "'\(name)' is no known committee, department or user to copy to"),
            [
                "parameter": .string("cc"), "value": .string(name),
                "known": .list(departments + committees),
            ])
    }
}
