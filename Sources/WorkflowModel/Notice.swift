import Foundation

/// A notice for a person or a role (通知): what the inbox lists, `inbox --brief` counts and the notifier delivers.
///
/// A recipient is written `role:office`, `role:street`, `role:admin`, `department:KEY`, `committee:NAME` or
/// `user:NAME`; a person receives what any of theirs names (`Notice.recipients(of:)`).
public struct Notice: Hashable, Sendable, Codable {
    /// What happened, for filters and channels.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A request waits for the recipient (it entered their queue).
        case waiting
        /// The recipient's request was returned for amendment.
        case returned
        /// The recipient's request was decided or ended (approved, rejected, withdrawn, revoked …).
        case decided
        /// A deadline of the recipient's step fell due (提醒).
        case reminder
        /// An overdue request was escalated to the recipient (上报).
        case escalated
        /// Someone urged the recipient to act (催办).
        case urged
        /// The request was copied to the recipient (抄送).
        case copied
        /// Something about the system the recipient looks after (e.g. the holiday calendar ends soon).
        case system

        /// Whether a notice of this kind asks its recipient to act on the request's current step (which can then be
        /// done, by them or someone else, while the notice stays in the inbox).
        public var asksToAct: Bool {
            switch self {
            case .waiting, .returned, .reminder, .escalated, .urged: true
            case .decided, .copied, .system: false
            }
        }
    }

    public var recipient: String
    public var kind: Kind
    /// The request it is about (nil for a system notice).
    public var instanceID: String?
    /// The text, in both languages.
    public var text: LocalizedText

    public init(recipient: String, kind: Kind, instanceID: String?, text: LocalizedText) {
        self.recipient = recipient
        self.kind = kind
        self.instanceID = instanceID
        self.text = text
    }

    /// The recipients that name `principal`: their user, each role of the office, street or admin, each
    /// department and committee of theirs.
    public static func recipients(of principal: Principal) -> [String] {
        // The copy targets (user, departments, committees) plus the roles that see everything.
        CopyTarget.targets(of: principal)
            + [Role.office, .street, .admin].filter(principal.roles.contains).map { "role:\($0.rawValue)" }
    }

    /// Who holds a queue role of `instance`: the office or the street, its applicant (department, else the user
    /// who submitted), its committee.
    public static func holders(of role: Role, instance: WorkflowInstance) -> [String] {
        switch role {
        case .applicant:
            return [instance.applicantDepartment.map { "department:\($0)" } ?? "user:\(instance.submitterUser)"]
        case .committeeRelation:
            return instance.committee.map { ["committee:\($0)"] } ?? []
        default:
            return ["role:\(role.rawValue)"]
        }
    }
}

extension WorkflowDefinition {
    /// The notices a command's events produce on `instance` (its state after them): pure, so the engine writes
    /// them in the events' transaction (the outbox of every channel).
    public func notices(of events: [WorkflowEvent], instance: WorkflowInstance) -> [Notice] {
        guard !events.isEmpty else { return [] }
        var notices: [Notice] = []
        let name = "\(title.zh) \(instance.id)「\(summaryText(instance))」"
        let nameEn = "\(title.text(.en)) \(instance.id) '\(summaryText(instance))'"
        func add(_ recipients: [String], _ kind: Notice.Kind, _ zh: String, _ en: String) {
            for recipient in recipients where !notices.contains(where: { $0.recipient == recipient && $0.kind == kind })
            {
                notices.append(
                    Notice(
                        recipient: recipient, kind: kind, instanceID: instance.id,
                        text: LocalizedText(zh: zh, en: en)))
            }
        }
        let stateLabel = self.stateLabel(instance.state)
        let moved = events.contains { $0.kind == .submitted || ($0.kind == .transitioned && $0.from != instance.state) }
        if moved, let queue = state(instance.state)?.queue, !instance.final {
            let returned = queue == .applicant && events.contains { $0.kind == .transitioned }
            add(
                Notice.holders(of: queue, instance: instance), returned ? .returned : .waiting,
                returned ? "申请已退回修改：\(name)" : "待您办理：\(name)，环节「\(stateLabel.zh)」",
                returned ? "Returned for amendment: \(nameEn)" : "Waiting for you: \(nameEn), \(stateLabel.text(.en))")
        }
        if instance.final, events.contains(where: { $0.kind == .transitioned }) {
            let number = instance.documentNumber.map { "（\($0)）" } ?? ""
            add(
                Notice.holders(of: .applicant, instance: instance)
                    + Notice.holders(of: .committeeRelation, instance: instance),
                .decided, "申请已办结：\(name)，\(stateLabel.zh)\(number)",
                "Finished: \(nameEn), \(stateLabel.text(.en))\(instance.documentNumber.map { " (\($0))" } ?? "")")
        }
        for event in events {
            switch event.kind {
            case .reminded:
                if let queue = state(event.to)?.queue {
                    add(
                        Notice.holders(of: queue, instance: instance), .reminder, "期限已到，请尽快办理：\(name)",
                        "A deadline fell due: \(nameEn)")
                }
            case .escalated:
                if let role = event.target {
                    add(
                        Notice.holders(of: Role(role), instance: instance), .escalated,
                        "超期上报给您：\(name)，环节「\(stateLabel.zh)」",
                        "Escalated to you (overdue): \(nameEn)")
                }
            case .urged:
                if let queue = state(event.to)?.queue {
                    let holders =
                        Notice.holders(of: queue, instance: instance) + (instance.assignee.map { ["user:\($0)"] } ?? [])
                    let comment = event.comment.map { "：\($0)" } ?? ""
                    add(
                        holders, .urged, "\(event.actor.user) 催办\(name)\(comment)",
                        "\(event.actor.user) urges you to act on \(nameEn)\(event.comment.map { ": \($0)" } ?? "")")
                }
            default:
                break
            }
            if let copies = event.fields[CopyTarget.field]?.listValue, !copies.isEmpty {
                add(
                    copies, .copied, "抄送给您：\(name)，环节「\(stateLabel.zh)」",
                    "Copied to you: \(nameEn), \(stateLabel.text(.en))")
            }
        }
        return notices
    }

    /// The recipients for whom `instance` waits now: its step's holders, the role an overdue step was escalated to,
    /// the person it was handed to; none once it ended. A notice that asked someone else to act is done.
    public func waitsFor(_ instance: WorkflowInstance) -> Set<String> {
        guard !instance.final, let queue = state(instance.state)?.queue else { return [] }
        var holders = Set(Notice.holders(of: queue, instance: instance))
        if let role = escalatedTo(instance) { holders.formUnion(Notice.holders(of: role, instance: instance)) }
        if let assignee = instance.assignee { holders.insert("user:\(assignee)") }
        return holders
    }

    private func summaryText(_ instance: WorkflowInstance) -> String {
        instance.subject[summaryField]?.displayText ?? ""
    }
}
