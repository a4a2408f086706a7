import Foundation
import GRDB
import WorkflowModel

/// The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, via GRDB on the system SQLite.
///
/// GRDB rather than a hand-written wrapper: its migrator, savepoints, WAL pool and online backup are
/// proven, and it adds no second SQLite (it links the system `libsqlite3`), so the file stays readable with
/// the `sqlite3` tool an operator already has.
public final class SQLiteStore: WorkflowStore, @unchecked Sendable {
    /// `PRAGMA application_id` of StreetFlow files ("SFLW").
    public static let applicationID: Int32 = 0x5346_4C57
    /// The largest attachment accepted, in bytes.
    public let attachmentLimit: Int
    /// The file.
    public let path: String

    private let pool: DatabasePool

    /// Opens (creating when absent) the store at `path` and migrates it to the current schema.
    /// A file that is not a StreetFlow database, or is damaged, is refused and left untouched.
    public init(path: String, attachmentLimit: Int = 10 << 20) throws {
        self.path = path
        self.attachmentLimit = attachmentLimit
        let fresh = !FileManager.default.fileExists(atPath: path) || (Self.fileSize(path) == 0)
        if !fresh {
            try Self.inspect(path: path)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.write { db in
                // A file without tables is new, even when it is not empty: a crash while it was being created can
                // leave the header written and the application id not yet. `inspect` admitted it only because it
                // has no tables; without claiming it here, the next open would refuse it as another application's.
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                if fresh || tables == 0 {
                    try db.execute(sql: "PRAGMA application_id = \(Self.applicationID)")
                }
            }
            let applied = try pool.read { try Self.migrator.appliedIdentifiers($0) }
            let unknown = applied.subtracting(Self.migrationIdentifiers)
            if !unknown.isEmpty {
                throw StoreError(
                    .newerSchema,
                    "\(path) was written by a newer StreetFlow (schema \(unknown.sorted().joined(separator: ", "))); upgrade StreetFlow to open it"
                )
            }
            try Self.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError(.io, "cannot open \(path): \(error.message ?? "\(error)")")
        }
    }

    /// Checks an existing file before opening it for writing: SQLite header, our application id, integrity.
    static func inspect(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.io, "cannot read \(path)")
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        guard header == Data("SQLite format 3\0".utf8) else {
            throw StoreError(
                .foreignDatabase,
                "\(path) is not an SQLite database; it was left untouched. Point --state at another directory or restore the file from a backup."
            )
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                if id != applicationID && !(id == 0 && tables == 0) {
                    throw StoreError(
                        .foreignDatabase,
                        "\(path) belongs to another application (application_id \(id)); it was left untouched.")
                }
                let check = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "?"
                if check != "ok" {
                    throw StoreError(
                        .corruptDatabase,
                        "\(path) is damaged (\(check)); it was left untouched. Restore it from a backup (streetflow admin backup)."
                    )
                }
            }
            try queue.close()
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError(
                .corruptDatabase,
                "\(path) cannot be read as a database (\(error.message ?? "\(error)")); it was left untouched. Restore it from a backup."
            )
        }
    }

    private static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try wrap {
            try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(SQLiteTransaction(db: db, attachmentLimit: attachmentLimit))
                    return .commit
                }
                return result!
            }
        }
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try wrap { try pool.read { db in try body(SQLiteTransaction(db: db, attachmentLimit: attachmentLimit)) } }
    }

    public func backup(to path: String) throws {
        try wrap {
            let destination = try DatabaseQueue(path: path)
            try pool.backup(to: destination)
            try destination.close()
        }
    }

    public func sizeOnDisk() -> Int64 {
        Self.fileSize(path) + Self.fileSize(path + "-wal")
    }

    /// Closes the file.
    public func close() throws {
        try pool.close()
    }

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(.io, error.message ?? "\(error)")
        }
    }
}
