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

    /// A street that ran before streets existed moves into the district's store: its requests are recorded as its
    /// own (one audited event each) and stay in its view there; another street does not see them.
    @Test func aMovedStreetKeepsItsRequestsInView() async throws {
        try await F.withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path)
            let before = try await F.engine(in: dir, store: store)
            let old = try await F.submitPlaque(before, text: "早年的牌子").instance
            let moving = try await Self.engine(store, street: "zhongshan")
            let cluster = try PostgresTestCluster.shared
            let location = try cluster.makeDatabase()
            let target = try PostgresStore(location: location, pool: 2)
            let report = try await moving.migrateStore(to: target, described: "\(location)")
            try target.close()
            #expect(report.rows["events"] == 2)

            let district = try PostgresStore(location: location, pool: 3)
            defer { try? district.close() }
            let zhongshan = try await Self.engine(district, street: "zhongshan")
            let yueyang = try await Self.engine(district, street: "yueyang")
            let seen = try await zhongshan.get(id: old.id, caller: F.officeA)
            #expect(seen.instance.street == "zhongshan")
            #expect(seen.history.last?.event.action == "assign-street")
            #expect(try await yueyang.list(InstanceFilter(limit: 50), caller: F.officeA).instances.isEmpty)
            // The record agrees with its events: the street came with an event, not by editing a row.
            let audit = try await zhongshan.verifyAudit()
            #expect(audit.ok, "\(audit)")
        }
    }

    /// Each street numbers its own decisions (文号) on the shared store, and a moved street goes on where it was.
    @Test func eachStreetNumbersItsOwnDecisions() async throws {
        try await F.withTemporaryDirectory { dir in
            let old = try await Self.engine(
                try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path), street: "zhongshan")
            #expect(try await DocumentNumberTests.approvedPlaque(old, "搬家前").instance.documentNumber == "中山准〔2020〕1号")
            let cluster = try PostgresTestCluster.shared
            let location = try cluster.makeDatabase()
            let target = try PostgresStore(location: location, pool: 2)
            _ = try await old.migrateStore(to: target, described: "\(location)")
            try target.close()

            let stores = try (0..<2).map { _ in try PostgresStore(location: location, pool: 3) }
            defer { for store in stores { try? store.close() } }
            let zhongshan = try await Self.engine(stores[0], street: "zhongshan")
            let yueyang = try await Self.engine(stores[1], street: "yueyang")
            #expect(
                try await DocumentNumberTests.approvedPlaque(yueyang, "岳阳的第一块").instance.documentNumber == "中山准〔2020〕1号"
            )
            #expect(
                try await DocumentNumberTests.approvedPlaque(zhongshan, "搬家后").instance.documentNumber == "中山准〔2020〕2号")
            #expect(
                try await DocumentNumberTests.approvedPlaque(yueyang, "岳阳的第二块").instance.documentNumber == "中山准〔2020〕2号"
            )
        }
    }

    /// `watch` on one daemon shows what another commits, in chain order, within its street.
    @Test func aWatchOnOneDaemonSeesAnothersCommits() async throws {
        let cluster = try PostgresTestCluster.shared
        let location = try cluster.makeDatabase()
        let stores = try (0..<2).map { _ in try PostgresStore(location: location, pool: 3) }
        defer { for store in stores { try? store.close() } }
        let here = try await Self.engine(stores[0], street: "zhongshan")
        let there = try await Self.engine(stores[1], street: "zhongshan")
        let other = try await Self.engine(stores[1], street: "yueyang")
        let stream = await here.watch(caller: F.officeA)
        _ = try await F.submitPlaque(other, text: "别的街道")
        let submitted = try await F.submitPlaque(there, text: "另一台守护进程提交").instance
        _ = try await F.act(there, submitted.id, "forward", by: F.officeB)
        var seen: [String] = []
        for await event in stream {
            seen.append("\(event.instanceID) \(event.event.action)")
            if seen.count == 2 { break }
        }
        #expect(seen == ["\(submitted.id) submit", "\(submitted.id) forward"])
    }

    /// A second street merged into a district store that holds the first: its events join the one chain (re-linked,
    /// its own head kept), everything verifies, each street sees its own, numbering goes on; a second merge of the
    /// same street, or a move without merge, is refused.
    @Test func aSecondStreetMergesIntoTheDistrictStore() async throws {
        try await F.withTemporaryDirectory { dir in
            let cluster = try PostgresTestCluster.shared
            let location = try cluster.makeDatabase()
            func street(_ name: String, _ file: String) async throws -> StreetFlowEngine {
                try await Self.engine(try SQLiteStore(path: dir.appendingPathComponent(file).path), street: name)
            }
            let zhongshan = try await street("zhongshan", "a.sqlite")
            _ = try await F.submitPlaque(zhongshan, text: "中山一")
            let target = try PostgresStore(location: location, pool: 2)
            _ = try await zhongshan.migrateStore(to: target, described: "district")

            let yueyang = try await street("yueyang", "b.sqlite")
            let approved = try await DocumentNumberTests.approvedPlaque(yueyang, "岳阳一").instance
            let open = try await F.submitPlaque(yueyang, text: "岳阳二").instance
            let sourceHead = try await yueyang.chainHead()
            let refused = await F.errorCode { try await yueyang.migrateStore(to: target, described: "district") }
            #expect(refused == "TargetNotEmpty")
            let report = try await yueyang.migrateStore(to: target, described: "district", merge: true)
            #expect(report.rows["events"] == Int(sourceHead.globalSequence))
            #expect(report.rows["instances"] == 2)
            #expect(try target.read { try $0.meta("merged/yueyang") }?.contains(sourceHead.hash) == true)
            try target.close()

            let district = try PostgresStore(location: location, pool: 3)
            defer { try? district.close() }
            let here = try await Self.engine(district, street: "yueyang")
            let audit = try await here.verifyAudit()
            #expect(audit.ok, "\(audit)")
            #expect(audit.checked == 1 + Int(sourceHead.globalSequence))
            let mine = try await here.list(InstanceFilter(limit: 50), caller: F.officeA).instances.map(\.id)
            #expect(Set(mine) == [approved.id, open.id])
            let history = try await here.history(id: approved.id, caller: F.officeA)
            #expect(history.map(\.event.action).prefix(3) == ["submit", "forward", "approve"])
            #expect(
                try await DocumentNumberTests.approvedPlaque(here, "岳阳三").instance.documentNumber == "中山准〔2020〕2号")
            let again = try await street("yueyang", "c.sqlite")
            _ = try await F.submitPlaque(again, text: "重复并入")
            let twice = try PostgresStore(location: location, pool: 2)
            defer { try? twice.close() }
            #expect(
                await F.errorCode { try await again.migrateStore(to: twice, described: "district", merge: true) }
                    == "TargetNotEmpty")
        }
    }
}
