import Foundation
import PostgresStore
import StoreTestSupport
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// Two engines (two daemons' worth) on one PostgreSQL, both firing the deadlines that fell due: each deadline fires
/// exactly once — also when a daemon's transaction dies half-way (its connection cut by the server).
struct SharedStoreTimerTests {
    typealias F = EngineFixture

    @Test func eachDueDeadlineFiresOnceAcrossTwoDaemons() async throws {
        let cluster = try PostgresTestCluster.shared
        let location = try cluster.makeDatabase()
        // Monday 2019-11-04: office review reminds after 5 working days (end of Mon 11-11).
        let clock = ManualClock(F.morning("2019-11-04"))
        let stores = try (0..<2).map { _ in try PostgresStore(location: location, pool: 3) }
        defer { for store in stores { try? store.close() } }
        let first = try await F.engine(in: URL(fileURLWithPath: "/"), store: stores[0], clock: clock)
        let second = try await F.engine(in: URL(fileURLWithPath: "/"), store: stores[1], clock: clock)
        let engines = [first, second]
        var ids: [String] = []
        for n in 0..<40 {
            ids.append(try await F.submitPlaque(engines[n % 2], text: "牌子 \(n)").instance.id)
        }
        clock.set(F.morning("2019-11-13"))
        // Each daemon's connection that writes is cut once by the server, as a crash or a failover cuts it: the
        // transaction in flight is lost whole and the timers it held stay for the other (or the next try).
        let cut = Task {
            try? await Task.sleep(for: .milliseconds(5))
            _ = try? cluster.psql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(location.database)' AND state = 'active' AND pid <> pg_backend_pid()"
            )
        }
        // A round whose connection was cut throws (what it fired before stays fired); counts are not summed
        // across it: the histories below are the measure.
        async let a: Void = { _ = try? await first.fireDueTimers() }()
        async let b: Void = { _ = try? await second.fireDueTimers() }()
        _ = await (a, b)
        await cut.value
        // What a failed round left is fired on the next round (the timer service's next wake-up).
        _ = try await first.fireDueTimers() + second.fireDueTimers()
        for id in ids {
            let reminders = try await engines[1].history(id: id, caller: F.officeA).filter {
                $0.event.kind == .reminded
            }
            #expect(reminders.count == 1, "\(id)")
        }
        #expect(try await engines[0].fireDueTimers() + engines[1].fireDueTimers() == 0)
        #expect(try stores[0].verifyChain().ok)
    }
}
