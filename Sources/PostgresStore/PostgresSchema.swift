import Foundation
import WorkflowStore

/// The numbered migrations of the PostgreSQL store. Never edit a shipped one; add the next. The first is SQLite's
/// v1–v8 as one schema: the same tables and columns, so the same SQL reads both.
enum PostgresSchema {
    /// Serializes migrations of daemons starting together (`pg_advisory_lock`), and writers (`…_xact_lock`).
    static let migrationLock: Int64 = 0x5346_4C57_0001
    /// Every write transaction holds it: the audit chain is one total order, so appends are serialized across
    /// daemons (see README, *Several daemons, one store*).
    static let chainLock: Int64 = 0x5346_4C57_0002
    /// Where a commit that appended events tells the other daemons (payload: its last global sequence).
    static let eventsChannel = "streetflow_events"

    static let migrations: [(id: String, sql: [String])] = [
        (
            "pg1-schema",
            [
                """
                CREATE TABLE events (
                    id BIGINT PRIMARY KEY,
                    instance_id TEXT NOT NULL,
                    seq BIGINT NOT NULL,
                    workflow TEXT NOT NULL,
                    definition_version BIGINT NOT NULL,
                    kind TEXT NOT NULL,
                    action TEXT NOT NULL,
                    from_state TEXT,
                    to_state TEXT NOT NULL,
                    actor_uid BIGINT NOT NULL,
                    actor_user TEXT NOT NULL,
                    actor_pid BIGINT NOT NULL,
                    actor_roles TEXT NOT NULL,
                    comment TEXT,
                    fields TEXT NOT NULL,
                    list_match TEXT,
                    target TEXT,
                    deadline BIGINT,
                    at_ms BIGINT NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    UNIQUE (instance_id, seq)
                )
                """,
                """
                CREATE FUNCTION streetflow_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'events are append-only';
                END
                $$
                """,
                """
                CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
                    FOR EACH ROW EXECUTE FUNCTION streetflow_events_append_only()
                """,
                """
                CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
                    FOR EACH STATEMENT EXECUTE FUNCTION streetflow_events_append_only()
                """,
                // The trigger stops everyone; the grants say it too: nobody, the owner included, may change or
                // remove events (README's district set-up also runs the daemon as a role that owns nothing).
                "REVOKE UPDATE, DELETE, TRUNCATE ON events FROM PUBLIC",
                "REVOKE UPDATE, DELETE, TRUNCATE ON events FROM CURRENT_USER",
                """
                CREATE TABLE instances (
                    id TEXT PRIMARY KEY,
                    workflow TEXT NOT NULL,
                    definition_version BIGINT NOT NULL,
                    version BIGINT NOT NULL,
                    state TEXT NOT NULL,
                    final BIGINT NOT NULL,
                    committee TEXT,
                    department TEXT,
                    submitter_uid BIGINT NOT NULL,
                    summary TEXT NOT NULL,
                    created_ms BIGINT NOT NULL,
                    updated_ms BIGINT NOT NULL,
                    next_deadline_ms BIGINT,
                    data TEXT NOT NULL,
                    document_number TEXT,
                    cc TEXT
                )
                """,
                "CREATE INDEX instances_open ON instances (final, workflow, state)",
                "CREATE INDEX instances_created ON instances (created_ms DESC, id DESC)",
                "CREATE INDEX instances_committee ON instances (committee)",
                "CREATE INDEX instances_department ON instances (department)",
                """
                CREATE TABLE definitions (
                    key TEXT NOT NULL, version BIGINT NOT NULL, source TEXT NOT NULL, sha256 TEXT NOT NULL,
                    PRIMARY KEY (key, version)
                )
                """,
                """
                CREATE TABLE timers (
                    instance_id TEXT NOT NULL REFERENCES instances(id),
                    deadline_index BIGINT NOT NULL,
                    entered_version BIGINT NOT NULL,
                    due_ms BIGINT NOT NULL,
                    PRIMARY KEY (instance_id, deadline_index, entered_version)
                )
                """,
                "CREATE INDEX timers_due ON timers (due_ms)",
                """
                CREATE TABLE idempotency (
                    uid BIGINT NOT NULL, key TEXT NOT NULL, reply BYTEA NOT NULL, created_ms BIGINT NOT NULL,
                    method TEXT NOT NULL DEFAULT '', target TEXT NOT NULL DEFAULT '',
                    request_sha256 TEXT NOT NULL DEFAULT '', instance_id TEXT NOT NULL DEFAULT '',
                    PRIMARY KEY (uid, key)
                )
                """,
                """
                CREATE TABLE reference_lists (
                    key TEXT NOT NULL, version BIGINT NOT NULL, data TEXT NOT NULL, sha256 TEXT NOT NULL,
                    PRIMARY KEY (key, version)
                )
                """,
                """
                CREATE TABLE attachments (
                    sha256 TEXT PRIMARY KEY, media_type TEXT NOT NULL, size BIGINT NOT NULL, data BYTEA NOT NULL,
                    created_ms BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE document_numbers (
                    kind TEXT NOT NULL, year BIGINT NOT NULL, last BIGINT NOT NULL, PRIMARY KEY (kind, year)
                )
                """,
                """
                CREATE TABLE uploads (
                    uid BIGINT NOT NULL, sha256 TEXT NOT NULL, size BIGINT NOT NULL, data BYTEA NOT NULL,
                    created_ms BIGINT NOT NULL, PRIMARY KEY (uid, sha256)
                )
                """,
                """
                CREATE TABLE notices (
                    id BIGSERIAL PRIMARY KEY, recipient TEXT NOT NULL, instance_id TEXT, kind TEXT NOT NULL,
                    zh TEXT NOT NULL, en TEXT NOT NULL, created_ms BIGINT NOT NULL
                )
                """,
                "CREATE INDEX notices_recipient ON notices (recipient, id)",
                "CREATE TABLE notice_reads (uid BIGINT NOT NULL, notice_id BIGINT NOT NULL, PRIMARY KEY (uid, notice_id))",
                "CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            ]
        ),
        (
            // The street office a request belongs to (its submission says so): a district shares one store.
            "pg2-street",
            ["ALTER TABLE instances ADD COLUMN street TEXT", "CREATE INDEX instances_street ON instances (street)"]
        ),
    ]

    static var identifiers: [String] { migrations.map(\.id) }

    /// Creates the tables of a new database, brings an older one up to date, and refuses one that is not
    /// StreetFlow's or was written by a newer StreetFlow. Daemons starting together take turns.
    static func migrate(_ session: PostgresSession, location: PostgresLocation) throws {
        try session.run("SELECT pg_advisory_lock(?)", [.integer(migrationLock)])
        defer { _ = try? session.run("SELECT pg_advisory_unlock(?)", [.integer(migrationLock)]) }
        let hasLedger =
            try session.row("SELECT to_regclass('streetflow_schema') IS NOT NULL AS present")?.bool("present") ?? false
        if !hasLedger {
            let tables =
                try session.row(
                    "SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()"
                )?.integer("n") ?? 0
            if tables > 0 {
                throw StoreError(
                    .foreignDatabase,
                    "\(location) has \(tables) tables that are not StreetFlow's; it was left untouched. Give StreetFlow a database of its own (createdb -O streetflow streetflow)."
                )
            }
            try session.run("CREATE TABLE streetflow_schema (id TEXT PRIMARY KEY, applied_ms BIGINT NOT NULL)")
        }
        let applied = Set(try session.rows("SELECT id FROM streetflow_schema").map { try $0.string(required: "id") })
        let unknown = applied.subtracting(identifiers)
        if !unknown.isEmpty {
            throw StoreError(
                .newerSchema,
                "\(location) was written by a newer StreetFlow (schema \(unknown.sorted().joined(separator: ", "))); upgrade StreetFlow to open it"
            )
        }
        for migration in migrations where !applied.contains(migration.id) {
            try session.run("BEGIN")
            do {
                for statement in migration.sql { try session.run(statement) }
                try session.run(
                    "INSERT INTO streetflow_schema (id, applied_ms) VALUES (?, ?)",
                    [.text(migration.id), .integer(AuditChain.milliseconds(Date()))])
                try session.run("COMMIT")
            } catch {
                _ = try? session.run("ROLLBACK")
                throw error
            }
        }
    }
}
