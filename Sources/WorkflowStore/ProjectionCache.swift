import Synchronization
import WorkflowModel

/// The committed projections the commit thread wrote or read last, so a request acted on again soon (the next step
/// of a review, a comment, a timer) is not read and decoded again. Bounded: two generations of at most
/// `capacity / 2` each; a hit in the old one is moved to the young one, and when the young one is full the old one
/// is dropped. Only committed projections enter it (see ``PendingWrites``), and only the write path reads it:
/// a read snapshot must see the projection of its own snapshot, not a newer one.
final class ProjectionCache: Sendable {
    private struct Generations {
        var young: [String: WorkflowInstance] = [:]
        var old: [String: WorkflowInstance] = [:]
    }

    private let half: Int
    private let generations = Mutex(Generations())

    init(capacity: Int) {
        half = max(1, capacity / 2)
    }

    func instance(_ id: String) -> WorkflowInstance? {
        generations.withLock { g in
            if let hit = g.young[id] { return hit }
            guard let hit = g.old.removeValue(forKey: id) else { return nil }
            insert(hit, into: &g)
            return hit
        }
    }

    func insert(_ instances: some Sequence<WorkflowInstance>) {
        generations.withLock { g in
            for instance in instances { insert(instance, into: &g) }
        }
    }

    private func insert(_ instance: WorkflowInstance, into g: inout Generations) {
        if g.young.count >= half, g.young[instance.id] == nil {
            g.old = g.young
            g.young = [:]
            g.young.reserveCapacity(half)
        }
        g.young[instance.id] = instance
        g.old[instance.id] = nil
    }

    var count: Int { generations.withLock { $0.young.count + $0.old.count } }
}

/// What one write transaction has written so far, kept so its later commands need not read it back: the
/// projections (they enter the ``ProjectionCache`` only after the commit) and the chain head. A savepoint rolled
/// back restores both as they were before it.
final class PendingWrites {
    var written: [String: WorkflowInstance] = [:]
    /// The head after this transaction's last append; nil until it appends.
    var head: ChainHead?
}
