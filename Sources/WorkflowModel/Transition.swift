import Foundation

/// The world outside an instance that a transition may read. Built by the engine; pure data.
public struct TransitionContext: Sendable {
    /// The engine's clock reading.
    public var now: Date
    /// The working-day calendar.
    public var calendar: WorkingCalendar
    /// The loaded reference lists.
    public var lists: ReferenceLists
    /// The known committees; empty means any name is accepted.
    public var committees: [Committee]
    /// The known department keys; nil means any.
    public var departments: Set<String>?
    /// For each state another workflow's guard asks about (`committeeReached`), the committees with a request
    /// there; filled by the engine for the definition's `stateQueries`.
    public var committeesInState: [StateReference: Set<String>]
    /// The labels of those states, for guard reasons (e.g. 居委会规范达标·验收达标).
    public var stateLabels: [StateReference: LocalizedText]
    /// Committees that already have an open request of the workflow being submitted (for `noOpenRequest`).
    public var openCommittees: Set<String> = []
    /// Whether the submitter is barred from reviewing or approving (off only in dev mode).
    public var separationOfDuties: Bool
    /// The requests that `request` fields name, as the caller may see them (absent: unknown or not
    /// visible); nil when the caller did not look them up, and then such fields are not checked.
    public var references: [String: RequestReference]?

    /// Creates a context.
    public init(
        now: Date, calendar: WorkingCalendar = .weekdaysOnly, lists: ReferenceLists = .empty,
        committees: [Committee] = [], departments: Set<String>? = nil,
        committeesInState: [StateReference: Set<String>] = [:], stateLabels: [StateReference: LocalizedText] = [:],
        separationOfDuties: Bool = true, references: [String: RequestReference]? = nil
    ) {
        self.committeesInState = committeesInState
        self.stateLabels = stateLabels
        self.references = references
        self.now = now
        self.calendar = calendar
        self.lists = lists
        self.committees = committees
        self.departments = departments
        self.separationOfDuties = separationOfDuties
    }

    /// The committee with this name.
    public func committee(named name: String) -> Committee? { committees.first { $0.name == name } }
}

/// A command to a workflow instance.
public enum WorkflowCommand: Hashable, Sendable {
    /// Start an instance with this subject.
    case submit(subject: [String: FieldValue], comment: String?)
    /// Take an action of the definition.
    case act(action: String, comment: String?, fields: [String: FieldValue])
    /// Add a comment without moving.
    case comment(String)
    /// Attach files (the engine records them on the event), with an optional comment.
    case attach(comment: String?)
    /// Urge whoever holds the request to act (催办): its applicant or the office may.
    case urge(comment: String?)
    /// Hand the request over (转交) to a user who holds `roles`.
    case assign(user: String, roles: Set<Role>)
    /// Take the request into one's own hands.
    case claim
    /// A deadline of the state entered at `enteredStateVersion` fell due.
    case fireDeadline(index: Int, enteredStateVersion: Int)
    /// Move the instance to a newer version of its definition.
    case migrate(to: WorkflowDefinition)
}

/// The longest comment accepted, in characters.
public let maximumCommentLength = TextRule.comment.maxLength

extension WorkflowDefinition {
    /// The pure transition function: what events a command produces, or why it is refused. No I/O, no clock.
    public func transition(
        instance: WorkflowInstance?, command: WorkflowCommand, actor: Principal, context: TransitionContext
    ) -> Result<[WorkflowEvent], WorkflowError> {
        do {
            return .success(try events(instance: instance, command: command, actor: actor, context: context))
        } catch let error as WorkflowError {
            return .failure(error)
        } catch {
            return .failure(WorkflowError(.actionNotAllowed, LocalizedText(zh: "\(error)", en: "\(error)")))
        }
    }

    /// The actions `actor` may take now (role, relation, assignment and separation of duties; guards not evaluated).
    public func availableActions(instance: WorkflowInstance, actor: Principal, context: TransitionContext) -> [String] {
        actions(from: instance.state).filter { action in
            !action.automatic && permission(action, instance: instance, actor: actor, context: context) == nil
        }.map(\.key)
    }

    /// The actions to offer `actor` now: `availableActions` whose guards pass on what the request holds. A guard
    /// that reads one of the action's own fields (a checklist ticked when acting) cannot be judged before, and
    /// does not hide the action.
    public func offeredActions(instance: WorkflowInstance, actor: Principal, context: TransitionContext) -> [String] {
        let input = GuardInput(definition: self, subject: instance.subject, fields: instance.fields, context: context)
        return availableActions(instance: instance, actor: actor, context: context).filter { key in
            guard let action = action(key) else { return false }
            let own = Set(action.fields.map(\.key))
            return action.guards.allSatisfy { expression in
                if let read = expression.predicate.fieldKey, own.contains(read) { return true }
                return expression.evaluate(input).passed
            }
        }
    }

    /// Why `action` would be refused by its guards now, in the domain's words; nil when they pass.
    public func guardRefusal(
        _ action: String, instance: WorkflowInstance, context: TransitionContext
    )
        -> LocalizedText?
    {
        guard let definition = self.action(action) else { return nil }
        let input = GuardInput(definition: self, subject: instance.subject, fields: instance.fields, context: context)
        let own = Set(definition.fields.map(\.key))
        for expression in definition.guards {
            if let read = expression.predicate.fieldKey, own.contains(read) { continue }
            let outcome = expression.evaluate(input)
            if !outcome.passed { return guardFailed(expression, outcome, action: action).message }
        }
        return nil
    }

    private func events(
        instance: WorkflowInstance?, command: WorkflowCommand, actor: Principal, context: TransitionContext
    ) throws -> [WorkflowEvent] {
        if case .submit(let subject, let comment) = command {
            guard instance == nil else { throw WorkflowError(.actionNotAllowed, Self.text("已提交", "already submitted")) }
            return try submitEvents(subject: subject, comment: comment, actor: actor, context: context)
        }
        guard var instance else {
            throw WorkflowError(.actionNotAllowed, Self.text("申请尚未提交", "the request has not been submitted"))
        }
        try checkComment(commandComment(command), required: false)
        switch command {
        case .submit:
            preconditionFailure("handled above")
        case .act(let typed, let comment, let fields):
            // An action may be named by its key or by its label (审批通过 / Approve).
            let key = resolveAction(typed) ?? typed
            guard let action = action(key), action.from.contains(instance.state), !action.automatic else {
                throw actionNotAllowed(key, instance: instance, actor: actor, context: context)
            }
            if let denial = permission(action, instance: instance, actor: actor, context: context) { throw denial }
            return try actEvents(
                action, instance: &instance, comment: comment, fields: fields, actor: actor, context: context)
        case .comment(let given):
            let text = try checkComment(given, required: true, action: "comment")
            return [
                event(
                    instance, .commented, "comment", to: instance.state, actor: actor, comment: text, context: context)
            ]
        case .attach(let given):
            // Whoever may see a request may add a file to it, also after it is finished (the signed form).
            let text = try checkComment(given, required: false)
            return [
                event(instance, .attached, "attach", to: instance.state, actor: actor, comment: text, context: context)
            ]
        case .urge(let given):
            try ensureNotFinal(instance)
            guard let queue = state(instance.state)?.queue else {
                throw WorkflowError(
                    .actionNotAllowed, Self.text("此环节没有待办人，无需催办", "nobody holds this step; there is no one to urge"),
                    ["action": .string("urge"), "state": .string(instance.state), "allowed": .list([])])
            }
            // The applicant (or whoever submitted) and the office may urge; not the holder themselves.
            let mayUrge =
                holds(.applicant, actor: actor, instance: instance) || isSubmitter(actor, of: instance)
                || actor.roles.contains(.office)
            guard mayUrge else { throw permissionDenied("urge", required: [.applicant, .office]) }
            guard !holds(queue, actor: actor, instance: instance) || isSubmitter(actor, of: instance) else {
                throw WorkflowError(
                    .actionNotAllowed, Self.text("这件申请正等您办理，无需催办自己", "it waits for you; you need not urge yourself"),
                    ["action": .string("urge"), "state": .string(instance.state), "allowed": .list([])])
            }
            let text = try checkComment(given, required: false)
            return [
                event(instance, .urged, "urge", to: instance.state, actor: actor, comment: text, context: context)
            ]
        case .claim, .assign:
            try ensureNotFinal(instance)
            guard let queue = state(instance.state)?.queue else {
                throw WorkflowError(
                    .actionNotAllowed, Self.text("此环节没有待办队列，不能转交", "this state has no queue to hand over from"),
                    ["state": .string(instance.state)])
            }
            let actorHolds = holds(queue, actor: actor, instance: instance) || actor.roles.contains(.admin)
            guard actorHolds else { throw permissionDenied("assign", required: [queue]) }
            let viaRelation = queue.isRelation && holds(queue, actor: actor, instance: instance)
            let step = command == .claim ? "claim" : "assign"
            if let denial = separationOfDuties(
                step, required: [queue], instance: instance, isSubmitter: isSubmitter(actor, of: instance),
                viaRelation: viaRelation, context: context)
            {
                throw denial
            }
            var user = actor.user
            if case .assign(let target, let roles) = command {
                let assignee = Principal(uid: 0, user: target, pid: 0, roles: roles)
                let assigneeHolds = holds(queue, actor: assignee, instance: instance)
                guard assigneeHolds else {
                    throw WorkflowError(
                        .permissionDenied,
                        Self.text(
                            "\(target) 不是\(queue.label().zh)的人员，不能转交给他",
                            "\(target) does not hold role \(queue.label().text(.en))"),
                        ["required": .list([queue.rawValue]), "user": .string(target)])
                }
                // Handing a request to its own submitter would let nobody else act on it.
                if let denial = separationOfDuties(
                    "assign", required: [queue], instance: instance, isSubmitter: target == instance.submitterUser,
                    viaRelation: queue.isRelation, context: context)
                {
                    throw denial
                }
                user = target
            }
            return [
                event(instance, .assigned, "assign", to: instance.state, actor: actor, target: user, context: context)
            ]
        case .fireDeadline(let index, let enteredVersion):
            guard enteredVersion == instance.enteredStateVersion, !instance.final,
                let deadline = state(instance.state)?.deadlines[safe: index],
                !instance.firedDeadlines.contains(index)
            else {
                throw WorkflowError(.timerStale, Self.text("期限已不适用", "the deadline no longer applies"))
            }
            switch deadline.effect {
            case .remind:
                var e = event(instance, .reminded, "remind", to: instance.state, actor: actor, context: context)
                e.deadline = index
                e.target = state(instance.state)?.queue?.rawValue
                return [e]
            case .escalate(let role):
                var e = event(instance, .escalated, "escalate", to: instance.state, actor: actor, context: context)
                e.deadline = index
                e.target = role.rawValue
                return [e]
            case .action(let key):
                guard let action = action(key), action.from.contains(instance.state) else {
                    throw WorkflowError(.timerStale, Self.text("期限动作不适用", "the deadline's action does not apply"))
                }
                var events = try actEvents(
                    action, instance: &instance, comment: nil, fields: [:], actor: actor, context: context,
                    checkPermission: false)
                if !events.isEmpty { events[0].deadline = index }
                return events
            }
        case .migrate(let target):
            guard actor.roles.contains(.admin) else { throw permissionDenied("migrate", required: [.admin]) }
            guard target.key == key, target.version > instance.definitionVersion,
                target.state(instance.state) != nil
            else {
                throw WorkflowError(
                    .migrationNotPossible,
                    Self.text(
                        "新版本（v\(target.version)）没有环节「\(instance.state)」或版本不更新，不能迁移",
                        "version \(target.version) is not newer or has no state '\(instance.state)'"),
                    ["state": .string(instance.state), "version": .int(target.version)])
            }
            var e = event(instance, .migrated, "migrate", to: instance.state, actor: actor, context: context)
            e.definitionVersion = target.version
            e.fields = ["fromVersion": .int(instance.definitionVersion)]
            return [e]
        }
    }

    private func submitEvents(
        subject: [String: FieldValue], comment: String?, actor: Principal, context: TransitionContext
    )
        throws -> [WorkflowEvent]
    {
        // `committee` in submit.who: a member of the committee the subject names.
        let named = committeeField.flatMap { subject[$0]?.stringValue }.map { context.committee(named: $0)?.name ?? $0 }
        let allowed = submit.who.contains { role in
            switch role {
            case .anyDepartment: return !actor.departments.isEmpty
            case .committeeRelation: return named.map { actor.roles.contains(.committee($0)) } ?? false
            default: return actor.roles.contains(role)
            }
        }
        guard allowed else { throw permissionDenied("submit", required: submit.who) }
        let comment = try checkComment(comment, required: false)
        var subject = try validate(subject, fields: fields, code: .invalidSubject, context: context)
        // A request that concerns another takes its department and (when blank) its committee.
        for field in fields where field.concerns {
            guard let id = subject[field.key]?.stringValue, let named = context.references?[id] else { continue }
            if let key = departmentField, let department = named.department { subject[key] = .string(department) }
            if let key = committeeField, subject[key] == nil, let committee = named.committee {
                subject[key] = .string(committee)
            }
        }
        let input = GuardInput(definition: self, subject: subject, fields: [:], context: context)
        for expression in submit.guards {
            let outcome = expression.evaluate(input)
            if !outcome.passed { throw guardFailed(expression, outcome) }
        }
        var department = actor.departments.first
        if actor.departments.count > 1, let key = fields.first(where: { $0.type == .department })?.key,
            let chosen = subject[key]?.stringValue, actor.departments.contains(chosen)
        {
            department = chosen
        }
        let first = WorkflowEvent(
            sequence: 1, kind: .submitted, action: "submit", from: nil, to: initial, definitionVersion: version,
            actor: actor, comment: comment, fields: subject, at: context.now, target: department)
        var instance = WorkflowInstance.submitted(id: "", event: first, definition: self)
        return [first] + (try automaticEvents(instance: &instance, context: context))
    }

    private func actEvents(
        _ action: ActionDefinition, instance: inout WorkflowInstance, comment: String?,
        fields given: [String: FieldValue],
        actor: Principal, context: TransitionContext, checkPermission: Bool = true
    ) throws -> [WorkflowEvent] {
        let comment = try checkComment(comment, required: action.commentRequired, action: action.key)
        var actionFields: [String: FieldValue]
        var subject = instance.subject
        if action.amendsSubject {
            // A resubmission may amend the subject: checked, trimmed and limited exactly as at submission; what it
            // records is the amended fields as they will be stored (an emptied optional field is recorded empty).
            subject = try validate(
                instance.subject.merging(given) { $1 }, fields: self.fields, code: .invalidSubject, context: context)
            actionFields = [:]
            for key in given.keys { actionFields[key] = subject[key] ?? .string("") }
        } else {
            actionFields = try validate(given, fields: action.fields, code: .invalidField, context: context)
        }
        let input = GuardInput(
            definition: self, subject: subject, fields: instance.fields.merging(actionFields) { $1 }, context: context)
        var match: ListMatch?
        for expression in action.guards {
            let outcome = expression.evaluate(input)
            if !outcome.passed { throw guardFailed(expression, outcome, action: action.key) }
            match = match ?? outcome.match
        }
        if case .any = action.signOff {
        } else {
            let signatures = instance.signatures[action.key] ?? []
            if signatures.contains(where: { $0.uid == actor.uid }) {
                throw WorkflowError(
                    .alreadySigned, Self.text("您已会签，等待其他人签署", "you have already signed; waiting for the others"),
                    ["action": .string(action.key), "user": .string(actor.user)])
            }
            if case .all(let users) = action.signOff, !users.contains(actor.user) {
                throw WorkflowError(
                    .permissionDenied, Self.text("会签名单中没有您", "you are not on the sign-off list"),
                    ["action": .string(action.key), "required": .list(users)])
            }
            var signed = event(
                instance, .signed, action.key, to: instance.state, actor: actor, comment: comment, context: context)
            signed.fields = actionFields
            if signatures.count + 1 < action.signOff.required {
                return [signed]
            }
            instance.apply(signed, definition: self)
            var last = event(instance, .transitioned, action.key, to: action.to, actor: actor, context: context)
            last.fields = actionFields
            last.listMatch = match
            instance.apply(last, definition: self)
            return [signed, last] + (try automaticEvents(instance: &instance, context: context))
        }
        var e = event(
            instance, .transitioned, action.key, to: action.to, actor: actor, comment: comment, context: context)
        e.fields = actionFields
        e.listMatch = match
        instance.apply(e, definition: self)
        return [e] + (try automaticEvents(instance: &instance, context: context))
    }

    /// Automatic actions of the state just entered, first whose guards pass, repeatedly.
    private func automaticEvents(instance: inout WorkflowInstance, context: TransitionContext) throws -> [WorkflowEvent]
    {
        var produced: [WorkflowEvent] = []
        for _ in 0..<states.count {
            let candidates = actions(from: instance.state).filter(\.automatic)
            guard !candidates.isEmpty else { break }
            let input = GuardInput(
                definition: self, subject: instance.subject, fields: instance.fields, context: context,
                applicantDepartment: instance.applicantDepartment)
            var fired = false
            // What a failed list check saw (its closest entries), recorded by the fallback that fires after it.
            var seen: GuardOutcome?
            for action in candidates {
                let outcomes = action.guards.map { $0.evaluate(input) }
                guard outcomes.allSatisfy(\.passed) else {
                    seen = seen ?? outcomes.first { !$0.passed && $0.match != nil }
                    continue
                }
                var e = event(instance, .transitioned, action.key, to: action.to, actor: .system, context: context)
                e.listMatch = outcomes.compactMap(\.match).first ?? seen?.match
                e.comment = (outcomes.first ?? seen).map { $0.reason.zh }
                instance.apply(e, definition: self)
                produced.append(e)
                fired = true
                break
            }
            if !fired { break }
        }
        return produced
    }

    // MARK: - Checks

    /// Why `actor` may not take `action` now, or nil when they may.
    func permission(
        _ action: ActionDefinition, instance: WorkflowInstance, actor: Principal, context: TransitionContext
    )
        -> WorkflowError?
    {
        let roles = action.roles(in: instance.state)
        // Only the system moves a finished request on (an action of a final state is `who: [system]`).
        if instance.final, roles != [.system] || !actor.roles.contains(.system) { return ensureNotFinalError(instance) }
        let viaRelation = roles.contains { $0.isRelation && holds($0, actor: actor, instance: instance) }
        let viaGlobal = roles.contains { !$0.isRelation && holds($0, actor: actor, instance: instance) }
        guard viaRelation || viaGlobal else { return permissionDenied(action.key, required: roles) }
        if let denial = separationOfDuties(
            action.key, required: roles, instance: instance,
            isSubmitter: isSubmitter(actor, of: instance) && !actor.roles.contains(.system), viaRelation: viaRelation,
            context: context)
        {
            return denial
        }
        if let assignee = instance.assignee, assignee != actor.user, viaGlobal, !viaRelation {
            return WorkflowError(
                .permissionDenied, Self.text("此申请已转交给 \(assignee) 办理", "this request is assigned to \(assignee)"),
                ["action": .string(action.key), "assignee": .string(assignee), "reason": .string("assigned")])
        }
        return nil
    }

    /// Separation of duties (职责分离), the one check every step on a request passes — actions, 会签 signatures,
    /// claim and hand-over: where the definition separates duties and the engine has not relaxed it (`--dev`),
    /// the submitter may take no step through a role of the office or the street (only through their relation to
    /// the request, e.g. as the applicant withdrawing), and no request is handed to its submitter.
    func separationOfDuties(
        _ step: String, required: [Role], instance: WorkflowInstance, isSubmitter: Bool, viaRelation: Bool,
        context: TransitionContext
    ) -> WorkflowError? {
        guard context.separationOfDuties, submit.separateDuties, isSubmitter, !viaRelation else { return nil }
        return WorkflowError(
            .permissionDenied,
            Self.text(
                "申请人不能审核、审批或经办自己提交的申请（职责分离）", "the submitter may not review, approve or handle their own request"),
            [
                "action": .string(step), "required": .list(required.map(\.rawValue)),
                "reason": .string("separationOfDuties"),
            ])
    }

    /// Whether the actor submitted the request (the same uid, or the same user name).
    func isSubmitter(_ actor: Principal, of instance: WorkflowInstance) -> Bool {
        actor.uid == instance.submitterUID || actor.user == instance.submitterUser
    }

    func holds(_ role: Role, actor: Principal, instance: WorkflowInstance) -> Bool {
        switch role {
        case .applicant:
            guard let department = instance.applicantDepartment else { return actor.uid == instance.submitterUID }
            return actor.roles.contains(.department(department))
        case .committeeRelation:
            guard let committee = instance.committee else { return false }
            return actor.roles.contains(.committee(committee))
        case .anyDepartment:
            return !actor.departments.isEmpty
        default:
            return actor.roles.contains(role)
        }
    }

    private func ensureNotFinal(_ instance: WorkflowInstance) throws {
        if let error = ensureNotFinalError(instance) { throw error }
    }

    private func ensureNotFinalError(_ instance: WorkflowInstance) -> WorkflowError? {
        guard instance.final else { return nil }
        return WorkflowError(
            .instanceFinal,
            Self.text(
                "申请已办结（\(stateLabel(instance.state).zh)），不能再操作",
                "the request is finished (\(stateLabel(instance.state).text(.en)))"),
            ["state": .string(instance.state)])
    }

    private func actionNotAllowed(
        _ key: String, instance: WorkflowInstance, actor: Principal, context: TransitionContext
    )
        -> WorkflowError
    {
        let allowed = availableActions(instance: instance, actor: actor, context: context)
        let stateLabel = self.stateLabel(instance.state)
        let action = action(key) == nil ? LocalizedText(zh: key, en: key) : actionLabel(key)
        let allowedZh = allowed.isEmpty ? "无" : allowed.map { actionLabel($0).zh }.joined(separator: "、")
        let allowedEn = allowed.isEmpty ? "none" : allowed.map { actionLabel($0).text(.en) }.joined(separator: ", ")
        return WorkflowError(
            .actionNotAllowed,
            LocalizedText(
                zh: "当前环节「\(stateLabel.zh)」不能「\(action.zh)」；可执行：\(allowedZh)",
                en: "'\(action.text(.en))' is not possible in state '\(stateLabel.text(.en))'; allowed: \(allowedEn)"
            ),
            ["action": .string(key), "state": .string(instance.state), "allowed": .list(allowed)])
    }

    private func permissionDenied(_ action: String, required: [Role]) -> WorkflowError {
        let names = required.map(\.rawValue)
        let label = actionLabel(action)
        let roles = Role.labels(required)
        return WorkflowError(
            .permissionDenied,
            LocalizedText(
                zh: "您没有「\(label.zh)」的权限，须由\(roles.zh)办理",
                en: "you may not '\(label.text(.en))'; it needs: \(roles.text(.en))"),
            ["action": .string(action), "required": .list(names)])
    }

    /// A guard that did not hold, explained in the domain's words (the rule text stays in the `guard` parameter).
    private func guardFailed(
        _ expression: GuardExpression, _ outcome: GuardOutcome, action: String = "submit"
    )
        -> WorkflowError
    {
        let label = actionLabel(action)
        return WorkflowError(
            .guardFailed,
            LocalizedText(
                zh: "不能「\(label.zh)」：\(outcome.reason.zh)",
                en: "cannot '\(label.text(.en))': \(outcome.reason.text(.en))"),
            [
                "guard": .string(expression.description), "reason": .string(outcome.reason.zh),
                "reasonEn": .string(outcome.reason.text(.en)),
            ])
    }

    private func commandComment(_ command: WorkflowCommand) -> String? {
        if case .act(_, let comment, _) = command { return comment }
        return nil
    }

    /// The comment as it will be stored (trimmed, NFC), or why it is refused.
    @discardableResult
    private func checkComment(_ comment: String?, required: Bool, action: String = "") throws -> String? {
        let trimmed = comment?.trimmedOfWhitespace ?? ""
        if required && trimmed.isEmpty {
            throw WorkflowError(
                .commentRequired,
                Self.text(
                    "「\(actionLabel(action).zh)」须填写意见（--comment）", "'\(actionLabel(action).text(.en))' needs a comment"),
                ["action": .string(action)])
        }
        guard comment != nil, !trimmed.isEmpty else { return nil }
        switch TextRule.comment.check(trimmed) {
        case .success(let text): return text
        case .failure(let problem): throw problem.error(.invalidField, field: "comment")
        }
    }

    private func event(
        _ instance: WorkflowInstance, _ kind: EventKind, _ action: String, to: String, actor: Principal,
        comment: String? = nil, target: String? = nil, context: TransitionContext
    ) -> WorkflowEvent {
        WorkflowEvent(
            sequence: instance.version + 1, kind: kind, action: action, from: instance.state, to: to,
            definitionVersion: instance.definitionVersion, actor: actor, comment: comment, at: context.now,
            target: target)
    }

    static func text(_ zh: String, _ en: String) -> LocalizedText { LocalizedText(zh: zh, en: en) }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
