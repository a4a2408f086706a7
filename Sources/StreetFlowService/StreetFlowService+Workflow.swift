import Foundation
import StreetFlowEngine
import StreetFlowProtocol
import Varlink
import WorkflowModel
import WorkflowStore

/// `org.streetflow.Workflow`: one function per method, over the engine.
extension StreetFlowService: Workflow.Handler {
    /// Starts a request.
    public func submit(_ parameters: Workflow.SubmitParameters, call: VarlinkCall) async throws -> Workflow.SubmitReply
    {
        let result = try await engine.submit(
            workflow: parameters.workflow, subject: try Self.fieldValues(parameters.subject, parameter: "subject"),
            comment: parameters.comment, idempotencyKey: parameters.idempotencyKey, caller: try caller(call),
            attachments: Self.attachments(parameters.attachments))
        return Workflow.SubmitReply(
            instance: Workflow.Instance(result, catalog: await view()))
    }

    /// Takes an action.
    public func act(_ parameters: Workflow.ActParameters, call: VarlinkCall) async throws -> Workflow.ActReply {
        let result = try await engine.act(
            id: parameters.id, action: parameters.action, comment: parameters.comment,
            fields: try Self.fieldValues(parameters.fields ?? [:], parameter: "fields"),
            expectedVersion: parameters.expectedVersion, idempotencyKey: parameters.idempotencyKey,
            caller: try caller(call), attachments: Self.attachments(parameters.attachments), cc: parameters.cc ?? [])
        return Workflow.ActReply(
            instance: Workflow.Instance(result, catalog: await view()))
    }

    /// Receives a chunk of a file to attach.
    public func putAttachment(
        _ parameters: Workflow.PutAttachmentParameters, call: VarlinkCall
    ) async throws -> Workflow.PutAttachmentReply {
        let caller = try caller(call)
        guard let chunk = Data(base64Encoded: parameters.data) else { throw VarlinkError.invalidParameter("data") }
        let progress = try await engine.upload(
            sha256: parameters.sha256, size: parameters.size, offset: parameters.offset, chunk: chunk, caller: caller)
        return Workflow.PutAttachmentReply(
            received: progress.received, stored: progress.complete, mediaType: progress.mediaType)
    }

    /// Urges the holders of a request.
    public func urge(_ parameters: Workflow.UrgeParameters, call: VarlinkCall) async throws -> Workflow.UrgeReply {
        let result = try await engine.urge(id: parameters.id, comment: parameters.comment, caller: try caller(call))
        return Workflow.UrgeReply(
            instance: Workflow.Instance(result, catalog: await view()))
    }

    /// The caller's inbox.
    public func inbox(_ parameters: Workflow.InboxParameters, call: VarlinkCall) async throws -> Workflow.InboxReply {
        let inbox = try await engine.inbox(
            caller: try caller(call), unreadOnly: parameters.all != true, markRead: parameters.markRead == true,
            limit: parameters.limit ?? 50)
        return Workflow.InboxReply(
            notices: inbox.notices.map {
                Workflow.Notice($0, handled: $0.notice.kind.asksToAct ? inbox.handled.contains($0.id) : nil)
            },
            unread: inbox.unread, waiting: inbox.waiting,
            overdue: inbox.overdue)
    }

    /// Every notice after an id, for the notifier.
    public func notices(
        _ parameters: Workflow.NoticesParameters, call: VarlinkCall
    ) async throws
        -> Workflow.NoticesReply
    {
        let caller = try caller(call)
        guard !caller.roles.isDisjoint(with: [.notifier, .admin]) else {
            throw Workflow.PermissionDenied(
                required: ["notifier", "admin"], action: "Notices", reason: nil, user: caller.user, assignee: nil,
                message: "只有通知服务（notifier 角色）或系统管理员可读取全部通知",
                messageEn: "only the notifier role (or admin) reads every notice")
        }
        let notices = try await engine.allNotices(
            afterID: Int64(max(0, parameters.after)), limit: parameters.limit ?? 200)
        return Workflow.NoticesReply(notices: notices.map { Workflow.Notice($0) })
    }

    /// The working-day calendar in force.
    public func calendar(call: VarlinkCall) async throws -> Workflow.CalendarReply {
        _ = try caller(call)
        let catalog = await engine.currentCatalog
        let calendar = catalog.calendar
        return Workflow.CalendarReply(
            coverageStart: calendar.coverage.lowerBound.description,
            coverageEnd: calendar.coverage.upperBound.description,
            holidays: calendar.holidays.sorted { $0.key < $1.key }.map {
                Workflow.Holiday(date: $0.key.description, holiday: Workflow.Label($0.value))
            },
            makeUpWorkdays: calendar.makeUpWorkdays.sorted().map(\.description), sources: catalog.calendarSources)
    }

    /// Attaches uploaded files to a request.
    public func attach(_ parameters: Workflow.AttachParameters, call: VarlinkCall) async throws -> Workflow.AttachReply
    {
        let result = try await engine.attach(
            id: parameters.id, attachments: Self.attachments(parameters.attachments), comment: parameters.comment,
            caller: try caller(call))
        return Workflow.AttachReply(
            instance: Workflow.Instance(result, catalog: await view()))
    }

    /// The attachments of a request.
    public func attachments(
        _ parameters: Workflow.AttachmentsParameters, call: VarlinkCall
    ) async throws -> Workflow.AttachmentsReply {
        let records = try await engine.attachments(id: parameters.id, caller: try caller(call))
        return Workflow.AttachmentsReply(attachments: records.map(Workflow.Attachment.init))
    }

    /// A chunk of an attachment.
    public func getAttachment(
        _ parameters: Workflow.GetAttachmentParameters, call: VarlinkCall
    ) async throws -> Workflow.GetAttachmentReply {
        let (data, record) = try await engine.attachmentChunk(
            id: parameters.id, attachment: parameters.attachment, offset: parameters.offset,
            length: parameters.length, caller: try caller(call))
        return Workflow.GetAttachmentReply(
            data: data.base64EncodedString(), attachment: Workflow.Attachment(record), offset: parameters.offset)
    }

    static func attachments(_ names: [Workflow.AttachmentName]?) -> [AttachmentInput] {
        (names ?? []).map { AttachmentInput(name: $0.fileName, sha256: $0.sha256) }
    }

    /// Adds a comment.
    public func comment(
        _ parameters: Workflow.CommentParameters, call: VarlinkCall
    ) async throws
        -> Workflow.CommentReply
    {
        let result = try await engine.comment(id: parameters.id, text: parameters.comment, caller: try caller(call))
        return Workflow.CommentReply(
            instance: Workflow.Instance(result, catalog: await view()))
    }

    /// Hands a request over, or claims it without `user`.
    public func assign(_ parameters: Workflow.AssignParameters, call: VarlinkCall) async throws -> Workflow.AssignReply
    {
        let caller = try caller(call)
        let result: CommandResult
        if let user = parameters.user {
            result = try await engine.assign(
                id: parameters.id, to: user, expectedVersion: parameters.expectedVersion, caller: caller)
        } else {
            result = try await engine.claim(
                id: parameters.id, expectedVersion: parameters.expectedVersion, caller: caller)
        }
        return Workflow.AssignReply(
            instance: Workflow.Instance(result, catalog: await view()))
    }

    /// A request, its history and the caller's actions.
    public func get(_ parameters: Workflow.GetParameters, call: VarlinkCall) async throws -> Workflow.GetReply {
        let detail = try await engine.get(id: parameters.id, caller: try caller(call))
        let catalog = await view()
        let (page, earlier) = try Self.historyPage(
            detail.history, before: parameters.historyBefore, limit: parameters.historyLimit,
            parameters: ("historyBefore", "historyLimit"))
        return Workflow.GetReply(
            instance: Workflow.Instance(detail.instance, catalog: catalog, nextDeadline: detail.nextDeadline),
            history: page.map { Workflow.Event($0, catalog: catalog) }, actions: detail.actions,
            historyEarlier: earlier)
    }

    /// One page of the requests the caller may see.
    public func list(_ parameters: Workflow.ListParameters, call: VarlinkCall) async throws -> Workflow.ListReply {
        let caller = try caller(call)
        var filter = InstanceFilter(
            workflow: parameters.workflow, state: parameters.state, committee: parameters.committee,
            department: parameters.department, text: parameters.text, cursor: parameters.cursor,
            limit: parameters.limit ?? 50)
        if let since = parameters.since {
            guard let date = Self.parseTime(since) else { throw VarlinkError.invalidParameter("since") }
            filter.createdFrom = date
        }
        if let until = parameters.until {
            // A date includes its whole day (--until 2020-03-31 lists what was submitted on the 31st).
            guard let date = Self.parseTime(until) else { throw VarlinkError.invalidParameter("until") }
            filter.createdTo = LocalDate(until).map { $0.adding(days: 1).startOfDay() } ?? date
        }
        if parameters.mine == true { filter.submitterUID = caller.uid }
        let page = try await engine.list(filter, caller: caller)
        let catalog = await view()
        return Workflow.ListReply(
            instances: page.instances.map { Workflow.Instance($0, catalog: catalog) }, nextCursor: page.nextCursor)
    }

    /// What the caller can act on now.
    public func queue(_ parameters: Workflow.QueueParameters, call: VarlinkCall) async throws -> Workflow.QueueReply {
        let items = try await engine.queue(caller: try caller(call), workflow: parameters.workflow)
        let catalog = await view()
        return Workflow.QueueReply(
            items: items.map { item in
                Workflow.QueueItem(
                    instance: Workflow.Instance(item.instance, catalog: catalog, nextDeadline: item.nextDeadline),
                    actions: item.actions, overdue: item.overdue, workingDaysLeft: item.workingDaysLeft)
            })
    }

    /// The history of a request.
    public func history(
        _ parameters: Workflow.HistoryParameters, call: VarlinkCall
    ) async throws
        -> Workflow.HistoryReply
    {
        let history = try await engine.history(id: parameters.id, caller: try caller(call))
        let catalog = await view()
        let (page, earlier) = try Self.historyPage(
            history, before: parameters.before, limit: parameters.limit, parameters: ("before", "limit"))
        return Workflow.HistoryReply(history: page.map { Workflow.Event($0, catalog: catalog) }, earlier: earlier)
    }

    /// The newest page of `history` before the per-request sequence `before`: at most `limit` events (default
    /// 200, at most 1,000) and about 512 KiB, oldest first; and the `before` of the page before it, if any.
    static func historyPage(
        _ history: [StoredEvent], before: Int?, limit: Int?, parameters: (before: String, limit: String)
    ) throws -> ([StoredEvent], Int?) {
        if let before, before < 1 { throw VarlinkError.invalidParameter(parameters.before) }
        if let limit, !(1...1000).contains(limit) { throw VarlinkError.invalidParameter(parameters.limit) }
        let candidates = history.filter { before == nil || $0.event.sequence < before! }
        var page: [StoredEvent] = []
        var bytes = 0
        for stored in candidates.reversed() {
            let size = 600 + (stored.event.comment?.utf8.count ?? 0) + stored.event.fields.approximateBytes
            if !page.isEmpty && (page.count >= (limit ?? 200) || bytes + size > 512 << 10) { break }
            page.append(stored)
            bytes += size
        }
        page.reverse()
        let earlier = page.count < candidates.count ? page.first?.event.sequence : nil
        return (page, earlier)
    }

    /// The live events the caller may see; the first reply, without an event, says the subscription is live.
    public func watch(
        _ parameters: Workflow.WatchParameters, call: VarlinkCall, replies: VarlinkReplies<Workflow.WatchReply>
    ) async throws {
        let caller = try caller(call)
        let events = await engine.watch(caller: caller, follow: parameters.follow)
        // Events and (unless following one request) the caller's notices, merged in the order they come.
        let (merged, sink) = AsyncStream<Workflow.WatchReply>.makeStream()
        let catalog = await view()
        let feeding = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await stored in events {
                        sink.yield(Workflow.WatchReply(event: Workflow.Event(stored, catalog: catalog), notice: nil))
                    }
                }
                if parameters.follow == nil {
                    let notices = await engine.watchNotices(caller: caller)
                    group.addTask {
                        for await notice in notices {
                            sink.yield(Workflow.WatchReply(event: nil, notice: Workflow.Notice(notice)))
                        }
                    }
                    // The engine ends both streams together when it stops; one ending ends the watch.
                    await group.next()
                    group.cancelAll()
                } else {
                    await group.waitForAll()
                }
            }
            sink.finish()
        }
        defer { feeding.cancel() }
        try await replies.send(Workflow.WatchReply(event: nil, notice: nil))
        for await reply in merged {
            try await replies.send(reply)
        }
    }

    /// The workflows new requests start on.
    public func workflows(call: VarlinkCall) async throws -> Workflow.WorkflowsReply {
        _ = try caller(call)
        let catalog = await engine.currentCatalog
        return Workflow.WorkflowsReply(
            workflows: catalog.currentDefinitions.map {
                Workflow.WorkflowSummary(
                    key: $0.key, version: $0.version, title: Workflow.Label($0.title), initial: $0.initial,
                    summaryField: $0.summaryField)
            })
    }

    /// A workflow's definition and diagrams.
    public func describeWorkflow(
        _ parameters: Workflow.DescribeWorkflowParameters, call: VarlinkCall
    ) async throws
        -> Workflow.DescribeWorkflowReply
    {
        _ = try caller(call)
        let catalog = await engine.currentCatalog
        let key = parameters.workflow
        let definition =
            parameters.version.flatMap { catalog.definition(key, version: $0) } ?? catalog.currentDefinition(key)
        guard let definition else {
            throw WorkflowError(
                .noSuchWorkflow, LocalizedText(zh: "没有工作流「\(key)」", en: "no workflow '\(key)'"),
                ["workflow": .string(key), "known": .list(catalog.currentDefinitions.map(\.key))])
        }
        guard case .object(let encoded) = try JSONValue(encoding: definition) else {
            throw VarlinkError.internalError()
        }
        return Workflow.DescribeWorkflowReply(
            definition: encoded, mermaid: definition.graph(.mermaid), dot: definition.graph(.dot))
    }

    /// Whether a task is on a reference list.
    public func checkReferenceList(
        _ parameters: Workflow.CheckReferenceListParameters, call: VarlinkCall
    ) async throws
        -> Workflow.CheckReferenceListReply
    {
        _ = try caller(call)
        let catalog = await engine.currentCatalog
        // Only a text worded as an entry is "on the list"; similar wordings are for the office to judge.
        guard let match = catalog.lists.match(parameters.text, on: LocalDate(Date())), match.exact == true else {
            return Workflow.CheckReferenceListReply(
                found: false, list: nil, listVersion: nil, kind: nil, code: nil, title: nil, alternative: nil,
                sample: nil)
        }
        return Workflow.CheckReferenceListReply(
            found: true, list: match.list, listVersion: match.listVersion, kind: match.kind.rawValue,
            code: match.entry.code, title: match.entry.title, alternative: match.entry.alternative,
            sample: catalog.lists.list(match.list)?.sample ?? false)
    }

    /// The caller as the daemon sees it.
    public func whoAmI(call: VarlinkCall) async throws -> Workflow.WhoAmIReply {
        // Answered without a role too: the one call that tells such a user which group to join.
        let caller = identify(call.peer)
        var grants: [Workflow.Grant] = []
        if caller.roles.isEmpty {
            let mapping = self.grants()
            func grant(_ role: String, _ members: Members) -> Workflow.Grant {
                Workflow.Grant(
                    role: role, label: members.label, groups: members.groups.sorted(), users: members.users.sorted())
            }
            grants += mapping.roles.sorted { $0.key < $1.key }.map { grant($0.key, $0.value) }
            grants += mapping.departments.sorted { $0.key < $1.key }.map { grant("department:\($0.key)", $0.value) }
            grants += mapping.committees.sorted { $0.key < $1.key }.map { grant("committee:\($0.key)", $0.value) }
        }
        return Workflow.WhoAmIReply(
            identity: Workflow.Identity(
                uid: Int(caller.uid), gid: Int(caller.gid), pid: Int(caller.pid), user: caller.user,
                groups: caller.groups, roles: caller.roles.map(\.rawValue).sorted()),
            grants: grants)
    }

    /// Accepts `YYYY-MM-DD` (start of that day, office time) or an RFC 3339 time.
    /// A time between 1970 and the end of 9999 (the store counts milliseconds since 1970); nil otherwise.
    static func parseTime(_ text: String) -> Date? {
        guard let date = LocalDate(text)?.startOfDay() ?? (try? Date(text, strategy: .iso8601)) else { return nil }
        return timeRange.contains(date) ? date : nil
    }

    /// The times `since` and `until` may name.
    static let timeRange = Date(timeIntervalSince1970: 0)...LocalDate(year: 9999, month: 12, day: 31)!.startOfDay()

    /// Reads a subject or fields object; nested objects and numbers with fractions are refused by name.
    static func fieldValues(
        _ object: [String: JSONValue], parameter: String
    ) throws(VarlinkError) -> [String: FieldValue] {
        var result: [String: FieldValue] = [:]
        for (key, json) in object {
            switch json {
            case .string(let s): result[key] = .string(s)
            case .bool(let b): result[key] = .bool(b)
            case .int(let i): result[key] = .int(i)
            case .null: continue
            case .array(let items):
                var strings: [String] = []
                for item in items {
                    guard let s = item.stringValue else { throw .invalidParameter("\(parameter).\(key)") }
                    strings.append(s)
                }
                result[key] = .list(strings)
            default:
                throw .invalidParameter("\(parameter).\(key)")
            }
        }
        return result
    }
}

extension StreetFlowService {
    /// The register (台账) of one committee or of every committee the caller may see.
    public func register(
        _ parameters: Workflow.RegisterParameters, call: VarlinkCall
    ) async throws
        -> Workflow.RegisterReply
    {
        let caller = try caller(call)
        let reports = try await engine.register(committee: parameters.committee, caller: caller)
        let entryWorkflow = await engine.currentCatalog.currentDefinitions.first { $0.register?.part == .entry }?.key
        return Workflow.RegisterReply(
            registers: reports.map { report in
                Workflow.CommitteeRegister(
                    committee: report.committee, compliant: report.compliant,
                    items: report.items.map { item in
                        Workflow.RegisterItem(
                            id: item.id, kind: item.kind, text: item.text, site: item.place, spot: item.location,
                            admittedBy: item.admission, status: Workflow.RegisterItem.Status(item.status),
                            removal: item.removal,
                            since: item.since.iso8601)
                    },
                    missingDoorPlaques: report.missingDoorPlaques, extraAtDoor: report.extraAtDoor.map(\.text))
            }, entryWorkflow: entryWorkflow)
    }

    /// A reference list in force, in its YAML form.
    public func showList(
        _ parameters: Workflow.ShowListParameters, call: VarlinkCall
    ) async throws
        -> Workflow.ShowListReply
    {
        _ = try caller(call)
        let lists = await engine.currentCatalog.lists
        guard let list = lists.list(parameters.list) else {
            throw WorkflowError(
                .invalidField,
                LocalizedText(
                    zh: "没有参考清单「\(parameters.list)」；现有：\(lists.lists.map(\.key).joined(separator: "、"))",
                    en:
                        "no reference list '\(parameters.list)'; there are: \(lists.lists.map(\.key).joined(separator: ", "))"
                ),
                ["field": .string("list"), "reason": .string("unknownList")])
        }
        guard case .object(let object) = try JSONValue(encoding: list) else {
            return .init(list: [:], sample: list.sample)
        }
        return Workflow.ShowListReply(list: object, sample: list.sample)
    }

    /// What a proposed version of a list changes against the one in force.
    public func diffList(
        _ parameters: Workflow.DiffListParameters, call: VarlinkCall
    ) async throws
        -> Workflow.DiffListReply
    {
        _ = try caller(call)
        let proposed: ReferenceList
        do {
            proposed = try ReferenceList.parse(yaml: parameters.content, source: parameters.list)
        } catch {
            throw WorkflowError(
                .invalidField,
                LocalizedText(zh: "清单内容无效：\(error.message)", en: "the list is not valid: \(error.message)"),
                ["field": .string("content"), "reason": .string("invalidList")])
        }
        let diff = proposed.diff(from: await engine.currentCatalog.lists.list(proposed.key))
        return Workflow.DiffListReply(lines: diff.lines, summary: Workflow.Label(diff.summary))
    }
}

extension Workflow.RegisterItem.Status {
    /// The wire form of a register item's status.
    init(_ status: RegisterItem.Status) {
        switch status {
        case .inPlace: self = .inPlace
        case .removalPending: self = .removalPending
        case .removed: self = .removed
        }
    }
}

extension StreetFlowService {
    /// The street programme: every committee with its request of the programme's workflow the caller may see.
    public func programme(call: VarlinkCall) async throws -> Workflow.ProgrammeReply {
        let caller = try caller(call)
        guard let report = try await engine.programme(caller: caller) else {
            return Workflow.ProgrammeReply(workflow: nil, reachedState: nil, committees: [])
        }
        let catalog = await view()
        return Workflow.ProgrammeReply(
            workflow: report.target.workflow, reachedState: report.target.state,
            committees: report.rows.map { row in
                Workflow.ProgrammeCommittee(
                    committee: row.committee.name, inProgramme: row.committee.programme, phase: row.phase?.key,
                    phaseLabel: row.phase.map { Workflow.Label($0.label) }, phaseEnds: row.phase?.ends.map { "\($0)" },
                    instance: row.instance.map { Workflow.Instance($0, catalog: catalog) }, reached: row.reached,
                    late: row.late)
            })
    }
}
