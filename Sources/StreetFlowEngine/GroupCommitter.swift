import Foundation
import Synchronization
import WorkflowStore

/// Runs store work on one commit thread. Jobs that arrive while a commit is in flight wait and then share
/// the next transaction: a failing job is undone alone and its batch-mates commit. Every job's continuation
/// resumes only after its transaction committed (or failed).
///
/// A batch of *repeatable* jobs (work that touches nothing but the transaction, so running it again after a
/// rollback is as if it had never run) is first run without savepoints; if one of its jobs fails, the whole
/// transaction is rolled back and the batch runs again with a savepoint per job, where the failing job is undone
/// alone. A savepoint per job costs two statements and a copy of every page the job changes first (SQLite's
/// statement journal); batches almost never fail, so they seldom pay for one.
final class GroupCommitter: Sendable {
    typealias Work = @Sendable (any StoreTransaction) throws -> any Sendable

    private struct Job: Sendable {
        let work: Work
        let repeatable: Bool
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    /// A job of a batch run without savepoints failed: roll back and run the batch again with them.
    private struct JobFailed: Error {}

    private struct State: ~Copyable {
        var pending: [Job] = []
        var running = false
        var commits = 0
        var commands = 0
        var totalCommitNanoseconds: UInt64 = 0
        var lastCommitNanoseconds: UInt64 = 0
    }

    /// Counters since start.
    struct Metrics: Sendable {
        var commits: Int
        var commands: Int
        var averageCommitMicroseconds: Double
        var lastCommitMicroseconds: Double
        /// Commands waiting for the next transaction.
        var queued: Int
    }

    private let store: any WorkflowStore
    private let maxBatch: Int
    private let beforeCommit: (@Sendable () -> Void)?
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "streetflow.commit")

    /// `maxBatch` 1 turns group commit off (one transaction per command).
    /// `beforeCommit` runs on the commit thread before each transaction (see ``EngineOptions/beforeCommit``).
    init(store: any WorkflowStore, maxBatch: Int, beforeCommit: (@Sendable () -> Void)? = nil) {
        self.store = store
        self.maxBatch = max(1, maxBatch)
        self.beforeCommit = beforeCommit
    }

    /// Runs `work` in the next transaction and returns its result after the commit.
    ///
    /// `repeatable`: `work` has no effect outside the transaction it is given (no other store, no state in memory,
    /// nothing sent), so it may run twice when a batch-mate fails (see the type's notes).
    func perform<T: Sendable>(
        repeatable: Bool = false, _ work: @escaping @Sendable (any StoreTransaction) throws -> T
    ) async throws -> T {
        let result = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<any Sendable, any Error>) in
            let start = state.withLock { state -> Bool in
                state.pending.append(Job(work: { try work($0) }, repeatable: repeatable, continuation: continuation))
                if state.running { return false }
                state.running = true
                return true
            }
            if start { queue.async { self.drain() } }
        }
        return result as! T
    }

    var metrics: Metrics {
        state.withLock {
            Metrics(
                commits: $0.commits, commands: $0.commands,
                averageCommitMicroseconds: $0.commits == 0
                    ? 0 : Double($0.totalCommitNanoseconds) / Double($0.commits) / 1000,
                lastCommitMicroseconds: Double($0.lastCommitNanoseconds) / 1000, queued: $0.pending.count)
        }
    }

    private func drain() {
        while true {
            let batch: [Job] = state.withLock { state in
                let n = min(maxBatch, state.pending.count)
                let batch = Array(state.pending.prefix(n))
                state.pending.removeFirst(n)
                if batch.isEmpty { state.running = false }
                return batch
            }
            if batch.isEmpty { return }
            let started = DispatchTime.now().uptimeNanoseconds
            let repeatable = batch.count > 1 && batch.allSatisfy(\.repeatable)
            // With savepoints a failing job fails alone: that commit always has results.
            let results =
                (repeatable ? commit(batch, savepoints: false) : nil) ?? commit(batch, savepoints: true)!
            let elapsed = DispatchTime.now().uptimeNanoseconds - started
            state.withLock {
                $0.commits += 1
                $0.commands += batch.count
                $0.totalCommitNanoseconds += elapsed
                $0.lastCommitNanoseconds = elapsed
            }
            for (job, result) in zip(batch, results) {
                job.continuation.resume(with: result)
            }
        }
    }

    /// One transaction for the batch. With `savepoints`, each job of a batch of several runs in its own, and a
    /// failing job is undone alone (a job alone needs none: if it fails, the rollback undoes it). Without, a failing
    /// job rolls the whole transaction back and the result is nil.
    private func commit(_ batch: [Job], savepoints: Bool) -> [Result<any Sendable, any Error>]? {
        beforeCommit?()
        let direct = !savepoints || batch.count == 1
        var results: [Result<any Sendable, any Error>] = []
        do {
            try store.write { transaction in
                results = []
                for job in batch {
                    do {
                        results.append(
                            .success(
                                try direct ? job.work(transaction) : transaction.savepoint { try job.work(transaction) }
                            ))
                    } catch {
                        if direct { throw savepoints ? error : JobFailed() }
                        results.append(.failure(error))
                    }
                }
            }
        } catch is JobFailed {
            return nil
        } catch {
            return batch.map { _ in .failure(error) }
        }
        return results
    }
}
