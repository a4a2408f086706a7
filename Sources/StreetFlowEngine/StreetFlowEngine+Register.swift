import Foundation
import WorkflowModel
import WorkflowStore

extension StreetFlowEngine {
    /// The register (台账) of one committee, or of every committee when `committee` is nil: each plaque and board,
    /// where it hangs, its removal, and whether the door shows exactly the four 2+2 plaques.
    ///
    /// The office, the street and administrators see every committee; a committee member sees their own.
    public func register(committee name: String?, caller: Caller) throws -> [RegisterReport] {
        let actor = caller.actor
        let everything = actor.roles.contains { [.office, .street, .admin, .system].contains($0) }
        var committees = catalog.committees
        if let name {
            guard let committee = catalog.committees.first(where: { $0.name == name || $0.key == name }) else {
                throw WorkflowError(
                    .invalidField, LocalizedText(zh: "没有名为「\(name)」的居委会", en: "no committee '\(name)'"),
                    ["field": .string("committee"), "reason": .string("unknownCommittee")])
            }
            committees = [committee]
        }
        if !everything {
            committees = committees.filter { actor.roles.contains(.committee($0.name)) }
            if committees.isEmpty {
                throw WorkflowError(
                    .permissionDenied,
                    LocalizedText(
                        zh: "只有自治办、街道和本居委会可以查看台账",
                        en: "only the office, the street and the committee itself see its register"),
                    ["action": .string("register"), "required": .list(["office", "street", "committee"])])
            }
        }
        let definitions = catalog.currentDefinitions
        guard let entryDefinition = definitions.first(where: { $0.register?.part == .entry }),
            let entryRole = entryDefinition.register
        else { return [] }
        let removalDefinition = definitions.first { $0.register?.part == .removal }
        let (entries, removals) = try read { tx -> ([WorkflowInstance], [WorkflowInstance]) in
            let entries = try tx.instances(InstanceFilter(workflow: entryDefinition.key, limit: 1_000_000))
            let removals =
                try removalDefinition.map {
                    try tx.instances(InstanceFilter(workflow: $0.key, limit: 1_000_000))
                } ?? []
            return (entries, removals)
        }
        return committees.map { committee in
            RegisterReport.make(
                committee: committee, entries: entries.filter { $0.committee == committee.name }, entryRole: entryRole,
                removals: removals.filter { $0.committee == committee.name }, removalRole: removalDefinition?.register)
        }
    }

    /// Requests per value of each workflow's `tally` field (e.g. reports of unadmitted work per department):
    /// workflow → value → (all, open).
    public func tallies() throws -> [String: [String: (all: Int, open: Int)]] {
        var result: [String: [String: (all: Int, open: Int)]] = [:]
        for definition in catalog.currentDefinitions {
            guard let field = definition.tally else { continue }
            let instances = try read { try $0.instances(InstanceFilter(workflow: definition.key, limit: 1_000_000)) }
            var counts: [String: (all: Int, open: Int)] = [:]
            for instance in instances {
                let value = instance.subject[field]?.displayText ?? ""
                counts[value, default: (0, 0)].all += 1
                if !instance.final { counts[value, default: (0, 0)].open += 1 }
            }
            result[definition.key] = counts
        }
        return result
    }
}
