import Foundation
import WorkflowModel

/// Rows of a store's tables as they are, for copying a whole store into another (`streetflow admin migrate-store`).
/// Both stores' transactions provide it: the tables and columns are the same in both schemas.
package protocol StoreTables {
    /// Calls `body` with each row of `table` (column name and value), in `order`.
    func forEachRow(_ table: String, order: String, _ body: ([(String, SQLValue)]) throws -> Void) throws
    /// Inserts rows into `table` as they are (global sequences and hashes included); with `skipExisting`, a row
    /// whose key is taken is left out.
    func insertRows(_ table: String, columns: [String], _ rows: [[SQLValue]], skipExisting: Bool) throws
    /// After events were inserted directly: the transaction's chain head is `head`.
    func advanceChainHead(to head: ChainHead) throws
    /// The number of rows of `table`.
    func count(_ table: String) throws -> Int
    /// Removes every row of `table` (never `events`, which refuses it).
    func clear(_ table: String) throws
    /// Renames the document-number series of one street's store for a store streets share (`kind` → `street/kind`),
    /// so its numbering goes on where it was.
    func scopeDocumentSeries(to street: String) throws
    /// After rows were inserted with their own ids: the store's id generators continue after them.
    func finishImport() throws
}

/// Moves a street's records from one store into another: every table copied as it is, then the chain verified on
/// arrival and every table's rows counted on both sides.
public enum StoreMigration {
    /// The tables copied, parents first; an upload in progress is not moved (its uploader sends it again).
    public static let tables: [(name: String, order: String)] = [
        ("definitions", "key, version"), ("reference_lists", "key, version"), ("attachments", "sha256"),
        ("events", "id"), ("instances", "id"), ("timers", "instance_id, deadline_index, entered_version"),
        ("idempotency", "uid, key"), ("document_numbers", "kind, year"), ("notices", "id"),
        ("notice_reads", "uid, notice_id"), ("store_meta", "key"),
    ]

    /// What was moved.
    public struct Report: Sendable, Hashable {
        /// Rows per table, equal on both sides.
        public var rows: [String: Int]
        /// The chain head, the same on both sides, verified in the target.
        public var head: ChainHead
        /// Events verified in the target's chain.
        public var verified: Int

        public init(rows: [String: Int], head: ChainHead, verified: Int) {
            self.rows = rows
            self.head = head
            self.verified = verified
        }
    }

    /// What a merge added to a store that held other streets' records.
    public struct MergeReport: Sendable, Hashable {
        /// Rows added per table.
        public var rows: [String: Int]
        /// The source's own chain head, verified before the merge (kept in the target's facts as `merged/<street>`).
        public var sourceHead: ChainHead
        /// The global sequences the source's events took in the target's chain.
        public var first: Int64
        public var last: Int64
        /// The target's chain head after the merge, its whole chain verified.
        public var head: ChainHead
    }

    /// Adds one street's records (`source`, a consistent snapshot whose requests all name `street`) to a store that
    /// holds other streets' records. The source's chain is verified link by link, then its events are appended to
    /// the target's one chain in their order — each re-linked to the event before it there, so their global
    /// sequences and hashes are new; the source's own head is kept in the target's facts (`merged/<street>`: its
    /// sequence and hash, and the target sequences its events took), so checkpoints of the old chain stay
    /// checkable against the archived source file. Refused, with nothing written, when the target already holds
    /// this street, a request id of the source, or a definition version with another text.
    public static func merge(
        from source: any StoreReader, into target: any WorkflowStore, street: String
    ) throws -> MergeReport {
        guard let from = source as? any StoreTables else {
            throw StoreError(.io, "this store cannot be read table by table")
        }
        let sourceHead = try source.chainHead()
        return try target.write { tx in
            guard let into = tx as? any StoreTables else {
                throw StoreError(.io, "the target store cannot be written table by table")
            }
            if try tx.meta("merged/\(street)") != nil
                || !(try tx.instances(InstanceFilter(visibility: Visibility(terms: [], street: street), limit: 1)))
                    .isEmpty
            {
                throw StoreError(
                    .targetNotEmpty, "the target already holds the records of \(street); nothing was merged")
            }
            var rows: [String: Int] = [:]
            // Definitions and lists: the same versions must have the same texts.
            for definition in try source.definitions() { try tx.saveDefinition(definition) }
            try copy("reference_lists", from: from, into: into, rows: &rows, skipExisting: true)
            try copy("attachments", from: from, into: into, rows: &rows, skipExisting: true)
            // Events: verified in the source's order, re-linked after the target's head.
            var head = try tx.chainHead()
            let first = head.globalSequence + 1
            var sourcePrevious = AuditChain.genesis
            var expected: Int64 = 1
            var after: Int64 = 0
            while true {
                let page = try source.events(after: after, limit: 1000)
                if page.isEmpty { break }
                for stored in page {
                    let recomputed = AuditChain.hash(
                        previous: sourcePrevious, instanceID: stored.instanceID, workflow: stored.workflow,
                        event: stored.event)
                    guard stored.globalSequence == expected, stored.previousHash == sourcePrevious,
                        stored.hash == recomputed
                    else {
                        throw StoreError(
                            .corruptDatabase,
                            "the source's chain breaks at event \(stored.globalSequence); nothing was merged. Run streetflow audit verify on it."
                        )
                    }
                    sourcePrevious = stored.hash
                    expected += 1
                    after = stored.globalSequence
                    let hash = AuditChain.hash(
                        previous: head.hash, instanceID: stored.instanceID, workflow: stored.workflow,
                        event: stored.event)
                    let relinked = head.globalSequence + 1
                    var values = try StoreSQL.eventValues(
                        stored.event, instanceID: stored.instanceID, workflow: stored.workflow,
                        previousHash: head.hash, hash: hash)
                    values.insert(.integer(relinked), at: 0)
                    try into.insertRows(
                        "events", columns: ["id"] + StoreSQL.eventColumns, [values], skipExisting: false)
                    head = ChainHead(globalSequence: relinked, hash: hash)
                    rows["events", default: 0] += 1
                }
            }
            guard sourceHead.globalSequence == expected - 1, sourceHead.hash == sourcePrevious else {
                throw StoreError(.corruptDatabase, "the source's chain does not end at its head; nothing was merged")
            }
            try into.advanceChainHead(to: head)
            for table in ["instances", "timers", "document_numbers"] {
                try copy(table, from: from, into: into, rows: &rows, skipExisting: false)
            }
            try copy("idempotency", from: from, into: into, rows: &rows, skipExisting: true)
            // Notices take new ids in the target; read marks follow them.
            var noticeIDs: [Int64: Int64] = [:]
            var sourceNotice: Int64 = 0
            while true {
                let notices = try source.allNotices(afterID: sourceNotice, limit: 1000)
                if notices.isEmpty { break }
                let added = try tx.addNotices(notices.map(\.notice), at: notices[0].at)
                for (old, new) in zip(notices, added) { noticeIDs[old.id] = new.id }
                rows["notices", default: 0] += added.count
                sourceNotice = notices.last!.id
            }
            try from.forEachRow("notice_reads", order: "uid, notice_id") { row in
                let values = Dictionary(uniqueKeysWithValues: row)
                guard case .integer(let uid)? = values["uid"], case .integer(let id)? = values["notice_id"],
                    let new = noticeIDs[id]
                else { return }
                try tx.markNoticesRead(uid: UInt32(uid), ids: [new])
                rows["notice_reads", default: 0] += 1
            }
            try tx.setMeta(
                "merged/\(street)",
                "source head \(sourceHead.globalSequence) \(sourceHead.hash); target events \(first)...\(head.globalSequence)"
            )
            return MergeReport(
                rows: rows, sourceHead: sourceHead, first: first, last: head.globalSequence, head: head)
        }
    }

    private static func copy(
        _ table: String, from: any StoreTables, into: any StoreTables, rows: inout [String: Int], skipExisting: Bool
    ) throws {
        let order = tables.first { $0.name == table }?.order ?? "1"
        var batch: [[SQLValue]] = []
        var columns: [String] = []
        rows[table] = rows[table] ?? 0
        try from.forEachRow(table, order: order) { row in
            if columns.isEmpty { columns = row.map(\.0) }
            batch.append(row.map(\.1))
            if batch.count == 200 {
                try into.insertRows(table, columns: columns, batch, skipExisting: skipExisting)
                batch.removeAll(keepingCapacity: true)
            }
            rows[table, default: 0] += 1
        }
        if !batch.isEmpty { try into.insertRows(table, columns: columns, batch, skipExisting: skipExisting) }
    }

    /// Copies everything `source` (a consistent snapshot: a transaction) holds into the empty store `target`, then
    /// verifies the target's chain and compares counts. A target with records is refused, and nothing is written
    /// to it. Nothing is changed in `source`.
    public static func copy(from source: any StoreReader, into target: any WorkflowStore) throws -> Report {
        guard let from = source as? any StoreTables else {
            throw StoreError(.io, "this store cannot be read table by table")
        }
        let head = try source.chainHead()
        var rows: [String: Int] = [:]
        try target.write { tx in
            guard let into = tx as? any StoreTables else {
                throw StoreError(.io, "the target store cannot be written table by table")
            }
            let events = try into.count("events")
            let instances = try into.count("instances")
            guard events == 0 && instances == 0 else {
                throw StoreError(
                    .targetNotEmpty,
                    "the target already holds \(events) events and \(instances) requests; nothing was copied. Move a street into an empty database."
                )
            }
            // The target's own first start wrote its definitions and facts: the source's replace them.
            for table in tables.reversed() where table.name != "events" { try into.clear(table.name) }
            for table in tables { try copy(table.name, from: from, into: into, rows: &rows, skipExisting: false) }
            try into.finishImport()
        }
        // Checked on arrival, from what the target now holds.
        let report = try target.verifyChain()
        guard report.ok, report.head == head else {
            throw StoreError(
                .corruptDatabase,
                "the copy does not verify: \(report.problem ?? "its chain head \(report.head.globalSequence) is not the source's \(head.globalSequence)")"
            )
        }
        for table in tables {
            let counted = try target.read { tx in try (tx as? any StoreTables)?.count(table.name) ?? -1 }
            guard counted == rows[table.name] else {
                throw StoreError(
                    .io, "\(table.name): \(rows[table.name] ?? 0) rows copied, but the target holds \(counted)")
            }
        }
        return Report(rows: rows, head: head, verified: report.checked)
    }
}
