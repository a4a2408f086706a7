import Foundation
import StreetFlowEngine
import WorkflowModel
import Yams

/// `/etc/streetflow/streetflow.yaml`: every key has a default; `Deploy/streetflow.yaml` documents each one.
public struct DaemonConfiguration: Sendable, Hashable {
    /// The socket to bind when systemd passes none.
    public var socket = "/run/streetflow/io.streetflow.sock"
    /// The mode of a socket the daemon binds itself.
    public var socketMode: UInt32 = 0o660
    /// The group of a socket the daemon binds itself (nil: the daemon's group).
    public var socketGroup: String? = "streetflow"
    /// Where the database lives (`$STATE_DIRECTORY` when systemd sets it).
    public var stateDirectory = "/var/lib/streetflow"
    /// The workflow definitions.
    public var workflowsDirectory = "/usr/share/streetflow/workflows"
    /// Calendar, committees and reference lists.
    public var seedsDirectory = "/usr/share/streetflow/seeds"
    /// Holiday years the office adds after the shipped calendar (same format as `seeds/calendar.yaml`).
    public var calendarDirectory = "/etc/streetflow/calendar.d"
    /// trace, debug, info, notice, warning, error, critical.
    public var logLevel = "info"
    /// Largest Varlink message in bytes.
    public var maxMessageBytes = 1 << 20
    /// Most concurrent client connections.
    public var maxConnections = 256
    /// Connections one uid may hold at once (below `maxConnections`, so no user can lock the others out).
    public var maxConnectionsPerUser = 16
    /// Seconds an idle connection stays open.
    public var idleTimeoutSeconds = 600
    /// Seconds a new connection may wait before its first call (shorter: it holds a slot for nothing).
    public var firstCallTimeoutSeconds = 10
    /// Seconds in-flight commands get to finish at shutdown.
    public var shutdownGraceSeconds = 10
    /// Most commands sharing one transaction (1 disables group commit).
    public var maxBatch = 256
    /// Largest attachment in bytes.
    public var maxAttachmentBytes = 10 << 20
    /// Unix users and groups → roles, departments, committees.
    public var roles = RoleMapping()
    /// Bar the submitter from reviewing or approving their own request (only `--dev` turns it off).
    public var separationOfDuties = true
    /// The office's time zone (an IANA name): clients show every time in it.
    public var timeZone = "Asia/Shanghai"
    /// The committees of the street programme (the 21 of 2019) as the office confirmed them; nil: the seeds'
    /// assumption stands, and the daemon warns at every start and `status` says so.
    public var programme: [String]?
    /// Document-number (文号) patterns by series (`admission`, `refusal`, `revocation`, or a series a workflow
    /// names), over `DocumentNumbering.defaultPatterns`.
    public var documentNumbers: [String: String] = [:]
    /// Whether `streetflowd --clock simulated:…` is allowed outside `--dev` (a demonstration or training server).
    public var simulation = false
    /// Where the records are: the embedded SQLite file in ``stateDirectory`` (the default), or the district's
    /// PostgreSQL shared by several daemons.
    public var store = StoreSettings()
    /// The street office this daemon serves (e.g. `zhongshan`): stamped on every new request; on a store other
    /// streets share, its users see only this street's requests (the `district` role sees all).
    public var street: String?

    /// The `store:` section.
    public struct StoreSettings: Sendable, Hashable {
        /// `sqlite` or `postgresql`.
        public var kind = "sqlite"
        /// `postgresql://user@host[:port]/database` (or `?host=/run/postgresql` for a socket); no password in it.
        public var url: String?
        /// A root-only file holding the database password; without one, the systemd credential `db-password`
        /// (`LoadCredential=db-password:…`) is used when present.
        public var passwordFile: String?
        /// Connections to the database (one writes, the rest read).
        public var pool = 8

        public init() {}
    }

    /// The defaults.
    public init() {}

    /// The keys of each section (`""` is the top level); `Deploy/streetflow.yaml` documents every one. To add a
    /// key: a property with its default above, its name here, its case in `parse`, and its line in the example.
    public static let keys: [String: Set<String>] = [
        "": [
            "socket", "socketMode", "socketGroup", "stateDirectory", "workflowsDirectory", "seedsDirectory", "logLevel",
            "calendarDirectory",
            "separationOfDuties", "timeZone", "limits", "roles", "departments", "committees", "programme",
            "documentNumbers", "simulation", "store", "street",
        ],
        "store": ["kind", "url", "passwordFile", "pool"],
        "limits": [
            "maxMessageBytes", "maxConnections", "maxConnectionsPerUser", "idleTimeoutSeconds", "shutdownGraceSeconds",
            "firstCallTimeoutSeconds", "maxBatch",
            "maxAttachmentBytes",
        ],
        "roles": ["office", "street", "admin", "notifier", "district"],
        "members": ["users", "groups", "label"],
    ]

    /// The log levels `logLevel` takes.
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Reads a config file: a missing key keeps its default; an unknown key, a wrong type, an unknown role (or a
    /// committee the seeds do not list, when the seeds in `seedsDirectory` can be read) is refused with
    /// file:line:column and the fix.
    public static func load(path: String) throws(ConfigurationError) -> DaemonConfiguration {
        var reader = YAMLReader(file: path)
        guard let text = reader.text(of: URL(fileURLWithPath: path)) else {
            throw ConfigurationError(diagnostics: reader.diagnostics)
        }
        // The committees may only name what the seeds list; the seeds are where the file says (or the default).
        let seedsDirectory = read(text, path: path, knownCommittees: nil).config.seedsDirectory
        let seeds = try? SeedCatalog.load(directory: URL(fileURLWithPath: seedsDirectory))
        return try parse(text, path: path, knownCommittees: seeds.map { Set($0.committees.map(\.name)) })
    }

    /// Parses config YAML; `knownCommittees` (nil: any) are the names `committees:` may map.
    public static func parse(
        _ text: String, path: String, knownCommittees: Set<String>? = nil
    ) throws(ConfigurationError) -> DaemonConfiguration {
        let (config, diagnostics) = read(text, path: path, knownCommittees: knownCommittees)
        if !diagnostics.isEmpty { throw ConfigurationError(diagnostics: diagnostics) }
        return config
    }

    /// The settings the file gives (defaults where it has mistakes) and every mistake.
    static func read(
        _ text: String, path: String, knownCommittees: Set<String>?
    ) -> (config: DaemonConfiguration, diagnostics: [Diagnostic]) {
        var r = YAMLReader(file: path)
        var config = DaemonConfiguration()
        guard let root = r.document(text, emptyHint: nil) else { return (config, r.diagnostics) }
        for (key, node) in r.mapping(root, "", allowed: keys[""]) ?? [] {
            switch key {
            case "socket": config.socket = r.string(node, key) ?? config.socket
            case "socketMode":
                guard let text = r.string(node, key) else { break }
                guard let mode = UInt32(text.hasPrefix("0o") ? String(text.dropFirst(2)) : text, radix: 8) else {
                    r.error(
                        "wrong-type", key, node.mark, "'\(text)' is not an octal mode",
                        "write socketMode: \"0660\" (octal, quoted)")
                    break
                }
                config.socketMode = mode
            case "socketGroup": config.socketGroup = node.null != nil ? nil : r.string(node, key)
            case "stateDirectory": config.stateDirectory = r.string(node, key) ?? config.stateDirectory
            case "workflowsDirectory": config.workflowsDirectory = r.string(node, key) ?? config.workflowsDirectory
            case "seedsDirectory": config.seedsDirectory = r.string(node, key) ?? config.seedsDirectory
            case "calendarDirectory": config.calendarDirectory = r.string(node, key) ?? config.calendarDirectory
            case "logLevel": config.logLevel = r.oneOf(node, key, logLevels) ?? config.logLevel
            case "separationOfDuties": config.separationOfDuties = r.boolean(node, key) ?? config.separationOfDuties
            case "timeZone":
                guard let name = r.string(node, key) else { break }
                guard TimeZone(identifier: name) != nil else {
                    r.error(
                        "wrong-value", key, node.mark, "'\(name)' is no IANA time zone",
                        "write an IANA name, e.g. timeZone: Asia/Shanghai")
                    break
                }
                config.timeZone = name
            case "programme":
                config.programme = programme(node, key, knownCommittees: knownCommittees, &r)
            case "simulation": config.simulation = r.boolean(node, key) ?? config.simulation
            case "documentNumbers":
                for (series, value) in r.mapping(node, key, allowed: nil) ?? [] {
                    guard let pattern = r.string(value, "\(key).\(series)") else { continue }
                    if let problem = DocumentNumbering.problem(pattern: pattern) {
                        r.error(
                            "wrong-value", "\(key).\(series)", value.mark, "'\(pattern)': \(problem)",
                            "write e.g. \(series): \"中山准〔{year}〕{n}号\"")
                        continue
                    }
                    config.documentNumbers[series] = pattern
                }
            case "street":
                guard let key = r.string(node, key) else { break }
                // Its name as people write it (中山街道): recorded in every request and shown on screens.
                guard !key.isEmpty, key.count <= 40,
                    key.unicodeScalars.allSatisfy({
                        !$0.properties.isWhitespace && $0.properties.generalCategory != .control
                    })
                else {
                    r.error(
                        "wrong-value", "street", node.mark, "'\(key)' is no street office name",
                        "write its name without spaces, at most 40 characters, e.g. street: 中山街道")
                    break
                }
                config.street = key
            case "store":
                for (name, value) in r.mapping(node, key, allowed: keys["store"]) ?? [] {
                    switch name {
                    case "kind": config.store.kind = r.oneOf(value, "store.kind", ["sqlite", "postgresql"]) ?? "sqlite"
                    case "url":
                        guard let url = r.string(value, "store.url") else { break }
                        guard url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") else {
                            r.error(
                                "wrong-value", "store.url", value.mark, "'\(url)' is not a PostgreSQL URL",
                                "write e.g. url: postgresql://streetflow@db.example/streetflow")
                            break
                        }
                        config.store.url = url
                    case "passwordFile": config.store.passwordFile = r.string(value, "store.passwordFile")
                    case "pool": config.store.pool = max(2, r.count(value, "store.pool") ?? config.store.pool)
                    default: break
                    }
                }
                if config.store.kind == "postgresql" && config.store.url == nil {
                    r.error(
                        "missing-key", "store.url", node.mark, "store.kind is postgresql but no url names the database",
                        "add url: postgresql://streetflow@db.example/streetflow")
                }
            case "limits":
                for (name, value) in r.mapping(node, key, allowed: keys["limits"]) ?? [] {
                    guard let n = r.count(value, "limits.\(name)") else { continue }
                    switch name {
                    case "maxMessageBytes": config.maxMessageBytes = n
                    case "maxConnections": config.maxConnections = n
                    case "maxConnectionsPerUser": config.maxConnectionsPerUser = n
                    case "idleTimeoutSeconds": config.idleTimeoutSeconds = n
                    case "firstCallTimeoutSeconds": config.firstCallTimeoutSeconds = n
                    case "shutdownGraceSeconds": config.shutdownGraceSeconds = n
                    case "maxBatch": config.maxBatch = n
                    case "maxAttachmentBytes": config.maxAttachmentBytes = n
                    default: break
                    }
                }
            case "roles":
                for (name, value) in r.mapping(node, key, allowed: keys["roles"]) ?? [] {
                    config.roles.roles[name] = members(value, "roles.\(name)", &r)
                }
            case "departments":
                for (name, value) in r.mapping(node, key) ?? [] {
                    let slug = name.unicodeScalars.allSatisfy {
                        ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    }
                    guard slug, !name.isEmpty else {
                        r.error(
                            "wrong-value", "departments.\(name)", r.marks["departments.\(name)"],
                            "department key '\(name)' is not lower-case ASCII",
                            "write a key like health or civil-affairs")
                        continue
                    }
                    config.roles.departments[name] = members(value, "departments.\(name)", &r)
                }
            case "committees":
                for (name, value) in r.mapping(node, key) ?? [] {
                    if let knownCommittees, !knownCommittees.contains(name) {
                        let guess = YAMLReader.nearest(name, in: knownCommittees).map { "did you mean '\($0)'? " } ?? ""
                        r.error(
                            "unknown-role", "committees.\(name)", r.marks["committees.\(name)"],
                            "no committee '\(name)' in the seeds (committees.yaml)",
                            "\(guess)name a committee as the seeds list it, e.g. \(knownCommittees.sorted().first ?? "")"
                        )
                        continue
                    }
                    config.roles.committees[name] = members(value, "committees.\(name)", &r)
                }
            default: break
            }
        }
        return (config, r.diagnostics)
    }

    /// `programme: [莱顿, 淡家浜, …]`: committees the seeds list, each once.
    private static func programme(
        _ node: Node, _ path: String, knownCommittees: Set<String>?, _ r: inout YAMLReader
    ) -> [String] {
        let names = r.strings(node, path)
        var seen: Set<String> = []
        for (index, name) in names.enumerated() {
            let place = "\(path)[\(index)]"
            if let knownCommittees, !knownCommittees.contains(name) {
                let guess = YAMLReader.nearest(name, in: knownCommittees).map { "did you mean '\($0)'? " } ?? ""
                r.error(
                    "unknown-committee", place, r.marks[place] ?? node.mark,
                    "no committee '\(name)' in the seeds (committees.yaml)",
                    "\(guess)name each committee of the programme as the seeds list it")
            } else if !seen.insert(name).inserted {
                r.error(
                    "duplicate", place, r.marks[place] ?? node.mark, "'\(name)' is listed twice",
                    "list each committee of the programme once")
            }
        }
        if names.isEmpty {
            r.error(
                "wrong-value", path, node.mark, "the programme names no committee",
                "list the programme's committees, e.g. programme: [蓝天二村, 莱顿], or leave the key out")
        }
        return names
    }

    /// `{users: [...], groups: [...], label: ...}`.
    private static func members(_ node: Node, _ path: String, _ r: inout YAMLReader) -> Members {
        var members = Members()
        for (key, value) in r.mapping(node, path, allowed: keys["members"]) ?? [] {
            switch key {
            case "users": members.users = r.strings(value, "\(path).users")
            case "groups": members.groups = r.strings(value, "\(path).groups")
            case "label": members.label = r.string(value, "\(path).label")
            default: break
            }
        }
        return members
    }
}

/// A config file that could not be used: every problem, each with file:line:column, the YAML path and the fix.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var diagnostics: [Diagnostic]

    /// Wraps the reader's diagnostics.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One problem without a place in the file.
    public init(path: String, message: String, hint: String = "fix the configuration") {
        diagnostics = [
            Diagnostic(rule: "config", file: path, line: 0, column: 0, path: "", message: message, hint: hint)
        ]
    }

    /// The file.
    public var path: String { diagnostics.first?.file ?? "" }

    /// Every problem, one per line, in the form editors jump to.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
