import Foundation
import WorkflowModel
import WorkflowStore

/// Reads and writes of one PostgreSQL connection inside a transaction (or a read snapshot). The SQL and the row
/// decoding are ``StoreSQL``'s where both stores share them.
struct PostgresTransaction: StoreTransaction {
    let session: PostgresSession
    let attachmentLimit: Int
    /// In a write transaction: the chain head it moved.
    let pending: PendingHead?
    var undecodable: (@Sendable (String, String) -> Void)? = nil

    private func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [PostgresStoreRow] {
        try session.rows(sql, values)
    }

    private func row(_ sql: String, _ values: [SQLValue] = []) throws -> PostgresStoreRow? {
        try session.row(sql, values)
    }

    @discardableResult
    private func execute(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try session.run(sql, values).changed
    }

    // MARK: - Reads

    func instance(_ id: String) throws -> WorkflowInstance? {
        try row("SELECT data FROM instances WHERE id = ?", [.text(id)]).map {
            try StoreSQL.instance(try $0.string(required: "data"))
        }
    }

    func events(of instanceID: String) throws -> [StoredEvent] {
        try rows("SELECT * FROM events WHERE instance_id = ? ORDER BY seq", [.text(instanceID)]).map(StoreSQL.event)
    }

    func events(after globalSequence: Int64, limit: Int) throws -> [StoredEvent] {
        try rows("SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?", [.integer(globalSequence), SQLValue(limit)])
            .map(StoreSQL.event)
    }

    func forEachTransition(workflow: String, _ body: (TransitionRecord) throws -> Void) throws {
        // A page at a time, so a district's history is never held in memory at once.
        let pageSize = 10_000
        var after: Int64 = 0
        while true {
            let page = try rows(
                StoreSQL.transitions(limited: true), [.text(workflow), .integer(after), SQLValue(pageSize)])
            for row in page {
                try body(StoreSQL.transition(row))
                after = try row.integer(required: "id")
            }
            if page.count < pageSize { return }
        }
    }

    func instances(_ filter: InstanceFilter) throws -> [WorkflowInstance] {
        try list(filter, openOnly: false)
    }

    func openInstances(_ filter: InstanceFilter) throws -> [WorkflowInstance] {
        try list(filter, openOnly: true)
    }

    private func list(_ filter: InstanceFilter, openOnly: Bool) throws -> [WorkflowInstance] {
        let (clause, values) = StoreSQL.whereClause(filter, openOnly: openOnly, like: "ILIKE")
        return try rows(
            "SELECT id, data FROM instances \(clause) \(StoreSQL.listOrder(openOnly: openOnly, limit: filter.limit))",
            values
        ).compactMap { row in
            do {
                return try StoreSQL.instance(try row.string(required: "data"))
            } catch {
                undecodable?((try? row.string("id")) ?? "?", "\(error)")
                return nil
            }
        }
    }

    func committees(in reference: StateReference) throws -> Set<String> {
        Set(
            try rows(
                "SELECT DISTINCT committee FROM instances WHERE workflow = ? AND state = ? AND committee IS NOT NULL",
                [.text(reference.workflow), .text(reference.state)]
            ).map { try $0.string(required: "committee") })
    }

    func definitions() throws -> [StoredDefinition] {
        try rows("SELECT * FROM definitions ORDER BY key, version").map {
            StoredDefinition(
                key: try $0.string(required: "key"), version: try $0.int("version"),
                source: try $0.string(required: "source"), sha256: try $0.string(required: "sha256"))
        }
    }

    func dueTimers(at date: Date, limit: Int) throws -> [TimerRecord] {
        try rows(
            "SELECT * FROM timers WHERE due_ms <= ? ORDER BY due_ms LIMIT ?",
            [.integer(AuditChain.milliseconds(date)), SQLValue(limit)]
        ).map(StoreSQL.timer)
    }

    func nextTimer() throws -> TimerRecord? {
        try row("SELECT * FROM timers ORDER BY due_ms LIMIT 1").map(StoreSQL.timer)
    }

    func timers() throws -> [TimerRecord] {
        try rows("SELECT * FROM timers ORDER BY instance_id, deadline_index").map(StoreSQL.timer)
    }

    func idempotencyRecord(uid: UInt32, key: String) throws -> IdempotencyRecord? {
        try row("SELECT * FROM idempotency WHERE uid = ? AND key = ?", [.integer(Int64(uid)), .text(key)]).map {
            try StoreSQL.idempotencyRecord($0, uid: uid, key: key)
        }
    }

    func chainHead() throws -> ChainHead {
        if let head = pending?.head { return head }
        guard let row = try row("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1") else {
            return ChainHead(globalSequence: 0, hash: AuditChain.genesis)
        }
        return ChainHead(globalSequence: try row.integer(required: "id"), hash: try row.string(required: "hash"))
    }

    func instanceIDs(after id: String, limit: Int) throws -> [String] {
        try rows("SELECT id FROM instances WHERE id > ? ORDER BY id LIMIT ?", [.text(id), SQLValue(limit)]).map {
            try $0.string(required: "id")
        }
    }

    func projectionColumns(_ id: String) throws -> ProjectionColumns? {
        try row(
            "SELECT workflow, definition_version, version, state, final, committee, department FROM instances WHERE id = ?",
            [.text(id)]
        ).map(StoreSQL.projectionColumns)
    }

    func countsByState() throws -> [StateCount] {
        try rows(
            "SELECT workflow, state, count(*) AS n FROM instances WHERE final = 0 GROUP BY workflow, state ORDER BY workflow, state"
        ).map {
            StateCount(
                workflow: try $0.string(required: "workflow"), state: try $0.string(required: "state"),
                count: try $0.int("n"))
        }
    }

    func attachment(_ sha256: String) throws -> Data? {
        try row("SELECT data FROM attachments WHERE sha256 = ?", [.text(sha256)]).map { try $0.bytes("data") ?? Data() }
    }

    func notices(
        recipients: [String], uid: UInt32, unreadOnly: Bool, afterID: Int64, limit: Int
    ) throws -> [StoredNotice] {
        guard !recipients.isEmpty else { return [] }
        let marks = recipients.map { _ in "?" }.joined(separator: ",")
        return try rows(
            """
            SELECT n.id, n.recipient, n.instance_id, n.kind, n.zh, n.en, n.created_ms,
                (CASE WHEN r.uid IS NULL THEN 0 ELSE 1 END)::bigint AS read
            FROM notices n LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.uid = ?
            WHERE n.recipient IN (\(marks)) AND n.id > ? \(unreadOnly ? "AND r.uid IS NULL" : "")
            ORDER BY n.id DESC LIMIT ?
            """,
            [.integer(Int64(uid))] + recipients.map(SQLValue.text) + [.integer(afterID), SQLValue(max(0, limit))]
        ).map { try StoreSQL.notice($0) }
    }

    func allNotices(afterID: Int64, limit: Int) throws -> [StoredNotice] {
        try rows(
            "SELECT id, recipient, instance_id, kind, zh, en, created_ms FROM notices WHERE id > ? ORDER BY id LIMIT ?",
            [.integer(afterID), SQLValue(limit)]
        ).map { try StoreSQL.notice($0, read: false) }
    }

    func lastNoticeID() throws -> Int64 {
        try row("SELECT coalesce(max(id), 0)::bigint AS n FROM notices")?.integer("n") ?? 0
    }

    func unreadNotices(recipients: [String], uid: UInt32) throws -> Int {
        guard !recipients.isEmpty else { return 0 }
        let marks = recipients.map { _ in "?" }.joined(separator: ",")
        return try row(
            """
            SELECT count(*) AS n FROM notices n
            WHERE n.recipient IN (\(marks))
              AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.uid = ?)
            """,
            recipients.map(SQLValue.text) + [.integer(Int64(uid))]
        )?.int("n") ?? 0
    }

    func meta(_ key: String) throws -> String? {
        try row("SELECT value FROM store_meta WHERE key = ?", [.text(key)])?.string("value")
    }

    func attachmentInfo(_ sha256: String) throws -> (size: Int, mediaType: String)? {
        try row("SELECT size, media_type FROM attachments WHERE sha256 = ?", [.text(sha256)]).map {
            (size: try $0.int("size"), mediaType: try $0.string(required: "media_type"))
        }
    }

    func attachmentChunk(_ sha256: String, offset: Int, length: Int) throws -> Data? {
        try row(
            "SELECT substring(data FROM ?::int FOR ?::int) AS chunk FROM attachments WHERE sha256 = ?",
            [SQLValue(offset + 1), SQLValue(length), .text(sha256)]
        ).map { try $0.bytes("chunk") ?? Data() }
    }

    func damagedAttachments() throws -> [String] {
        var damaged: [String] = []
        var after = ""
        // A page at a time: a store's attachments need not fit in memory together.
        while true {
            let page = try rows(
                "SELECT sha256, data FROM attachments WHERE sha256 > ? ORDER BY sha256 LIMIT 64", [.text(after)])
            for row in page {
                let sha = try row.string(required: "sha256")
                if AuditChain.sha256(try row.bytes("data") ?? Data()) != sha { damaged.append(sha) }
                after = sha
            }
            if page.count < 64 { return damaged }
        }
    }

    // MARK: - Writes

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        // A command undone takes the chain head it moved with it.
        let head = pending?.head
        try execute("SAVEPOINT command")
        do {
            let result = try body()
            try execute("RELEASE SAVEPOINT command")
            return result
        } catch {
            try execute("ROLLBACK TO SAVEPOINT command")
            try execute("RELEASE SAVEPOINT command")
            pending?.head = head
            throw error
        }
    }

    /// `count` events with their global sequences given (the next after the head, taken under the chain lock).
    private static func insertEvents(_ count: Int) -> String {
        let row = "(" + Array(repeating: "?", count: StoreSQL.eventColumns.count + 1).joined(separator: ", ") + ")"
        return "INSERT INTO events (id, \(StoreSQL.eventColumns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: count).joined(separator: ", ")
    }

    func append(_ events: [WorkflowEvent], to instance: WorkflowInstance, summary: String) throws -> [StoredEvent] {
        var previous = try chainHead()
        var stored: [StoredEvent] = []
        var values: [SQLValue] = []
        for event in events {
            let hash = AuditChain.hash(
                previous: previous.hash, instanceID: instance.id, workflow: instance.workflow, event: event)
            let sequence = previous.globalSequence + 1
            values.append(.integer(sequence))
            values += try StoreSQL.eventValues(event, instance: instance, previousHash: previous.hash, hash: hash)
            stored.append(
                StoredEvent(
                    globalSequence: sequence, instanceID: instance.id, workflow: instance.workflow, event: event,
                    previousHash: previous.hash, hash: hash))
            previous = ChainHead(globalSequence: sequence, hash: hash)
        }
        // One statement for all of a command's events: a round trip each is what a server costs.
        if !stored.isEmpty { try execute(Self.insertEvents(stored.count), values) }
        // The projection replaces only the version it was computed from: a newer one (another daemon's) stays.
        guard
            try execute(StoreSQL.upsertProjection, StoreSQL.projectionValues(instance, after: events, summary: summary))
                == 1
        else { throw StoreSQL.versionConflict(instance, after: events) }
        if !stored.isEmpty { pending?.head = previous }
        return stored
    }

    func replaceTimers(of instanceID: String, with timers: [TimerRecord]) throws {
        try execute("DELETE FROM timers WHERE instance_id = ?", [.text(instanceID)])
        for t in timers {
            try execute(
                """
                INSERT INTO timers (instance_id, deadline_index, entered_version, due_ms) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """,
                [
                    .text(t.instanceID), SQLValue(t.deadlineIndex), SQLValue(t.enteredStateVersion),
                    .integer(AuditChain.milliseconds(t.due)),
                ])
        }
        try execute(
            "UPDATE instances SET next_deadline_ms = ? WHERE id = ?",
            [SQLValue(timers.map { AuditChain.milliseconds($0.due) }.min()), .text(instanceID)])
    }

    func deleteTimer(_ timer: TimerRecord) throws -> Bool {
        let removed = try execute(
            "DELETE FROM timers WHERE instance_id = ? AND deadline_index = ? AND entered_version = ?",
            [.text(timer.instanceID), SQLValue(timer.deadlineIndex), SQLValue(timer.enteredStateVersion)])
        guard removed > 0 else { return false }
        try execute(
            "UPDATE instances SET next_deadline_ms = (SELECT min(due_ms) FROM timers WHERE instance_id = ?) WHERE id = ?",
            [.text(timer.instanceID), .text(timer.instanceID)])
        return true
    }

    func nextDocumentNumber(kind: String, year: Int) throws -> Int {
        try row(
            """
            INSERT INTO document_numbers (kind, year, last) VALUES (?, ?, 1)
            ON CONFLICT (kind, year) DO UPDATE SET last = document_numbers.last + 1
            RETURNING last
            """,
            [.text(kind), SQLValue(year)]
        )?.int("last") ?? 1
    }

    func appendUpload(
        uid: UInt32, sha256: String, size: Int, offset: Int, chunk: Data, at date: Date
    ) throws -> Int {
        try StoreSQL.checkAttachmentSize(size, limit: attachmentLimit)
        let row = try row(
            "SELECT size, length(data)::bigint AS received FROM uploads WHERE uid = ? AND sha256 = ?",
            [.integer(Int64(uid)), .text(sha256)])
        let received = try row?.int("received") ?? 0
        if let row, try row.int("size") != size {
            throw StoreError(
                .uploadMismatch, "this upload was announced with \(try row.int("size")) bytes, not \(size)")
        }
        guard offset == received, offset + chunk.count <= size else {
            throw StoreError(.uploadMismatch, "expected the bytes from offset \(received) (of \(size))")
        }
        if row == nil {
            try execute(
                "INSERT INTO uploads (uid, sha256, size, data, created_ms) VALUES (?, ?, ?, ?, ?)",
                [
                    .integer(Int64(uid)), .text(sha256), SQLValue(size), .bytes(chunk),
                    .integer(AuditChain.milliseconds(date)),
                ])
        } else {
            try execute(
                "UPDATE uploads SET data = data || ? WHERE uid = ? AND sha256 = ?",
                [.bytes(chunk), .integer(Int64(uid)), .text(sha256)])
        }
        return received + chunk.count
    }

    func takeUpload(uid: UInt32, sha256: String) throws -> Data? {
        try row(
            "DELETE FROM uploads WHERE uid = ? AND sha256 = ? RETURNING data", [.integer(Int64(uid)), .text(sha256)]
        ).map { try $0.bytes("data") ?? Data() }
    }

    func addNotices(_ notices: [Notice], at date: Date) throws -> [StoredNotice] {
        guard !notices.isEmpty else { return [] }
        // One statement; the ids come back in the order the rows were written.
        let ids = try rows(
            "INSERT INTO notices (recipient, instance_id, kind, zh, en, created_ms) VALUES "
                + Array(repeating: "(?, ?, ?, ?, ?, ?)", count: notices.count).joined(separator: ", ")
                + " RETURNING id",
            notices.flatMap { notice in
                [
                    .text(notice.recipient), SQLValue(notice.instanceID), .text(notice.kind.rawValue),
                    .text(notice.text.zh), .text(notice.text.text(.en)), .integer(AuditChain.milliseconds(date)),
                ]
            }
        ).map { try $0.integer(required: "id") }.sorted()
        return zip(notices, ids).map { StoredNotice(id: $1, notice: $0, at: date, read: false) }
    }

    func markNoticesRead(uid: UInt32, ids: [Int64]) throws {
        for id in ids {
            try execute(
                "INSERT INTO notice_reads (uid, notice_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [.integer(Int64(uid)), .integer(id)])
        }
    }

    func setMeta(_ key: String, _ value: String) throws {
        try execute(
            "INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [.text(key), .text(value)])
    }

    func saveIdempotencyRecord(_ record: IdempotencyRecord) throws {
        try execute(
            """
            INSERT INTO idempotency (uid, key, reply, created_ms, method, target, request_sha256, instance_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(Int64(record.uid)), .text(record.key), .bytes(record.reply),
                .integer(AuditChain.milliseconds(record.createdAt)), .text(record.method), .text(record.target),
                .text(record.requestSHA256), .text(record.instanceID),
            ])
    }

    func saveDefinition(_ definition: StoredDefinition) throws {
        if let existing = try row(
            "SELECT sha256 FROM definitions WHERE key = ? AND version = ?",
            [.text(definition.key), SQLValue(definition.version)])
        {
            guard try existing.string(required: "sha256") == definition.sha256 else {
                throw StoreError(
                    .definitionChanged,
                    "\(definition.key) version \(definition.version) was loaded before with a different text; give the changed definition a new version number"
                )
            }
            return
        }
        try execute(
            "INSERT INTO definitions (key, version, source, sha256) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [.text(definition.key), SQLValue(definition.version), .text(definition.source), .text(definition.sha256)])
    }

    func saveList(_ list: StoredList) throws {
        try execute(
            "INSERT INTO reference_lists (key, version, data, sha256) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                .text(list.key), SQLValue(list.version), .text(String(decoding: list.json, as: UTF8.self)),
                .text(list.sha256),
            ])
    }

    func putAttachment(_ data: Data, mediaType: String, at date: Date) throws -> String {
        try StoreSQL.checkAttachmentSize(data.count, limit: attachmentLimit)
        let sha = AuditChain.sha256(data)
        try execute(
            """
            INSERT INTO attachments (sha256, media_type, size, data, created_ms) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """,
            [.text(sha), .text(mediaType), SQLValue(data.count), .bytes(data), .integer(AuditChain.milliseconds(date))])
        return sha
    }
}

extension PostgresTransaction: StoreTables {
    func forEachRow(_ table: String, order: String, _ body: ([(String, SQLValue)]) throws -> Void) throws {
        let result = try session.run("SELECT * FROM \(table) ORDER BY \(order)")
        for row in result.rows {
            try body(
                try row.map { cell in
                    let value: SQLValue
                    switch cell.dataType {
                    case _ where cell.bytes == nil: value = .null
                    case .int8, .int4, .int2: value = .integer(try cell.decode(Int64.self))
                    case .bytea: value = .bytes(try cell.decode(Data.self))
                    default: value = .text(try cell.decode(String.self))
                    }
                    return (cell.columnName, value)
                })
        }
    }

    func insertRows(_ table: String, columns: [String], _ rows: [[SQLValue]], skipExisting: Bool) throws {
        guard !rows.isEmpty else { return }
        let marks = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
        try execute(
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: marks, count: rows.count).joined(separator: ", ")
                + (skipExisting ? " ON CONFLICT DO NOTHING" : ""),
            rows.flatMap { $0 })
    }

    func advanceChainHead(to head: ChainHead) throws { pending?.head = head }

    func count(_ table: String) throws -> Int {
        try row("SELECT count(*) AS n FROM \(table)")?.int("n") ?? 0
    }

    func clear(_ table: String) throws {
        try execute("DELETE FROM \(table)")
    }

    func scopeDocumentSeries(to street: String) throws {
        try execute("UPDATE document_numbers SET kind = ? || kind WHERE strpos(kind, '/') = 0", [.text(street + "/")])
    }

    func finishImport() throws {
        try execute(
            "SELECT setval('notices_id_seq', greatest(coalesce(max(id), 0), 1), max(id) IS NOT NULL) FROM notices")
    }
}
