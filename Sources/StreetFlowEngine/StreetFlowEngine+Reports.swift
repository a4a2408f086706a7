import Foundation
import WorkflowModel
import WorkflowStore

/// The street programme as of one day, rebuilt from the event history: every committee's phase, state, time in
/// state, deadline, 达标 date, open shortfalls and rectification rounds, and when each committee was accepted.
public struct ProgrammePicture: Sendable, Hashable {
    /// One phase of the programme (the values of the workflow's phase field, with their last days).
    public struct Phase: Sendable, Hashable {
        public var key: String
        public var label: LocalizedText
        public var ends: LocalDate?
    }

    /// One committee.
    public struct Row: Sendable, Hashable {
        public var committee: String
        public var inProgramme: Bool
        public var phase: Phase?
        /// Its newest request of the programme's workflow submitted by that day, as it stood that day.
        public var instanceID: String?
        public var state: String?
        public var stateLabel: LocalizedText?
        /// Calendar days in that state on that day.
        public var daysInState: Int?
        /// The day it reached the programme's state (达标).
        public var reachedOn: LocalDate?
        /// Not reached and its phase ended before that day.
        public var overdue: Bool
        /// What the last inspection found missing (the checklist the office recorded when it sent it back).
        public var shortfalls: [LocalizedText]
        /// Times the office sent it back to the committee.
        public var rounds: Int
    }

    public var asOf: LocalDate
    public var workflow: String
    public var workflowTitle: LocalizedText
    public var reachedState: String
    public var reachedLabel: LocalizedText
    public var phases: [Phase]
    /// The committees of the programme, then the others (listed apart), in the catalogue's order.
    public var rows: [Row]
}

/// Admissions per committee and per department over a period: requests by outcome, time to decision, overdue,
/// reference-list hits, and the admitted items each committee carries.
public struct AdmissionsPicture: Sendable, Hashable {
    /// One committee or department with one admission workflow.
    public struct Line: Sendable, Hashable {
        /// `committee` or `department`.
        public var by: String
        /// The committee's name or the department's key.
        public var name: String
        public var label: String
        public var workflow: String
        public var workflowTitle: LocalizedText
        public var submitted = 0
        /// Granted (a decision numbered in the admission series, 准入).
        public var admitted = 0
        /// Refused (a decision numbered in the refusal series, 不予准入).
        public var refused = 0
        /// Sent back to the applicant at least once (退回).
        public var returned = 0
        /// Withdrawn by the applicant (撤回).
        public var withdrawn = 0
        /// Admitted, then revoked (撤销).
        public var revoked = 0
        /// Still open.
        public var open = 0
        /// Open and past their time limit.
        public var overdue = 0
        /// Working days from submission to decision: median and 90th percentile (nil when none was decided).
        public var medianDays: Int?
        public var p90Days: Int?
        /// Reference-list outcome of the requests: on the reference list, on the negative list, on neither.
        public var listed = 0
        public var negative = 0
        public var unlisted = 0
        /// Admitted and in force now (not revoked): the load the notice exists to cap.
        public var inForce = 0
    }

    public var from: LocalDate?
    public var to: LocalDate?
    public var lines: [Line]
}

/// One open request past its time limit.
public struct OverdueItem: Sendable, Hashable {
    public var instance: WorkflowInstance
    public var deadline: Date
    /// Working days past the deadline.
    public var workingDaysLate: Int
    /// The role whose turn it is.
    public var queue: Role?
}

extension StreetFlowEngine {
    /// The programme as of `day` (today when nil), as the caller may see it; nil when no definition gates on a
    /// programme. Built on the long-work thread from the event history (`Busy` while another report runs).
    public func programmePicture(asOf day: LocalDate?, caller: Caller) async throws -> ProgrammePicture? {
        guard let target = programmeTarget, let definition = catalog.currentDefinition(target.workflow) else {
            return nil
        }
        let asOf = day ?? LocalDate(clock.now())
        let catalog = catalog
        let visibility = Self.visibility(caller.actor, catalog: catalog)
        let store = store
        return try await longWork.run(.report, now: clock.now()) {
            try Self.programmePicture(
                target: target, definition: definition, asOf: asOf, catalog: catalog, visibility: visibility,
                store: store)
        }
    }

    private static func programmePicture(
        target: StateReference, definition: WorkflowDefinition, asOf: LocalDate, catalog: EngineCatalog,
        visibility: Visibility?, store: any WorkflowStore
    ) throws -> ProgrammePicture {
        let cutoff = asOf.adding(days: 1).startOfDay()
        let phaseField = definition.fields.first { field in field.values.contains { $0.ends != nil } }
        let phases = (phaseField?.values ?? []).map {
            ProgrammePicture.Phase(key: $0.key, label: $0.label, ends: $0.ends)
        }
        var filter = InstanceFilter(workflow: target.workflow, limit: 1_000_000)
        filter.visibility = visibility
        filter.createdTo = cutoff
        // Newest first: the first request per committee submitted by that day is the one that counts.
        let instances = try store.read { try $0.instances(filter) }
        var rows: [String: ProgrammePicture.Row] = [:]
        for instance in instances {
            guard let committee = instance.committee, rows[committee] == nil else { continue }
            let events = try store.read { try $0.events(of: instance.id) }.map(\.event).filter { $0.at < cutoff }
            guard
                let then = WorkflowInstance.replay(
                    id: instance.id, events: events,
                    definitions: { catalog.definition(instance.workflow, version: $0) })
            else { continue }
            let thenDefinition = catalog.definition(then.workflow, version: then.definitionVersion) ?? definition
            let phaseKey = phaseField.flatMap { then.subject[$0.key]?.stringValue }
            let phase = phases.first { $0.key == phaseKey }
            let reachedOn = events.first { $0.to == target.state && $0.kind == .transitioned }.map { LocalDate($0.at) }
            // Sent back: a decision of the office (from a state in its queue) to a state in the committee's queue.
            let sentBack = events.filter { event in
                event.kind == .transitioned && event.from != nil
                    && thenDefinition.state(event.from!)?.queue == .office
                    && thenDefinition.state(event.to)?.queue == .committeeRelation
            }
            var shortfalls: [LocalizedText] = []
            if then.state != target.state, let last = sentBack.last,
                let action = thenDefinition.action(last.action)
            {
                for field in action.fields where field.type == .checklist {
                    for key in last.fields[field.key]?.listValue ?? [] {
                        shortfalls.append(
                            field.values.first { $0.key == key }?.label ?? LocalizedText(zh: key, en: key))
                    }
                }
            }
            rows[committee] = ProgrammePicture.Row(
                committee: committee, inProgramme: true, phase: phase, instanceID: then.id, state: then.state,
                stateLabel: thenDefinition.state(then.state)?.label,
                daysInState: asOf.dayNumber - LocalDate(then.enteredStateAt).dayNumber,
                reachedOn: reachedOn,
                overdue: reachedOn == nil && (phase?.ends.map { $0 < asOf } ?? false),
                shortfalls: shortfalls, rounds: sentBack.count)
        }
        var ordered: [ProgrammePicture.Row] = []
        for committee in catalog.committees where committee.programme {
            var row =
                rows[committee.name]
                ?? ProgrammePicture.Row(
                    committee: committee.name, inProgramme: true,
                    phase: phases.first { $0.key == committee.rolloutPhase }, overdue: false, shortfalls: [], rounds: 0)
            if row.instanceID == nil {
                row.overdue = row.phase?.ends.map { $0 < asOf } ?? false
            }
            ordered.append(row)
        }
        for committee in catalog.committees where !committee.programme {
            ordered.append(
                ProgrammePicture.Row(
                    committee: committee.name, inProgramme: false, overdue: false, shortfalls: [], rounds: 0))
        }
        return ProgrammePicture(
            asOf: asOf, workflow: definition.key, workflowTitle: definition.title, reachedState: target.state,
            reachedLabel: definition.state(target.state)?.label ?? LocalizedText(zh: target.state, en: target.state),
            phases: phases, rows: ordered)
    }

    /// Admissions submitted between `from` and `to` (whole days; open-ended when nil) as the caller may see them.
    public func admissionsPicture(from: LocalDate?, to: LocalDate?, caller: Caller) async throws -> AdmissionsPicture {
        try await admissionsPicture(from: from, to: to, caller: caller, pageSize: 5_000)
    }

    /// ``admissionsPicture(from:to:caller:)`` reading the requests `pageSize` at a time.
    func admissionsPicture(
        from: LocalDate?, to: LocalDate?, caller: Caller, pageSize: Int
    ) async throws
        -> AdmissionsPicture
    {
        let catalog = catalog
        let visibility = Self.visibility(caller.actor, catalog: catalog)
        let store = store
        let now = clock.now()
        return try await longWork.run(.report, now: now) {
            try Self.admissionsPicture(
                from: from, to: to, now: now, catalog: catalog, visibility: visibility, store: store,
                pageSize: pageSize)
        }
    }

    private static func admissionsPicture(
        from: LocalDate?, to: LocalDate?, now: Date, catalog: EngineCatalog, visibility: Visibility?,
        store: any WorkflowStore, pageSize: Int
    ) throws -> AdmissionsPicture {
        // Admission workflows: those whose decisions are numbered in the admission series (准入).
        let admissions = catalog.currentDefinitions.filter { definition in
            definition.actions.contains { $0.number == DocumentNumbering.admission }
        }
        var lines: [String: AdmissionsPicture.Line] = [:]
        var days: [String: [Int]] = [:]
        for definition in admissions {
            var filter = InstanceFilter(workflow: definition.key, limit: pageSize)
            filter.visibility = visibility
            filter.createdFrom = from?.startOfDay()
            filter.createdTo = to.map { $0.adding(days: 1).startOfDay() }
            // One read: the requests in scope a page at a time, keeping only what the report counts of each (all of a
            // district's projections at once took 1.2 GB), then the workflow's transitions in one pass over their
            // columns (a history read and decoded per request took 35 s for 400,000 requests).
            // A request keeps only its definition's version (a definition copied per request was most of the memory).
            func definitionOf(_ version: Int) -> WorkflowDefinition {
                catalog.definition(definition.key, version: version) ?? definition
            }
            let facts = try store.read { tx in
                var facts: [String: RequestFacts] = [:]
                var page = filter
                // Until a page comes back empty (a row that cannot be decoded leaves a page short, not the end).
                while true {
                    let instances = try tx.instances(page)
                    guard let last = instances.last else { break }
                    for instance in instances {
                        facts[instance.id] = RequestFacts(
                            instance,
                            deadline: instance.final
                                ? nil
                                : definitionOf(instance.definitionVersion).dueDate(
                                    of: instance, calendar: catalog.calendar))
                    }
                    page.cursor = InstanceFilter.cursor(after: last)
                }
                try tx.forEachTransition(workflow: definition.key) { transition in
                    facts[transition.instanceID]?.add(transition, definitions: definitionOf)
                }
                return facts
            }
            for fact in facts.values {
                let version = definitionOf(fact.definitionVersion)
                let admitted = fact.admittedAt
                let refused = fact.refusedAt
                let returned = fact.returned
                let closedBy = fact.lastAction.flatMap { version.action($0) }
                let withdrawn =
                    fact.final && admitted == nil && refused == nil
                    && (closedBy?.who.contains { $0.departmentKey != nil || $0 == .applicant || $0 == .anyDepartment }
                        ?? false)
                let revoked = fact.final && admitted != nil && closedBy?.who == [.system]
                let decision = admitted ?? refused
                let deadline = fact.deadline
                let groups: [(String, String, String)] =
                    [
                        fact.committee.map { ("committee", $0, $0) },
                        fact.department.map { ("department", $0, catalog.departmentLabels[$0] ?? $0) },
                    ].compactMap { $0 }
                for (by, name, label) in groups {
                    let key = "\(by)|\(name)|\(definition.key)"
                    var line =
                        lines[key]
                        ?? AdmissionsPicture.Line(
                            by: by, name: name, label: label, workflow: definition.key,
                            workflowTitle: definition.title)
                    line.submitted += 1
                    if admitted != nil { line.admitted += 1 }
                    if refused != nil { line.refused += 1 }
                    if returned { line.returned += 1 }
                    if withdrawn { line.withdrawn += 1 }
                    if revoked { line.revoked += 1 }
                    if !fact.final {
                        line.open += 1
                        if let deadline, deadline <= now { line.overdue += 1 }
                    }
                    switch fact.listKind {
                    case .reference?: line.listed += 1
                    case .negative?: line.negative += 1
                    case nil: line.unlisted += 1
                    }
                    if admitted != nil && !revoked { line.inForce += 1 }
                    if let decision {
                        days[key, default: []].append(
                            catalog.calendar.workingDays(from: LocalDate(fact.createdAt), to: LocalDate(decision)))
                    }
                    lines[key] = line
                }
            }
        }
        for (key, values) in days {
            let sorted = values.sorted()
            lines[key]?.medianDays = sorted[(sorted.count - 1) / 2]
            lines[key]?.p90Days = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.9).rounded(.up)) - 1)]
        }
        let order = Dictionary(uniqueKeysWithValues: catalog.committees.enumerated().map { ($1.name, $0) })
        let sorted = lines.values.sorted {
            ($0.by, order[$0.name] ?? Int.max, $0.name, $0.workflow)
                < ($1.by, order[$1.name] ?? Int.max, $1.name, $1.workflow)
        }
        return AdmissionsPicture(from: from, to: to, lines: sorted)
    }

    /// What the admissions report counts of one request: from its projection, and from its transitions as they
    /// stream by.
    private struct RequestFacts {
        /// The version of the definition the request runs on.
        let definitionVersion: Int
        let committee: String?
        let department: String?
        let final: Bool
        let createdAt: Date
        let listKind: ReferenceList.Kind?
        /// Its due date while open.
        let deadline: Date?
        /// When it was first admitted or refused (a decision numbered in that series).
        var admittedAt: Date?
        var refusedAt: Date?
        /// Whether it was ever returned to its applicant.
        var returned = false
        /// The action of its last transition.
        var lastAction: String?

        init(_ instance: WorkflowInstance, deadline: Date?) {
            definitionVersion = instance.definitionVersion
            committee = instance.committee
            department = instance.department
            final = instance.final
            createdAt = instance.createdAt
            listKind = instance.listMatch?.kind
            self.deadline = deadline
        }

        mutating func add(_ transition: TransitionRecord, definitions: (Int) -> WorkflowDefinition) {
            let definition = definitions(definitionVersion)
            switch definition.action(transition.action)?.number {
            case DocumentNumbering.admission?: admittedAt = admittedAt ?? transition.at
            case DocumentNumbering.refusal?: refusedAt = refusedAt ?? transition.at
            default: break
            }
            if definition.state(transition.to)?.queue == .applicant { returned = true }
            lastAction = transition.action
        }
    }

    /// Every open request past its time limit that the caller may see, the latest first in line.
    public func overdueReport(caller: Caller) throws -> [OverdueItem] {
        var filter = InstanceFilter(limit: 1_000_000)
        filter.visibility = Self.visibility(caller.actor, catalog: catalog)
        let now = clock.now()
        let today = LocalDate(now)
        var items: [OverdueItem] = []
        for instance in try read({ try $0.openInstances(filter) }) {
            guard let definition = catalog.definition(instance.workflow, version: instance.definitionVersion),
                let deadline = definition.dueDate(of: instance, calendar: catalog.calendar), deadline <= now
            else { continue }
            items.append(
                OverdueItem(
                    instance: instance, deadline: deadline,
                    workingDaysLate: catalog.calendar.workingDays(from: LocalDate(deadline), to: today),
                    queue: definition.state(instance.state)?.queue))
        }
        return items.sorted { ($0.deadline, $0.instance.id) < ($1.deadline, $1.instance.id) }
    }
}
