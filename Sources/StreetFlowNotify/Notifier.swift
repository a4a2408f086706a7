import Foundation

/// What the notifier has delivered, kept in a small file written atomically after each delivery: every notice up
/// to `after` is settled; beyond it, the deliveries done, those failing (with when to try again) and those given up.
public struct DeliveryState: Codable, Equatable, Sendable {
    public struct Failure: Codable, Equatable, Sendable {
        public var attempts: Int
        public var next: Date
        public var reason: String
    }

    public var after: Int = 0
    public var done: Set<String> = []
    public var failing: [String: Failure] = [:]
    public var gaveUp: [String: Failure] = [:]

    public init() {}

    public static func load(_ path: String) -> DeliveryState {
        guard let data = FileManager.default.contents(atPath: path),
            let state = try? JSONDecoder().decode(DeliveryState.self, from: data)
        else { return DeliveryState() }
        return state
    }

    /// Writes the state durably: a temporary file, fsync, rename.
    public func save(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(self)
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw NotifyError("cannot write \(temporary)")
        }
        if let handle = FileHandle(forUpdatingAtPath: temporary) {
            try handle.synchronize()
            try handle.close()
        }
        guard rename(temporary, path) == 0 else { throw NotifyError("cannot replace \(path)") }
    }
}

/// A delivery channel: a robot or the mail, and whether a notice is for it.
public struct Channel: Sendable {
    public var name: String
    public var accepts: @Sendable (OutgoingNotice) -> Bool
    public var send: @Sendable (OutgoingNotice) throws -> Void
}

/// Delivers notices at least once per channel, in order, retrying with backoff; never twice once recorded.
public struct Notifier {
    public var channels: [Channel]
    public var statePath: String
    public var state: DeliveryState
    /// Attempts before a delivery is given up (logged, visible in --status).
    public var maxAttempts = 12
    public var log: (String) -> Void

    public init(channels: [Channel], statePath: String, log: @escaping (String) -> Void) {
        self.channels = channels
        self.statePath = statePath
        self.state = DeliveryState.load(statePath)
        self.log = log
    }

    /// The channels of a configuration.
    public static func channels(_ config: NotifyConfiguration) -> [Channel] {
        var channels: [Channel] = config.robots.map { robot in
            Channel(
                name: robot.channel, accepts: { robot.recipients.contains($0.recipient) },
                send: { notice in
                    let url =
                        robot.secret.map { RobotPayload.signedURL(robot.url, secret: $0, at: Date()) } ?? robot.url
                    let body = robot.kind == .wecom ? RobotPayload.wecom(notice) : RobotPayload.dingtalk(notice)
                    try Sender.post(url, body: body, deliveryID: notice.deliveryID(channel: robot.channel))
                })
        }
        if let mail = config.mail {
            channels.append(
                Channel(
                    name: "mail", accepts: { !(mail.addresses[$0.recipient] ?? []).isEmpty },
                    send: { notice in
                        let to = mail.addresses[notice.recipient] ?? []
                        let message = MailMessage.render(notice, from: mail.from, to: to, channel: "mail")
                        if let sendmail = mail.sendmail {
                            try Sender.sendmail(sendmail, from: mail.from, to: to, message: message)
                        } else if let smtp = mail.smtp {
                            try Sender.smtp(smtp, from: mail.from, to: to, message: message)
                        }
                    }))
        }
        return channels
    }

    /// Delivers what is due of `notices` (those after `state.after`, oldest first); returns how many went out.
    @discardableResult
    public mutating func deliver(_ notices: [OutgoingNotice], now: Date = Date()) -> Int {
        var sent = 0
        for notice in notices where notice.id > state.after {
            for channel in channels where channel.accepts(notice) {
                let id = notice.deliveryID(channel: channel.name)
                if state.done.contains(id) || state.gaveUp[id] != nil { continue }
                if let failure = state.failing[id], failure.next > now { continue }
                do {
                    try channel.send(notice)
                    state.done.insert(id)
                    state.failing[id] = nil
                    sent += 1
                } catch {
                    let attempts = (state.failing[id]?.attempts ?? 0) + 1
                    let failure = DeliveryState.Failure(
                        attempts: attempts, next: now.addingTimeInterval(min(300, pow(2, Double(attempts)))),
                        reason: "\(error)")
                    if attempts >= maxAttempts {
                        state.failing[id] = nil
                        state.gaveUp[id] = failure
                        log("giving up \(id) after \(attempts) attempts: \(error)")
                    } else {
                        state.failing[id] = failure
                        log(
                            "delivery \(id) failed (attempt \(attempts), next in \(Int(failure.next.timeIntervalSince(now))) s): \(error)"
                        )
                    }
                }
                save()
            }
        }
        settle(notices)
        return sent
    }

    /// Moves `after` past every leading notice whose deliveries are all done or given up, and forgets them.
    private mutating func settle(_ notices: [OutgoingNotice]) {
        for notice in notices where notice.id > state.after {
            let ids = channels.filter { $0.accepts(notice) }.map { notice.deliveryID(channel: $0.name) }
            guard ids.allSatisfy({ state.done.contains($0) || state.gaveUp[$0] != nil }) else { break }
            state.after = notice.id
            for id in ids { state.done.remove(id) }
        }
        save()
    }

    private func save() {
        do { try state.save(statePath) } catch { log("cannot save the delivery state: \(error)") }
    }
}
