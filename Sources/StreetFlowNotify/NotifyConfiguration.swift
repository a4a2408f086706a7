import Foundation
import Yams

/// The notifier's configuration (`streetflow-notify --config FILE`): where the daemon is, where delivery state
/// is kept, and the channels — group robots (企业微信/政务微信, 钉钉) and mail. Secrets live in separate root-only
/// files (or systemd credentials), named by path.
///
/// ```yaml
/// socket: /run/streetflow/io.streetflow.sock
/// state: /var/lib/streetflow-notify/state.json
/// notify:
///   robots:
///     - {kind: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…", roles: [street]}
///     - {kind: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=…", departments: [health],
///        secretFile: /etc/streetflow/dingtalk.secret}
///   mail:
///     sendmail: /usr/sbin/sendmail        # or smtp: relay.example:25
///     from: streetflow@zhongshan.example
///     users: {li: li@zhongshan.example}
///     roles: {street: [leader@zhongshan.example]}
/// ```
public struct NotifyConfiguration: Sendable, Equatable {
    public struct Robot: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable { case wecom, dingtalk }
        public var kind: Kind
        public var url: String
        /// The recipients it speaks for: `role:street`, `department:health`, `committee:蓝天二村`, `user:li`.
        public var recipients: Set<String>
        /// The DingTalk signing secret (read from `secretFile`), nil when the robot is not signed.
        public var secret: String?
        /// The channel's name in the delivery state: `robot-N`.
        public var channel: String
    }

    public struct Mail: Sendable, Equatable {
        public var sendmail: String?
        public var smtp: String?
        public var from: String
        /// Addresses per recipient (`user:li`, `role:street`, …).
        public var addresses: [String: [String]]
    }

    public var socket: String
    public var state: String
    public var robots: [Robot]
    public var mail: Mail?
    /// Seconds between polls of the daemon.
    public var pollSeconds: Double

    /// Reads and checks a config; every mistake is named with the key.
    public static func load(path: String) throws -> NotifyConfiguration {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw NotifyError("cannot read \(path)")
        }
        return try parse(text)
    }

    public static func parse(_ text: String) throws -> NotifyConfiguration {
        guard let root = try Yams.load(yaml: text) as? [String: Any] else {
            throw NotifyError("the config is not a mapping")
        }
        let notify = root["notify"] as? [String: Any] ?? [:]
        var robots: [Robot] = []
        for (index, item) in ((notify["robots"] as? [Any]) ?? []).enumerated() {
            guard let robot = item as? [String: Any] else {
                throw NotifyError("notify.robots[\(index)] is not a mapping")
            }
            guard let kindText = robot["kind"] as? String, let kind = Robot.Kind(rawValue: kindText) else {
                throw NotifyError("notify.robots[\(index)].kind must be wecom or dingtalk")
            }
            guard let url = robot["url"] as? String, url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw NotifyError("notify.robots[\(index)].url must be an http(s) URL")
            }
            var recipients: Set<String> = []
            for (key, prefix) in [
                ("roles", "role:"), ("departments", "department:"), ("committees", "committee:"), ("users", "user:"),
            ] {
                for name in (robot[key] as? [Any]) ?? [] { recipients.insert(prefix + "\(name)") }
            }
            guard !recipients.isEmpty else {
                throw NotifyError(
                    "notify.robots[\(index)] speaks for nobody: give roles, departments, committees or users")
            }
            var secret: String?
            if let file = robot["secretFile"] as? String {
                guard let value = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw NotifyError("notify.robots[\(index)].secretFile \(file) cannot be read")
                }
                secret = value.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            robots.append(
                Robot(kind: kind, url: url, recipients: recipients, secret: secret, channel: "robot-\(index)"))
        }
        var mail: Mail?
        if let m = notify["mail"] as? [String: Any] {
            guard let from = m["from"] as? String, from.contains("@") else {
                throw NotifyError("notify.mail.from must be an address")
            }
            let sendmail = m["sendmail"] as? String
            let smtp = m["smtp"] as? String
            guard (sendmail == nil) != (smtp == nil) else {
                throw NotifyError("notify.mail needs either sendmail: PATH or smtp: HOST:PORT")
            }
            var addresses: [String: [String]] = [:]
            for (key, prefix) in [
                ("users", "user:"), ("roles", "role:"), ("departments", "department:"), ("committees", "committee:"),
            ] {
                for (name, value) in (m[key] as? [String: Any]) ?? [:] {
                    let list = (value as? [Any])?.map { "\($0)" } ?? ["\(value)"]
                    addresses[prefix + name, default: []] += list
                }
            }
            mail = Mail(sendmail: sendmail, smtp: smtp, from: from, addresses: addresses)
        }
        return NotifyConfiguration(
            socket: root["socket"] as? String ?? "/run/streetflow/io.streetflow.sock",
            state: root["state"] as? String ?? "/var/lib/streetflow-notify/state.json", robots: robots, mail: mail,
            pollSeconds: (root["pollSeconds"] as? Double) ?? Double(root["pollSeconds"] as? Int ?? 2))
    }
}

/// A failure of the notifier, said plainly.
public struct NotifyError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
