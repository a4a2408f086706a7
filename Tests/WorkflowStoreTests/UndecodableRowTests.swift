import Foundation
import GRDB
import Synchronization
import Testing
import WorkflowModel

@testable import WorkflowStore

/// A projection row that cannot be decoded is skipped by lists and reported by id — also after the store has served
/// hundreds of thousands of transactions (the handler once grew by a reabstraction thunk per transaction and, after
/// about 100,000, overflowed the stack when called or freed).
struct UndecodableRowTests {
    final class Reports: Sendable {
        let ids = Mutex<[String]>([])
    }

    @Test func aDamagedRowIsSkippedAndReportedAfterManyTransactions() throws {
        try StoreFixture.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            let store = try SQLiteStore(path: path)
            let reports = Reports()
            store.reportUndecodableProjections { id, _ in reports.ids.withLock { $0.append(id) } }
            let good = StoreFixture.plaqueRequest(id: "PA-1")
            let bad = StoreFixture.plaqueRequest(id: "PA-2")
            try StoreFixture.store(good, in: store)
            try StoreFixture.store(bad, in: store)
            for _ in 0..<300_000 { _ = try store.read { _ in 0 } }
            let queue = try DatabaseQueue(path: path)
            try queue.write { try $0.execute(sql: "UPDATE instances SET data = '{' WHERE id = 'PA-2'") }
            try queue.close()
            let listed = try store.read { try $0.instances(InstanceFilter(limit: 10)) }
            #expect(listed.map(\.id) == ["PA-1"])
            #expect(reports.ids.withLock { $0 } == ["PA-2"])
        }
    }
}
