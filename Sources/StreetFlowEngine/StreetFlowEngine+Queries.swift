import Foundation
import Logging
import WorkflowModel
import WorkflowStore

/// One request with its history and what the caller may do next.
public struct InstanceDetail: Sendable, Hashable {
    public var instance: WorkflowInstance
    public var history: [StoredEvent]
    /// Actions the caller may take now.
    public var actions: [String]
    /// The next deadline, if any.
    public var nextDeadline: Date?
}

/// One page of a listing.
public struct InstancePage: Sendable, Hashable {
    public var instances: [WorkflowInstance]
    /// Pass as `cursor` for the next page; nil on the last page.
    public var nextCursor: String?
}

/// A request in a caller's queue.
public struct QueueItem: Sendable, Hashable {
    public var instance: WorkflowInstance
    public var actions: [String]
    public var nextDeadline: Date?
    public var overdue: Bool
    /// Working days until the deadline (negative when overdue).
    public var workingDaysLeft: Int?
    /// The role an escalation handed the request up to (已上报), if one did.
    public var escalatedTo: Role?
}

/// The open requests of one queue.
public struct QueueLoad: Sendable, Hashable {
    public var queue: String
    public var open = 0
    /// Past their time limit.
    public var overdue = 0
    /// Handed up to this queue by an escalation.
    public var escalatedHere = 0
}

/// Counts for `streetflow status` and the daemon's STATUS= line.
public struct EngineStats: Sendable, Hashable {
    public var openByState: [StateCount]
    public var open: Int
    public var awaitingStreet: Int
    public var awaitingOffice: Int
    public var storeBytes: Int64
    public var commits: Int
    public var commands: Int
    public var commandsPerCommit: Double
    public var averageCommitMicroseconds: Double
    public var lastCommitMicroseconds: Double
    public var chainHead: ChainHead
    public var startedAt: Date
    /// Reference lists in force that are still samples (示例清单在用): they decide nothing.
    public var sampleLists: [String] = []
    /// Whether the programme's committees are the seeds' assumption, not yet confirmed by the office.
    public var programmeUnconfirmed = false
    /// The last day of the holiday data, when it ends within 60 days (工作日历即将用尽).
    public var calendarEnds: LocalDate?
    /// The last day of the holiday data in force (seeds and calendar.d).
    public var calendarCoveredUntil: LocalDate?
    /// Commands waiting for the next transaction while one commits.
    public var queuedCommands = 0
}

extension StreetFlowEngine {
    /// A request, its history and the actions the caller may take.
    public func get(id: String, caller: Caller) throws -> InstanceDetail {
        let id = try Self.checkedText(id, parameter: "id")
        let actor = caller.actor
        let (instance, history) = try read { tx -> (WorkflowInstance?, [StoredEvent]) in
            guard let instance = try tx.instance(id) else { return (nil, []) }
            return (instance, try tx.events(of: id))
        }
        guard let instance, Self.visibility(actor, catalog: catalog).admits(instance) else {
            throw WorkflowError.noSuchInstance(id)
        }
        let definition = catalog.definition(instance.workflow, version: instance.definitionVersion)
        let context = try guardContext(for: definition.map { [$0] } ?? [])
        let actions = definition?.offeredActions(instance: instance, actor: actor, context: context) ?? []
        let deadline = definition?.pendingDeadlines(of: instance, calendar: catalog.calendar).map(\.due).min()
        return InstanceDetail(instance: instance, history: history, actions: actions, nextDeadline: deadline)
    }

    /// The history of a request.
    public func history(id: String, caller: Caller) throws -> [StoredEvent] {
        try get(id: id, caller: caller).history
    }

    /// Requests matching a filter that the caller may see, newest first, one page.
    public func list(_ filter: InstanceFilter, caller: Caller) throws -> InstancePage {
        var filter = try catalog.resolvingNames(try Self.checkedFilter(filter))
        filter.visibility = Self.visibility(caller.actor, catalog: catalog)
        filter.limit = min(max(1, filter.limit), options.maxPage)
        let page = try read { try $0.instances(filter) }
        let next = page.count == filter.limit ? page.last.map(InstanceFilter.cursor(after:)) : nil
        return InstancePage(instances: page, nextCursor: next)
    }

    /// What the caller can act on now, oldest deadline first, overdue marked.
    public func queue(caller: Caller, workflow: String? = nil) throws -> [QueueItem] {
        let actor = caller.actor
        var filter = try catalog.resolvingNames(
            Self.checkedFilter(InstanceFilter(workflow: workflow, limit: 5000)))
        filter.visibility = Self.visibility(actor, catalog: catalog)
        let open = try read { try $0.openInstances(filter) }
        let context = try guardContext(for: catalog.currentDefinitions)
        let now = context.now
        let today = LocalDate(now)
        var items: [QueueItem] = []
        for instance in open {
            guard let definition = catalog.definition(instance.workflow, version: instance.definitionVersion) else {
                continue
            }
            // Listed when the caller holds the turn, or when an overdue request was escalated to them (已上报);
            // offered only what the guards allow now.
            let escalated = definition.escalatedTo(instance)
            guard
                !definition.availableActions(instance: instance, actor: actor, context: context).isEmpty
                    || escalated.map(actor.roles.contains) == true
            else { continue }
            let actions = definition.offeredActions(instance: instance, actor: actor, context: context)
            let deadline = definition.dueDate(of: instance, calendar: catalog.calendar)
            let left = deadline.map {
                catalog.calendar.workingDays(from: today, to: LocalDate($0.addingTimeInterval(-1)))
            }
            items.append(
                QueueItem(
                    instance: instance, actions: actions, nextDeadline: deadline,
                    overdue: deadline.map { $0 <= now } ?? false,
                    workingDaysLeft: left, escalatedTo: escalated))
        }
        return items.sorted {
            switch ($0.nextDeadline, $1.nextDeadline) {
            case (let a?, let b?): return a == b ? $0.instance.createdAt < $1.instance.createdAt : a < b
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return $0.instance.createdAt < $1.instance.createdAt
            }
        }
    }

    /// The context guards are judged in for hints: the catalog, and the facts the definitions' guards declare.
    func guardContext(for definitions: [WorkflowDefinition]) throws -> TransitionContext {
        let queries = definitions.reduce(into: Set<StateReference>()) { $0.formUnion($1.stateQueries) }
        return try read { try context($0, catalog: catalog, queries: queries) }
    }

    /// The checks made once per office day (the timer loop calls this often; it acts on the first call of a day):
    /// while the holiday data ends within 60 days, a warning to the journal (catalog entry: what to do) and a
    /// notice to the administrators. Returns the last covered day when it warned today.
    @discardableResult
    public func dailyChecks() async -> LocalDate? {
        let today = LocalDate(clock.now())
        guard lastDailyCheck != today else { return nil }
        lastDailyCheck = today
        if options.checkpointLog != nil {
            do {
                try checkpoint(source: "daily")
            } catch {
                logger.error("Could not write the daily checkpoint", metadata: ["error": "\(error)"])
            }
        }
        guard let end = catalog.calendarEnding(today: today) else { return nil }
        logger.warning(
            "The holiday calendar ends soon: deadlines past its last day count Monday to Friday only; add the next year under calendarDirectory and reload",
            metadata: [
                "message.id": "\(MessageID.calendarEnding)", "calendar.ends": "\(end)",
                "calendar.days.left": "\(end.dayNumber - today.dayNumber)",
            ])
        let notice = Notice(
            recipient: "role:admin", kind: .system, instanceID: nil,
            text: LocalizedText(
                zh:
                    "工作日历的节假日数据只到 \(end)（还剩 \(max(0, end.dayNumber - today.dayNumber)) 天）；请在国务院公布放假安排后写入 /etc/streetflow/calendar.d/，用 streetflow calendar import 检查后 systemctl reload streetflowd",
                en:
                    "The holiday calendar ends \(end) (\(max(0, end.dayNumber - today.dayNumber)) days left); add the next year under /etc/streetflow/calendar.d/, check it with streetflow calendar import, then systemctl reload streetflowd"
            ))
        do {
            // Once a day, across restarts too: a daemon restarted three times must not say it three times.
            let sentToday = try read { tx in
                try tx.notices(recipients: [notice.recipient], uid: 0, unreadOnly: false, afterID: 0, limit: 50)
            }.contains { $0.notice.kind == .system && $0.notice.text == notice.text && LocalDate($0.at) == today }
            if !sentToday { try await notify([notice]) }
        } catch {
            logger.error("Could not write the calendar notice", metadata: ["error": "\(error)"])
        }
        return end
    }

    /// The audit chain head.
    public func chainHead() throws -> ChainHead {
        try read { try $0.chainHead() }
    }

    /// Counts, store size and commit metrics.
    public func stats() throws -> EngineStats {
        let (counts, head) = try read { (try $0.countsByState(), try $0.chainHead()) }
        var street = 0
        var office = 0
        for count in counts {
            let queue = catalog.currentDefinition(count.workflow)?.state(count.state)?.queue
            if queue == .street { street += count.count }
            if queue == .office { office += count.count }
        }
        let metrics = committer.metrics
        return EngineStats(
            openByState: counts, open: counts.reduce(0) { $0 + $1.count }, awaitingStreet: street,
            awaitingOffice: office,
            storeBytes: store.sizeOnDisk(), commits: metrics.commits, commands: metrics.commands,
            commandsPerCommit: metrics.commits == 0 ? 0 : Double(metrics.commands) / Double(metrics.commits),
            averageCommitMicroseconds: metrics.averageCommitMicroseconds,
            lastCommitMicroseconds: metrics.lastCommitMicroseconds, chainHead: head, startedAt: startedAt,
            sampleLists: catalog.lists.samples.map(\.key), programmeUnconfirmed: catalog.programmeUnconfirmed,
            calendarEnds: catalog.calendarEnding(today: LocalDate(clock.now())),
            calendarCoveredUntil: catalog.calendar.coverage.upperBound, queuedCommands: metrics.queued)
    }

    /// Per queue (the state's queue role): the open requests, those past their time limit, and those an escalation
    /// handed up to it. Reads every open request, so it is for `Stats`, not for each STATUS= line.
    public func queueLoads() throws -> [QueueLoad] {
        let open = try read { try $0.openInstances(InstanceFilter(limit: 1_000_000)) }
        let now = clock.now()
        var loads: [String: QueueLoad] = [:]
        for instance in open {
            guard let definition = catalog.definition(instance.workflow, version: instance.definitionVersion) else {
                continue
            }
            if let queue = definition.state(instance.state)?.queue?.rawValue {
                loads[queue, default: QueueLoad(queue: queue)].open += 1
                if let due = definition.dueDate(of: instance, calendar: catalog.calendar), due <= now {
                    loads[queue, default: QueueLoad(queue: queue)].overdue += 1
                }
            }
            if let role = definition.escalatedTo(instance)?.rawValue {
                loads[role, default: QueueLoad(queue: role)].escalatedHere += 1
            }
        }
        return loads.values.sorted { $0.queue < $1.queue }
    }

    /// The one-line summary for systemd's STATUS=.
    public func statusLine() -> String {
        guard let stats = try? stats() else { return "store unavailable" }
        let samples =
            stats.sampleLists.isEmpty ? "" : "; sample lists in force: \(stats.sampleLists.joined(separator: ", "))"
        let programme = stats.programmeUnconfirmed ? "; programme membership unconfirmed" : ""
        let calendar = stats.calendarEnds.map { "; holiday calendar ends \($0)" } ?? ""
        return
            "\(stats.open) open requests, \(stats.awaitingOffice) awaiting office review, \(stats.awaitingStreet) awaiting street approval\(samples)\(programme)\(calendar)"
    }

    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        do {
            return try store.read(body)
        } catch let error as WorkflowError {
            throw error
        } catch {
            throw WorkflowError.storage(error)
        }
    }
}
