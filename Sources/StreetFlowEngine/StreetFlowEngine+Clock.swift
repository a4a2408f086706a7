import Foundation
import WorkflowModel
import WorkflowStore

extension WorkflowError.Code {
    /// The clock is the system's: only a daemon started with a simulated clock (dev and tests) moves it.
    public static let clockNotSimulated = Self(rawValue: "ClockNotSimulated")
    /// A simulated clock only moves forward (the history is in time order).
    public static let clockBackwards = Self(rawValue: "ClockBackwards")
    /// The store was written under a simulated clock (or is real and the clock is simulated): refused at start.
    public static let storeClockMismatch = Self(rawValue: "StoreClockMismatch")
}

extension StreetFlowEngine {
    /// The engine's clock reading.
    public func now() -> Date { clock.now() }

    /// Whether the engine runs on a simulated clock (one that moves only when told).
    public var clockIsSimulated: Bool { clock is ManualClock }

    /// A store written under a simulated clock holds invented times: it is marked so at start, and a daemon on the
    /// real clock refuses it (and a simulated clock refuses a store with real history).
    func checkStoreClock() async throws {
        let simulated = clockIsSimulated
        let marked = try read { try $0.meta("clock") }
        let events = try read { try $0.chainHead() }.globalSequence
        switch (simulated, marked) {
        case (true, nil) where events > 0, (false, "simulated"):
            throw WorkflowError(
                .storeClockMismatch,
                simulated
                    ? LocalizedText(
                        zh: "此数据库记录的是真实时间，不能用模拟时钟运行；请用另一个状态目录",
                        en: "this store holds real history; a simulated clock needs another state directory")
                    : LocalizedText(
                        zh: "此数据库是在模拟时钟下写入的（演示或测试数据），不能作为正式数据启动；请用另一个状态目录，或以 --clock simulated:… 启动",
                        en:
                            "this store was written under a simulated clock (demo or test data) and is refused for real use; use another state directory, or start with --clock simulated:…"
                    ),
                ["clock": .string(simulated ? "simulated" : "real")])
        case (true, nil):
            _ = try await perform { tx in try tx.setMeta("clock", "simulated") }
        default:
            break
        }
    }

    /// Moves a simulated clock to `date` (forward only), stopping at each deadline on the way to fire it and to
    /// run the day's checks, as the timer loop would have in real time.
    public func moveClock(to date: Date) async throws -> Date {
        guard let manual = clock as? ManualClock else {
            throw WorkflowError(
                .clockNotSimulated,
                LocalizedText(
                    zh: "守护进程使用真实时钟，不能调整；模拟时钟只在 --clock simulated:… 启动时可用（开发与测试）",
                    en: "the daemon runs on the real clock; only a daemon started with --clock simulated:… moves it"),
                [:])
        }
        guard date >= manual.now() else {
            throw WorkflowError(
                .clockBackwards,
                LocalizedText(
                    zh: "模拟时钟只能向前调（现在是 \(manual.now().ISO8601Format())）",
                    en: "a simulated clock only moves forward (it is \(manual.now().ISO8601Format()))"),
                ["now": .string(manual.now().ISO8601Format())])
        }
        // Step through each deadline that falls due on the way, so its events carry the time it fell due.
        while let due = try nextTimerDue(), due <= date {
            manual.set(max(manual.now(), due))
            await dailyChecks()
            guard try await fireDueTimers() > 0 || (try nextTimerDue()).map({ $0 > due }) == true else { break }
        }
        manual.set(date)
        _ = try await fireDueTimers()
        await dailyChecks()
        return date
    }
}
