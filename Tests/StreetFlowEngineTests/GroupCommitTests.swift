import Foundation
import StreetFlowEngine
import Synchronization
import Testing
import WorkflowModel
import WorkflowStore

/// A store that delegates to another, counts write transactions and can hold the next one until released.
final class CountingStore: WorkflowStore {
    private struct State {
        var writes = 0
        var holdNext = false
        var holding = false
        var failing = false
    }

    private let base: any WorkflowStore
    private let state = Mutex(State())
    private let gate = DispatchSemaphore(value: 0)

    init(base: any WorkflowStore) { self.base = base }

    var writes: Int { state.withLock { $0.writes } }
    var isHolding: Bool { state.withLock { $0.holding } }

    /// The next write blocks (on the commit thread) until `release()`.
    func holdNextWrite() { state.withLock { $0.holdNext = true } }

    func release() { gate.signal() }

    /// While set, every write fails before it starts (a full disk, say).
    func failWrites(_ failing: Bool) { state.withLock { $0.failing = failing } }

    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        let hold = state.withLock { state -> Bool in
            state.writes += 1
            if state.failing { return false }
            let hold = state.holdNext
            state.holdNext = false
            state.holding = hold
            return hold
        }
        if hold {
            gate.wait()
            state.withLock { $0.holding = false }
        }
        if state.withLock({ $0.failing }) { throw StoreError(.io, "disk I/O error (test double)") }
        return try base.write(body)
    }

    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T { try base.read(body) }
    func backup(to path: String) throws { try base.backup(to: path) }
    func sizeOnDisk() -> Int64 { base.sizeOnDisk() }
    func close() throws { try base.close() }
    var description: String { base.description }
}

struct GroupCommitTests {
    enum Outcome: Sendable {
        case committed(String, Int)
        case refused(String)
    }

    @Test func commandsArrivingDuringACommitShareOneAndAFailureStaysAlone() async throws {
        try await EngineFixture.withTemporaryDirectory { dir in
            let store = CountingStore(base: try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path))
            let engine = try await EngineFixture.engine(in: dir, store: store)
            let target = try await EngineFixture.submitPlaque(engine).instance.id
            let before = try await engine.stats()
            let writesBefore = store.writes

            // Hold the commit of one command; everything that arrives meanwhile queues behind it.
            store.holdNextWrite()
            let held = Task { try await EngineFixture.submitPlaque(engine, text: "先到的牌子") }
            while !store.isHolding { try await Task.sleep(for: .milliseconds(5)) }

            let commands = 50
            let outcomes = Task {
                await withTaskGroup(of: (Int, Outcome).self) { group in
                    for n in 0..<commands {
                        group.addTask {
                            do {
                                let result: CommandResult
                                switch n {
                                case 13:
                                    // Not a valid subject: the placement is not one of the enum's values.
                                    var subject = EngineFixture.plaqueSubject(text: "坏的申请")
                                    subject["placement"] = .string("roof")
                                    result = try await engine.submit(
                                        workflow: "plaque-admission", subject: subject, comment: nil,
                                        idempotencyKey: nil,
                                        caller: EngineFixture.health)
                                case 29:
                                    // Not allowed in office review.
                                    result = try await EngineFixture.act(
                                        engine, target, "approve", by: EngineFixture.street)
                                default:
                                    result = try await EngineFixture.submitPlaque(engine, text: "牌子\(n)")
                                }
                                return (n, .committed(result.instance.id, result.instance.version))
                            } catch let error as WorkflowError {
                                return (n, .refused(error.code.rawValue))
                            } catch {
                                return (n, .refused("\(error)"))
                            }
                        }
                    }
                    return await group.reduce(into: [Int: Outcome]()) { $0[$1.0] = $1.1 }
                }
            }
            // Let every command reach the commit queue (however slowly a loaded machine schedules them), then let the
            // held commit go.
            let deadline = ContinuousClock.now + .seconds(120)
            while try await engine.stats().queuedCommands < commands, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            store.release()
            _ = try await held.value
            let results = await outcomes.value

            let after = try await engine.stats()
            let commits = after.commits - before.commits
            let executed = after.commands - before.commands
            #expect(executed == commands + 1)
            #expect(commits < executed)
            // A batch with a failing command ran twice, first without savepoints (rolled back), then with them; the
            // two refused commands were in one batch or two.
            #expect((commits + 1...commits + 2).contains(store.writes - writesBefore), "\(store.writes - writesBefore)")
            #expect(commits <= 3, "the 50 commands queued during one commit share one or two transactions")

            guard case .refused(let badSubject) = results[13], case .refused(let notAllowed) = results[29] else {
                Issue.record(
                    "the two bad commands were accepted: \(String(describing: results[13])), \(String(describing: results[29]))"
                )
                return
            }
            #expect(badSubject == "InvalidSubject")
            #expect(notAllowed == "ActionNotAllowed")
            var committed: [String] = []
            for n in 0..<commands where n != 13 && n != 29 {
                guard case .committed(let id, let version) = results[n] else {
                    Issue.record("command \(n) failed: \(String(describing: results[n]))")
                    continue
                }
                #expect(version == 1)
                committed.append(id)
            }
            #expect(Set(committed).count == commands - 2)
            for id in committed {
                #expect(try await engine.get(id: id, caller: EngineFixture.officeA).instance.state == "office-review")
            }
            #expect(try await engine.get(id: target, caller: EngineFixture.officeA).instance.version == 1)
            let all = try await engine.list(InstanceFilter(limit: 500), caller: EngineFixture.officeA)
            #expect(all.instances.count == commands - 2 + 2)
            #expect(try await engine.verifyAudit().ok)
        }
    }

    /// Three commands on one request in one transaction: the second fails after the first changed the request, and
    /// is answered with its named error; the third acts on what the first left (the batch's own projection, not the
    /// one committed before the batch, nor the failed command's).
    @Test func aFailingCommandInABatchOnOneRequestIsUndoneAloneAndItsMatesSeeEachOther() async throws {
        try await EngineFixture.withTemporaryDirectory { dir in
            let store = CountingStore(base: try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path))
            let engine = try await EngineFixture.engine(in: dir, store: store)
            let target = try await EngineFixture.submitPlaque(engine).instance.id
            let before = try await engine.stats()
            let writesBefore = store.writes

            store.holdNextWrite()
            let held = Task { try await EngineFixture.submitPlaque(engine, text: "先到的牌子") }
            while !store.isHolding { try await Task.sleep(for: .milliseconds(5)) }
            // Queued one after another, so the batch runs them in this order.
            func queued(_ n: Int) async throws {
                let deadline = ContinuousClock.now + .seconds(60)
                while try await engine.stats().queuedCommands < n, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(2))
                }
            }
            let forward = Task { try await EngineFixture.act(engine, target, "forward", by: EngineFixture.officeA) }
            try await queued(1)
            let again = Task { try await EngineFixture.act(engine, target, "forward", by: EngineFixture.officeA) }
            try await queued(2)
            let approve = Task { try await EngineFixture.act(engine, target, "approve", by: EngineFixture.street) }
            try await queued(3)
            store.release()
            _ = try await held.value

            let forwarded = try await forward.value
            #expect(forwarded.instance.state == "street-review")
            #expect(await EngineFixture.errorCode { try await again.value } == "ActionNotAllowed")
            let approved = try await approve.value
            #expect(approved.instance.state == "approved")
            #expect(approved.instance.version == forwarded.instance.version + 1)

            let after = try await engine.stats()
            #expect(after.commits - before.commits == 2, "the held submission, then the three in one transaction")
            #expect(after.commands - before.commands == 4)
            // The three ran first without savepoints; the failure rolled that transaction back, and they ran again
            // with a savepoint each.
            #expect(store.writes == writesBefore + 3)
            let detail = try await engine.get(id: target, caller: EngineFixture.officeA)
            #expect(detail.instance.state == "approved")
            #expect(detail.history.map(\.event.action) == ["submit", "forward", "approve"])
            #expect(try await engine.verifyAudit().ok)
        }
    }

    /// Commands queued during a commit, none of which fails, commit together in one transaction, run once.
    @Test func aBatchWithoutFailuresRunsOnce() async throws {
        try await EngineFixture.withTemporaryDirectory { dir in
            let store = CountingStore(base: try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path))
            let engine = try await EngineFixture.engine(in: dir, store: store)
            let before = try await engine.stats()
            let writesBefore = store.writes

            store.holdNextWrite()
            let held = Task { try await EngineFixture.submitPlaque(engine, text: "先到的牌子") }
            while !store.isHolding { try await Task.sleep(for: .milliseconds(5)) }
            let queued = (0..<10).map { n in Task { try await EngineFixture.submitPlaque(engine, text: "牌子\(n)") } }
            let deadline = ContinuousClock.now + .seconds(60)
            while try await engine.stats().queuedCommands < 10, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(2))
            }
            store.release()
            _ = try await held.value
            for task in queued { #expect(try await task.value.instance.state == "office-review") }

            let after = try await engine.stats()
            #expect(after.commits - before.commits == 2, "the held submission, then the ten in one transaction")
            #expect(store.writes - writesBefore == 2, "no second run: nothing failed")
        }
    }

    @Test func withoutGroupCommitEachCommandHasItsOwnTransaction() async throws {
        try await EngineFixture.withTemporaryDirectory { dir in
            let engine = try await EngineFixture.engine(in: dir, options: EngineOptions(maxBatch: 1))
            let before = try await engine.stats()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<20 {
                    group.addTask { _ = try await EngineFixture.submitPlaque(engine, text: "牌子\(n)") }
                }
                try await group.waitForAll()
            }
            let after = try await engine.stats()
            #expect(after.commits - before.commits == 20)
            #expect(after.commands - before.commands == 20)
        }
    }
}
