import Foundation
import Logging
import ServiceLifecycle
import StreetFlowEngine
import Systemd
import UnixSignals
import Varlink

#if canImport(Glibc)
    import Glibc
#endif

/// Serves Varlink until graceful shutdown: then STOPPING=1, stop accepting, end watch streams, drain.
struct ServerService: Service {
    let server: VarlinkServer
    let engine: StreetFlowEngine
    let notifier: Notifier
    let logger: Logger

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await server.run()
        } onGracefulShutdown: {
            _ = try? notifier.stopping()
            logger.notice("Stopping: finishing calls in flight", metadata: ["message.id": "\(MessageID.stopping)"])
            server.shutdown()
            Task { await engine.finishWatchers() }
        }
    }
}

/// Fires due deadlines (催办, escalations, deadline actions), including those that passed while the daemon was
/// down, and keeps STATUS= current.
struct TimerService: Service {
    let engine: StreetFlowEngine
    let notifier: Notifier
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let fired = try await engine.fireDueTimers()
                if fired > 0 { logger.info("Deadlines fired", metadata: ["events": "\(fired)"]) }
            } catch {
                logger.error("Firing deadlines failed", metadata: ["error": "\(error)"])
            }
            await engine.dailyChecks()
            _ = try? notifier.status(await engine.statusLine())
            let next = try? await engine.nextTimerDue()
            let wait = next.map { min(30, max(0.2, $0.timeIntervalSinceNow)) } ?? 30
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
        }
    }
}

/// On a store several daemons share: hands watchers what the others commit even when a notification is lost, and
/// fires the deadlines of requests another daemon created (it may have stopped), within a few seconds.
struct SharedStoreService: Service {
    let engine: StreetFlowEngine

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(2)) }
            await engine.catchUpWatchers()
            _ = try? await engine.fireDueTimers()
        }
    }
}

/// SIGHUP re-reads workflows, seeds and config (RELOADING=1, then READY=1).
struct ReloadService: Service {
    let reload: @Sendable () async throws -> [String]
    /// SIGHUP, trapped before READY=1: until a trap exists, SIGHUP's default action kills the daemon.
    let hangups: UnixSignalsSequence

    func run() async throws {
        for await _ in hangups.cancelOnGracefulShutdown() {
            _ = try? await reload()
        }
    }
}

/// Sends WATCHDOG=1 at half of WATCHDOG_USEC while the engine answers.
struct WatchdogService: Service {
    let watchdog: Watchdog
    let engine: StreetFlowEngine

    func run() async throws {
        _ = await cancelWhenGracefulShutdown { await watchdog.run { await engine.healthCheck() } }
    }
}

/// Gives a socket the daemon bound itself to the configured group.
enum SocketOwnership {
    static func setGroup(_ name: String, path: String, logger: Logger) {
        var grp = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 65_536)
        guard getgrnam_r(name, &grp, &buffer, buffer.count, &result) == 0, result != nil else {
            logger.warning(
                "Socket group does not exist; the socket keeps the daemon's group", metadata: ["group": "\(name)"])
            return
        }
        if chown(path, uid_t.max, grp.gr_gid) != 0 {
            logger.warning("Cannot set the socket's group", metadata: ["group": "\(name)", "errno": "\(errno)"])
        }
    }
}
