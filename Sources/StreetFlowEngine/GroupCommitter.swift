import Foundation
import Synchronization
import WorkflowStore

/// Runs store work on one commit thread. Jobs that arrive while a commit is in flight wait and then share
/// the next transaction, each in its own savepoint: a failing job is undone alone and its batch-mates
/// commit. Every job's continuation resumes only after its transaction committed (or failed).
final class GroupCommitter: Sendable {
    typealias Work = @Sendable (any StoreTransaction) throws -> any Sendable

    private struct Job: Sendable {
        let work: Work
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

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
    func perform<T: Sendable>(_ work: @escaping @Sendable (any StoreTransaction) throws -> T) async throws -> T {
        let result = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<any Sendable, any Error>) in
            let start = state.withLock { state -> Bool in
                state.pending.append(Job(work: { try work($0) }, continuation: continuation))
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
            beforeCommit?()
            let started = DispatchTime.now().uptimeNanoseconds
            var results: [Result<any Sendable, any Error>] = []
            do {
                try store.write { transaction in
                    // Alone in its transaction, a command needs no savepoint: if it fails, the rollback undoes it.
                    if batch.count == 1 {
                        results.append(.success(try batch[0].work(transaction)))
                        return
                    }
                    for job in batch {
                        do {
                            results.append(.success(try transaction.savepoint { try job.work(transaction) }))
                        } catch {
                            results.append(.failure(error))
                        }
                    }
                }
            } catch {
                results = batch.map { _ in .failure(error) }
            }
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
}
