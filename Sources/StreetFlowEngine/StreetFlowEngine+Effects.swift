import Foundation
import WorkflowModel
import WorkflowStore

/// What the effects of one command recorded besides the command's own request.
struct EffectOutcome: Sendable {
    /// Requests the effects started (each with its events), and those they acted on.
    var created: [CommandResult] = []
    /// Reference lists the effects put in force.
    var lists: [ReferenceList] = []
}

extension StreetFlowEngine {
    /// Carries out the declared effects of `events` (already applied to `instance`) in the caller's transaction:
    /// requests started as the system, lists checked for installation. A failing effect fails the whole command.
    static func applyEffects(
        _ events: [WorkflowEvent], instance: WorkflowInstance, definition: WorkflowDefinition, catalog: EngineCatalog,
        context: TransitionContext, tx: any StoreTransaction, now: Date
    ) throws -> EffectOutcome {
        var outcome = EffectOutcome()
        for request in definition.effectRequests(of: events, instance: instance) {
            switch request {
            case .create(let workflow, let subject):
                outcome.created.append(
                    try create(workflow, subject: subject, catalog: catalog, context: context, tx: tx, now: now))
            case .createForEach(let workflow, let matchWorkflow, let field, let value, let fields):
                let candidates = try tx.instances(InstanceFilter(workflow: matchWorkflow, limit: 1_000_000))
                for match in candidates where match.subject[field]?.displayText == value {
                    let subject = WorkflowDefinition.subject(fields, event: nil, instance: match)
                    outcome.created.append(
                        try create(workflow, subject: subject, catalog: catalog, context: context, tx: tx, now: now))
                }
            case .installList(let text):
                outcome.lists.append(try ReferenceList.parse(yaml: text))
            case .act(let action, let id, let fields, let comment):
                outcome.created.append(
                    try act(
                        action, on: id, fields: fields, comment: comment, catalog: catalog, context: context, tx: tx,
                        now: now))
            }
        }
        return outcome
    }

    /// Takes `action` as the system on request `id` and records it. A request still on an older version of its
    /// definition that lacks the action is first moved to the current version (a `migrated` event by the system).
    private static func act(
        _ action: String, on id: String, fields: [String: FieldValue], comment: String?, catalog: EngineCatalog,
        context: TransitionContext, tx: any StoreTransaction, now: Date
    ) throws -> CommandResult {
        guard var instance = try tx.instance(id) else { throw WorkflowError.noSuchInstance(id) }
        guard var definition = catalog.definition(instance.workflow, version: instance.definitionVersion) else {
            throw WorkflowError.noSuchWorkflow(instance.workflow, known: catalog.currentDefinitions.map(\.key))
        }
        var events: [WorkflowEvent] = []
        if definition.action(action) == nil, let current = catalog.currentDefinition(instance.workflow),
            current.version > definition.version, current.action(action) != nil
        {
            let migrator = Principal(uid: 0, user: "system", pid: 0, roles: [.system, .admin])
            for event in try definition.transition(
                instance: instance, command: .migrate(to: current), actor: migrator, context: context
            ).get() {
                instance.apply(event, definition: current)
                events.append(event)
            }
            definition = current
        }
        var context = context
        context.references = try references(definition, fields, visibility: nil, tx: tx, catalog: catalog)
        for event in try definition.transition(
            instance: instance, command: .act(action: action, comment: comment, fields: fields), actor: .system,
            context: context
        ).get() {
            instance.apply(event, definition: definition)
            events.append(event)
        }
        return try record(
            events, instance: instance, definition: definition, catalog: catalog, idempotent: nil, uid: 0, tx: tx,
            now: now)
    }

    /// Submits a request of `workflow` as the system and records it.
    private static func create(
        _ workflow: String, subject: [String: FieldValue], catalog: EngineCatalog, context: TransitionContext,
        tx: any StoreTransaction, now: Date
    ) throws -> CommandResult {
        guard let definition = catalog.currentDefinition(workflow) else {
            throw WorkflowError.noSuchWorkflow(workflow, known: catalog.currentDefinitions.map(\.key))
        }
        var context = context
        for reference in definition.stateQueries {
            context.committeesInState[reference] = try tx.committees(in: reference)
        }
        context.references = try references(
            definition, subject, visibility: visibility(.system, catalog: catalog), tx: tx, catalog: catalog)
        context.openCommittees = []
        if definition.needsOpenCommittees {
            let open = try tx.openInstances(InstanceFilter(workflow: definition.key, limit: 1_000_000))
            context.openCommittees = Set(open.compactMap(\.committee))
        }
        let events = try definition.transition(
            instance: nil, command: .submit(subject: subject, comment: nil), actor: .system, context: context
        ).get()
        var id = newID(for: definition.key, at: now)
        while try tx.instance(id) != nil { id = newID(for: definition.key, at: now) }
        var instance = WorkflowInstance.submitted(id: id, event: events[0], definition: definition)
        for event in events.dropFirst() { instance.apply(event, definition: definition) }
        return try record(
            events, instance: instance, definition: definition, catalog: catalog, idempotent: nil, uid: 0, tx: tx,
            now: now)
    }

    /// The lists that approved updates put in force, read back from their requests (oldest first), so that a
    /// restart or a reload keeps them over the seeds.
    static func installedLists(catalog: EngineCatalog, tx: any StoreReader) throws -> [ReferenceList] {
        var lists: [(Date, ReferenceList)] = []
        for definition in catalog.currentDefinitions {
            for action in definition.actions {
                for case .installList(let field) in action.effects {
                    let done = try tx.instances(
                        InstanceFilter(workflow: definition.key, state: action.to, limit: 100_000))
                    for instance in done {
                        guard let text = instance.subject[field]?.stringValue,
                            let list = try? ReferenceList.parse(yaml: text)
                        else { continue }
                        lists.append((instance.updatedAt, list))
                    }
                }
            }
        }
        return lists.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Puts lists in force over the catalog's, each only when its version is newer (new lists are added).
    func installLists(_ lists: [ReferenceList]) {
        catalog.lists = Self.merging(lists, into: catalog.lists)
        logger.info("Reference lists installed", metadata: ["lists": "\(lists.map { "\($0.key)@\($0.version)" })"])
    }

    static func merging(_ lists: [ReferenceList], into current: ReferenceLists) -> ReferenceLists {
        var all = current.lists
        for list in lists {
            if let index = all.firstIndex(where: { $0.key == list.key }) {
                if list.version > all[index].version { all[index] = list }
            } else {
                all.append(list)
            }
        }
        return ReferenceLists(all)
    }
}
