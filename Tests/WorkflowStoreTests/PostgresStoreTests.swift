import Foundation
import PostgresStore
import StoreTestSupport
import Synchronization
import Testing
import WorkflowModel
import WorkflowStore

/// What only PostgreSQL has: a database shared by several daemons, roles, and a server that is not a file.
struct PostgresStoreTests {
    @Test func createsItsTablesAndRefusesADatabaseThatIsNotItsOwn() throws {
        let cluster = try PostgresTestCluster.shared
        let empty = try cluster.makeDatabase()
        try PostgresStore(location: empty).close()
        let tables = try cluster.psql(
            "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'",
            database: empty.database)
        #expect(
            tables
                == "attachments,definitions,document_numbers,events,idempotency,instances,notice_reads,notices,reference_lists,store_meta,streetflow_schema,timers,uploads"
        )

        let foreign = try cluster.makeDatabase()
        try cluster.psql("CREATE TABLE payroll (id int); INSERT INTO payroll VALUES (1)", database: foreign.database)
        let error = #expect(throws: StoreError.self) { try PostgresStore(location: foreign) }
        #expect(error?.code == .foreignDatabase)
        #expect(
            try cluster.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", database: foreign.database)
                == "1")
    }

    @Test func refusesADatabaseOfANewerStreetFlow() throws {
        let cluster = try PostgresTestCluster.shared
        let location = try cluster.makeDatabase()
        try PostgresStore(location: location).close()
        try cluster.psql("INSERT INTO streetflow_schema VALUES ('pg9-future', 0)", database: location.database)
        let error = #expect(throws: StoreError.self) { try PostgresStore(location: location) }
        #expect(error?.code == .newerSchema)
        #expect(error?.message.contains("pg9-future") == true)
    }

    @Test func aBadURLIsNamed() {
        #expect(throws: StoreError.self) { try PostgresLocation(url: "mysql://db/streetflow") }
        #expect(throws: StoreError.self) { try PostgresLocation(url: "postgresql://db.example/streetflow") }
        #expect(throws: StoreError.self) { try PostgresLocation(url: "postgresql://streetflow@db.example/") }
        let location = try? PostgresLocation(url: "postgresql://streetflow:secret@db.example:6432/district")
        #expect(location?.host == "db.example")
        #expect(location?.port == 6432)
        #expect(location?.password == "secret")
        // The password never appears where the location is printed.
        #expect(location?.description == "postgresql://streetflow@db.example:6432/district")
        let socket = try? PostgresLocation(url: "postgresql://streetflow@/district?host=/run/postgresql", password: "p")
        #expect(socket?.socketDirectory == "/run/postgresql")
        #expect(socket?.password == "p")
    }

    /// Two daemons' stores on one database: the second writes a projection computed from a version the first has
    /// already moved past; it is refused and nothing of it stays — the chain is one and verifies.
    @Test func aProjectionWrittenOverANewerOneIsAVersionConflict() throws {
        let cluster = try PostgresTestCluster.shared
        let location = try cluster.makeDatabase()
        let first = try PostgresStore(location: location)
        let second = try PostgresStore(location: location)
        defer {
            try? first.close()
            try? second.close()
        }
        try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-1"), in: first)
        let stale = try #require(try second.read { try $0.instance("PA-1") })
        let office = StoreFixture.actor(uid: 3001, roles: [.office])
        try StoreFixture.act("forward", on: "PA-1", in: first, actor: office)

        let events = try StoreFixture.plaque.transition(
            instance: stale, command: .act(action: "return", comment: "补充材料", fields: [:]), actor: office,
            context: TransitionContext(now: StoreFixture.time(90))
        ).get()
        var updated = stale
        for event in events { updated.apply(event, definition: StoreFixture.plaque) }
        let error = #expect(throws: StoreError.self) {
            try second.write { tx in try tx.append(events, to: updated, summary: "x") }
        }
        #expect(error?.code == .versionConflict)
        #expect(try first.read { try $0.instance("PA-1") }?.state == "street-review")
        let report = try second.verifyChain()
        #expect(report.ok)
        #expect(report.checked == 2)
    }

    /// Each daemon's commits reach the others: a commit on one store calls the observers of another.
    @Test func anotherDaemonsCommitIsObserved() async throws {
        let cluster = try PostgresTestCluster.shared
        let location = try cluster.makeDatabase()
        let writer = try PostgresStore(location: location)
        let watcher = try PostgresStore(location: location)
        defer {
            try? writer.close()
            try? watcher.close()
        }
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        watcher.observeCommits { continuation.yield() }
        var notifications = stream.makeAsyncIterator()
        // The listener tells once when it starts listening (catch up on what came before).
        _ = await notifications.next()
        try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-1"), in: writer)
        _ = await notifications.next()
        #expect(try watcher.read { try $0.events(after: 0, limit: 10) }.map(\.instanceID) == ["PA-1"])
    }

    /// Timers fired by two daemons at once: each goes to exactly one of them.
    @Test func aDueTimerIsRemovedByExactlyOneDaemon() throws {
        let cluster = try PostgresTestCluster.shared
        let location = try cluster.makeDatabase()
        let stores = try (0..<2).map { _ in try PostgresStore(location: location) }
        defer { for store in stores { try? store.close() } }
        for n in 1...20 { try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-\(n)"), in: stores[0]) }
        try stores[0].write { tx in
            for n in 1...20 {
                try tx.replaceTimers(
                    of: "PA-\(n)",
                    with: [
                        TimerRecord(
                            instanceID: "PA-\(n)", deadlineIndex: 0, enteredStateVersion: 1, due: StoreFixture.time())
                    ])
            }
        }
        let due = try stores[1].read { try $0.dueTimers(at: StoreFixture.time(1), limit: 100) }
        #expect(due.count == 20)
        let removed = Mutex<[Int]>([0, 0])
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            for timer in due {
                if (try? stores[i].write({ try $0.deleteTimer(timer) })) == true { removed.withLock { $0[i] += 1 } }
            }
        }
        #expect(removed.withLock { $0[0] + $0[1] } == 20)
        #expect(try stores[0].read { try $0.timers() }.isEmpty)
    }
}

/// The district set-up of README: an owner role creates the tables, the daemons connect as a role that owns
/// nothing and holds the grants of Deploy/district/grants.sql — enough to work, not to change the audit trail.
struct PostgresGrantsTests {
    @Test func theDaemonsRoleWorksButCannotChangeEvents() throws {
        let cluster = try PostgresTestCluster.shared
        let owner = "sf_owner_\(UUID().uuidString.prefix(8).lowercased())"
        try cluster.psql("CREATE ROLE \(owner) LOGIN")
        let database = try cluster.makeDatabase().database
        try cluster.psql("ALTER DATABASE \(database) OWNER TO \(owner)")
        try cluster.psql("ALTER SCHEMA public OWNER TO \(owner)", database: database)
        // The owner's first start creates the tables.
        try PostgresStore(location: try cluster.location(database: database, user: owner)).close()
        let grants = try String(
            contentsOf: StoreFixture.root.appendingPathComponent("Deploy/district/grants.sql"), encoding: .utf8)
        try cluster.psql(grants, database: database, user: owner)

        let store = try PostgresStore(location: try cluster.location(database: database))
        defer { try? store.close() }
        try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-1"), in: store)
        try StoreFixture.act("forward", on: "PA-1", in: store, actor: StoreFixture.actor(uid: 3001, roles: [.office]))
        _ = try store.write {
            try $0.addNotices(
                [
                    Notice(
                        recipient: "office", kind: .waiting, instanceID: "PA-1",
                        text: LocalizedText(zh: "待办", en: "waiting"))
                ],
                at: StoreFixture.time())
        }
        #expect(try store.verifyChain().ok)
        for sql in ["UPDATE events SET comment = 'x'", "DELETE FROM events", "TRUNCATE events", "DROP TABLE events"] {
            let error = #expect(throws: (any Error).self) {
                try cluster.psql(sql, database: database, user: PostgresTestCluster.role)
            }
            #expect(
                "\(error.map { "\($0)" } ?? "")".contains("permission denied")
                    || "\(error.map { "\($0)" } ?? "")".contains("must be owner"), "\(sql)")
        }
        #expect(try store.read { try $0.events(of: "PA-1") }.count == 2)
    }
}
