import Foundation
import PostgresStore
import Synchronization

/// A throwaway PostgreSQL cluster of the test process's own: `initdb` into a temporary directory and `pg_ctl start`
/// listening only on a Unix socket there — never the machine's default cluster. Started on first use, stopped when
/// the process exits; a cluster left by a test process that was killed is stopped by the next one.
public final class PostgresTestCluster: Sendable {
    /// The cluster of this process.
    public static var shared: PostgresTestCluster {
        get throws {
            try sharedCluster.withLock { cluster in
                if let cluster { return cluster }
                let started = try PostgresTestCluster()
                cluster = started
                return started
            }
        }
    }
    private static let sharedCluster = Mutex<PostgresTestCluster?>(nil)

    /// The data directory; the socket is in it too.
    public let directory: String
    public let bin: String
    /// The role StreetFlow connects as in tests: it owns its databases but is no superuser.
    public static let role = "streetflow"

    private init() throws {
        guard let bin = Self.binaries() else {
            throw ClusterError(
                "PostgreSQL's server is not installed (apt-get install postgresql): the store conformance tests need it"
            )
        }
        self.bin = bin
        Self.stopOrphans()
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "sf-pg-\(getpid())-\(UUID().uuidString.prefix(8))"
            ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "\(getpid())".write(toFile: "\(directory).owner", atomically: true, encoding: .utf8)
        if geteuid() == 0 {
            // initdb refuses root: the cluster belongs to the postgres account.
            try Self.run(["/bin/chown", "postgres:postgres", directory])
        }
        try run(
            "\(bin)/initdb",
            [
                "-D", "\(directory)/data", "-A", "trust", "-U", "postgres", "-E", "UTF8",
                "--locale=C.UTF-8",
            ])
        // The server inherits pg_ctl's output: it goes nowhere, or reading it would wait for the server to end.
        try run(
            "\(bin)/pg_ctl", detached: true,
            [
                "-D", "\(directory)/data", "-l", "\(directory)/log", "-w", "-o",
                "-c listen_addresses='' -c unix_socket_directories='\(directory)' -c max_connections=200",
                "start",
            ])
        Self.stopAtExit.withLock { $0 = directory }
        atexit {
            guard let directory = PostgresTestCluster.stopAtExit.withLock({ $0 }) else { return }
            PostgresTestCluster.stop(directory)
        }
        try psql("CREATE ROLE \(Self.role) LOGIN")
    }

    static let stopAtExit = Mutex<String?>(nil)

    /// Stops the cluster in `directory` at once and removes it.
    static func stop(_ directory: String) {
        if let bin = binaries() {
            _ = try? runAsOwner(
                ["\(bin)/pg_ctl", "-D", "\(directory)/data", "-m", "immediate", "stop"], detached: true)
        }
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: "\(directory).owner")
    }

    /// A new, empty database owned by ``role``; its location as StreetFlow connects to it.
    public func makeDatabase() throws -> PostgresLocation {
        let name = "sf_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try psql("CREATE DATABASE \(name) OWNER \(Self.role)")
        return try location(database: name)
    }

    /// The location of `database` as `user` connects to it.
    public func location(database: String, user: String = role) throws -> PostgresLocation {
        try PostgresLocation(url: "postgresql://\(user)@/\(database)?host=\(directory)")
    }

    /// Runs SQL as the superuser (in `database`), returning psql's unaligned output; a failure throws with
    /// PostgreSQL's message.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres", user: String = "postgres") throws -> String {
        try run(
            "\(bin)/psql",
            [
                "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", directory, "-U", user,
                "-d", database, "-c", sql,
            ])
    }

    @discardableResult
    private func run(_ tool: String, detached: Bool = false, _ arguments: [String]) throws -> String {
        try Self.runAsOwner([tool] + arguments, detached: detached)
    }

    @discardableResult
    static func runAsOwner(_ command: [String], detached: Bool = false) throws -> String {
        try run(geteuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + command : command, detached: detached)
    }

    /// Runs `command` and returns its output. posix_spawn and waitpid rather than Foundation's `Process`, whose
    /// `waitUntilExit` here never saw `runuser` end. With `detached`, the output goes to /dev/null: a server the
    /// command starts inherits it, and reading it would wait for the server to end.
    @discardableResult
    static func run(_ command: [String], detached: Bool = false) throws -> String {
        let capture =
            detached
            ? "/dev/null"
            : FileManager.default.temporaryDirectory.appendingPathComponent(
                "sf-pg-out-\(UUID().uuidString)"
            ).path
        defer { if !detached { unlink(capture) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid = pid_t()
        let argv = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw ClusterError("cannot run \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = detached ? "" : ((try? String(contentsOfFile: capture, encoding: .utf8)) ?? "")
        // Exited normally with status 0 (WIFEXITED and WEXITSTATUS, spelled out: Glibc's macros do not import).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw ClusterError(text.isEmpty ? "\(command.joined(separator: " ")) failed (status \(status))" : text)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The newest installed server's bin directory.
    static func binaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init)
        return versions.sorted().reversed().map { "\(root)/\($0)/bin" }.first {
            FileManager.default.isExecutableFile(atPath: "\($0)/initdb")
        }
    }

    /// Stops clusters whose test process is gone (killed before its exit handler ran).
    static func stopOrphans() {
        let temporary = FileManager.default.temporaryDirectory.path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        where name.hasPrefix("sf-pg-") && name.hasSuffix(".owner") {
            let owner = "\(temporary)/\(name)"
            guard let pid = (try? String(contentsOfFile: owner, encoding: .utf8)).flatMap({ Int32($0) }),
                kill(pid, 0) != 0
            else { continue }
            stop(String(owner.dropLast(".owner".count)))
        }
    }
}

public struct ClusterError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
