import Foundation
import Logging
import Synchronization
import WorkflowModel
import WorkflowStore

/// Options of the engine.
public struct EngineOptions: Sendable {
    /// Whether the submitter is barred from reviewing or approving (turned off only by `--dev`).
    public var separationOfDuties: Bool
    /// The largest number of commands sharing one transaction; 1 turns group commit off.
    public var maxBatch: Int
    /// Page size limit for List.
    public var maxPage: Int
    /// Runs on the commit thread before each transaction: an injected dependency for fault tests (a commit
    /// path that stalls, so the watchdog must act); nil in production.
    public var beforeCommit: (@Sendable () -> Void)?
    /// The largest attachment accepted, in bytes (the config's `limits.maxAttachmentBytes`).
    public var maxAttachmentBytes: Int

    /// Creates options; every field has a default.
    /// Start on a store that is behind the chain head recorded outside it (the administrator restored an older
    /// copy on purpose): logged as critical, and the recorded head replaced by the store's.
    public var acceptStoreReset = false
    /// The checkpoint log (`streetflow audit checkpoint`, and one a day), beside the database; nil keeps none.
    public var checkpointLog: String?

    public init(
        separationOfDuties: Bool = true, maxBatch: Int = 256, maxPage: Int = 500,
        beforeCommit: (@Sendable () -> Void)? = nil, maxAttachmentBytes: Int = 10 << 20,
        acceptStoreReset: Bool = false, checkpointLog: String? = nil
    ) {
        self.acceptStoreReset = acceptStoreReset
        self.checkpointLog = checkpointLog
        self.maxAttachmentBytes = maxAttachmentBytes
        self.separationOfDuties = separationOfDuties
        self.maxBatch = maxBatch
        self.maxPage = maxPage
        self.beforeCommit = beforeCommit
    }
}

/// The result of a command: the instance after it, and the events it recorded.
public struct CommandResult: Sendable, Codable, Hashable {
    /// The instance after the command.
    public var instance: WorkflowInstance
    /// The events the command appended (empty for a replayed idempotent command).
    public var events: [StoredEvent]
    /// Whether this is the stored result of an earlier command with the same idempotency key.
    public var replayed: Bool
    /// The notices the command wrote (for live subscribers).
    public var notices: [StoredNotice]? = nil
    /// The request's next deadline as the command stored its timers, when that is also its due date (no deadline
    /// of the state has fired yet); nil when the reply must work it out (``Definition/dueDate(of:calendar:)``).
    public var nextDeadline: Date? = nil
}

/// The engine: commands, identity and policy, durable timers, group commit, audit. All state that matters is in
/// the store; the actor holds only the catalog, the subscribers and counters.
public actor StreetFlowEngine {
    let store: any WorkflowStore
    let clock: any WallClock
    let logger: Logger
    let options: EngineOptions
    let committer: GroupCommitter
    let longWork = LongWork()
    /// Resolves a user name to roles, for hand-over (转交).
    let rolesOfUser: @Sendable (String) -> Set<Role>?
    var catalog: EngineCatalog
    var subscribers: [UUID: Subscriber] = [:]
    var noticeSubscribers: [UUID: NoticeSubscriber] = [:]
    /// On a store several daemons share: the last event and notice handed to watchers. Watchers are fed from the
    /// store by sequence (``catchUpWatchers()``), so another daemon's commits reach them in chain order, and a
    /// notification lost on the way loses nothing.
    var deliveredThrough: (event: Int64, notice: Int64)?
    /// The office day `dailyChecks` last ran.
    var lastDailyCheck: LocalDate?
    /// Why writes are refused (the database file deleted, replaced or read-only), once noticed.
    public internal(set) var storeProblem: StoreError?
    let startedAt: Date

    struct Subscriber {
        var visibility: Visibility?
        var follow: String?
        var continuation: AsyncStream<StoredEvent>.Continuation
    }

    struct NoticeSubscriber {
        var recipients: Set<String>
        var continuation: AsyncStream<StoredNotice>.Continuation
    }

    /// Creates an engine over a store; call `start()` before commands.
    public init(
        store: any WorkflowStore, catalog: EngineCatalog, clock: any WallClock = SystemClock(),
        options: EngineOptions = EngineOptions(), logger: Logger = Logger(label: "streetflow.engine"),
        rolesOfUser: @escaping @Sendable (String) -> Set<Role>? = { _ in nil }
    ) {
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.options = options
        self.logger = logger
        self.rolesOfUser = rolesOfUser
        self.committer = GroupCommitter(
            store: store, maxBatch: options.maxBatch, beforeCommit: options.beforeCommit)
        self.startedAt = clock.now()
        let reported = Mutex<Set<String>>([])
        store.reportUndecodableProjections { [logger] id, error in
            guard reported.withLock({ $0.insert(id).inserted }) else { return }
            logger.error(
                "A request's stored record cannot be read: lists and queues skip it; run streetflow audit verify",
                metadata: ["message.id": "\(MessageID.auditFailed)", "instance": "\(id)", "error": "\(error)"])
        }
    }

    /// Records the catalog's definitions and lists in the store and learns older stored versions.
    public func start() async throws {
        try checkNotMoved()
        try checkChainHeadFile()
        try await checkStoreClock()
        try await install(catalog)
        let head = try store.read { try $0.chainHead() }
        if store.isShared {
            deliveredThrough = (head.globalSequence, try store.read { try $0.lastNoticeID() })
            store.observeCommits { [weak self] in Task { await self?.catchUpWatchers() } }
        }
        logger.info(
            "Audit chain head",
            metadata: [
                "message.id": "\(MessageID.chainHead)", "chain.head": "\(head.hash)",
                "chain.sequence": "\(head.globalSequence)",
            ])
    }

    /// Swaps in a new catalog (SIGHUP). A definition version whose text changed is refused and nothing changes.
    public func reload(_ newCatalog: EngineCatalog) async throws {
        try await install(newCatalog)
    }

    private func install(_ newCatalog: EngineCatalog) async throws {
        var merged = newCatalog
        let definitions = newCatalog.definitions
        let sources = newCatalog.sources
        let lists = newCatalog.lists
        let (stored, installed): ([StoredDefinition], [ReferenceList]) = try await perform { tx in
            for (key, versions) in definitions {
                for (version, _) in versions {
                    let source = sources[key]?[version] ?? ""
                    try tx.saveDefinition(
                        StoredDefinition(
                            key: key, version: version, source: source, sha256: AuditChain.sha256(Data(source.utf8))))
                }
            }
            for list in lists.lists {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let json = try encoder.encode(list)
                try tx.saveList(
                    StoredList(key: list.key, version: list.version, json: json, sha256: AuditChain.sha256(json)))
            }
            return (try tx.definitions(), try Self.installedLists(catalog: newCatalog, tx: tx))
        }
        merged.merge(stored: stored)
        // On a store other street offices share, each sees its own street (the district role sees all).
        merged.streetScoped = store.isShared && merged.street != nil
        merged.lists = Self.merging(installed, into: merged.lists)
        catalog = merged
        try await rescheduleDeadlines()
        for list in merged.lists.samples {
            logger.warning(
                "Sample reference list in force: it never decides; load the district's list (workflow list-update)",
                metadata: [
                    "message.id": "\(MessageID.sampleList)", "list": "\(list.key)", "list.version": "\(list.version)",
                ])
        }
        // The calendar's coverage is checked once a day (`dailyChecks`), also right after a reload.
        lastDailyCheck = nil
        if merged.programmeUnconfirmed {
            logger.warning(
                "The programme's committees are the seeds' assumption: the office confirms them with programme: in the config",
                metadata: [
                    "message.id": "\(MessageID.programmeUnconfirmed)",
                    "committees": "\(merged.committees.filter(\.programme).map(\.name).joined(separator: ","))",
                ])
        }
    }

    /// The catalog in force.
    public var currentCatalog: EngineCatalog { catalog }

    /// Runs store work through the group committer, mapping storage errors. `repeatable`: `work` touches nothing
    /// but its transaction (``GroupCommitter/perform(repeatable:_:)``).
    func perform<T: Sendable>(
        repeatable: Bool = false, _ work: @escaping @Sendable (any StoreTransaction) throws -> T
    ) async throws -> T {
        if let moved = storeProblem, moved.code == .storeMoved { throw noteStoreProblem(moved) }
        do {
            let result = try await committer.perform(repeatable: repeatable, work)
            if let problem = storeProblem, problem.code == .storeReadOnly {
                storeProblem = nil
                logger.notice(
                    "The store can be written again", metadata: ["message.id": "\(MessageID.storeUnwritable)"])
            }
            return result
        } catch let error as WorkflowError {
            throw error
        } catch let error as StoreError {
            if error.code == .storeLost || error.code == .storeReadOnly {
                throw noteStoreProblem(error)
            }
            if error.code == .definitionChanged {
                throw WorkflowError(
                    .reloadRefused, LocalizedText(zh: "定义已变更但版本号未变：\(error.message)", en: error.message),
                    ["reason": .string(error.message)])
            }
            throw WorkflowError.storage(error)
        }
    }

    /// Whether anything but comments, reminders and 催办 happened after `version`: those leave the state, the
    /// fields and the turn as they were, so an approver who saw `version` still acts on what is there.
    static func changedSince(_ version: Int, instance: WorkflowInstance, tx: any StoreReader) throws -> Bool {
        guard version > 0, version < instance.version else { return true }
        let later = try tx.events(of: instance.id).filter { $0.event.sequence > version }
        // Comments, reminders, an applicant's urging and recomputed deadlines change nothing the approver judged:
        // the officer the applicant urged must not be told the request "changed" when it is the urge itself.
        return later.contains { ![.commented, .reminded, .urged, .rescheduled].contains($0.event.kind) }
    }

    /// A `unique: open` field may not name a request that another open request of the workflow already names.
    static func checkUniqueOpen(
        _ definition: WorkflowDefinition, _ subject: [String: FieldValue], tx: any StoreReader
    ) throws {
        for field in definition.fields where field.uniqueOpen {
            guard let value = subject[field.key]?.stringValue?.trimmingCharacters(in: .whitespaces), !value.isEmpty
            else { continue }
            let open = try tx.openInstances(InstanceFilter(workflow: definition.key, limit: 1_000_000))
            guard let other = open.first(where: { $0.subject[field.key]?.stringValue == value }) else { continue }
            let label = definition.fieldLabel(field.key)
            throw WorkflowError(
                .alreadyOpen,
                LocalizedText(
                    zh: "「\(label.zh)」\(value) 已有未办结的\(definition.title.zh)：\(other.id)，请勿重复提出",
                    en: "\(value) (\(label.text(.en))) already has an open \(definition.title.text(.en)): \(other.id)"),
                ["field": .string(field.key), "value": .string(value), "open": .string(other.id)])
        }
    }

    /// The requests that the definition's `request` fields name, as far as the actor may see them.
    static func references(
        _ definition: WorkflowDefinition, _ values: [String: FieldValue], visibility: Visibility?, tx: any StoreReader,
        catalog: EngineCatalog
    ) throws -> [String: RequestReference] {
        var references: [String: RequestReference] = [:]
        for field in definition.fields + definition.actions.flatMap(\.fields) where field.type == .request {
            guard let id = values[field.key]?.stringValue, let named = try tx.instance(id), visibility.admits(named)
            else { continue }
            let namedDefinition = catalog.definition(named.workflow, version: named.definitionVersion)
            references[id] = RequestReference(
                workflow: named.workflow, state: named.state, stateLabel: namedDefinition?.stateLabel(named.state),
                workflowTitle: namedDefinition?.title, department: named.department, committee: named.committee)
        }
        return references
    }

    /// The context of a transition of `definition`: the catalog and the clock, and the facts from the store its
    /// guards declare (`stateQueries`).
    nonisolated func context(
        _ tx: any StoreReader, catalog: EngineCatalog, for definition: WorkflowDefinition
    ) throws -> TransitionContext {
        try context(tx, catalog: catalog, queries: definition.stateQueries)
    }

    /// The context of the catalog and the clock, with the committees in each state of `queries`.
    nonisolated func context(
        _ tx: any StoreReader, catalog: EngineCatalog, queries: Set<StateReference>
    ) throws -> TransitionContext {
        var context = context(catalog: catalog)
        for reference in queries {
            context.committeesInState[reference] = try tx.committees(in: reference)
            if let other = catalog.currentDefinition(reference.workflow), let state = other.state(reference.state) {
                context.stateLabels[reference] = LocalizedText(
                    zh: "\(other.title.zh)·\(state.label.zh)", en: "\(other.title.text(.en)): \(state.label.text(.en))")
            }
        }
        return context
    }

    /// The context of the catalog and the clock, without facts read from the store (queries need none).
    nonisolated func context(catalog: EngineCatalog) -> TransitionContext {
        // Events are stored (and hashed) in whole milliseconds; the projection must carry the same instants, or
        // it would differ from the replay of its own history.
        TransitionContext(
            now: AuditChain.date(milliseconds: AuditChain.milliseconds(clock.now())), calendar: catalog.calendar,
            lists: catalog.lists, committees: catalog.committees, departments: catalog.departments,
            separationOfDuties: options.separationOfDuties)
    }

    // MARK: - Commands

    /// Starts a request.
    public func submit(
        workflow key: String, subject: [String: FieldValue], comment: String?, idempotencyKey: String?, caller: Caller,
        attachments: [AttachmentInput] = []
    ) async throws -> CommandResult {
        let key = try Self.checkedText(key, parameter: "workflow")
        guard let definition = catalog.currentDefinition(key) else {
            throw WorkflowError.noSuchWorkflow(key, known: catalog.currentDefinitions.map(\.key))
        }
        let idempotent = try IdempotentRequest(
            key: idempotencyKey,
            .init(
                method: "Submit", target: key, subject: subject, comment: comment,
                attachments: attachments.isEmpty ? nil : attachments.map { "\($0.sha256) \($0.name)" }))
        let actor = caller.actor
        let catalog = self.catalog
        let visibility = Self.visibility(actor, catalog: catalog)
        let now = clock.now()
        let outcome: (CommandResult, EffectOutcome) = try await perform(repeatable: true) { [self] tx in
            if let replayed = try Self.replay(idempotent, uid: actor.uid, tx: tx) { return (replayed, EffectOutcome()) }
            var context = try context(tx, catalog: catalog, for: definition)
            context.references = try Self.references(
                definition, subject, visibility: visibility, tx: tx, catalog: catalog)
            if definition.needsOpenCommittees {
                let open = try tx.openInstances(InstanceFilter(workflow: definition.key, limit: 100_000))
                context.openCommittees = Set(open.compactMap(\.committee))
            }
            try Self.checkUniqueOpen(definition, subject, tx: tx)
            var events = try definition.transition(
                instance: nil, command: .submit(subject: subject, comment: comment), actor: actor, context: context
            ).get()
            if !attachments.isEmpty {
                events[0].fields[AttachmentRef.field] = .list(
                    try Self.resolveAttachments(attachments, tx: tx).map(\.entry))
            }
            var id = Self.newID(for: definition.key, at: now)
            while try tx.instance(id) != nil { id = Self.newID(for: definition.key, at: now) }
            var instance = WorkflowInstance.submitted(id: id, event: events[0], definition: definition)
            for event in events.dropFirst() { instance.apply(event, definition: definition) }
            let result = try Self.record(
                events, instance: instance, definition: definition, catalog: catalog, idempotent: idempotent,
                uid: actor.uid, tx: tx, now: now)
            // Effects read the events as recorded (a decision's document number included).
            let effects = try Self.applyEffects(
                result.events.map(\.event), instance: result.instance, definition: definition, catalog: catalog,
                context: context, tx: tx, now: now)
            return (result, effects)
        }
        return finish(outcome)
    }

    /// After a commit: installs the lists effects put in force and publishes every recorded event.
    private func finish(_ outcome: (CommandResult, EffectOutcome)) -> CommandResult {
        let (result, effects) = outcome
        if !effects.lists.isEmpty { installLists(effects.lists) }
        published(result)
        for created in effects.created { published(created) }
        return result
    }

    /// Takes an action of the definition.
    public func act(
        id: String, action: String, comment: String?, fields: [String: FieldValue], expectedVersion: Int?,
        idempotencyKey: String?, caller: Caller, attachments: [AttachmentInput] = [], cc: [String] = []
    ) async throws -> CommandResult {
        let copies = try copyTargets(cc)
        let idempotent = try IdempotentRequest(
            key: idempotencyKey,
            .init(
                method: "Act", target: id, action: action, fields: fields, comment: comment,
                expectedVersion: expectedVersion,
                attachments: attachments.isEmpty ? nil : attachments.map { "\($0.sha256) \($0.name)" },
                cc: cc.isEmpty ? nil : cc))
        return try await command(
            id: id, expectedVersion: expectedVersion, idempotent: idempotent, caller: caller, attachments: attachments,
            copies: copies
        ) { _ in .act(action: action, comment: comment, fields: fields) }
    }

    /// Adds a comment.
    ///
    /// Comments have a budget, so no one can bury a request under them (or make its history too large to read):
    /// ``commentsPerUserPerDay`` per person per office day and ``commentsPerRequest`` in all; past it,
    /// `TooManyComments` names the limit.
    public func comment(id: String, text: String, caller: Caller) async throws -> CommandResult {
        let today = LocalDate(clock.now())
        let uid = caller.uid
        return try await command(
            id: id, expectedVersion: nil, idempotent: nil, caller: caller,
            check: { instance, tx in
                let comments = try tx.events(of: instance.id).filter { $0.event.kind == .commented }
                if comments.count >= Self.commentsPerRequest {
                    throw WorkflowError.tooManyComments(instance.id, limit: Self.commentsPerRequest, scope: "request")
                }
                let mine = comments.filter { $0.event.actor.uid == uid && LocalDate($0.event.at) == today }
                if mine.count >= Self.commentsPerUserPerDay {
                    throw WorkflowError.tooManyComments(instance.id, limit: Self.commentsPerUserPerDay, scope: "day")
                }
            }
        ) { _ in .comment(text) }
    }

    /// Comments one person may add to one request in one office day.
    public static let commentsPerUserPerDay = 20
    /// Comments one request may carry in all (decisions carry their own opinions apart from these).
    public static let commentsPerRequest = 300

    /// Hands a request over to a user who holds the queue's role (转交).
    public func assign(id: String, to user: String, expectedVersion: Int?, caller: Caller) async throws -> CommandResult
    {
        let user = try Self.checkedText(user, parameter: "user")
        guard let roles = rolesOfUser(user) else {
            throw WorkflowError(
                .noSuchUser, LocalizedText(zh: "没有用户「\(user)」", en: "no user '\(user)'"), ["user": .string(user)])
        }
        return try await command(id: id, expectedVersion: expectedVersion, idempotent: nil, caller: caller) { _ in
            .assign(user: user, roles: roles)
        }
    }

    /// Urges whoever holds a request to act (催办): once per working day per request; a notice reaches the holders.
    public func urge(id: String, comment: String?, caller: Caller) async throws -> CommandResult {
        let today = LocalDate(clock.now())
        return try await command(
            id: id, expectedVersion: nil, idempotent: nil, caller: caller,
            check: { instance, tx in
                // A finished request is refused as finished (by the transition), not as urged already.
                guard !instance.final,
                    let last = try tx.events(of: instance.id).last(where: { $0.event.kind == .urged }),
                    LocalDate(last.event.at) == today
                else { return }
                throw WorkflowError(
                    .alreadyUrged,
                    LocalizedText(
                        zh: "申请 \(instance.id) 今天已由 \(last.event.actor.user) 催办过，每个工作日只能催办一次",
                        en:
                            "request \(instance.id) was already urged today by \(last.event.actor.user); once per working day"
                    ),
                    [
                        "id": .string(instance.id), "by": .string(last.event.actor.user),
                        "at": .string(last.event.at.ISO8601Format()),
                    ])
            }
        ) { _ in .urge(comment: comment) }
    }

    /// Takes a request into one's own hands.
    public func claim(id: String, expectedVersion: Int?, caller: Caller) async throws -> CommandResult {
        try await command(id: id, expectedVersion: expectedVersion, idempotent: nil, caller: caller) { _ in .claim }
    }

    /// Moves instances to the current (newer) version of their definition; admin only; one event each.
    public func migrate(ids: [String], caller: Caller) async throws -> [Result<CommandResult, WorkflowError>] {
        var results: [Result<CommandResult, WorkflowError>] = []
        for id in ids {
            do {
                let catalog = self.catalog
                let result = try await command(id: id, expectedVersion: nil, idempotent: nil, caller: caller) {
                    instance in
                    .migrate(
                        to: catalog.currentDefinition(instance.workflow) ?? catalog.definition(
                            instance.workflow, version: instance.definitionVersion)!)
                }
                results.append(.success(result))
            } catch let error as WorkflowError {
                results.append(.failure(error))
            }
        }
        return results
    }

    func command(
        id: String, expectedVersion: Int?, idempotent: IdempotentRequest?, caller: Caller,
        attachments: [AttachmentInput] = [], copies: [String] = [],
        check: (@Sendable (WorkflowInstance, any StoreTransaction) throws -> Void)? = nil,
        make: @escaping @Sendable (WorkflowInstance) -> WorkflowCommand
    ) async throws -> CommandResult {
        let id = try Self.checkedText(id, parameter: "id")
        let actor = caller.actor
        let catalog = self.catalog
        let visibility = Self.visibility(actor, catalog: catalog)
        let now = clock.now()
        let outcome: (CommandResult, EffectOutcome) = try await perform(repeatable: true) { [self] tx in
            if let replayed = try Self.replay(idempotent, uid: actor.uid, tx: tx) { return (replayed, EffectOutcome()) }
            guard let instance = try tx.instance(id), visibility.admits(instance) else {
                throw WorkflowError.noSuchInstance(id)
            }
            if let expectedVersion, expectedVersion != instance.version,
                try Self.changedSince(expectedVersion, instance: instance, tx: tx)
            {
                // The state as people say it (街道审批); the key stays in the error's parameters.
                let state = catalog.definition(instance.workflow, version: instance.definitionVersion)?
                    .stateLabel(instance.state)
                throw WorkflowError(
                    .versionConflict,
                    LocalizedText(
                        zh:
                            "申请已被他人处理：您看到的是第 \(expectedVersion) 版，现在是第 \(instance.version) 版（环节：\(state?.zh ?? instance.state)）",
                        en:
                            "the request changed since you looked: you saw version \(expectedVersion), it is now \(instance.version) (state \(state?.text(.en) ?? instance.state))"
                    ),
                    [
                        "id": .string(id), "expectedVersion": .int(expectedVersion), "version": .int(instance.version),
                        "state": .string(instance.state),
                    ])
            }
            guard let definition = catalog.definition(instance.workflow, version: instance.definitionVersion) else {
                throw WorkflowError.noSuchWorkflow(instance.workflow, known: catalog.currentDefinitions.map(\.key))
            }
            try check?(instance, tx)
            let command = make(instance)
            var context = try context(tx, catalog: catalog, for: definition)
            if case .act(_, _, let fields) = command {
                let values = instance.subject.merging(fields) { $1 }
                context.references = try Self.references(
                    definition, values, visibility: visibility, tx: tx, catalog: catalog)
            }
            var events = try definition.transition(instance: instance, command: command, actor: actor, context: context)
                .get()
            if !attachments.isEmpty, !events.isEmpty {
                events[0].fields[AttachmentRef.field] = .list(
                    try Self.resolveAttachments(attachments, tx: tx).map(\.entry))
            }
            // 抄送: the copies asked for, and those the action's definition always makes, on the action's event.
            if let index = events.firstIndex(where: { $0.kind == .transitioned }) {
                let standing = CopyTarget.standing(
                    definition.action(events[index].action)?.cc ?? [], instance: instance)
                let targets = copies + standing.filter { !copies.contains($0) }
                if !targets.isEmpty { events[index].fields[CopyTarget.field] = .list(targets) }
            }
            var updated = instance
            var target = definition
            for event in events {
                if event.definitionVersion != target.version,
                    let newer = catalog.definition(instance.workflow, version: event.definitionVersion)
                {
                    target = newer
                }
                updated.apply(event, definition: target)
            }
            let result = try Self.record(
                events, instance: updated, definition: target, catalog: catalog, idempotent: idempotent,
                uid: actor.uid, tx: tx, now: now)
            let effects = try Self.applyEffects(
                result.events.map(\.event), instance: result.instance, definition: target, catalog: catalog,
                context: context, tx: tx, now: now)
            return (result, effects)
        }
        return finish(outcome)
    }

    /// Appends events, writes the projection and timers and the idempotency record, in the caller's transaction.
    static func record(
        _ events: [WorkflowEvent], instance: WorkflowInstance, definition: WorkflowDefinition, catalog: EngineCatalog,
        idempotent: IdempotentRequest?, uid: UInt32, tx: any StoreTransaction, now: Date
    ) throws -> CommandResult {
        var events = events
        var instance = instance
        // A new request belongs to the street office whose daemon took it (chained with its submission).
        if let street = catalog.street, events.first?.kind == .submitted,
            events[0].fields[WorkflowEvent.streetField] == nil
        {
            events[0].fields[WorkflowEvent.streetField] = .string(street)
            instance.fields[WorkflowEvent.streetField] = .string(street)
        }
        // A decision filed under a series (`number:`) takes the next number of the year, in this transaction.
        for index in events.indices where events[index].kind == .transitioned {
            let eventDefinition =
                catalog.definition(instance.workflow, version: events[index].definitionVersion) ?? definition
            guard let kind = eventDefinition.action(events[index].action)?.number else { continue }
            let year = LocalDate(events[index].at).year
            // Each street office numbers its own decisions, also when a district's streets share the store.
            let series = catalog.streetScoped ? "\(catalog.street ?? "")/\(kind)" : kind
            let number = catalog.documentNumbering.format(
                kind: kind, year: year, n: try tx.nextDocumentNumber(kind: series, year: year))
            events[index].fields[WorkflowEvent.documentNumberField] = .string(number)
            instance.fields[WorkflowEvent.documentNumberField] = .string(number)
        }
        let summary = instance.subject[definition.summaryField]?.displayText ?? ""
        let stored = try tx.append(events, to: instance, summary: summary)
        // Whom the events concern hear of them, in the same transaction (the inbox is every channel's outbox).
        let notices = try tx.addNotices(definition.notices(of: events, instance: instance), at: now)
        let timers = definition.pendingDeadlines(of: instance, calendar: catalog.calendar).map {
            TimerRecord(
                instanceID: instance.id, deadlineIndex: $0.index, enteredStateVersion: instance.enteredStateVersion,
                due: $0.due)
        }
        try tx.replaceTimers(of: instance.id, with: timers)
        if let idempotent {
            try tx.saveIdempotencyRecord(
                idempotent.record(uid: uid, instanceID: instance.id, reply: try encodeReply(instance), at: now))
        }
        return CommandResult(
            instance: instance, events: stored, replayed: false, notices: notices,
            // With nothing fired, the due date is the earliest timer just stored (the reply need not work it out).
            nextDeadline: instance.firedDeadlines.isEmpty ? timers.map(\.due).min() : nil)
    }

    static func encodeReply(_ instance: WorkflowInstance) throws -> Data {
        // The bytes JSONEncoder writes (sorted keys, millisecond dates), at a fraction of its cost.
        var json = CanonicalJSON(capacity: 1024)
        json.instance(instance)
        return Data(json.bytes)
    }

    static func decodeReply(_ data: Data) throws -> WorkflowInstance {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(WorkflowInstance.self, from: data)
    }

    private static let idAlphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ".unicodeScalars)

    /// `PA-20191008-K3F9Q`: a prefix from the workflow key's initials, the office date, five random characters.
    static func newID(for key: String, at date: Date) -> String {
        let prefix = key.split(separator: "-").compactMap(\.first).map { String($0).uppercased() }.joined()
        // Five characters of 32 from one 64-bit draw (one getrandom, not five).
        var bits = UInt64.random(in: 0...UInt64.max)
        var random = ""
        for _ in 0..<5 {
            random.unicodeScalars.append(idAlphabet[Int(bits & 31)])
            bits >>= 5
        }
        return prefix + "-" + LocalDate(date).basicFormat + "-" + random
    }

    /// What `actor` may see under the catalog's definitions (the one visibility rule; nil sees everything).
    nonisolated static func visibility(_ actor: Principal, catalog: EngineCatalog) -> Visibility? {
        Visibility.of(
            actor, blankCommitteeWorkflows: catalog.blankCommitteeWorkflows,
            street: catalog.streetScoped ? catalog.street : nil)
    }

    /// After a commit: log each event and pass it to watchers.
    func published(_ result: CommandResult) {
        for stored in result.events {
            let event = stored.event
            let (messageID, message) = Self.logEntry(event.kind)
            logger.info(
                "\(message)",
                metadata: [
                    "message.id": "\(messageID)", "instance": "\(stored.instanceID)", "workflow": "\(stored.workflow)",
                    "action": "\(event.action)", "actor.uid": "\(event.actor.uid)", "actor.user": "\(event.actor.user)",
                    "actor.pid": "\(event.actor.pid)", "state.from": "\(event.from ?? "")", "state.to": "\(event.to)",
                    "chain.head": "\(stored.hash)", "chain.sequence": "\(stored.globalSequence)",
                ])
            if deliveredThrough == nil { deliver(stored, of: result.instance) }
        }
        published(result.notices ?? [])
    }

    private func deliver(_ stored: StoredEvent, of instance: WorkflowInstance) {
        for subscriber in subscribers.values where subscriber.visibility.admits(instance) {
            if let follow = subscriber.follow, follow != stored.instanceID { continue }
            subscriber.continuation.yield(stored)
        }
    }

    /// On a shared store: hands watchers every event and notice committed since the last hand-over, by this daemon
    /// or another, in chain order. Called after each local commit, on each commit notification, and every few
    /// seconds by the timer service (the net under a lost notification).
    public func catchUpWatchers() {
        // Without watchers nothing is read; the first watcher starts from the head (``startWatching(events:)``).
        guard var through = deliveredThrough, !(subscribers.isEmpty && noticeSubscribers.isEmpty) else { return }
        defer { deliveredThrough = through }
        do {
            while !subscribers.isEmpty {
                let (events, instances) = try read { tx in
                    let events = try tx.events(after: through.event, limit: 500)
                    var instances: [String: WorkflowInstance] = [:]
                    for id in Set(events.map(\.instanceID)) { instances[id] = try tx.instance(id) }
                    return (events, instances)
                }
                for event in events {
                    if let instance = instances[event.instanceID] { deliver(event, of: instance) }
                    through.event = event.globalSequence
                }
                if events.count < 500 { break }
            }
            while !noticeSubscribers.isEmpty {
                let notices = try read { try $0.allNotices(afterID: through.notice, limit: 500) }
                deliver(notices)
                through.notice = notices.last?.id ?? through.notice
                if notices.count < 500 { break }
            }
        } catch {
            logger.warning("Watchers could not catch up; retrying at the next commit", metadata: ["error": "\(error)"])
        }
    }

    /// After a commit that wrote notices: hands them to their live subscribers (on a shared store, every notice not
    /// yet handed over, in order).
    func published(_ notices: [StoredNotice]) {
        if deliveredThrough == nil {
            deliver(notices)
        } else {
            catchUpWatchers()
        }
    }

    /// On a shared store, before the first watcher of a kind subscribes: it sees what is committed from now on.
    private func startWatching(events: Bool) {
        guard deliveredThrough != nil, events ? subscribers.isEmpty : noticeSubscribers.isEmpty else { return }
        if events, let head = try? read({ try $0.chainHead() }) { deliveredThrough?.event = head.globalSequence }
        if !events, let last = try? read({ try $0.lastNoticeID() }) { deliveredThrough?.notice = last }
    }

    /// Hands notices to the live subscribers they are for.
    private func deliver(_ notices: [StoredNotice]) {
        for notice in notices {
            for subscriber in noticeSubscribers.values where subscriber.recipients.contains(notice.notice.recipient) {
                subscriber.continuation.yield(notice)
            }
        }
    }

    /// A live stream of the notices for the caller (their user, roles, departments, committees).
    public func watchNotices(caller: Caller) -> AsyncStream<StoredNotice> {
        let (stream, continuation) = AsyncStream<StoredNotice>.makeStream(bufferingPolicy: .bufferingNewest(1000))
        startWatching(events: false)
        let id = UUID()
        noticeSubscribers[id] = NoticeSubscriber(
            recipients: Set(Notice.recipients(of: caller.actor)), continuation: continuation)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribeNotices(id) }
        }
        return stream
    }

    func unsubscribeNotices(_ id: UUID) {
        noticeSubscribers[id] = nil
    }

    static func logEntry(_ kind: EventKind) -> (String, Logger.Message) {
        switch kind {
        case .submitted: return (MessageID.submitted, "Request submitted")
        case .transitioned: return (MessageID.acted, "Action taken")
        case .signed: return (MessageID.signed, "Sign-off recorded")
        case .commented: return (MessageID.commented, "Comment added")
        case .reminded: return (MessageID.reminder, "Deadline reminder")
        case .escalated: return (MessageID.escalation, "Deadline escalation")
        case .assigned: return (MessageID.assigned, "Request assigned")
        case .migrated: return (MessageID.migrated, "Instance migrated")
        case .rescheduled: return (MessageID.rescheduled, "Deadline recomputed with the new calendar")
        case .attached: return (MessageID.attached, "Files attached")
        case .urged: return (MessageID.urged, "Request urged")
        }
    }

    /// A live stream of the events the caller may see (optionally of one instance).
    public func watch(caller: Caller, follow: String? = nil) -> AsyncStream<StoredEvent> {
        let (stream, continuation) = AsyncStream<StoredEvent>.makeStream(bufferingPolicy: .bufferingNewest(1000))
        startWatching(events: true)
        let id = UUID()
        subscribers[id] = Subscriber(
            visibility: Self.visibility(caller.actor, catalog: catalog), follow: follow, continuation: continuation)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }

    /// Ends every watch stream (shutdown).
    public func finishWatchers() {
        for subscriber in subscribers.values { subscriber.continuation.finish() }
        subscribers = [:]
        for subscriber in noticeSubscribers.values { subscriber.continuation.finish() }
        noticeSubscribers = [:]
    }

    /// Proves the engine answers: a read through the commit path completes — or is refused because the store was
    /// lost or made read-only, which the engine answers by name while it serves reads (a restart would not help).
    public func healthCheck() async -> Bool {
        do {
            _ = try await perform { tx in try tx.chainHead() }
            return true
        } catch let error as WorkflowError {
            return storeProblem != nil && error.code == .storageFailure
        } catch {
            return false
        }
    }
}

extension StreetFlowEngine {
    /// Writes an online backup of the store (SQLite's backup API) to `path`, off the actor and the commit thread;
    /// `Busy` while another backup runs.
    public nonisolated func backup(to path: String) async throws {
        let store = store
        try await longWork.run(.backup, now: clock.now()) {
            do {
                try store.backup(to: path)
            } catch {
                throw WorkflowError.storage(error)
            }
        }
    }
}
