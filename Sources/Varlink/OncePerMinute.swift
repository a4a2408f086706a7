import Synchronization

/// Says whether a once-a-minute log note about a uid is due (and marks it noted): a peer may connect in a loop, and
/// the journal should hear of it once a minute, not once a connection.
public final class OncePerMinute: Sendable {
    private let noted = Mutex<[UInt32: ContinuousClock.Instant]>([:])

    public init() {}

    public func due(_ uid: UInt32) -> Bool {
        let now = ContinuousClock.now
        return noted.withLock { noted in
            if let last = noted[uid], now - last < .seconds(60) { return false }
            noted[uid] = now
            return true
        }
    }
}
