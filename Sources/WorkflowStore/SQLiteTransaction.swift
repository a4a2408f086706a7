import Foundation
import GRDB
import WorkflowModel

/// Reads and writes of one SQLite connection inside a transaction (or a read snapshot).
struct SQLiteTransaction: StoreTransaction {
    let db: Database
    let attachmentLimit: Int
    /// Told the id of a projection row a list skipped because it cannot be decoded.
    var undecodable: (@Sendable (String, String) -> Void)? = nil
    /// In a write transaction: the projections it wrote so far, and the committed ones cached across transactions.
    var pending: PendingWrites? = nil
    var cache: ProjectionCache? = nil

    private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try StoreSQL.decode(type, text) }

    // MARK: - Reads

    func instance(_ id: String) throws -> WorkflowInstance? {
        if let written = pending?.written[id] { return written }
        if let cached = cache?.instance(id) { return cached }
        guard
            let data = try String.fetchOne(
                try db.cachedStatement(sql: "SELECT data FROM instances WHERE id = ?"), arguments: [id])
        else { return nil }
        let instance = try StoreSQL.instance(data)
        // Not written by this transaction, so committed: the next command on it need not decode it again.
        cache?.insert(CollectionOfOne(instance))
        return instance
    }

    func events(of instanceID: String) throws -> [StoredEvent] {
        try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT * FROM events WHERE instance_id = ? ORDER BY seq"),
            arguments: [instanceID]
        )
        .map(storedEvent)
    }

    func events(after globalSequence: Int64, limit: Int) throws -> [StoredEvent] {
        try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?"),
            arguments: [globalSequence, limit]
        ).map(storedEvent)
    }

    private func storedEvent(_ row: Row) throws -> StoredEvent { try StoreSQL.event(row) }

    func forEachTransition(workflow: String, _ body: (TransitionRecord) throws -> Void) throws {
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: StoreSQL.transitions(limited: false)), arguments: [workflow])
        while let row = try rows.next() {
            try body(StoreSQL.transition(row))
        }
    }

    func instances(_ filter: InstanceFilter) throws -> [WorkflowInstance] {
        try list(filter, openOnly: false)
    }

    func openInstances(_ filter: InstanceFilter) throws -> [WorkflowInstance] {
        try list(filter, openOnly: true)
    }

    private func list(_ filter: InstanceFilter, openOnly: Bool) throws -> [WorkflowInstance] {
        let (clause, values) = StoreSQL.whereClause(filter, openOnly: openOnly)
        return try Row.fetchAll(
            db,
            sql:
                "SELECT id, data FROM instances \(clause) \(StoreSQL.listOrder(openOnly: openOnly, limit: filter.limit))",
            arguments: StatementArguments(values)
        ).compactMap(decodeListed)
    }

    /// A listed projection row, or nil (reported by id) when it cannot be decoded: one damaged row must not fail a
    /// whole list or queue.
    private func decodeListed(_ row: Row) -> WorkflowInstance? {
        do {
            return try StoreSQL.instance(row["data"])
        } catch {
            undecodable?(row["id"], "\(error)")
            return nil
        }
    }

    func instanceIDs(after id: String, limit: Int) throws -> [String] {
        try String.fetchAll(
            try db.cachedStatement(sql: "SELECT id FROM instances WHERE id > ? ORDER BY id LIMIT ?"),
            arguments: [id, limit])
    }

    func projectionColumns(_ id: String) throws -> ProjectionColumns? {
        try Row.fetchOne(
            db,
            sql:
                "SELECT workflow, definition_version, version, state, final, committee, department FROM instances WHERE id = ?",
            arguments: [id]
        ).map(StoreSQL.projectionColumns)
    }

    func committees(in reference: StateReference) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db,
                sql:
                    "SELECT DISTINCT committee FROM instances WHERE workflow = ? AND state = ? AND committee IS NOT NULL",
                arguments: [reference.workflow, reference.state]))
    }

    func definitions() throws -> [StoredDefinition] {
        try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM definitions ORDER BY key, version")).map {
            StoredDefinition(key: $0["key"], version: $0["version"], source: $0["source"], sha256: $0["sha256"])
        }
    }

    func dueTimers(at date: Date, limit: Int) throws -> [TimerRecord] {
        try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT * FROM timers WHERE due_ms <= ? ORDER BY due_ms LIMIT ?"),
            arguments: [AuditChain.milliseconds(date), limit]
        ).map(timer)
    }

    func nextTimer() throws -> TimerRecord? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM timers ORDER BY due_ms LIMIT 1")).map(timer)
    }

    func timers() throws -> [TimerRecord] {
        try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM timers ORDER BY instance_id, deadline_index")).map(
            timer)
    }

    private func timer(_ row: Row) throws -> TimerRecord { try StoreSQL.timer(row) }

    func idempotencyRecord(uid: UInt32, key: String) throws -> IdempotencyRecord? {
        try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT * FROM idempotency WHERE uid = ? AND key = ?"),
            arguments: [Int64(uid), key]
        ).map { try StoreSQL.idempotencyRecord($0, uid: uid, key: key) }
    }

    func chainHead() throws -> ChainHead {
        if let head = pending?.head { return head }
        guard
            let row = try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1"))
        else {
            return ChainHead(globalSequence: 0, hash: AuditChain.genesis)
        }
        return ChainHead(globalSequence: row["id"], hash: row["hash"])
    }

    func countsByState() throws -> [StateCount] {
        try Row.fetchAll(
            db,
            sql:
                "SELECT workflow, state, count(*) AS n FROM instances WHERE final = 0 GROUP BY workflow, state ORDER BY workflow, state"
        ).map { StateCount(workflow: $0["workflow"], state: $0["state"], count: $0["n"]) }
    }

    func attachment(_ sha256: String) throws -> Data? {
        try Data.fetchOne(
            try db.cachedStatement(sql: "SELECT data FROM attachments WHERE sha256 = ?"), arguments: [sha256])
    }

    func notices(
        recipients: [String], uid: UInt32, unreadOnly: Bool, afterID: Int64, limit: Int
    ) throws
        -> [StoredNotice]
    {
        guard !recipients.isEmpty else { return [] }
        let marks = recipients.map { _ in "?" }.joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT n.id, n.recipient, n.instance_id, n.kind, n.zh, n.en, n.created_ms, r.uid IS NOT NULL AS read
                FROM notices n LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.uid = ?
                WHERE n.recipient IN (\(marks)) AND n.id > ? \(unreadOnly ? "AND r.uid IS NULL" : "")
                ORDER BY n.id DESC LIMIT ?
                """,
            arguments: StatementArguments([Int64(uid)]) + StatementArguments(recipients) + [afterID, max(0, limit)])
        return try rows.map { try StoreSQL.notice($0) }
    }

    func allNotices(afterID: Int64, limit: Int) throws -> [StoredNotice] {
        try Row.fetchAll(
            db,
            sql:
                "SELECT id, recipient, instance_id, kind, zh, en, created_ms FROM notices WHERE id > ? ORDER BY id LIMIT ?",
            arguments: [afterID, limit]
        ).map { try StoreSQL.notice($0, read: false) }
    }

    func lastNoticeID() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM notices") ?? 0
    }

    func unreadNotices(recipients: [String], uid: UInt32) throws -> Int {
        guard !recipients.isEmpty else { return 0 }
        let marks = recipients.map { _ in "?" }.joined(separator: ",")
        return try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM notices n
                WHERE n.recipient IN (\(marks))
                  AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.uid = ?)
                """,
            arguments: StatementArguments(recipients) + [Int64(uid)]) ?? 0
    }

    func meta(_ key: String) throws -> String? {
        try String.fetchOne(try db.cachedStatement(sql: "SELECT value FROM store_meta WHERE key = ?"), arguments: [key])
    }

    func attachmentInfo(_ sha256: String) throws -> (size: Int, mediaType: String)? {
        try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT size, media_type FROM attachments WHERE sha256 = ?"),
            arguments: [sha256]
        )
        .map { (size: $0["size"], mediaType: $0["media_type"]) }
    }

    func attachmentChunk(_ sha256: String, offset: Int, length: Int) throws -> Data? {
        guard
            let row = try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT substr(data, ?, ?) AS chunk FROM attachments WHERE sha256 = ?"),
                arguments: [offset + 1, length, sha256])
        else { return nil }
        return (row["chunk"] as Data?) ?? Data()
    }

    func damagedAttachments() throws -> [String] {
        var damaged: [String] = []
        let rows = try Row.fetchCursor(
            try db.cachedStatement(sql: "SELECT sha256, data FROM attachments ORDER BY sha256"))
        while let row = try rows.next() {
            let sha: String = row["sha256"]
            let data: Data = row["data"] ?? Data()
            if AuditChain.sha256(data) != sha { damaged.append(sha) }
        }
        return damaged
    }

    // MARK: - Writes

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        // A command undone takes its projections (and the chain head it moved) with it.
        let written = pending?.written
        let head = pending?.head
        // Plain SQL on prepared statements: GRDB's inSavepoint parses its SQL again each time.
        try db.cachedStatement(sql: "SAVEPOINT command").execute()
        do {
            let result = try body()
            try db.cachedStatement(sql: "RELEASE command").execute()
            return result
        } catch {
            try db.cachedStatement(sql: "ROLLBACK TO command").execute()
            try db.cachedStatement(sql: "RELEASE command").execute()
            if let written {
                pending?.written = written
                pending?.head = head
            }
            throw error
        }
    }

    func append(_ events: [WorkflowEvent], to instance: WorkflowInstance, summary: String) throws -> [StoredEvent] {
        var previous = try chainHead()
        var stored: [StoredEvent] = []
        for event in events {
            let hash = AuditChain.hash(
                previous: previous.hash, instanceID: instance.id, workflow: instance.workflow, event: event)
            try db.cachedStatement(sql: StoreSQL.insertEvent).run(
                try StoreSQL.eventValues(event, instance: instance, previousHash: previous.hash, hash: hash))
            let id = db.lastInsertedRowID
            stored.append(
                StoredEvent(
                    globalSequence: id, instanceID: instance.id, workflow: instance.workflow, event: event,
                    previousHash: previous.hash, hash: hash))
            previous = ChainHead(globalSequence: id, hash: hash)
        }
        // The projection as this transaction or the last commits left it (no SQL): when the request is stored and
        // keeps its committee and street, only the columns a command moves are written.
        if let previous = pending?.written[instance.id] ?? cache?.instance(instance.id),
            previous.committee == instance.committee, previous.street == instance.street
        {
            try db.cachedStatement(sql: StoreSQL.updateProjection).run(
                StoreSQL.projectionUpdateValues(instance, after: events, summary: summary))
        } else {
            try db.cachedStatement(sql: StoreSQL.upsertProjection).run(
                StoreSQL.projectionValues(instance, after: events, summary: summary))
        }
        guard db.changesCount == 1 else { throw StoreSQL.versionConflict(instance, after: events) }
        pending?.written[instance.id] = instance
        if !stored.isEmpty { pending?.head = previous }
        return stored
    }

    func replaceTimers(of instanceID: String, with timers: [TimerRecord]) throws {
        try db.cachedStatement(sql: "DELETE FROM timers WHERE instance_id = ?").run([.text(instanceID)])
        for t in timers {
            try db.cachedStatement(
                sql:
                    "INSERT OR IGNORE INTO timers (instance_id, deadline_index, entered_version, due_ms) VALUES (?, ?, ?, ?)"
            ).run([
                .text(t.instanceID), SQLValue(t.deadlineIndex), SQLValue(t.enteredStateVersion),
                .integer(AuditChain.milliseconds(t.due)),
            ])
        }
        // The timers just written are all the request has: its next deadline is theirs, no query needed.
        try db.cachedStatement(sql: "UPDATE instances SET next_deadline_ms = ? WHERE id = ?").run([
            SQLValue(timers.map { AuditChain.milliseconds($0.due) }.min()), .text(instanceID),
        ])
    }

    func deleteTimer(_ timer: TimerRecord) throws -> Bool {
        try db.cachedStatement(
            sql: "DELETE FROM timers WHERE instance_id = ? AND deadline_index = ? AND entered_version = ?"
        ).execute(arguments: [timer.instanceID, timer.deadlineIndex, timer.enteredStateVersion])
        guard db.changesCount > 0 else { return false }
        try db.cachedStatement(
            sql:
                "UPDATE instances SET next_deadline_ms = (SELECT min(due_ms) FROM timers WHERE instance_id = ?) WHERE id = ?"
        ).execute(arguments: [timer.instanceID, timer.instanceID])
        return true
    }

    func nextDocumentNumber(kind: String, year: Int) throws -> Int {
        // One statement: the upsert returns the number it took.
        try Int.fetchOne(
            try db.cachedStatement(
                sql: """
                    INSERT INTO document_numbers (kind, year, last) VALUES (?, ?, 1)
                    ON CONFLICT(kind, year) DO UPDATE SET last = last + 1
                    RETURNING last
                    """),
            arguments: [kind, year]) ?? 1
    }

    func appendUpload(
        uid: UInt32, sha256: String, size: Int, offset: Int, chunk: Data, at date: Date
    ) throws -> Int {
        try StoreSQL.checkAttachmentSize(size, limit: attachmentLimit)
        let row = try Row.fetchOne(
            try db.cachedStatement(
                sql: "SELECT size, length(CAST(data AS BLOB)) AS received FROM uploads WHERE uid = ? AND sha256 = ?"),
            arguments: [Int64(uid), sha256])
        let received: Int = row?["received"] ?? 0
        if let row, (row["size"] as Int) != size {
            throw StoreError(.uploadMismatch, "this upload was announced with \(row["size"] as Int) bytes, not \(size)")
        }
        guard offset == received, offset + chunk.count <= size else {
            throw StoreError(.uploadMismatch, "expected the bytes from offset \(received) (of \(size))")
        }
        if row == nil {
            try db.cachedStatement(
                sql: "INSERT INTO uploads (uid, sha256, size, data, created_ms) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [Int64(uid), sha256, size, chunk, AuditChain.milliseconds(date)])
        } else {
            try db.cachedStatement(
                sql: "UPDATE uploads SET data = CAST(data || ? AS BLOB) WHERE uid = ? AND sha256 = ?"
            ).execute(arguments: [chunk, Int64(uid), sha256])
        }
        return received + chunk.count
    }

    func takeUpload(uid: UInt32, sha256: String) throws -> Data? {
        let data = try Data.fetchOne(
            try db.cachedStatement(sql: "SELECT data FROM uploads WHERE uid = ? AND sha256 = ?"),
            arguments: [Int64(uid), sha256])
        try db.cachedStatement(sql: "DELETE FROM uploads WHERE uid = ? AND sha256 = ?").execute(arguments: [
            Int64(uid), sha256,
        ])
        return data
    }

    func addNotices(_ notices: [Notice], at date: Date) throws -> [StoredNotice] {
        try notices.map { notice in
            try db.cachedStatement(
                sql: "INSERT INTO notices (recipient, instance_id, kind, zh, en, created_ms) VALUES (?, ?, ?, ?, ?, ?)"
            ).run([
                .text(notice.recipient), SQLValue(notice.instanceID), .text(notice.kind.rawValue),
                .text(notice.text.zh),
                .text(notice.text.text(.en)), .integer(AuditChain.milliseconds(date)),
            ])
            return StoredNotice(id: db.lastInsertedRowID, notice: notice, at: date, read: false)
        }
    }

    func markNoticesRead(uid: UInt32, ids: [Int64]) throws {
        for id in ids {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO notice_reads (uid, notice_id) VALUES (?, ?)").execute(
                arguments: [Int64(uid), id])
        }
    }

    func setMeta(_ key: String, _ value: String) throws {
        try db.execute(
            sql:
                "INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }

    func saveIdempotencyRecord(_ record: IdempotencyRecord) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO idempotency (uid, key, reply, created_ms, method, target, request_sha256, instance_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            Int64(record.uid), record.key, record.reply, AuditChain.milliseconds(record.createdAt), record.method,
            record.target, record.requestSHA256, record.instanceID,
        ])
    }

    func saveDefinition(_ definition: StoredDefinition) throws {
        if let existing = try String.fetchOne(
            try db.cachedStatement(sql: "SELECT sha256 FROM definitions WHERE key = ? AND version = ?"),
            arguments: [definition.key, definition.version])
        {
            guard existing == definition.sha256 else {
                throw StoreError(
                    .definitionChanged,
                    "\(definition.key) version \(definition.version) was loaded before with a different text; give the changed definition a new version number"
                )
            }
            return
        }
        try db.cachedStatement(sql: "INSERT INTO definitions (key, version, source, sha256) VALUES (?, ?, ?, ?)")
            .execute(arguments: [definition.key, definition.version, definition.source, definition.sha256])
    }

    func saveList(_ list: StoredList) throws {
        try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO reference_lists (key, version, data, sha256) VALUES (?, ?, ?, ?)"
        ).execute(arguments: [list.key, list.version, String(decoding: list.json, as: UTF8.self), list.sha256])
    }

    func putAttachment(_ data: Data, mediaType: String, at date: Date) throws -> String {
        try StoreSQL.checkAttachmentSize(data.count, limit: attachmentLimit)
        let sha = AuditChain.sha256(data)
        try db.execute(
            sql:
                "INSERT OR IGNORE INTO attachments (sha256, media_type, size, data, created_ms) VALUES (?, ?, ?, ?, ?)",
            arguments: [sha, mediaType, data.count, data, AuditChain.milliseconds(date)])
        return sha
    }
}

extension Row: StoreRow {
    package func string(_ column: String) -> String? { self[column] }
    package func integer(_ column: String) -> Int64? { self[column] }
    package func bytes(_ column: String) -> Data? { self[column] }
}

extension StatementArguments {
    init(_ values: [SQLValue]) {
        self.init(
            values.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .text(let text): text
                case .integer(let integer): integer
                case .bytes(let data): data
                case .null: nil
                }
            })
    }
}

extension SQLiteTransaction: StoreTables {
    func forEachRow(_ table: String, order: String, _ body: ([(String, SQLValue)]) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY \(order)")
        while let row = try rows.next() {
            try body(
                row.columnNames.map { name in
                    let value: SQLValue =
                        switch row[name] as DatabaseValue {
                        case let value where value.isNull: .null
                        case let value:
                            switch value.storage {
                            case .int64(let integer): .integer(integer)
                            case .string(let text): .text(text)
                            case .blob(let data): .bytes(data)
                            case .double(let double): .text("\(double)")
                            case .null: .null
                            }
                        }
                    return (name, value)
                })
        }
    }

    func insertRows(_ table: String, columns: [String], _ rows: [[SQLValue]], skipExisting: Bool) throws {
        let marks = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
        for row in rows {
            try db.execute(
                sql:
                    "INSERT \(skipExisting ? "OR IGNORE " : "")INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(marks)",
                arguments: StatementArguments(row))
        }
    }

    func count(_ table: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
    }

    func clear(_ table: String) throws {
        try db.execute(sql: "DELETE FROM \(table)")
    }

    func finishImport() throws {}

    func advanceChainHead(to head: ChainHead) throws { pending?.head = head }

    func scopeDocumentSeries(to street: String) throws {
        try db.execute(
            sql: "UPDATE document_numbers SET kind = ? || kind WHERE instr(kind, '/') = 0", arguments: [street + "/"])
    }
}
