/// A workflow definition: subject fields, states, actions and deadlines, loaded from `Workflows/*.yaml`.
public struct WorkflowDefinition: Hashable, Sendable, Codable {
    /// The workflow's key, e.g. `plaque-admission`.
    public var key: String
    /// A positive version number; instances keep the version they started on.
    public var version: Int
    /// The version this one replaces, if any.
    public var supersedes: Int?
    /// Title in zh/en.
    public var title: LocalizedText
    /// A longer description.
    public var description: LocalizedText?
    /// The subject field that names a request in lists and is matched against reference lists.
    public var summaryField: String
    /// Who may start an instance, and the guards that must pass at submission.
    public var submit: SubmitRule
    /// The subject fields, in display order.
    public var fields: [FieldDefinition]
    /// The state a new instance starts in.
    public var initial: String
    /// The states, in display order.
    public var states: [StateDefinition]
    /// The actions, in display order.
    public var actions: [ActionDefinition]
    /// The part the workflow plays in the register of plaques and boards (台账), if any.
    public var register: RegisterRole?
    /// A subject field whose values the reports count this workflow's requests by (e.g. per department).
    public var tally: String?
    /// Workflows whose requests for the same committee are shown with this one as evidence (佐证), e.g. the
    /// training records and annual evaluations beside a committee's rollout checklist.
    public var evidence: [String] = []

    /// Creates a definition.
    public init(
        key: String, version: Int, supersedes: Int? = nil, title: LocalizedText, description: LocalizedText? = nil,
        summaryField: String, submit: SubmitRule, fields: [FieldDefinition], initial: String,
        states: [StateDefinition], actions: [ActionDefinition]
    ) {
        self.key = key
        self.version = version
        self.supersedes = supersedes
        self.title = title
        self.description = description
        self.summaryField = summaryField
        self.submit = submit
        self.fields = fields
        self.initial = initial
        self.states = states
        self.actions = actions
    }

    /// The state with this key.
    public func state(_ key: String) -> StateDefinition? { states.first { $0.key == key } }
    /// The action with this key.
    public func action(_ key: String) -> ActionDefinition? { actions.first { $0.key == key } }
    /// The subject field with this key.
    public func field(_ key: String) -> FieldDefinition? { fields.first { $0.key == key } }
    /// The actions that leave a state, in definition order.
    public func actions(from state: String) -> [ActionDefinition] { actions.filter { $0.from.contains(state) } }
    /// The key of the first subject field of type committee, if any.
    public var committeeField: String? { fields.first { $0.type == .committee }?.key }
    /// The key of the first department field, if any.
    public var departmentField: String? { fields.first { $0.type == .department }?.key }
    /// Every guard of the definition (submission and actions).
    public var allGuards: [GuardExpression] { submit.guards + actions.flatMap(\.guards) }
    /// Whether submitting needs the committees with an open request of this workflow (`noOpenRequest`).
    public var needsOpenCommittees: Bool {
        submit.guards.contains { if case .noOpenRequest = $0.predicate { return true } else { return false } }
    }
}

/// Who may submit and what must hold at submission.
public struct SubmitRule: Hashable, Sendable, Codable {
    /// Roles that may submit (`department` means any department officer).
    public var who: [Role]
    /// Guards checked against the subject at submission.
    public var guards: [GuardExpression]
    /// Whether the submitter is barred from reviewing or approving (职责分离). Off for instances the office or
    /// the street create to run their own programme (rollouts, the street programme), where no one reviews
    /// their own request.
    public var separateDuties: Bool

    /// Creates a rule.
    public init(who: [Role], guards: [GuardExpression] = [], separateDuties: Bool = true) {
        self.who = who
        self.guards = guards
        self.separateDuties = separateDuties
    }
}

/// The kinds of subject and action fields.
public enum FieldType: String, Hashable, Sendable, Codable, CaseIterable {
    case text
    case `enum`
    case date
    case committee
    case department
    case listItem
    /// The id of another request (e.g. the admission a revocation concerns).
    case request
    case boolean
    case checklist
}

/// One key of an enum or checklist field, with its labels.
public struct EnumValue: Hashable, Sendable, Codable {
    /// The value as stored and typed, e.g. `door`.
    public var key: String
    /// Label in zh/en.
    public var label: LocalizedText
    /// The last day the value stands for (a phase's end), for deadlines `atField` an enum field.
    public var ends: LocalDate?

    /// Creates a value.
    public init(key: String, label: LocalizedText, ends: LocalDate? = nil) {
        self.key = key
        self.label = label
        self.ends = ends
    }
}

/// A typed field of a subject or an action.
public struct FieldDefinition: Hashable, Sendable, Codable {
    /// The key, e.g. `placement`.
    public var key: String
    /// Label in zh/en.
    public var label: LocalizedText
    /// The type.
    public var type: FieldType
    /// Whether a value must be given.
    public var required: Bool
    /// Maximum length in characters (grapheme clusters), for text.
    public var maxLength: Int?
    /// Maximum length in UTF-8 bytes; nil: eight per character of `maxLength`.
    public var maxBytes: Int?
    /// Whether the text may span lines (newline and tab); nil: free text may, except the summary field.
    public var multiline: Bool?
    /// The allowed values of an enum, or the items of a checklist.
    public var values: [EnumValue]
    /// The reference list a `listItem` field names an entry of.
    public var list: String?
    /// For a `request` field: the workflows the named request may belong to (empty: any).
    public var workflows: [String] = []
    /// For a `request` field: the states the named request must be in (empty: any).
    public var states: [String] = []
    /// For a `committee` field: a blank value means every committee (`blank: all`), so each committee's
    /// members see the request.
    public var blankMeansAll = false
    /// For a `request` field: at most one open request of this workflow may name the same request
    /// (`unique: open`), e.g. one open revocation per admission.
    public var uniqueOpen = false
    /// For a `request` field: this request concerns the named one (`concerns: true`) — it takes that request's
    /// department and (when blank) its committee, so the people who see the named request see this one too.
    public var concerns = false

    /// Creates a field.
    public init(
        key: String, label: LocalizedText, type: FieldType, required: Bool = false, maxLength: Int? = nil,
        maxBytes: Int? = nil, multiline: Bool? = nil, values: [EnumValue] = [], list: String? = nil,
        workflows: [String] = [], states: [String] = [], blankMeansAll: Bool = false, uniqueOpen: Bool = false,
        concerns: Bool = false
    ) {
        self.blankMeansAll = blankMeansAll
        self.uniqueOpen = uniqueOpen
        self.concerns = concerns
        self.maxBytes = maxBytes
        self.multiline = multiline
        self.workflows = workflows
        self.states = states
        self.key = key
        self.label = label
        self.type = type
        self.required = required
        self.maxLength = maxLength
        self.values = values
        self.list = list
    }
}

/// A state of a workflow.
public struct StateDefinition: Hashable, Sendable, Codable {
    /// The key, e.g. `office-review`.
    public var key: String
    /// Label in zh/en.
    public var label: LocalizedText
    /// Whether the instance is finished in this state.
    public var final: Bool
    /// The role whose queue the instance sits in (`office`, `street`, `applicant`, `committee`, ...).
    public var queue: Role?
    /// Deadlines that start counting when the instance enters this state.
    public var deadlines: [Deadline]

    /// Creates a state.
    public init(key: String, label: LocalizedText, final: Bool = false, queue: Role? = nil, deadlines: [Deadline] = [])
    {
        self.key = key
        self.label = label
        self.final = final
        self.queue = queue
        self.deadlines = deadlines
    }
}

/// When a deadline falls due.
public enum DeadlineTime: Hashable, Sendable, Codable {
    /// At the end of the N-th working day after the instance entered the state.
    case workingDays(Int)
    /// At the end of a fixed date.
    case date(LocalDate)
    /// At the end of the date held in a subject field.
    case field(String)
}

/// What happens when a deadline falls due.
public enum DeadlineEffect: Hashable, Sendable, Codable {
    /// A reminder (催办) to the state's queue.
    case remind
    /// An escalation to a role (default: street).
    case escalate(Role)
    /// The named action, taken by the system actor.
    case action(String)
}

/// A deadline of a state.
public struct Deadline: Hashable, Sendable, Codable {
    /// When it falls due.
    public var time: DeadlineTime
    /// What happens then.
    public var effect: DeadlineEffect

    /// Creates a deadline.
    public init(time: DeadlineTime, effect: DeadlineEffect) {
        self.time = time
        self.effect = effect
    }
}

/// How many distinct people must take an action before it moves the instance.
public enum SignOff: Hashable, Sendable, Codable {
    /// 或签: any one holder of the role (the default).
    case any
    /// 会签: every listed user.
    case all(users: [String])
    /// 会签: this many distinct holders of the role.
    case count(Int)

    /// The number of signatures needed.
    public var required: Int {
        switch self {
        case .any: return 1
        case .all(let users): return users.count
        case .count(let n): return n
        }
    }
}

/// An action of a workflow.
public struct ActionDefinition: Hashable, Sendable, Codable {
    /// The key, e.g. `approve`.
    public var key: String
    /// Label in zh/en.
    public var label: LocalizedText
    /// The states it may be taken from.
    public var from: [String]
    /// The state it leads to.
    public var to: String
    /// Who may take it; a per-state override in `whoByState` wins for that state.
    public var who: [Role]
    /// Per-state roles, for an action shared by several review steps.
    public var whoByState: [String: [Role]]
    /// Whether a comment is required.
    public var commentRequired: Bool
    /// Extra fields the action takes (e.g. `location` for arrange).
    public var fields: [FieldDefinition]
    /// Guards that must all pass.
    public var guards: [GuardExpression]
    /// Sign-off mode.
    public var signOff: SignOff
    /// Taken by the system on entering a `from` state, in order, when its guards pass.
    public var automatic: Bool
    /// The action amends the subject (a resubmission after a return): it takes subject fields, checked against
    /// the subject's definition, and its values replace the subject's (`amendsSubject: true`).
    public var amendsSubject: Bool
    /// What the action does beyond this request, in the same transaction.
    public var effects: [Effect] = []
    /// The series of document numbers (文号) the decision is filed under, e.g. `admission`, `refusal`,
    /// `revocation` (`number: KIND`); the engine gives the next number of the year when the action is taken.
    public var number: String?
    /// Standing copies (抄送) of the action: `committee` (the request's), `applicant` (its department), or a
    /// target `user:NAME`, `department:KEY`, `committee:NAME` (`cc: [committee]`).
    public var cc: [String] = []

    /// Creates an action.
    public init(
        key: String, label: LocalizedText, from: [String], to: String, who: [Role],
        whoByState: [String: [Role]] = [:], commentRequired: Bool = false, fields: [FieldDefinition] = [],
        guards: [GuardExpression] = [], signOff: SignOff = .any, automatic: Bool = false, amendsSubject: Bool = false,
        effects: [Effect] = [], number: String? = nil, cc: [String] = []
    ) {
        self.cc = cc
        self.number = number
        self.amendsSubject = amendsSubject
        self.effects = effects
        self.key = key
        self.label = label
        self.from = from
        self.to = to
        self.who = who
        self.whoByState = whoByState
        self.commentRequired = commentRequired
        self.fields = fields
        self.guards = guards
        self.signOff = signOff
        self.automatic = automatic
    }

    /// The roles allowed to take this action in a state.
    public func roles(in state: String) -> [Role] { whoByState[state] ?? who }
}
