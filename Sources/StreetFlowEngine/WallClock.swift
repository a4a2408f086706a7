import Foundation
import Synchronization

/// The engine's source of wall-clock time; tests and simulations inject `ManualClock`.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system clock.
public struct SystemClock: WallClock {
    /// Creates the system clock.
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that moves only when told to (simulations run 2019–2020 in seconds).
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    /// Starts at `date`.
    public init(_ date: Date) { current = Mutex(date) }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock to `date`.
    public func set(_ date: Date) { current.withLock { $0 = date } }

    /// Moves the clock forward.
    public func advance(by interval: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(interval) } }
}
