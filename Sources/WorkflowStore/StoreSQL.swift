import Foundation
import WorkflowModel

/// A value bound to a statement: the SQL both stores share is written once, with `?` placeholders, and each store
/// binds these values its own way (SQLite directly, PostgreSQL after numbering the placeholders `$1`, `$2` …).
package enum SQLValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    case bytes(Data)
    case null

    package init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
    package init(_ integer: Int?) { self = integer.map { .integer(Int64($0)) } ?? .null }
    package init(_ integer: Int64?) { self = integer.map(SQLValue.integer) ?? .null }
}

/// A result row as both stores read it: columns by name.
package protocol StoreRow {
    func string(_ column: String) throws -> String?
    func integer(_ column: String) throws -> Int64?
    func bytes(_ column: String) throws -> Data?
}

extension StoreRow {
    package func string(required column: String) throws -> String {
        guard let value = try string(column) else { throw StoreError(.io, "column \(column) is NULL") }
        return value
    }

    package func integer(required column: String) throws -> Int64 {
        guard let value = try integer(column) else { throw StoreError(.io, "column \(column) is NULL") }
        return value
    }

    package func int(_ column: String) throws -> Int { Int(try integer(required: column)) }
}

/// The statements and row decoding the SQLite and PostgreSQL stores share: one schema's meaning, written once.
package enum StoreSQL {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()

    /// A projection from its `data` text: read directly when it is in the form the store writes
    /// (``ProjectionReader``), else by `JSONDecoder` (whose error then names what is wrong).
    package static func instance(_ text: String) throws -> WorkflowInstance {
        try ProjectionReader.instance(text) ?? decode(WorkflowInstance.self, text)
    }

    package static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }

    package static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// JSON written by ``CanonicalJSON`` (the bytes `encoder` would write, without its cost).
    package static func text(_ write: (inout CanonicalJSON) -> Void) -> String {
        var json = CanonicalJSON(capacity: 256)
        write(&json)
        return json.text
    }

    // MARK: - Events

    /// Appends one event; its global sequence is the store's (SQLite's rowid, or given first on PostgreSQL).
    package static let insertEvent =
        "INSERT INTO events (\(eventColumns.joined(separator: ", "))) VALUES ("
        + eventColumns.map { _ in "?" }.joined(separator: ", ") + ")"

    /// The columns of ``insertEvent``, in its order.
    package static let eventColumns = [
        "instance_id", "seq", "workflow", "definition_version", "kind", "action", "from_state", "to_state", "actor_uid",
        "actor_user", "actor_pid", "actor_roles", "comment", "fields", "list_match", "target", "deadline", "at_ms",
        "prev_hash", "hash",
    ]

    /// The values of ``insertEvent``, in its order.
    package static func eventValues(
        _ event: WorkflowEvent, instance: WorkflowInstance, previousHash: String, hash: String
    ) throws -> [SQLValue] {
        try eventValues(
            event, instanceID: instance.id, workflow: instance.workflow, previousHash: previousHash, hash: hash)
    }

    package static func eventValues(
        _ event: WorkflowEvent, instanceID: String, workflow: String, previousHash: String, hash: String
    ) throws -> [SQLValue] {
        [
            .text(instanceID), .integer(Int64(event.sequence)), .text(workflow),
            .integer(Int64(event.definitionVersion)), .text(event.kind.rawValue), .text(event.action),
            SQLValue(event.from), .text(event.to), .integer(Int64(event.actor.uid)), .text(event.actor.user),
            .integer(Int64(event.actor.pid)), .text(text { $0.strings(event.actor.roles.map(\.rawValue).sorted()) }),
            SQLValue(event.comment), .text(text { $0.fields(event.fields) }),
            SQLValue(try event.listMatch.map { try json($0) }), SQLValue(event.target), SQLValue(event.deadline),
            .integer(AuditChain.milliseconds(event.at)), .text(previousHash), .text(hash),
        ]
    }

    /// A workflow's transitions in the order recorded (``StoreReader/forEachTransition(workflow:_:)``); `limited`:
    /// a page after an event id (`id > ? LIMIT ?`).
    package static func transitions(limited: Bool) -> String {
        "SELECT id, instance_id, action, to_state, at_ms FROM events WHERE workflow = ? AND kind = 'transitioned'"
            + (limited ? " AND id > ? ORDER BY id LIMIT ?" : " ORDER BY id")
    }

    /// A row of ``transitions(limited:)``.
    package static func transition(_ row: some StoreRow) throws -> TransitionRecord {
        TransitionRecord(
            instanceID: try row.string(required: "instance_id"), action: try row.string(required: "action"),
            to: try row.string(required: "to_state"),
            at: AuditChain.date(milliseconds: try row.integer(required: "at_ms")))
    }

    /// A stored event from a row of `events`.
    package static func event(_ row: some StoreRow) throws -> StoredEvent {
        let roles = try decode([String].self, try row.string(required: "actor_roles"))
        let event = WorkflowEvent(
            sequence: try row.int("seq"), kind: EventKind(rawValue: try row.string(required: "kind")) ?? .commented,
            action: try row.string(required: "action"), from: try row.string("from_state"),
            to: try row.string(required: "to_state"), definitionVersion: try row.int("definition_version"),
            actor: Principal(
                uid: UInt32(try row.integer(required: "actor_uid")), user: try row.string(required: "actor_user"),
                pid: Int32(try row.integer(required: "actor_pid")), roles: Set(roles.map { Role($0) })),
            comment: try row.string("comment"),
            fields: try decode([String: FieldValue].self, try row.string(required: "fields")),
            at: AuditChain.date(milliseconds: try row.integer(required: "at_ms")),
            listMatch: try row.string("list_match").map { try decode(ListMatch.self, $0) },
            target: try row.string("target"), deadline: try row.integer("deadline").map(Int.init))
        return StoredEvent(
            globalSequence: try row.integer(required: "id"), instanceID: try row.string(required: "instance_id"),
            workflow: try row.string(required: "workflow"), event: event,
            previousHash: try row.string(required: "prev_hash"), hash: try row.string(required: "hash"))
    }

    /// Writes a projection — only over the version it was computed from (the fourth-last value): a newer one,
    /// written meanwhile by another daemon, stays, and the statement changes no row.
    package static let upsertProjection = """
        INSERT INTO instances (id, workflow, definition_version, version, state, final, committee, department,
            submitter_uid, summary, created_ms, updated_ms, next_deadline_ms, data, document_number, cc, street)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET definition_version = excluded.definition_version, version = excluded.version,
            state = excluded.state, final = excluded.final, committee = excluded.committee,
            summary = excluded.summary, updated_ms = excluded.updated_ms, data = excluded.data,
            document_number = excluded.document_number, cc = excluded.cc, street = excluded.street
        WHERE instances.version = ?
        """

    /// The values of ``upsertProjection`` for `instance` after `events` were appended to it.
    package static func projectionValues(
        _ instance: WorkflowInstance, after events: [WorkflowEvent], summary: String
    ) -> [SQLValue] {
        [
            .text(instance.id), .text(instance.workflow), SQLValue(instance.definitionVersion),
            SQLValue(instance.version), .text(instance.state), .integer(instance.final ? 1 : 0),
            SQLValue(instance.committee), SQLValue(instance.department), .integer(Int64(instance.submitterUID)),
            .text(summary), .integer(AuditChain.milliseconds(instance.createdAt)),
            .integer(AuditChain.milliseconds(instance.updatedAt)), .text(CanonicalJSON.text(of: instance)),
            SQLValue(instance.documentNumber), SQLValue(copiedTo(instance)), SQLValue(instance.street),
            .integer(Int64(baseVersion(of: instance, before: events))),
        ]
    }

    /// The projection of a request already stored whose committee and street did not change: only the columns a
    /// command can move, so SQLite leaves the indexes of the others (created, committee, department, street) alone.
    package static let updateProjection = """
        UPDATE instances SET definition_version = ?, version = ?, state = ?, final = ?, summary = ?, updated_ms = ?,
            data = ?, document_number = ?, cc = ?
        WHERE id = ? AND version = ?
        """

    /// The values of ``updateProjection`` for `instance` after `events` were appended to it.
    package static func projectionUpdateValues(
        _ instance: WorkflowInstance, after events: [WorkflowEvent], summary: String
    ) -> [SQLValue] {
        [
            SQLValue(instance.definitionVersion), SQLValue(instance.version), .text(instance.state),
            .integer(instance.final ? 1 : 0), .text(summary), .integer(AuditChain.milliseconds(instance.updatedAt)),
            .text(CanonicalJSON.text(of: instance)), SQLValue(instance.documentNumber), SQLValue(copiedTo(instance)),
            .text(instance.id), .integer(Int64(baseVersion(of: instance, before: events))),
        ]
    }

    /// The version `instance` had before `events`: the stored projection is written over that one only.
    static func baseVersion(of instance: WorkflowInstance, before events: [WorkflowEvent]) -> Int {
        events.first.map { $0.sequence - 1 } ?? instance.version
    }

    /// Why ``upsertProjection`` changed no row.
    package static func versionConflict(_ instance: WorkflowInstance, after events: [WorkflowEvent]) -> StoreError {
        StoreError(
            .versionConflict,
            "\(instance.id) changed in another transaction since version \(baseVersion(of: instance, before: events))"
        )
    }

    /// Refuses an attachment (or an announced upload) over the store's limit.
    package static func checkAttachmentSize(_ size: Int, limit: Int) throws {
        guard size <= limit else {
            throw StoreError(.attachmentTooLarge, "an attachment may have at most \(limit) bytes; this one has \(size)")
        }
    }

    // MARK: - Other records

    package static func timer(_ row: some StoreRow) throws -> TimerRecord {
        TimerRecord(
            instanceID: try row.string(required: "instance_id"), deadlineIndex: try row.int("deadline_index"),
            enteredStateVersion: try row.int("entered_version"),
            due: AuditChain.date(milliseconds: try row.integer(required: "due_ms")))
    }

    /// A notice from a row with `id, recipient, instance_id, kind, zh, en, created_ms` (and `read` when `read` is nil).
    package static func notice(_ row: some StoreRow, read: Bool? = nil) throws -> StoredNotice {
        StoredNotice(
            id: try row.integer(required: "id"),
            notice: Notice(
                recipient: try row.string(required: "recipient"),
                kind: Notice.Kind(rawValue: try row.string(required: "kind")) ?? .system,
                instanceID: try row.string("instance_id"),
                text: LocalizedText(zh: try row.string(required: "zh"), en: try row.string(required: "en"))),
            at: AuditChain.date(milliseconds: try row.integer(required: "created_ms")),
            read: try read ?? ((try row.integer("read") ?? 0) != 0))
    }

    package static func idempotencyRecord(_ row: some StoreRow, uid: UInt32, key: String) throws -> IdempotencyRecord {
        IdempotencyRecord(
            uid: uid, key: key, method: try row.string(required: "method"), target: try row.string(required: "target"),
            requestSHA256: try row.string(required: "request_sha256"),
            instanceID: try row.string(required: "instance_id"), reply: try row.bytes("reply") ?? Data(),
            createdAt: AuditChain.date(milliseconds: try row.integer(required: "created_ms")))
    }

    package static func projectionColumns(_ row: some StoreRow) throws -> ProjectionColumns {
        ProjectionColumns(
            workflow: try row.string(required: "workflow"), definitionVersion: try row.int("definition_version"),
            version: try row.int("version"), state: try row.string(required: "state"),
            final: try row.integer(required: "final") != 0, committee: try row.string("committee"),
            department: try row.string("department"))
    }

    /// The `cc` column of a projection: whom it was copied to as `|a|b|`, for the visibility rule's LIKE.
    package static func copiedTo(_ instance: WorkflowInstance) -> String? {
        instance.copiedTo.isEmpty ? nil : "|" + instance.copiedTo.joined(separator: "|") + "|"
    }

    // MARK: - Lists

    /// The WHERE clause of a list (with `?` placeholders) and its values. `like` is the store's case-insensitive
    /// LIKE (SQLite's `LIKE` ignores ASCII case; PostgreSQL's `ILIKE` does the same).
    package static func whereClause(
        _ filter: InstanceFilter, openOnly: Bool, like: String = "LIKE"
    ) -> (String, [SQLValue]) {
        var clauses: [String] = []
        var values: [SQLValue] = []
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
        }
        func marks(_ texts: [String]) -> String {
            values += texts.map(SQLValue.text)
            return texts.map { _ in "?" }.joined(separator: ",")
        }
        if openOnly { clauses.append("final = 0") }
        if let v = filter.workflow { clauses.append("workflow = ?"); values.append(.text(v)) }
        if let v = filter.state { clauses.append("state = ?"); values.append(.text(v)) }
        if let v = filter.committee { clauses.append("committee = ?"); values.append(.text(v)) }
        if let v = filter.department { clauses.append("department = ?"); values.append(.text(v)) }
        if let v = filter.submitterUID { clauses.append("submitter_uid = ?"); values.append(.integer(Int64(v))) }
        if let v = filter.createdFrom {
            clauses.append("created_ms >= ?")
            values.append(.integer(AuditChain.milliseconds(v)))
        }
        if let v = filter.createdTo {
            clauses.append("created_ms < ?")
            values.append(.integer(AuditChain.milliseconds(v)))
        }
        if let v = filter.text, !v.isEmpty {
            clauses.append("(summary \(like) ? ESCAPE '\\' OR id = ? OR document_number \(like) ? ESCAPE '\\')")
            values += [.text("%\(escaped(v))%"), .text(v), .text("%\(escaped(v))%")]
        }
        if let street = filter.visibility?.street {
            clauses.append("street = ?")
            values.append(.text(street))
        }
        if let visibility = filter.visibility, !visibility.terms.isEmpty {
            // One predicate per term of the one visibility rule (`Visibility.Term`), ORed.
            var any: [String] = []
            for term in visibility.terms {
                switch term {
                case .submitter(let uid):
                    any.append("submitter_uid = ?")
                    values.append(.integer(Int64(uid)))
                case .departments(let keys):
                    any.append("department IN (\(marks(keys)))")
                case .committees(let names):
                    any.append("committee IN (\(marks(names)))")
                case .blankCommittee(let workflows):
                    any.append("(committee IS NULL AND workflow IN (\(marks(workflows))))")
                case .copied(let targets):
                    // `cc` holds the targets as |a|b|; a target matches whole, its own % and _ escaped.
                    any.append("(" + targets.map { _ in "cc \(like) ? ESCAPE '\\'" }.joined(separator: " OR ") + ")")
                    values += targets.map { .text("%|" + escaped($0) + "|%") }
                }
            }
            clauses.append(any.isEmpty ? "1 = 0" : "(\(any.joined(separator: " OR ")))")
        }
        if let cursor = filter.cursor, let (ms, id) = parseCursor(cursor) {
            clauses.append("(created_ms < ? OR (created_ms = ? AND id < ?))")
            values += [.integer(ms), .integer(ms), .text(id)]
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), values)
    }

    package static func parseCursor(_ text: String) -> (Int64, String)? {
        guard let colon = text.firstIndex(of: ":"), let ms = Int64(text[..<colon]) else { return nil }
        return (ms, String(text[text.index(after: colon)...]))
    }

    /// `ORDER BY … LIMIT` of ``StoreReader/instances(_:)`` (newest first) and of open lists (nearest deadline first).
    package static func listOrder(openOnly: Bool, limit: Int) -> String {
        openOnly
            ? "ORDER BY next_deadline_ms IS NULL, next_deadline_ms, created_ms LIMIT \(max(1, limit))"
            : "ORDER BY created_ms DESC, id DESC LIMIT \(max(1, limit))"
    }
}
