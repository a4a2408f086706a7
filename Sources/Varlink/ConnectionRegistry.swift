import NIOCore
import Synchronization

/// The server's open connections and whether each has a call in flight, for limits and graceful shutdown.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        var channel: any Channel
        var busy: Bool
        var uid: UInt32?
    }

    private struct State {
        var entries: [Int: Entry] = [:]
        var nextID = 0
        var draining = false
    }

    private let state = Mutex(State())

    /// Adds a connection; `nil` when the limit is reached or the server is shutting down.
    func add(_ channel: any Channel, limit: Int) -> Int? {
        state.withLock { state in
            guard !state.draining, state.entries.count < limit else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.entries[id] = Entry(channel: channel, busy: false)
            return id
        }
    }

    /// Records the connection's uid; `false` when that uid already holds `limit` connections (this one not counted).
    func claim(_ id: Int, uid: UInt32, limit: Int) -> Bool {
        state.withLock { state in
            let held = state.entries.values.filter { $0.uid == uid }.count
            guard held < limit else { return false }
            state.entries[id]?.uid = uid
            return true
        }
    }

    /// Forgets a closed connection.
    func remove(_ id: Int) {
        _ = state.withLock { $0.entries.removeValue(forKey: id) }
    }

    /// Marks a call in flight; `false` when the server is draining and the call must not start.
    func markBusy(_ id: Int) -> Bool {
        state.withLock { state in
            guard !state.draining else { return false }
            state.entries[id]?.busy = true
            return true
        }
    }

    /// Marks the connection idle; `false` when the server is draining and the connection should close.
    func markIdle(_ id: Int) -> Bool {
        state.withLock { state in
            state.entries[id]?.busy = false
            return !state.draining
        }
    }

    /// Starts draining: refuses new connections and calls, closes the idle connections.
    func drain() {
        let idle = state.withLock { state in
            state.draining = true
            return state.entries.values.filter { !$0.busy }.map(\.channel)
        }
        for channel in idle { channel.close(promise: nil) }
    }

    /// Closes every connection, busy or not.
    func closeAll() {
        let channels = state.withLock { state in
            state.draining = true
            return state.entries.values.map(\.channel)
        }
        for channel in channels { channel.close(promise: nil) }
    }

    /// The number of open connections.
    var count: Int {
        state.withLock { $0.entries.count }
    }

    /// The number of connections admitted since the server started.
    var admitted: Int {
        state.withLock { $0.nextID }
    }
}
