import Foundation
import WorkflowModel
import WorkflowStore

/// One committee in the street programme: its current request of the programme's workflow, its phase and whether
/// it reached the state the programme waits for.
public struct ProgrammeRow: Sendable, Hashable {
    public var committee: Committee
    /// The newest request of the programme's workflow for this committee that the caller may see.
    public var instance: WorkflowInstance?
    /// The phase (the value of the workflow's phase field): the request's, or the committee's planned one.
    public var phase: EnumValue?
    /// Whether the request is in the state the programme waits for (达标).
    public var reached: Bool
    /// In the programme, not reached, and its phase's last day is past (逾期), as the programme report says it.
    public var late: Bool
}

/// The street programme as the caller may see it.
public struct ProgrammeReport: Sendable, Hashable {
    /// The workflow each committee goes through and the state the programme waits for (its `programmeReached` gate).
    public var target: StateReference
    /// Every committee, in the catalogue's order.
    public var rows: [ProgrammeRow]
}

extension StreetFlowEngine {
    /// The workflow and state the programme waits for: the first `programmeReached(WORKFLOW, STATE)` guard of the
    /// loaded definitions; nil when no definition gates on the programme.
    var programmeTarget: StateReference? {
        for definition in catalog.currentDefinitions {
            for guardExpression in definition.actions.flatMap(\.guards) {
                if case .programmeReached(let target) = guardExpression.predicate { return target }
            }
        }
        return nil
    }

    /// Every committee with its request of the programme's workflow (as far as the caller may see it), its phase
    /// and whether it reached the programme's state; nil when no definition gates on the programme.
    public func programme(caller: Caller) throws -> ProgrammeReport? {
        guard let target = programmeTarget, let definition = catalog.currentDefinition(target.workflow) else {
            return nil
        }
        // The phase field: the choice whose values end on a date (the phase's deadline).
        let phaseField = definition.fields.first { field in field.values.contains { $0.ends != nil } }
        var filter = InstanceFilter(workflow: target.workflow, limit: 1_000_000)
        filter.visibility = Self.visibility(caller.actor, catalog: catalog)
        let instances = try read { try $0.instances(filter) }
        // Newest first: the first request per committee is its current one.
        var current: [String: WorkflowInstance] = [:]
        for instance in instances {
            guard let committee = instance.committee, current[committee] == nil else { continue }
            current[committee] = instance
        }
        let today = LocalDate(clock.now())
        let rows = catalog.committees.map { committee in
            let instance = current[committee.name]
            let phaseKey = phaseField.flatMap { instance?.subject[$0.key]?.stringValue } ?? committee.rolloutPhase
            let phase = phaseField?.values.first { $0.key == phaseKey }
            let reached = instance?.state == target.state
            return ProgrammeRow(
                committee: committee, instance: instance, phase: phase, reached: reached,
                late: committee.programme && !reached && (phase?.ends.map { $0 < today } ?? false))
        }
        return ProgrammeReport(target: target, rows: rows)
    }
}
