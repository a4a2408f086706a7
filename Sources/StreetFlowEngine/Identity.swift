import Foundation
import Synchronization
import WorkflowModel

#if canImport(Glibc)
    import Glibc
#endif

/// Who may hold a role: Unix users and groups.
public struct Members: Hashable, Sendable, Codable {
    /// User names.
    public var users: [String]
    /// Group names.
    public var groups: [String]
    /// A label (departments: e.g. 卫生健康办).
    public var label: String?

    /// Creates a member set.
    public init(users: [String] = [], groups: [String] = [], label: String? = nil) {
        self.users = users
        self.groups = groups
        self.label = label
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        users = try c.decodeIfPresent([String].self, forKey: .users) ?? []
        groups = try c.decodeIfPresent([String].self, forKey: .groups) ?? []
        label = try c.decodeIfPresent(String.self, forKey: .label)
    }

    func includes(user: String, groups memberOf: [String]) -> Bool {
        users.contains(user) || groups.contains { memberOf.contains($0) }
    }
}

/// The config's mapping from Unix users and groups to StreetFlow roles.
public struct RoleMapping: Hashable, Sendable, Codable {
    /// Global roles: `office`, `street`, `admin`.
    public var roles: [String: Members]
    /// Departments by key.
    public var departments: [String: Members]
    /// Committees by name.
    public var committees: [String: Members]

    /// Creates a mapping.
    public init(
        roles: [String: Members] = [:], departments: [String: Members] = [:], committees: [String: Members] = [:]
    ) {
        self.roles = roles
        self.departments = departments
        self.committees = committees
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        roles = try c.decodeIfPresent([String: Members].self, forKey: .roles) ?? [:]
        departments = try c.decodeIfPresent([String: Members].self, forKey: .departments) ?? [:]
        committees = try c.decodeIfPresent([String: Members].self, forKey: .committees) ?? [:]
    }

    /// The departments' names from their `label`s (departments without one are left out).
    public var departmentLabels: [String: String] { departments.compactMapValues(\.label) }

    /// The roles of a user who belongs to `groups`.
    public func roles(user: String, groups: [String]) -> Set<Role> {
        var result: Set<Role> = []
        for (name, members) in roles where members.includes(user: user, groups: groups) { result.insert(Role(name)) }
        for (key, members) in departments where members.includes(user: user, groups: groups) {
            result.insert(.department(key))
        }
        for (name, members) in committees where members.includes(user: user, groups: groups) {
            result.insert(.committee(name))
        }
        return result
    }
}

/// A connected peer as the kernel reports it (SO_PEERCRED), with its user and groups resolved.
public struct Caller: Hashable, Sendable {
    public var uid: UInt32
    public var gid: UInt32
    public var pid: Int32
    public var user: String
    public var groups: [String]
    public var roles: Set<Role>

    /// Creates a caller.
    public init(uid: UInt32, gid: UInt32, pid: Int32, user: String, groups: [String], roles: Set<Role>) {
        self.uid = uid
        self.gid = gid
        self.pid = pid
        self.user = user
        self.groups = groups
        self.roles = roles
    }

    /// The actor recorded on events.
    public var actor: Principal { Principal(uid: uid, user: user, pid: pid, roles: roles) }

    /// Resolves a peer's uid to its user name and groups through NSS (or `accounts`, a cache of those lookups)
    /// and maps them to roles with the mapping in force.
    public static func resolve(
        uid: UInt32, gid: UInt32, pid: Int32, mapping: RoleMapping, extraRoles: Set<Role> = [],
        accounts: AccountCache? = nil
    )
        -> Caller
    {
        let (user, groups) = accounts?.lookUp(uid) ?? AccountCache.resolve(uid)
        let roles = mapping.roles(user: user, groups: groups).union(extraRoles)
        return Caller(uid: uid, gid: gid, pid: pid, user: user, groups: groups, roles: roles)
    }
}

/// The user name and groups of each uid, looked up through NSS at most once per `ttl` (5 s): NSS reads
/// /etc/passwd and /etc/group (or asks sssd) on every lookup, which every call paid. A group change applies
/// within the TTL; `clear()` (at reload) applies it at once. The roles are still mapped on every call, so a
/// reloaded role mapping applies immediately.
public final class AccountCache: Sendable {
    private struct Entry {
        var user: String
        var groups: [String]
        var expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[UInt32: Entry]>([:])
    private let ttl: Duration

    public init(ttl: Duration = .seconds(5)) {
        self.ttl = ttl
    }

    /// The user name and groups of `uid`, from the cache while fresh.
    public func lookUp(_ uid: UInt32) -> (user: String, groups: [String]) {
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[uid] }), entry.expires > now { return (entry.user, entry.groups) }
        let (user, groups) = Self.resolve(uid)
        entries.withLock { $0[uid] = Entry(user: user, groups: groups, expires: now + ttl) }
        return (user, groups)
    }

    /// Forgets every lookup (the next call of each uid asks NSS again).
    public func clear() {
        entries.withLock { $0 = [:] }
    }

    /// The user name (`uid:N` when NSS knows none) and groups of `uid`, straight from NSS.
    static func resolve(_ uid: UInt32) -> (user: String, groups: [String]) {
        let account = UnixAccounts.user(uid: uid)
        return (
            account?.name ?? "uid:\(uid)", account.map { UnixAccounts.groups(user: $0.name, primary: $0.gid) } ?? []
        )
    }
}

/// Looks up Unix users and groups (getpwuid_r, getpwnam_r, getgrouplist).
public enum UnixAccounts {
    /// The name and primary group of a uid.
    public static func user(uid: UInt32) -> (name: String, gid: UInt32)? {
        var pwd = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid, &pwd, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return (String(cString: pwd.pw_name), pwd.pw_gid)
    }

    /// The uid and primary group of a user name.
    public static func user(named name: String) -> (uid: UInt32, gid: UInt32)? {
        var pwd = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwnam_r(name, &pwd, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return (pwd.pw_uid, pwd.pw_gid)
    }

    /// The names of every group a user belongs to.
    public static func groups(user: String, primary: UInt32) -> [String] {
        var count: Int32 = 64
        var gids = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(user, primary, &gids, &count) < 0 {
            gids = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(user, primary, &gids, &count)
        }
        return gids.prefix(Int(max(0, count))).compactMap(groupName)
    }

    /// A group's name.
    public static func groupName(_ gid: gid_t) -> String? {
        var grp = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 65_536)
        guard getgrgid_r(gid, &grp, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return String(cString: grp.gr_name)
    }
}
