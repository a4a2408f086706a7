/// 抄送: a request copied to a user, a department or a committee, who can then see it (read-only; copying gives
/// no role on it). A target is written `user:NAME`, `department:KEY` or `committee:NAME`; an event that copies
/// records its targets in its `cc` field (so in the audit chain), and the projection keeps them all.
public enum CopyTarget {
    /// The event field the targets of a copy are recorded in.
    public static let field = "cc"
    /// The prefixes a target starts with.
    public static let kinds = ["user:", "department:", "committee:"]

    /// The targets that name `principal`: their user, each of their departments and committees.
    public static func targets(of principal: Principal) -> [String] {
        ["user:\(principal.user)"] + principal.departments.map { "department:\($0)" }
            + principal.committees.map { "committee:\($0)" }
    }

    /// The targets an action copies to by its definition (`cc:`), for this request: `committee` is the request's
    /// committee, `applicant` its department; a written target stands for itself.
    public static func standing(_ written: [String], instance: WorkflowInstance) -> [String] {
        written.compactMap { target in
            switch target {
            case "committee": return instance.committee.map { "committee:\($0)" }
            case "applicant": return instance.applicantDepartment.map { "department:\($0)" }
            default: return kinds.contains(where: target.hasPrefix) ? target : nil
            }
        }
    }
}
