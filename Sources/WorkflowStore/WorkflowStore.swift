import Foundation
import WorkflowModel

/// Durable storage of StreetFlow: events (append-only, hash-chained), instance projections, definitions,
/// timers, idempotency records, reference lists and attachments. `SQLiteStore` is the embedded one (one daemon);
/// `PostgresStore` (module PostgresStore) is the district's, shared by several daemons. Both pass one conformance
/// suite (Tests/WorkflowStoreTests, every test run against each kind).
public protocol WorkflowStore: Sendable {
    /// Runs `body` in one write transaction; everything it did is committed when it returns, rolled back when
    /// it throws. Blocks the calling thread (the engine calls it from its commit thread).
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// Runs `body` against a consistent read snapshot.
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T
    /// Writes a consistent copy of the whole store to `path` while it stays online.
    func backup(to path: String) throws
    /// The store's size on disk in bytes.
    func sizeOnDisk() -> Int64
    /// The chain head kept outside the store, if it keeps one.
    var chainHeadFile: ChainHeadFile? { get }
    /// Tells `handler` the id (and the error) of each projection row a list skips because it cannot be decoded.
    func reportUndecodableProjections(to handler: @escaping @Sendable (String, String) -> Void)
    /// Whether other daemons write the same store (several on one PostgreSQL). The engine then learns of commits
    /// from ``observeCommits(_:)`` and reads what it has not seen by global sequence.
    var isShared: Bool { get }
    /// Calls `handler` after commits that appended events, this process's or another's (maybe also spuriously);
    /// a store no other process writes never calls it.
    func observeCommits(_ handler: @escaping @Sendable () -> Void)
    /// Closes the store (the last call on it).
    func close() throws
    /// Where the records are, in words an administrator acts on (a path, or a URL without its password).
    var description: String { get }
}

extension WorkflowStore {
    public var chainHeadFile: ChainHeadFile? { nil }
    public var isShared: Bool { false }
    public func observeCommits(_ handler: @escaping @Sendable () -> Void) {}
    public func reportUndecodableProjections(to handler: @escaping @Sendable (String, String) -> Void) {}
}

/// Reads the store.
public protocol StoreReader {
    /// The projection of one instance.
    func instance(_ id: String) throws -> WorkflowInstance?
    /// The history of one instance, oldest first.
    func events(of instanceID: String) throws -> [StoredEvent]
    /// Events of the whole store after a global sequence number, oldest first.
    func events(after globalSequence: Int64, limit: Int) throws -> [StoredEvent]
    /// Every transition of `workflow`'s requests, in the order recorded: the request, the action, the state it led
    /// to and when, from the event's columns (no event is decoded), for reports over many requests.
    func forEachTransition(workflow: String, _ body: (TransitionRecord) throws -> Void) throws
    /// Instances matching a filter, newest first, one page.
    func instances(_ filter: InstanceFilter) throws -> [WorkflowInstance]
    /// Instances not in a final state that the filter's visibility admits.
    func openInstances(_ filter: InstanceFilter) throws -> [WorkflowInstance]
    /// The committees that have a request of `reference.workflow` in state `reference.state` (what a
    /// `committeeReached` guard asks; SQL: `SELECT DISTINCT committee FROM instances WHERE workflow = ? AND
    /// state = ? AND committee IS NOT NULL`).
    func committees(in reference: StateReference) throws -> Set<String>
    /// Every stored definition version: (key, version, YAML source, SHA-256).
    func definitions() throws -> [StoredDefinition]
    /// Timers due at or before `date`, earliest first.
    func dueTimers(at date: Date, limit: Int) throws -> [TimerRecord]
    /// The earliest pending timer.
    func nextTimer() throws -> TimerRecord?
    /// Every pending timer.
    func timers() throws -> [TimerRecord]
    /// The record of an earlier command with this idempotency key from this uid.
    func idempotencyRecord(uid: UInt32, key: String) throws -> IdempotencyRecord?
    /// The newest event's global sequence and hash (the audit chain head).
    func chainHead() throws -> ChainHead
    /// Instance ids after `id` in id order, for walking every projection.
    func instanceIDs(after id: String, limit: Int) throws -> [String]
    /// The indexed columns of a projection row (what lists and queues filter on), apart from its data.
    func projectionColumns(_ id: String) throws -> ProjectionColumns?
    /// Open instances per (workflow, state).
    func countsByState() throws -> [StateCount]
    /// An attachment's bytes.
    func attachment(_ sha256: String) throws -> Data?
    /// The newest notices for any of `recipients` (after `afterID`), newest first, each with whether `uid` read it.
    func notices(
        recipients: [String], uid: UInt32, unreadOnly: Bool, afterID: Int64, limit: Int
    ) throws
        -> [StoredNotice]
    /// Every notice after `afterID`, oldest first.
    func allNotices(afterID: Int64, limit: Int) throws -> [StoredNotice]
    /// The newest notice's id (0 when there is none).
    func lastNoticeID() throws -> Int64
    /// How many notices for `recipients` `uid` has not read.
    func unreadNotices(recipients: [String], uid: UInt32) throws -> Int
    /// A fact about the store itself (e.g. `clock` = `simulated`).
    func meta(_ key: String) throws -> String?
    /// A stored attachment's size and media type, nil when no attachment has this hash.
    func attachmentInfo(_ sha256: String) throws -> (size: Int, mediaType: String)?
    /// `length` bytes of a stored attachment from `offset` (fewer at its end; nil when it is not stored).
    func attachmentChunk(_ sha256: String, offset: Int, length: Int) throws -> Data?
    /// The hashes of stored attachments whose bytes no longer hash to their name (damaged or changed).
    func damagedAttachments() throws -> [String]
}

/// Changes the store inside one transaction.
public protocol StoreTransaction: StoreReader {
    /// Runs `body` in a savepoint: if it throws, only its own changes are undone and the error is rethrown.
    func savepoint<T>(_ body: () throws -> T) throws -> T
    /// Appends events of an instance (hash-chaining them) and writes its projection; returns the stored events.
    func append(_ events: [WorkflowEvent], to instance: WorkflowInstance, summary: String) throws -> [StoredEvent]
    /// Replaces the pending timers of an instance.
    func replaceTimers(of instanceID: String, with timers: [TimerRecord]) throws
    /// Removes one timer (after it fired or went stale); false when it was already gone (another daemon fired it).
    @discardableResult
    func deleteTimer(_ timer: TimerRecord) throws -> Bool
    /// The next number of a document-number series (文号) in `year`: 1 for the first, then one more each call.
    /// Gap-free: it advances in the caller's transaction and is undone with it.
    func nextDocumentNumber(kind: String, year: Int) throws -> Int
    /// Appends a chunk of an upload of `uid` (announced as `size` bytes hashing to `sha256`) at `offset`, which
    /// must be what was received so far; returns the bytes received. An upload is kept until completed.
    func appendUpload(uid: UInt32, sha256: String, size: Int, offset: Int, chunk: Data, at date: Date) throws -> Int
    /// Removes an upload and returns its bytes.
    func takeUpload(uid: UInt32, sha256: String) throws -> Data?
    /// Writes notices; returns them with their ids.
    func addNotices(_ notices: [Notice], at date: Date) throws -> [StoredNotice]
    /// Marks notices read by `uid`.
    func markNoticesRead(uid: UInt32, ids: [Int64]) throws
    /// Records a fact about the store itself.
    func setMeta(_ key: String, _ value: String) throws
    /// Records a command with an idempotency key: what it was and its reply.
    func saveIdempotencyRecord(_ record: IdempotencyRecord) throws
    /// Stores a definition version if it is new; a changed source for a stored version is an error.
    func saveDefinition(_ definition: StoredDefinition) throws
    /// Stores a reference-list version if it is new.
    func saveList(_ list: StoredList) throws
    /// Stores an attachment (content-addressed); returns its SHA-256.
    func putAttachment(_ data: Data, mediaType: String, at date: Date) throws -> String
}

/// An event as stored: the domain event plus its place in the instance and the audit chain.
public struct StoredEvent: Hashable, Sendable, Codable {
    /// Position in the whole store (the audit chain order).
    public var globalSequence: Int64
    /// The instance.
    public var instanceID: String
    /// The workflow key.
    public var workflow: String
    /// The event.
    public var event: WorkflowEvent
    /// The previous event's hash (64 zeros for the first).
    public var previousHash: String
    /// SHA-256 over the previous hash and this event's canonical encoding.
    public var hash: String

    /// Creates a stored event.
    public init(
        globalSequence: Int64, instanceID: String, workflow: String, event: WorkflowEvent, previousHash: String,
        hash: String
    ) {
        self.globalSequence = globalSequence
        self.instanceID = instanceID
        self.workflow = workflow
        self.event = event
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// A command made with an idempotency key: the key belongs to (caller, method, target) and to the request's hash.
public struct IdempotencyRecord: Hashable, Sendable {
    /// The caller's uid.
    public var uid: UInt32
    /// The key as the caller sent it.
    public var key: String
    /// The method, e.g. `Submit` or `Act`; empty for a record written before keys were scoped.
    public var method: String
    /// The workflow key (Submit) or the request id (Act) the command was for.
    public var target: String
    /// SHA-256 of the request's canonical encoding; empty for a record written before keys were scoped.
    public var requestSHA256: String
    /// The request the command created or changed.
    public var instanceID: String
    /// The stored reply.
    public var reply: Data
    /// When it was recorded.
    public var createdAt: Date

    /// Creates a record.
    public init(
        uid: UInt32, key: String, method: String, target: String, requestSHA256: String, instanceID: String,
        reply: Data, createdAt: Date
    ) {
        self.uid = uid
        self.key = key
        self.method = method
        self.target = target
        self.requestSHA256 = requestSHA256
        self.instanceID = instanceID
        self.reply = reply
        self.createdAt = createdAt
    }
}

/// A pending deadline of an instance.
public struct TimerRecord: Hashable, Sendable {
    /// The instance.
    public var instanceID: String
    /// The deadline's index in its state.
    public var deadlineIndex: Int
    /// The instance version when it entered the state.
    public var enteredStateVersion: Int
    /// When it falls due.
    public var due: Date

    /// Creates a timer.
    public init(instanceID: String, deadlineIndex: Int, enteredStateVersion: Int, due: Date) {
        self.instanceID = instanceID
        self.deadlineIndex = deadlineIndex
        self.enteredStateVersion = enteredStateVersion
        self.due = due
    }
}

/// A stored definition version.
public struct StoredDefinition: Hashable, Sendable {
    public var key: String
    public var version: Int
    public var source: String
    public var sha256: String

    public init(key: String, version: Int, source: String, sha256: String) {
        self.key = key
        self.version = version
        self.source = source
        self.sha256 = sha256
    }
}

/// A stored reference-list version (the list encoded as JSON).
public struct StoredList: Hashable, Sendable {
    public var key: String
    public var version: Int
    public var json: Data
    public var sha256: String

    public init(key: String, version: Int, json: Data, sha256: String) {
        self.key = key
        self.version = version
        self.json = json
        self.sha256 = sha256
    }
}

/// The newest link of the audit chain.
public struct ChainHead: Hashable, Sendable, Codable {
    public var globalSequence: Int64
    public var hash: String

    public init(globalSequence: Int64, hash: String) {
        self.globalSequence = globalSequence
        self.hash = hash
    }
}

/// The columns of a projection row that lists and queues filter on; each must equal the projection's value.
public struct ProjectionColumns: Hashable, Sendable {
    public var workflow: String
    public var definitionVersion: Int
    public var version: Int
    public var state: String
    public var final: Bool
    public var committee: String?
    public var department: String?

    public init(
        workflow: String, definitionVersion: Int, version: Int, state: String, final: Bool, committee: String?,
        department: String?
    ) {
        self.workflow = workflow
        self.definitionVersion = definitionVersion
        self.version = version
        self.state = state
        self.final = final
        self.committee = committee
        self.department = department
    }

    /// The columns the projection `instance` should have.
    public init(_ instance: WorkflowInstance) {
        self.init(
            workflow: instance.workflow, definitionVersion: instance.definitionVersion, version: instance.version,
            state: instance.state, final: instance.final, committee: instance.committee,
            department: instance.department)
    }
}

/// Open instances of one workflow in one state.
public struct StateCount: Hashable, Sendable {
    public var workflow: String
    public var state: String
    public var count: Int

    public init(workflow: String, state: String, count: Int) {
        self.workflow = workflow
        self.state = state
        self.count = count
    }
}

/// What `instances` and `openInstances` return.
public struct InstanceFilter: Hashable, Sendable {
    public var workflow: String?
    public var state: String?
    public var committee: String?
    public var department: String?
    public var submitterUID: UInt32?
    public var createdFrom: Date?
    public var createdTo: Date?
    /// Text contained in the summary or subject.
    public var text: String?
    /// Restricts to what a caller may see; nil sees everything. A store ORs the translations of its terms
    /// (see `Visibility.Term`); it must admit exactly what `Visibility.admits` admits.
    public var visibility: Visibility?
    /// Continue after this cursor (from the previous page's last instance).
    public var cursor: String?
    public var limit: Int

    public init(
        workflow: String? = nil, state: String? = nil, committee: String? = nil, department: String? = nil,
        submitterUID: UInt32? = nil, createdFrom: Date? = nil, createdTo: Date? = nil, text: String? = nil,
        visibility: Visibility? = nil, cursor: String? = nil, limit: Int = 50
    ) {
        self.workflow = workflow
        self.state = state
        self.committee = committee
        self.department = department
        self.submitterUID = submitterUID
        self.createdFrom = createdFrom
        self.createdTo = createdTo
        self.text = text
        self.visibility = visibility
        self.cursor = cursor
        self.limit = limit
    }

    /// The cursor that continues a listing after `instance` (the last of a page): `created_ms:id`.
    public static func cursor(after instance: WorkflowInstance) -> String {
        "\(AuditChain.milliseconds(instance.createdAt)):\(instance.id)"
    }

}

/// A notice as stored: its id (increasing: the order written) and time, and whether the reader read it.
/// What a report reads of a transition (``StoreReader/forEachTransition(workflow:_:)``).
public struct TransitionRecord: Hashable, Sendable {
    public var instanceID: String
    public var action: String
    public var to: String
    public var at: Date

    public init(instanceID: String, action: String, to: String, at: Date) {
        self.instanceID = instanceID
        self.action = action
        self.to = to
        self.at = at
    }
}

public struct StoredNotice: Hashable, Sendable, Codable {
    public var id: Int64
    public var notice: Notice
    public var at: Date
    public var read: Bool

    public init(id: Int64, notice: Notice, at: Date, read: Bool) {
        self.id = id
        self.notice = notice
        self.at = at
        self.read = read
    }
}

/// A store failure with a clear message.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The file is not a StreetFlow database (another application's, or not SQLite).
        public static let foreignDatabase = Code(rawValue: "ForeignDatabase")
        /// The file is damaged.
        public static let corruptDatabase = Code(rawValue: "CorruptDatabase")
        /// The database was written by a newer StreetFlow.
        public static let newerSchema = Code(rawValue: "NewerSchema")
        /// A stored definition version was loaded again with a different text.
        public static let definitionChanged = Code(rawValue: "DefinitionChanged")
        /// An attachment exceeds the size cap.
        public static let attachmentTooLarge = Code(rawValue: "AttachmentTooLarge")
        /// An upload chunk does not continue what was received (or announces another size).
        public static let uploadMismatch = Code(rawValue: "UploadMismatch")
        /// The database file was deleted or replaced under the running daemon: writes are refused until a restart.
        public static let storeLost = Code(rawValue: "StoreLost")
        /// The database file (or its directory) cannot be written by this user.
        public static let storeReadOnly = Code(rawValue: "StoreReadOnly")
        /// The store is behind what was acknowledged (the chain head kept outside it is newer), or its chain no
        /// longer holds the recorded head: lost, restored from an older copy, truncated or rewritten.
        public static let storeBehind = Code(rawValue: "StoreBehind")
        /// The request changed in another transaction (another daemon on a shared store) since this one read it.
        public static let versionConflict = Code(rawValue: "VersionConflict")
        /// A store to move records into already holds some.
        public static let targetNotEmpty = Code(rawValue: "TargetNotEmpty")
        /// The records were moved to another store (``StoreMigration``): this one takes no more writes.
        public static let storeMoved = Code(rawValue: "StoreMoved")
        /// Any other storage failure.
        public static let io = Code(rawValue: "StorageFailure")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
