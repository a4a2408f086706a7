import Varlink

/// A text in Chinese and English.
public struct Label: Codable, Sendable, Hashable {
    /// Simplified Chinese.
    public var zh: String
    /// English.
    public var en: String

    /// Creates a label.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}

/// One request: the projection of its events (`org.streetflow.Workflow.Instance`).
public struct Instance: Codable, Sendable, Hashable {
    /// The request id, e.g. PA-20201008-K3F9Q.
    public var id: String
    /// The workflow key.
    public var workflow: String
    /// The definition version the request runs on.
    public var definitionVersion: Int
    /// The number of events so far; pass it as expectedVersion.
    public var version: Int
    /// The current state key.
    public var state: String
    /// Whether the request is finished.
    public var final: Bool
    /// The subject as submitted.
    public var subject: [String: JSONValue]
    /// Fields recorded by actions.
    public var fields: [String: JSONValue]
    /// The workflow's title.
    public var title: Label
    /// The state's label.
    public var stateLabel: Label
    /// What the request is about.
    public var summary: String
    /// The committee concerned, if any.
    public var committee: String?
    /// The applicant department's key, if any.
    public var department: String?
    /// Who submitted.
    public var submitter: String
    /// The submitter's uid.
    public var submitterUid: Int
    /// RFC 3339.
    public var createdAt: String
    /// RFC 3339.
    public var updatedAt: String
    /// When the request entered its current state (RFC 3339).
    public var enteredStateAt: String
    /// The user it is handed over to, if any.
    public var assignee: String?
    /// The role whose queue it sits in.
    public var queue: String?
    /// The next deadline (RFC 3339), if any.
    public var nextDeadline: String?
    /// The reference-list entry used by the list check.
    public var listMatch: [String: JSONValue]?
}

/// One recorded step (`org.streetflow.Workflow.Event`).
public struct Event: Codable, Sendable, Hashable {
    /// Position in the whole audit chain.
    public var globalSequence: Int
    /// Position in the request's history, from 1.
    public var sequence: Int
    /// The request id.
    public var instance: String
    /// The workflow key.
    public var workflow: String
    /// submitted, transitioned, signed, commented, reminded, escalated, assigned, migrated.
    public var kind: String
    /// The action key.
    public var action: String
    /// The action's label.
    public var actionLabel: Label
    /// The state before.
    public var from: String?
    /// The state after.
    public var to: String
    /// The definition version.
    public var definitionVersion: Int
    /// The kernel-verified uid.
    public var actorUid: Int
    /// The actor's user name.
    public var actorUser: String
    /// The actor's pid.
    public var actorPid: Int
    /// The roles the actor held.
    public var actorRoles: [String]
    /// The comment, if any.
    public var comment: String?
    /// Fields the action recorded.
    public var fields: [String: JSONValue]
    /// RFC 3339.
    public var at: String
    /// The reference-list entry, if any.
    public var listMatch: [String: JSONValue]?
    /// The assignee, or the role escalated to.
    public var target: String?
    /// The event's chain hash.
    public var hash: String
}

/// A request the caller can act on.
public struct QueueItem: Codable, Sendable, Hashable {
    /// The request.
    public var instance: Instance
    /// The actions the caller may take.
    public var actions: [String]
    /// Whether the deadline has passed.
    public var overdue: Bool
    /// Working days until the next deadline; negative when overdue.
    public var workingDaysLeft: Int?
}

/// A shipped workflow.
public struct WorkflowSummary: Codable, Sendable, Hashable {
    /// The key, e.g. plaque-admission.
    public var key: String
    /// The current version.
    public var version: Int
    /// The title.
    public var title: Label
    /// The initial state.
    public var initial: String
    /// The subject field that summarises a request.
    public var summaryField: String
}

/// Who the daemon takes the caller for.
public struct Identity: Codable, Sendable, Hashable {
    /// The uid.
    public var uid: Int
    /// The gid.
    public var gid: Int
    /// The pid.
    public var pid: Int
    /// The user name.
    public var user: String
    /// The user's groups.
    public var groups: [String]
    /// The roles granted.
    public var roles: [String]
}

/// A request, its history and the actions the caller may take now.
public struct InstanceDetail: Codable, Sendable, Hashable {
    /// The request.
    public var instance: Instance
    /// Its history, oldest first.
    public var history: [Event]
    /// The actions the caller may take now.
    public var actions: [String]
}

/// One page of a listing.
public struct InstancePage: Codable, Sendable, Hashable {
    /// The requests, newest first.
    public var instances: [Instance]
    /// The cursor of the next page, if any.
    public var nextCursor: String?
}

/// A workflow's definition and its diagrams.
public struct WorkflowDescription: Codable, Sendable, Hashable {
    /// The definition as the daemon encodes it.
    public var definition: JSONValue
    /// The Mermaid diagram.
    public var mermaid: String
    /// The Graphviz diagram.
    public var dot: String
}

/// The result of a reference-list check.
public struct ReferenceListCheck: Codable, Sendable, Hashable {
    /// Whether the task is on a list.
    public var found: Bool
    /// The list's key.
    public var list: String?
    /// The list's version.
    public var listVersion: Int?
    /// positive or negative.
    public var kind: String?
    /// The entry's code.
    public var code: String?
    /// The entry's title.
    public var title: String?
    /// The alternative route (negative list).
    public var alternative: String?
    /// Whether the list is a sample.
    public var sample: Bool?
}

/// The result of walking the audit chain.
public struct AuditReport: Codable, Sendable, Hashable {
    /// Whether the chain is intact.
    public var ok: Bool
    /// Events checked.
    public var checked: Int
    /// The first broken global sequence.
    public var firstBroken: Int?
    /// The request of the first broken event.
    public var brokenInstance: String?
    /// What is wrong.
    public var problem: String?
    /// The chain head's sequence.
    public var headSequence: Int
    /// The chain head's hash.
    public var headHash: String
}

/// Open requests in one state.
public struct StateCount: Codable, Sendable, Hashable {
    /// The workflow key.
    public var workflow: String
    /// The state key.
    public var state: String
    /// How many.
    public var count: Int
}

/// Daemon statistics.
public struct DaemonStats: Codable, Sendable, Hashable {
    /// The daemon's version.
    public var version: String
    /// RFC 3339.
    public var startedAt: String
    /// Seconds since start.
    public var uptimeSeconds: Int
    /// The store's size in bytes.
    public var storeBytes: Int
    /// Open requests.
    public var open: Int
    /// Requests in the office's queue.
    public var awaitingOffice: Int
    /// Requests in the street's queue.
    public var awaitingStreet: Int
    /// Open requests per state.
    public var openByState: [StateCount]
    /// Transactions committed.
    public var commits: Int
    /// Commands committed.
    public var commands: Int
    /// Group-commit ratio.
    public var commandsPerCommit: Double
    /// Average commit latency.
    public var averageCommitMicroseconds: Double
    /// Last commit latency.
    public var lastCommitMicroseconds: Double
    /// The chain head's sequence.
    public var headSequence: Int
    /// The chain head's hash.
    public var headHash: String
}

/// Where a backup was written.
public struct BackupResult: Codable, Sendable, Hashable {
    /// The path on the daemon's side.
    public var path: String
    /// Its size.
    public var bytes: Int
}

/// The result of a migration.
public struct MigrationResult: Codable, Sendable, Hashable {
    /// Migrated ids.
    public var migrated: [String]
    /// "id: reason" for each failure.
    public var failed: [String]
}

/// A decoded reply together with the reply's raw parameters (for `--json`).
public struct Reply<Value: Sendable>: Sendable {
    /// The decoded value.
    public var value: Value
    /// The reply's parameters as received.
    public var json: [String: JSONValue]

    /// Creates a reply.
    public init(value: Value, json: [String: JSONValue]) {
        self.value = value
        self.json = json
    }
}
