/// Who may see which requests: the one rule behind get, act and watch (evaluated here, in Swift) and behind
/// list and queue (translated term by term into SQL by each store).
///
/// The office, the street, administrators and the system see every request. Anyone else sees a request when
/// one of their terms admits it: they submitted it, they are an officer of its applicant department, they
/// are a member of its committee, or its committee field is blank on a workflow whose committee field
/// declares `blank: all` (a task for every committee concerns each of them) and they belong to a committee.
public struct Visibility: Hashable, Sendable {
    /// One way a request becomes visible; a request is visible when any term admits it.
    ///
    /// Each term reads only columns every store keeps for an instance (`submitter_uid`, `department`,
    /// `committee`, `workflow`), so a store translates it into one SQL predicate:
    ///
    /// | term | admits an instance when | SQL |
    /// |---|---|---|
    /// | `submitter(uid)` | `submitterUID == uid` | `submitter_uid = ?` |
    /// | `departments(keys)` | `department ∈ keys` (the applicant's, else the one a request concerns) | `department IN (?, …)` |
    /// | `committees(names)` | `committee ∈ names` | `committee IN (?, …)` |
    /// | `blankCommittee(workflows)` | `committee == nil` and `workflow ∈ workflows` | `(committee IS NULL AND workflow IN (?, …))` |
    /// | `copied(targets)` | the request was copied (抄送) to one of `targets` (`user:li`, `department:civil`, `committee:蓝天二村`) | `(cc LIKE '%|target|%' OR …)` |
    public enum Term: Hashable, Sendable {
        /// The requests this uid submitted.
        case submitter(UInt32)
        /// The requests of these applicant departments.
        case departments([String])
        /// The requests concerning these committees.
        case committees([String])
        /// The requests of these workflows whose committee is blank (meaning every committee).
        case blankCommittee(workflows: [String])
        /// The requests copied (抄送) to any of these targets.
        case copied([String])

        /// Whether the term admits an instance.
        public func admits(_ instance: WorkflowInstance) -> Bool {
            switch self {
            case .submitter(let uid): return instance.submitterUID == uid
            case .departments(let keys): return instance.department.map(keys.contains) ?? false
            case .committees(let names): return instance.committee.map(names.contains) ?? false
            case .blankCommittee(let workflows):
                return instance.committee == nil && workflows.contains(instance.workflow)
            case .copied(let targets):
                return !Set(targets).isDisjoint(with: instance.copiedTo)
            }
        }
    }

    /// The terms, any of which admits a request; empty admits every request of ``street``.
    public var terms: [Term]
    /// On a store several street offices share: only this street's requests (ANDed with the terms); SQL
    /// `street = ?`.
    public var street: String?

    /// Creates a visibility from its terms, within one street when `street` is set.
    public init(terms: [Term], street: String? = nil) {
        self.terms = terms
        self.street = street
    }

    /// The roles that see every request.
    public static let seeingEverything: Set<Role> = [.office, .street, .admin, .system]

    /// What `principal` may see given the loaded definitions (every version); nil when it sees everything.
    public static func of(_ principal: Principal, definitions: [WorkflowDefinition]) -> Visibility? {
        of(principal, blankCommitteeWorkflows: Set(definitions.filter(\.blankCommitteeMeansAll).map(\.key)).sorted())
    }

    /// What `principal` may see, given the keys of the workflows whose blank committee means every committee.
    /// With `street` (a daemon of one street office on a shared store), only that street's requests, unless the
    /// principal holds the district role (or is the system).
    public static func of(
        _ principal: Principal, blankCommitteeWorkflows: [String], street: String? = nil
    ) -> Visibility? {
        if principal.roles.contains(.district) || principal.roles.contains(.system) { return nil }
        if !principal.roles.isDisjoint(with: seeingEverything) {
            return street.map { Visibility(terms: [], street: $0) }
        }
        var terms: [Term] = [.submitter(principal.uid)]
        let departments = principal.departments
        if !departments.isEmpty { terms.append(.departments(departments)) }
        let committees = principal.committees
        if !committees.isEmpty {
            terms.append(.committees(committees))
            if !blankCommitteeWorkflows.isEmpty { terms.append(.blankCommittee(workflows: blankCommitteeWorkflows)) }
        }
        terms.append(.copied(CopyTarget.targets(of: principal)))
        return Visibility(terms: terms, street: street)
    }

    /// Whether a request is visible.
    public func admits(_ instance: WorkflowInstance) -> Bool {
        if let street, instance.street != street { return false }
        return terms.isEmpty || terms.contains { $0.admits(instance) }
    }
}

extension Visibility? {
    /// Whether a request is visible (nil sees everything).
    public func admits(_ instance: WorkflowInstance) -> Bool {
        self?.admits(instance) ?? true
    }
}

extension WorkflowDefinition {
    /// Whether a blank committee field means every committee (`blank: all` on the committee field).
    public var blankCommitteeMeansAll: Bool {
        fields.first { $0.type == .committee }?.blankMeansAll == true
    }
}
