import Foundation
import StreetFlowEngine
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
    /// trace, debug, info, notice, warning, error, critical.
    public var logLevel = "info"
    /// Largest Varlink message in bytes.
    public var maxMessageBytes = 1 << 20
    /// Most concurrent client connections.
    public var maxConnections = 256
    /// Seconds an idle connection stays open.
    public var idleTimeoutSeconds = 600
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

    /// The defaults.
    public init() {}

    /// Reads a config file; a missing optional key keeps its default, an unknown key is an error.
    public static func load(path: String) throws -> DaemonConfiguration {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw ConfigurationError(path: path, message: "cannot read the file")
        }
        return try parse(text, path: path)
    }

    /// Parses config YAML.
    public static func parse(_ text: String, path: String) throws -> DaemonConfiguration {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(path: path, message: "YAML error: \(error)")
        }
        var config = DaemonConfiguration()
        guard let node else { return config }
        guard let mapping = node.mapping else {
            throw ConfigurationError(path: path, message: "expected key: value lines")
        }
        func string(_ key: String, _ value: Node) throws -> String {
            guard let s = value.string else {
                throw ConfigurationError(path: path, message: "\(key) must be text (line \(value.mark?.line ?? 0))")
            }
            return s
        }
        func int(_ key: String, _ value: Node) throws -> Int {
            guard let i = value.int, i > 0 else {
                throw ConfigurationError(
                    path: path, message: "\(key) must be a positive number (line \(value.mark?.line ?? 0))")
            }
            return i
        }
        var roleNode: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "socket": config.socket = try string(key, value)
            case "socketMode":
                let text = try string(key, value)
                guard let mode = UInt32(text.hasPrefix("0o") ? String(text.dropFirst(2)) : text, radix: 8) else {
                    throw ConfigurationError(path: path, message: "socketMode must be octal like \"0660\"")
                }
                config.socketMode = mode
            case "socketGroup": config.socketGroup = value.null != nil ? nil : try string(key, value)
            case "stateDirectory": config.stateDirectory = try string(key, value)
            case "workflowsDirectory": config.workflowsDirectory = try string(key, value)
            case "seedsDirectory": config.seedsDirectory = try string(key, value)
            case "logLevel": config.logLevel = try string(key, value)
            case "separationOfDuties": config.separationOfDuties = value.bool ?? true
            case "timeZone":
                let name = try string(key, value)
                guard TimeZone(identifier: name) != nil else {
                    throw ConfigurationError(
                        path: path,
                        message:
                            "timeZone '\(name)' is no IANA time zone, e.g. Asia/Shanghai (line \(value.mark?.line ?? 0))"
                    )
                }
                config.timeZone = name
            case "limits":
                for (limitKey, limit) in value.mapping ?? [:] {
                    let name = limitKey.string ?? ""
                    switch name {
                    case "maxMessageBytes": config.maxMessageBytes = try int(name, limit)
                    case "maxConnections": config.maxConnections = try int(name, limit)
                    case "idleTimeoutSeconds": config.idleTimeoutSeconds = try int(name, limit)
                    case "shutdownGraceSeconds": config.shutdownGraceSeconds = try int(name, limit)
                    case "maxBatch": config.maxBatch = try int(name, limit)
                    case "maxAttachmentBytes": config.maxAttachmentBytes = try int(name, limit)
                    default: throw ConfigurationError(path: path, message: "unknown key limits.\(name)")
                    }
                }
            case "roles", "departments", "committees": roleNode[key] = value
            default:
                throw ConfigurationError(path: path, message: "unknown key '\(key)' (line \(keyNode.mark?.line ?? 0))")
            }
        }
        if !roleNode.isEmpty {
            do {
                var mapping = Node.Mapping([])
                for (k, v) in roleNode { mapping[Node(k)] = v }
                config.roles = try YAMLDecoder().decode(RoleMapping.self, from: Node.mapping(mapping))
            } catch {
                throw ConfigurationError(path: path, message: "roles/departments/committees: \(error)")
            }
        }
        return config
    }
}

/// A config file that could not be used.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}
