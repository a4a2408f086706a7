import Foundation

/// Rows of a store's tables as they are, for copying a whole store into another (`streetflow admin migrate-store`).
/// Both stores' transactions provide it: the tables and columns are the same in both schemas.
package protocol StoreTables {
    /// Calls `body` with each row of `table` (column name and value), in `order`.
    func forEachRow(_ table: String, order: String, _ body: ([(String, SQLValue)]) throws -> Void) throws
    /// Inserts rows into `table` as they are (global sequences and hashes included).
    func insertRows(_ table: String, columns: [String], _ rows: [[SQLValue]]) throws
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
            for table in tables {
                var batch: [[SQLValue]] = []
                var columns: [String] = []
                var copied = 0
                try from.forEachRow(table.name, order: table.order) { row in
                    if columns.isEmpty { columns = row.map(\.0) }
                    batch.append(row.map(\.1))
                    if batch.count == 200 {
                        try into.insertRows(table.name, columns: columns, batch)
                        copied += batch.count
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { try into.insertRows(table.name, columns: columns, batch) }
                rows[table.name] = copied + batch.count
            }
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
