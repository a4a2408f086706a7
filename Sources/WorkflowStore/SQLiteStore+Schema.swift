import GRDB

extension SQLiteStore {
    /// The numbered schema migrations. Never edit a shipped one; add the next.
    static let migrationIdentifiers = [
        "v1-events-instances", "v2-lists-attachments-stats", "v3-idempotency-scope", "v4-document-numbers",
        "v5-uploads", "v6-copies", "v7-notices", "v8-one-event-index", "v9-street",
        "v10-clustered-timers",
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(migrationIdentifiers[0]) { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        instance_id TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        workflow TEXT NOT NULL,
                        definition_version INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        action TEXT NOT NULL,
                        from_state TEXT,
                        to_state TEXT NOT NULL,
                        actor_uid INTEGER NOT NULL,
                        actor_user TEXT NOT NULL,
                        actor_pid INTEGER NOT NULL,
                        actor_roles TEXT NOT NULL,
                        comment TEXT,
                        fields TEXT NOT NULL,
                        list_match TEXT,
                        target TEXT,
                        deadline INTEGER,
                        at_ms INTEGER NOT NULL,
                        prev_hash TEXT NOT NULL,
                        hash TEXT NOT NULL,
                        UNIQUE (instance_id, seq)
                    );
                    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

                    CREATE TABLE instances (
                        id TEXT PRIMARY KEY,
                        workflow TEXT NOT NULL,
                        definition_version INTEGER NOT NULL,
                        version INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        final INTEGER NOT NULL,
                        committee TEXT,
                        department TEXT,
                        submitter_uid INTEGER NOT NULL,
                        summary TEXT NOT NULL,
                        created_ms INTEGER NOT NULL,
                        updated_ms INTEGER NOT NULL,
                        next_deadline_ms INTEGER,
                        data TEXT NOT NULL
                    );
                    CREATE INDEX instances_open ON instances (final, workflow, state);
                    CREATE INDEX instances_created ON instances (created_ms DESC, id DESC);
                    CREATE INDEX instances_committee ON instances (committee);
                    CREATE INDEX instances_department ON instances (department);

                    CREATE TABLE definitions (
                        key TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        source TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        PRIMARY KEY (key, version)
                    );

                    CREATE TABLE timers (
                        instance_id TEXT NOT NULL REFERENCES instances(id),
                        deadline_index INTEGER NOT NULL,
                        entered_version INTEGER NOT NULL,
                        due_ms INTEGER NOT NULL,
                        PRIMARY KEY (instance_id, deadline_index, entered_version)
                    );
                    CREATE INDEX timers_due ON timers (due_ms);

                    CREATE TABLE idempotency (
                        uid INTEGER NOT NULL,
                        key TEXT NOT NULL,
                        reply BLOB NOT NULL,
                        created_ms INTEGER NOT NULL,
                        PRIMARY KEY (uid, key)
                    );
                    """)
        }
        migrator.registerMigration(migrationIdentifiers[1]) { db in
            try db.execute(
                sql: """
                    CREATE TABLE reference_lists (
                        key TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        data TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        PRIMARY KEY (key, version)
                    );
                    CREATE TABLE attachments (
                        sha256 TEXT PRIMARY KEY,
                        media_type TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        data BLOB NOT NULL,
                        created_ms INTEGER NOT NULL
                    );
                    CREATE INDEX events_instance ON events (instance_id, seq);
                    """)
        }
        migrator.registerMigration(migrationIdentifiers[2]) { db in
            // An idempotency key answers only the same request: what it was for and a hash of it.
            try db.execute(
                sql: """
                    ALTER TABLE idempotency ADD COLUMN method TEXT NOT NULL DEFAULT '';
                    ALTER TABLE idempotency ADD COLUMN target TEXT NOT NULL DEFAULT '';
                    ALTER TABLE idempotency ADD COLUMN request_sha256 TEXT NOT NULL DEFAULT '';
                    ALTER TABLE idempotency ADD COLUMN instance_id TEXT NOT NULL DEFAULT '';
                    """)
        }
        migrator.registerMigration(migrationIdentifiers[3]) { db in
            // 文号: one gap-free sequence per series and year, advanced in the transaction of the decision; the
            // number a request was filed under, searchable.
            try db.execute(
                sql: """
                    CREATE TABLE document_numbers (
                        kind TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        last INTEGER NOT NULL,
                        PRIMARY KEY (kind, year)
                    );
                    ALTER TABLE instances ADD COLUMN document_number TEXT;
                    """)
        }
        migrator.registerMigration(migrationIdentifiers[4]) { db in
            // Attachments arrive in chunks (no message over the size limit); the bytes gather here per uploader
            // until the last chunk, then move to `attachments` under their hash.
            try db.execute(
                sql: """
                    CREATE TABLE uploads (
                        uid INTEGER NOT NULL,
                        sha256 TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        data BLOB NOT NULL,
                        created_ms INTEGER NOT NULL,
                        PRIMARY KEY (uid, sha256)
                    );
                    """)
        }
        migrator.registerMigration(migrationIdentifiers[5]) { db in
            // 抄送: whom a request was copied to, as |user:li|department:civil|, for the visibility rule's SQL.
            try db.execute(sql: "ALTER TABLE instances ADD COLUMN cc TEXT")
        }
        migrator.registerMigration(migrationIdentifiers[6]) { db in
            // Notices (the inbox, and the outbox every channel delivers from), written in the transaction of the
            // events they tell of; read marks per uid; and facts about the store itself (a simulated clock).
            try db.execute(
                sql: """
                    CREATE TABLE notices (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        recipient TEXT NOT NULL,
                        instance_id TEXT,
                        kind TEXT NOT NULL,
                        zh TEXT NOT NULL,
                        en TEXT NOT NULL,
                        created_ms INTEGER NOT NULL
                    );
                    CREATE INDEX notices_recipient ON notices (recipient, id);
                    CREATE TABLE notice_reads (
                        uid INTEGER NOT NULL,
                        notice_id INTEGER NOT NULL,
                        PRIMARY KEY (uid, notice_id)
                    );
                    CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    """)
        }
        migrator.registerMigration(migrationIdentifiers[7]) { db in
            // UNIQUE (instance_id, seq) already indexes events by request; a second, identical index only doubled
            // the B-tree work of every append.
            try db.execute(sql: "DROP INDEX IF EXISTS events_instance")
        }
        migrator.registerMigration(migrationIdentifiers[8]) { db in
            // The street office a request belongs to (its submission says so), for one store shared by a district.
            try db.execute(
                sql: "ALTER TABLE instances ADD COLUMN street TEXT; CREATE INDEX instances_street ON instances (street)"
            )
        }
        migrator.registerMigration(migrationIdentifiers[9]) { db in
            // Timers keyed by their primary key itself (WITHOUT ROWID): every command replaces its request's timers,
            // and a rowid table kept them in two B-trees (the rows and the key's index), one page more per commit.
            try db.execute(
                sql: """
                    CREATE TABLE timers_clustered (
                        instance_id TEXT NOT NULL REFERENCES instances(id),
                        deadline_index INTEGER NOT NULL,
                        entered_version INTEGER NOT NULL,
                        due_ms INTEGER NOT NULL,
                        PRIMARY KEY (instance_id, deadline_index, entered_version)
                    ) WITHOUT ROWID;
                    INSERT INTO timers_clustered (instance_id, deadline_index, entered_version, due_ms)
                        SELECT instance_id, deadline_index, entered_version, due_ms FROM timers;
                    DROP TABLE timers;
                    ALTER TABLE timers_clustered RENAME TO timers;
                    CREATE INDEX timers_due ON timers (due_ms);
                    """)
        }
        return migrator
    }
}
