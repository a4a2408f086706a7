import Foundation
import PostgresStore
import StoreTestSupport
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// Two street offices on one district store: each street's people see their street's requests only, the district
/// sees all; the street is recorded in each submission (chained), so it cannot be moved by editing a row.
struct StreetScopeTests {
    typealias F = EngineFixture

    static func engine(_ store: any WorkflowStore, street: String) async throws -> StreetFlowEngine {
        var catalog = F.catalog
        catalog.street = street
        return try await F.engine(in: URL(fileURLWithPath: "/"), store: store, catalog: catalog)
    }

    @Test func eachStreetSeesItsOwnAndTheDistrictSeesAll() async throws {
        let cluster = try PostgresTestCluster.shared
        let location = try cluster.makeDatabase()
        let stores = try (0..<2).map { _ in try PostgresStore(location: location, pool: 3) }
        defer { for store in stores { try? store.close() } }
        let zhongshan = try await Self.engine(stores[0], street: "zhongshan")
        let yueyang = try await Self.engine(stores[1], street: "yueyang")
        let ours = try await F.submitPlaque(zhongshan, text: "中山街道的牌子").instance
        let theirs = try await F.submitPlaque(yueyang, text: "岳阳街道的牌子").instance
        #expect(ours.street == "zhongshan")
        #expect(theirs.street == "yueyang")
        // The street is in the submission the chain holds.
        let submission = try await zhongshan.history(id: ours.id, caller: F.officeA).first
        #expect(submission?.event.fields[WorkflowEvent.streetField] == .string("zhongshan"))

        // The office of each street: its own requests, in lists, queues and by id.
        let listed = try await zhongshan.list(InstanceFilter(limit: 50), caller: F.officeA).instances.map(\.id)
        #expect(listed == [ours.id])
        #expect(try await zhongshan.queue(caller: F.officeA).map(\.instance.id) == [ours.id])
        #expect(await F.errorCode { try await zhongshan.get(id: theirs.id, caller: F.officeA) } == "NoSuchInstance")
        #expect(
            await F.errorCode {
                try await zhongshan.act(
                    id: theirs.id, action: "forward", comment: nil, fields: [:], expectedVersion: nil,
                    idempotencyKey: nil, caller: F.officeA)
            }
                == "NoSuchInstance")
        // A department officer too (their department's requests, of their street).
        #expect(try await yueyang.list(InstanceFilter(limit: 50), caller: F.health).instances.map(\.id) == [theirs.id])

        // The district sees both streets from either daemon.
        let district = F.caller(6001, "district-chen", [.district])
        let all = Set(try await zhongshan.list(InstanceFilter(limit: 50), caller: district).instances.map(\.id))
        #expect(all == [ours.id, theirs.id])
        #expect(try await zhongshan.get(id: theirs.id, caller: district).instance.id == theirs.id)
    }

    /// On an embedded store (one street per file), the street is recorded but hides nothing: requests from before
    /// the setting stay in view.
    @Test func anEmbeddedStoreRecordsTheStreetButHidesNothing() async throws {
        try await F.withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path)
            let before = try await F.engine(in: dir, store: store)
            let old = try await F.submitPlaque(before, text: "设置街道之前").instance
            #expect(old.street == nil)
            let after = try await Self.engine(store, street: "zhongshan")
            let new = try await F.submitPlaque(after, text: "设置街道之后").instance
            #expect(new.street == "zhongshan")
            #expect(
                Set(try await after.list(InstanceFilter(limit: 50), caller: F.officeA).instances.map(\.id)) == [
                    old.id, new.id,
                ])
        }
    }
}
