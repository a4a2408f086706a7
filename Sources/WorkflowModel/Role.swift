/// A role a caller holds or an action requires: `office`, `street`, `admin`, `system`, `department:<key>`,
/// `committee:<name>`, and in definitions the relation roles `applicant` and `committee` and the family `department`.
public struct Role: Hashable, Sendable, Codable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The role as written, e.g. `office` or `department:health`.
    public var rawValue: String

    /// Wraps a role name.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    /// The self-governance office (社区自治办).
    public static let office: Role = "office"
    /// The district's civil-affairs bureau: sees every street's requests on a shared store.
    public static let district: Role = "district"
    /// The street office leadership (街道办事处).
    public static let street: Role = "street"
    /// Administrators of the installation.
    public static let admin: Role = "admin"
    /// The engine itself (timers, automatic steps).
    public static let system: Role = "system"
    /// The delivery process (streetflow-notify): reads every notice, nothing else.
    public static let notifier: Role = "notifier"
    /// Relation role: the department that submitted the request.
    public static let applicant: Role = "applicant"
    /// Relation role: the committee the request concerns.
    public static let committeeRelation: Role = "committee"
    /// Any department officer (used for who may submit).
    public static let anyDepartment: Role = "department"

    /// An officer of the department with this key.
    public static func department(_ key: String) -> Role { Role("department:\(key)") }
    /// A member of the residents' committee with this name.
    public static func committee(_ name: String) -> Role { Role("committee:\(name)") }

    /// Whether the role is a relation to the request (its applicant department or its committee).
    public var isRelation: Bool { self == .applicant || self == .committeeRelation }

    /// The department key of a `department:<key>` role.
    public var departmentKey: String? { suffix(after: "department:") }
    /// The committee name of a `committee:<name>` role.
    public var committeeName: String? { suffix(after: "committee:") }

    /// The roles a definition may name in `who`.
    public static let definitionRoles: Set<Role> = [
        .office, .street, .admin, .system, .applicant, .committeeRelation, .anyDepartment,
    ]

    /// The role as people call it: 社区自治办, 街道办事处, 系统, …; `department:<key>` and `committee:<name>`
    /// are named by `departmentLabel` (the config's label for the key) and the committee's name.
    public func label(departmentLabel: (String) -> String? = { _ in nil }) -> LocalizedText {
        if let key = departmentKey {
            let name = departmentLabel(key)
            return LocalizedText(zh: name ?? "部门（\(key)）", en: name.map { "department \($0)" } ?? "department \(key)")
        }
        if let name = committeeName { return LocalizedText(zh: "\(name)居委会", en: "committee \(name)") }
        return Self.labels[self] ?? LocalizedText(zh: rawValue, en: rawValue)
    }

    /// Labels of the roles a definition may name.
    public static let labels: [Role: LocalizedText] = [
        .office: LocalizedText(zh: "社区自治办", en: "self-governance office"),
        .street: LocalizedText(zh: "街道办事处", en: "street office"),
        .admin: LocalizedText(zh: "系统管理员", en: "administrator"),
        .system: LocalizedText(zh: "系统", en: "system"),
        .applicant: LocalizedText(zh: "申请部门", en: "applicant department"),
        .committeeRelation: LocalizedText(zh: "所涉居委会", en: "the committee concerned"),
        .anyDepartment: LocalizedText(zh: "职能部门", en: "a department"),
    ]

    /// "社区自治办、街道办事处" — several roles for a sentence.
    public static func labels(_ roles: [Role]) -> LocalizedText {
        let labels = roles.map { $0.label() }
        return LocalizedText(
            zh: labels.map(\.zh).joined(separator: "、"), en: labels.map { $0.text(.en) }.joined(separator: ", "))
    }

    public var description: String { rawValue }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }

    private func suffix(after prefix: String) -> String? {
        rawValue.hasPrefix(prefix) ? String(rawValue.dropFirst(prefix.count)) : nil
    }
}

/// Who did something: the verified peer (uid, user name, pid from the kernel) and the roles the config grants it.
public struct Principal: Hashable, Sendable, Codable {
    /// The kernel-verified uid.
    public var uid: UInt32
    /// The user name of `uid`.
    public var user: String
    /// The peer process id.
    public var pid: Int32
    /// Roles granted by the role mapping.
    public var roles: Set<Role>

    /// Creates a principal.
    public init(uid: UInt32, user: String, pid: Int32, roles: Set<Role>) {
        self.uid = uid
        self.user = user
        self.pid = pid
        self.roles = roles
    }

    /// The engine's own actor, for timers and automatic steps.
    public static let system = Principal(uid: 0, user: "system", pid: 0, roles: [.system])

    /// The department keys this actor is an officer of, sorted.
    public var departments: [String] { roles.compactMap(\.departmentKey).sorted() }
    /// The committee names this actor belongs to, sorted.
    public var committees: [String] { roles.compactMap(\.committeeName).sorted() }
}
