import Foundation
import GRDB
import Synchronization
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

    /// The chain head kept outside the database (``ChainHeadFile``), when the store was opened with one.
    public let chainHeadFile: ChainHeadFile?

    private let pool: DatabasePool
    /// The file's device and inode when opened: a path that names another file (or none) means the store is lost.
    private let identity: (device: UInt64, inode: UInt64)
    /// Set once the file is found deleted or replaced; every later write is refused with it.
    private let lost = Mutex<StoreError?>(nil)
    /// Boxed in a class: a closure kept in a `Mutex` comes back out wrapped in one more reabstraction thunk on every
    /// `withLock { $0 }` (Swift 6.3 writes the wrapped value back), so after a few hundred thousand transactions
    /// calling — or freeing — it overflowed the stack (AddressSanitizer found it). A class reference is not wrapped.
    private let undecodable = Mutex<UndecodableHandler?>(nil)
    /// Whether the open found the store as a clean close left it (and so skipped the whole-file check).
    public let openedSealed: Bool
    /// Where a clean close records the file (``StoreSeal``).
    private let seal: String?
    /// Committed projections the write path used last (``ProjectionCache``).
    let projections: ProjectionCache

    /// Opens (creating when absent) the store at `path` and migrates it to the current schema.
    /// A file that is not a StreetFlow database, or is damaged, is refused and left untouched.
    /// With `chainHeadFile`, the chain head is also recorded there after every commit that appended events.
    /// `cachedProjections` bounds how many committed projections the write path keeps decoded.
    /// With `seal`, ``close()`` records the closed file there (``StoreSeal``), and an open that finds the file as
    /// it was sealed skips the whole-file `quick_check`; any other open (after a crash, a copy, a restore) runs it.
    public init(
        path: String, attachmentLimit: Int = 10 << 20, chainHeadFile: String? = nil, cachedProjections: Int = 128,
        seal: String? = nil
    ) throws {
        self.path = path
        self.projections = ProjectionCache(capacity: cachedProjections)
        self.attachmentLimit = attachmentLimit
        self.seal = seal
        let fresh = !FileManager.default.fileExists(atPath: path) || (Self.fileSize(path) == 0)
        var sealed = false
        if !fresh {
            sealed = seal.map { StoreSeal.matches($0, database: path) } ?? false
            try Self.inspect(path: path, wholeFile: !sealed)
        }
        openedSealed = sealed
        // Open from here on: a crash leaves no seal, and the next open checks the whole file.
        if let seal { unlink(seal) }
        if let problem = Self.writeProblem(path: path, exists: !fresh) { throw problem }
        do {
            if fresh {
                // A new file is created and closed once, then opened like any other: the WAL is laid out only
                // beside a closed database (SQLite deletes a WAL it finds next to an empty one).
                try Self.close(Self.openPool(path: path, fresh: true), path: path)
            } else {
                Self.layOutWAL(database: path)
            }
            pool = try Self.openPool(path: path, fresh: false)
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN
                || error.resultCode == .SQLITE_PERM
            {
                throw Self.writeProblem(path: path, exists: true)
                    ?? StoreError(
                        .storeReadOnly,
                        "\(path) cannot be written (\(error.message ?? "\(error.resultCode)")); it was left untouched. Check the file system is mounted read-write and the file and its directory belong to the daemon's user."
                    )
            }
            throw StoreError(.io, "cannot open \(path): \(error.message ?? "\(error)")")
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw StoreError(.storeLost, "\(path) vanished while it was being opened") }
        identity = (UInt64(info.st_dev), UInt64(info.st_ino))
        self.chainHeadFile = try chainHeadFile.map { try ChainHeadFile(path: $0) }
    }

    /// Opens the pool on `path`, claims a new file for StreetFlow, migrates it and sets the writer's pragmas.
    private static func openPool(path: String, fresh: Bool) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Each command runs in its own savepoint; SQLite keeps the pages a savepoint changed in a sub-journal to
            // undo it. In a temporary file that was 40 writes per command, more than the WAL itself; in memory it
            // costs only the pages of one batch. Durability is the WAL's, not the sub-journal's.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // 512 KiB of pages per connection (SQLite's default is 2 MiB): the B-trees' upper levels stay, the rest
            // is in the kernel's page cache a pread away; the daemon's memory does not grow with the store.
            try db.execute(sql: "PRAGMA cache_size = -512")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
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
        // GRDB's pool turns WAL on *after* `prepareDatabase` and sets `synchronous = NORMAL` with it, which
        // syncs the WAL only at checkpoints: a power cut could lose commits already answered. Every commit must
        // reach the disk before its reply, so FULL is set again here, on the one connection that writes, and
        // checked.
        let synchronous = try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // The commit that fills the WAL past this many pages also copies them into the database (a
            // checkpoint, 1–5 ms): at SQLite's 1,000 about one command in a hundred paid for one, which was one
            // client's p99; at 4,000 (a WAL of ~16 MB) one in four hundred does, and each copies less per command
            // (a page written again and again is copied once).
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointPages)")
            return try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
        }
        guard synchronous == 2 else {
            throw StoreError(.io, "\(path): SQLite refused synchronous=FULL (it is \(synchronous))")
        }
        return pool
    }

    /// Why this user cannot write the store at `path` (the file, or the directory its journal files go in), in
    /// words an administrator can act on; nil when it can.
    static func writeProblem(path: String, exists: Bool) -> StoreError? {
        // Runs before every write: two access(2) calls; the user is looked up only to word a refusal.
        func denied(_ path: String) -> String? {
            guard access(path, W_OK) != 0 else { return nil }
            let reason = String(cString: strerror(errno))
            let user = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(geteuid())"
            return "read-only for \(user) (\(reason))"
        }
        // The path's directory without a Foundation bridge (this runs before every commit).
        let directory = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? ""
        if exists, let problem = denied(path) {
            return StoreError(
                .storeReadOnly,
                "\(path) is \(problem); it was left untouched. Make it writable by the daemon's user (chown streetflow:streetflow and chmod 640), or mount its file system read-write."
            )
        }
        if let problem = denied(directory.isEmpty ? "." : directory) {
            return StoreError(
                .storeReadOnly,
                "the directory \(directory) is \(problem): SQLite keeps its journal files there. Make it writable by the daemon's user, or mount its file system read-write."
            )
        }
        return nil
    }

    /// Checks, before a write, that the path still names the file the store opened and that it can be written:
    /// a database deleted or replaced under the daemon would take every later write with it (into an unlinked
    /// file) and lose them at the next start. A lost file refuses every write until a restart; a read-only one
    /// only while it stays read-only.
    public func checkFile() throws {
        if let lost = lost.withLock({ $0 }) { throw lost }
        var info = stat()
        let problem: StoreError
        if stat(path, &info) != 0 {
            problem = StoreError(
                .storeLost,
                "\(path) was deleted while streetflowd was running; nothing more is written (reads still work). Restore it from the latest backup (streetflow admin backup) and restart streetflowd."
            )
        } else if UInt64(info.st_dev) != identity.device || UInt64(info.st_ino) != identity.inode {
            problem = StoreError(
                .storeLost,
                "\(path) was replaced by another file while streetflowd was running; nothing more is written (reads still work). Restart streetflowd to open the file now there (it checks it against the recorded chain head)."
            )
        } else if let readOnly = Self.writeProblem(path: path, exists: true) {
            throw readOnly
        } else {
            return
        }
        lost.withLock { $0 = problem }
        throw problem
    }

    /// Checks an existing file before opening it for writing: SQLite header, our application id, integrity.
    static func inspect(path: String, wholeFile: Bool = true) throws {
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
                let check = wholeFile ? try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "?" : "ok"
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
        try checkFile()
        let (result, head) = try wrap {
            try pool.writeWithoutTransaction { db in
                var result: T?
                let pending = PendingWrites()
                try db.inTransaction(.immediate) {
                    var transaction = self.transaction(db)
                    transaction.pending = pending
                    transaction.cache = projections
                    result = try body(transaction)
                    return .commit
                }
                // Committed: what this transaction wrote is what the next one reads.
                projections.insert(pending.written.values)
                return (result!, pending.head)
            }
        }
        if let head { chainHeadFile?.record(head) }
        return result
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try wrap { try pool.read { db in try body(transaction(db)) } }
    }

    private func transaction(_ db: Database) -> SQLiteTransaction {
        SQLiteTransaction(db: db, attachmentLimit: attachmentLimit, undecodable: undecodable.withLock { $0 }?.report)
    }

    public func reportUndecodableProjections(to handler: @escaping @Sendable (String, String) -> Void) {
        let box = UndecodableHandler(report: handler)
        undecodable.withLock { $0 = box }
    }

    public func backup(to path: String) throws {
        try wrap {
            let destination = try DatabaseQueue(path: path)
            try pool.backup(to: destination)
            try destination.close()
        }
    }

    public var description: String { "SQLite \(path)" }

    public func sizeOnDisk() -> Int64 {
        Self.fileSize(path) + Self.fileSize(path + "-wal")
    }

    /// WAL pages after which a commit checkpoints (`PRAGMA wal_autocheckpoint` of the writing connection).
    static let checkpointPages = 4000

    /// Frames the WAL is laid out for: the checkpoint's 4,000 and room for the commit that crosses it.
    static let laidOutFrames = checkpointPages + 256

    /// Writes a WAL of zeros beside the closed database at `database`, as long as one checkpoint lets the WAL grow,
    /// when the WAL is absent or empty (as a clean close leaves it: checkpointed and truncated). A commit that appends to
    /// the end of a file also makes the file system allocate blocks and record the new size, and its fdatasync
    /// writes that down too: measured here, 255–290 µs per commit while the WAL grows against 130–140 µs once it is
    /// written over in place, for the first 4,000 pages after every start (one client's first ~300 calls). Zeros
    /// are no WAL to SQLite (no valid header: it starts the log at the beginning of the file and writes over them),
    /// so this changes nothing stored. A WAL with any bytes in it, which may hold commits, is never touched.
    static func layOutWAL(database: String) {
        var info = stat()
        guard stat(database, &info) == 0, info.st_size > 0 else { return }
        // Only when no connection has the database open: every connection in WAL mode holds a shared lock on
        // SQLite's lock bytes for as long as it is open, and an empty WAL can be one it is about to write. An
        // open-file-description lock sees the locks of this process's connections too, and closing its descriptor
        // leaves theirs alone (a classic POSIX lock would do neither).
        let db = open(database, O_RDWR | O_CLOEXEC)
        guard db >= 0 else { return }
        defer { _ = Glibc.close(db) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = off_t(Self.sharedLockBytes.lowerBound)
        lock.l_len = off_t(Self.sharedLockBytes.count)
        guard fcntl(db, Self.openFileDescriptionSetLock, &lock) == 0 else { return }
        let fd = open(database + "-wal", O_WRONLY | O_CREAT | O_CLOEXEC, info.st_mode & 0o777)
        guard fd >= 0 else { return }
        defer { _ = Glibc.close(fd) }
        var wal = stat()
        guard fstat(fd, &wal) == 0, wal.st_size == 0 else { return }
        // As SQLite makes its own journal files: the database's mode (whatever the umask) and, for root, its owner.
        _ = fchmod(fd, info.st_mode & 0o777)
        if geteuid() == 0 { _ = fchown(fd, info.st_uid, info.st_gid) }
        let pageSize = Self.pageSize(db)
        let size = 32 + laidOutFrames * (24 + pageSize)
        // Never at the cost of the room commits need: on a file system without twice the WAL's size free, SQLite
        // grows its WAL as it goes, and a write that fails gives back what was written.
        var space = statvfs()
        guard fstatvfs(fd, &space) == 0, Int(space.f_bavail) * Int(space.f_frsize) >= 2 * size else { return }
        // 64 KiB at a time: a buffer past glibc's mmap threshold (128 KiB), once freed, raises that threshold for
        // the rest of the process's life.
        let zeros = [UInt8](repeating: 0, count: 64 << 10)
        var offset = 0
        while offset < size {
            let written = zeros.withUnsafeBytes {
                pwrite(fd, $0.baseAddress, min($0.count, size - offset), off_t(offset))
            }
            guard written > 0 else {
                _ = ftruncate(fd, 0)
                return
            }
            offset += written
        }
        _ = fdatasync(fd)
    }

    /// `F_OFD_SETLK` (Linux 3.15): not in Glibc's Swift overlay.
    private static let openFileDescriptionSetLock: Int32 = 37

    /// The bytes of the database file SQLite's readers lock shared (`SHARED_FIRST`, `SHARED_SIZE` in os_unix.c).
    static let sharedLockBytes = (0x4000_0000 + 2)..<(0x4000_0000 + 2 + 510)

    /// The page size in the header of the database open at `fd` (bytes 16–17, big-endian; 1 means 65,536), 4,096
    /// when unreadable.
    private static func pageSize(_ fd: Int32) -> Int {
        var bytes: (UInt8, UInt8) = (0, 0)
        guard pread(fd, &bytes, 2, 16) == 2 else { return 4096 }
        let value = Int(bytes.0) << 8 | Int(bytes.1)
        return value == 1 ? 65536 : (value >= 512 ? value : 4096)
    }

    /// `PRAGMA synchronous` of the connection that writes (2 is FULL: the WAL is synced at every commit).
    func writerSynchronous() throws -> Int {
        try pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Closes the file.
    public func close() throws {
        try Self.close(pool, path: path)
        if let seal { StoreSeal.write(seal, database: path) }
    }

    private static func close(_ pool: DatabasePool, path: String) throws {
        // Everything into the database file, the WAL emptied: after a clean stop the file alone is the whole store
        // (a copy of it is complete) and the next start has no WAL to read. Readers close after the writer and
        // cannot checkpoint, so SQLite's own checkpoint at close did not happen.
        _ = try? pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try pool.close()
        layOutWAL(database: path)
    }

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_READONLY {
                throw Self.writeProblem(path: path, exists: true)
                    ?? StoreError(
                        .storeReadOnly,
                        "\(path) cannot be written (\(error.message ?? "read-only")): is its file system mounted read-only?"
                    )
            }
            throw StoreError(.io, error.message ?? "\(error)")
        }
    }
}

/// Who is told of a projection row a list skipped because it cannot be decoded.
final class UndecodableHandler: Sendable {
    let report: @Sendable (String, String) -> Void

    init(report: @escaping @Sendable (String, String) -> Void) {
        self.report = report
    }
}
