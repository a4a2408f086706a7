import Foundation

/// A signature collected towards a 会签 action.
public struct Signature: Hashable, Sendable, Codable {
    /// Who signed.
    public var user: String
    /// Their uid.
    public var uid: UInt32
    /// When.
    public var at: Date

    /// Creates a signature.
    public init(user: String, uid: UInt32, at: Date) {
        self.user = user
        self.uid = uid
        self.at = at
    }
}

/// The current state of one request: the projection of its events (`WorkflowInstance.replay`).
public struct WorkflowInstance: Hashable, Sendable, Codable {
    /// The instance id.
    public var id: String
    /// The workflow key.
    public var workflow: String
    /// The definition version it runs on.
    public var definitionVersion: Int
    /// The number of events applied (the optimistic-concurrency version).
    public var version: Int
    /// The current state.
    public var state: String
    /// Whether the state is final.
    public var final: Bool
    /// The subject as submitted (or amended on resubmit).
    public var subject: [String: FieldValue]
    /// Fields recorded by actions so far (e.g. `location`, `shortfalls`), latest value wins.
    public var fields: [String: FieldValue]
    /// The committee the request concerns, if any.
    public var committee: String?
    /// The submitting department, if any.
    public var applicantDepartment: String?
    /// The department of the request a `concerns` field names (e.g. the admission a revocation concerns).
    public var concernedDepartment: String?
    /// Who submitted.
    public var submitterUID: UInt32
    /// The submitter's user name.
    public var submitterUser: String
    /// When it was submitted.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// When it entered its current state.
    public var enteredStateAt: Date
    /// The version at which it entered its current state (timers are keyed by it).
    public var enteredStateVersion: Int
    /// The user it is assigned to (转交), if any.
    public var assignee: String?
    /// Signatures collected in the current state, per action.
    public var signatures: [String: [Signature]]
    /// Deadline indices of the current state that have fired.
    public var firedDeadlines: [Int]
    /// The reference-list entry recorded by an automatic list check.
    public var listMatch: ListMatch?
}

extension WorkflowInstance {
    /// An instance with every member given, as stored (the store's projection reader builds one without a
    /// decoder; the memberwise initialiser is internal to this module).
    public static func restored(
        id: String, workflow: String, definitionVersion: Int, version: Int, state: String, final: Bool,
        subject: [String: FieldValue], fields: [String: FieldValue], committee: String?, applicantDepartment: String?,
        concernedDepartment: String?, submitterUID: UInt32, submitterUser: String, createdAt: Date, updatedAt: Date,
        enteredStateAt: Date, enteredStateVersion: Int, assignee: String?, signatures: [String: [Signature]],
        firedDeadlines: [Int], listMatch: ListMatch?
    ) -> WorkflowInstance {
        WorkflowInstance(
            id: id, workflow: workflow, definitionVersion: definitionVersion, version: version, state: state,
            final: final, subject: subject, fields: fields, committee: committee,
            applicantDepartment: applicantDepartment, concernedDepartment: concernedDepartment,
            submitterUID: submitterUID, submitterUser: submitterUser, createdAt: createdAt, updatedAt: updatedAt,
            enteredStateAt: enteredStateAt, enteredStateVersion: enteredStateVersion, assignee: assignee,
            signatures: signatures, firedDeadlines: firedDeadlines, listMatch: listMatch)
    }
}

/// What kind of thing an event records.
public enum EventKind: String, Hashable, Sendable, Codable {
    case submitted
    case transitioned
    case signed
    case commented
    case reminded
    case escalated
    case assigned
    case migrated
    /// A deadline recomputed because the working-day calendar changed (the office added a year of holidays).
    case rescheduled
    /// Files attached to the request (附件), with an optional comment.
    case attached
    /// Someone urged whoever holds the request to act (催办).
    case urged
}

/// One recorded step of an instance. Events are never changed; the instance is their projection.
public struct WorkflowEvent: Hashable, Sendable, Codable {
    /// Per-instance sequence, from 1.
    public var sequence: Int
    /// The kind.
    public var kind: EventKind
    /// The action key (`submit`, an action of the definition, `comment`, `remind`, ...).
    public var action: String
    /// The state before.
    public var from: String?
    /// The state after.
    public var to: String
    /// The definition version in force after this event.
    public var definitionVersion: Int
    /// Who did it.
    public var actor: Principal
    /// The comment, if any.
    public var comment: String?
    /// Fields (subject on submit/resubmit, action fields otherwise).
    public var fields: [String: FieldValue]
    /// When.
    public var at: Date
    /// The list entry used by a list check, with the list's version.
    public var listMatch: ListMatch?
    /// The user assigned, for `assigned`; the role escalated to, for `escalated`.
    public var target: String?
    /// The deadline index, for timer events.
    public var deadline: Int?

    /// Creates an event.
    public init(
        sequence: Int, kind: EventKind, action: String, from: String?, to: String, definitionVersion: Int,
        actor: Principal, comment: String? = nil, fields: [String: FieldValue] = [:], at: Date,
        listMatch: ListMatch? = nil, target: String? = nil, deadline: Int? = nil
    ) {
        self.sequence = sequence
        self.kind = kind
        self.action = action
        self.from = from
        self.to = to
        self.definitionVersion = definitionVersion
        self.actor = actor
        self.comment = comment
        self.fields = fields
        self.at = at
        self.listMatch = listMatch
        self.target = target
        self.deadline = deadline
    }
}

extension WorkflowEvent {
    /// The event field a numbered decision carries its document number (文号) in.
    public static let documentNumberField = "documentNumber"
    /// The street office a request was submitted at (a district's daemons share one store), in its submission:
    /// chained with it, and carried into the projection's fields.
    public static let streetField = "street"
}

extension WorkflowInstance {
    /// The document number (文号) the latest numbered decision on it was filed under.
    public var documentNumber: String? { fields[WorkflowEvent.documentNumberField]?.stringValue }

    /// Whom the request was copied to (抄送): `user:NAME`, `department:KEY`, `committee:NAME`, in order.
    public var copiedTo: [String] { fields[CopyTarget.field]?.listValue ?? [] }

    /// Every file attached to the request, in the order attached.
    public var attachments: [AttachmentRef] {
        (fields[AttachmentRef.field]?.listValue ?? []).compactMap(AttachmentRef.init(entry:))
    }

    /// The department whose members see the request: its applicant's, else the one it concerns.
    public var department: String? { applicantDepartment ?? concernedDepartment }

    /// The street office the request was submitted at; nil before a street was configured.
    public var street: String? { fields[WorkflowEvent.streetField]?.stringValue }

    /// Builds an instance from its whole history; nil when the history does not start with a submission
    /// or names a definition version `definitions` does not know.
    public static func replay(
        id: String, events: [WorkflowEvent], definitions: (Int) -> WorkflowDefinition?
    ) -> WorkflowInstance? {
        guard let first = events.first, first.kind == .submitted, let definition = definitions(first.definitionVersion)
        else { return nil }
        var instance = WorkflowInstance(
            id: id, workflow: definition.key, definitionVersion: first.definitionVersion, version: 0, state: first.to,
            final: false, subject: [:], fields: [:], committee: nil, applicantDepartment: nil,
            submitterUID: first.actor.uid, submitterUser: first.actor.user, createdAt: first.at, updatedAt: first.at,
            enteredStateAt: first.at, enteredStateVersion: 1, assignee: nil, signatures: [:], firedDeadlines: [],
            listMatch: nil)
        for event in events {
            guard let definition = definitions(event.definitionVersion) else { return nil }
            instance.apply(event, definition: definition)
        }
        return instance
    }

    /// A new instance from its submission event.
    public static func submitted(id: String, event: WorkflowEvent, definition: WorkflowDefinition) -> WorkflowInstance {
        var instance = WorkflowInstance(
            id: id, workflow: definition.key, definitionVersion: event.definitionVersion, version: 0, state: event.to,
            final: false, subject: [:], fields: [:], committee: nil, applicantDepartment: nil,
            submitterUID: event.actor.uid, submitterUser: event.actor.user, createdAt: event.at, updatedAt: event.at,
            enteredStateAt: event.at, enteredStateVersion: 1, assignee: nil, signatures: [:], firedDeadlines: [],
            listMatch: nil)
        instance.apply(event, definition: definition)
        return instance
    }

    /// Applies one event to the projection; `definition` is the one of `event.definitionVersion`.
    public mutating func apply(_ event: WorkflowEvent, definition: WorkflowDefinition) {
        version = event.sequence
        updatedAt = event.at
        definitionVersion = event.definitionVersion
        var entersState = event.to != state
        // Attachments and copies (抄送) accumulate over the request's life, apart from the subject and the action
        // fields.
        var eventFields = event.fields
        if let attached = eventFields.removeValue(forKey: AttachmentRef.field)?.listValue, !attached.isEmpty {
            fields[AttachmentRef.field] = .list((fields[AttachmentRef.field]?.listValue ?? []) + attached)
        }
        if let copied = eventFields.removeValue(forKey: CopyTarget.field)?.listValue, !copied.isEmpty {
            let known = copiedTo
            fields[CopyTarget.field] = .list(known + copied.filter { !known.contains($0) })
        }
        // The street office: in a submission, or recorded later for a request from before streets (a move into
        // the district's store).
        if let street = eventFields.removeValue(forKey: WorkflowEvent.streetField) {
            fields[WorkflowEvent.streetField] = street
        }
        switch event.kind {
        case .submitted:
            subject = eventFields
            applicantDepartment = event.target
            entersState = true
        case .transitioned:
            for (key, value) in eventFields {
                let amends = definition.action(event.action)?.amendsSubject ?? false
                if amends || definition.field(key) != nil && subject[key] != nil {
                    subject[key] = value
                } else {
                    fields[key] = value
                }
            }
            entersState = true
        case .signed:
            signatures[event.action, default: []].append(
                Signature(user: event.actor.user, uid: event.actor.uid, at: event.at))
        case .assigned:
            assignee = event.target
        case .reminded, .escalated:
            if let index = event.deadline { firedDeadlines.append(index) }
        case .commented, .migrated, .rescheduled, .attached, .urged:
            break
        }
        if let committeeField = definition.committeeField {
            committee = subject[committeeField]?.stringValue
        }
        if definition.fields.contains(where: \.concerns), let key = definition.departmentField {
            concernedDepartment = subject[key]?.stringValue
        }
        if let match = event.listMatch { listMatch = match }
        if entersState {
            enteredStateAt = event.at
            enteredStateVersion = event.sequence
            signatures = [:]
            firedDeadlines = []
            assignee = nil
        }
        state = event.to
        final = definition.state(event.to)?.final ?? false
    }
}
