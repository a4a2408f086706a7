import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

#if canImport(Glibc)
    import Glibc
#endif

/// Kills a process that is committing commands at random points and checks what it acknowledged survived.
///
/// The load is the `streetflow-crashload` executable (Tests/CrashLoad). A test target cannot depend on an
/// executable, so it is built by `swift build` (or `swift build --build-tests`), which CI's `.ci/run`
/// runs before `swift test`; the test looks for it next to the test bundle, then in `.build/debug`.
struct CrashTests {
    typealias F = EngineFixture

    static func loadBinary() -> URL? {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(F.root.appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("streetflow-crashload") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Ack: Hashable {
        var id: String
        var version: Int
    }

    /// Runs one round: starts the load, lets it commit for `duration`, kills it with SIGKILL; returns its ACKs.
    /// With `afterReady`, the time counts from the load's READY line (after the store opened and the engine
    /// started); without, from the launch, so some kills land in opening, migrating or starting.
    static func round(
        binary: URL, database: String, seed: Int, duration: Duration, afterReady: Bool
    ) async throws
        -> [Ack]
    {
        let process = Process()
        process.executableURL = binary
        process.arguments = [database, "\(seed)", F.root.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var early = Data()
        if afterReady {
            let stderr = errors.fileHandleForReading
            early = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: stderr.availableData) }
            }
        }
        try await Task.sleep(for: duration)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(
            process.terminationReason == .uncaughtSignal,
            "\(String(decoding: early + errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // Only whole lines count: the last one may have been cut by the kill.
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "ACK", let version = Int(parts[2]) else { return nil }
            return Ack(id: String(parts[1]), version: version)
        }
    }

    /// Rounds of the campaign: 24 in the test suite; `Deploy/dev/crash.sh` runs a long one (STREETFLOW_CRASH_ROUNDS).
    static let rounds = ProcessInfo.processInfo.environment["STREETFLOW_CRASH_ROUNDS"].flatMap(Int.init) ?? 24

    @Test(.timeLimit(.minutes(60)))
    func everythingAcknowledgedSurvivesSIGKILL() async throws {
        guard let binary = Self.loadBinary() else {
            Issue.record("streetflow-crashload was not built; run `swift build` before `swift test`")
            return
        }
        try await F.withTemporaryDirectory { dir in
            let database = dir.appendingPathComponent("crash.sqlite").path
            var generator = SystemRandomNumberGenerator()
            var acks: [Ack] = []
            let started = ContinuousClock.now
            let rounds = Self.rounds
            for round in 0..<rounds {
                let millis = Int.random(in: 50...500, using: &generator)
                let seed = round * 1_000 + Int.random(in: 0..<1_000, using: &generator)
                acks += try await Self.round(
                    binary: binary, database: database, seed: seed, duration: .milliseconds(millis),
                    afterReady: round % 4 != 3)
            }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < .seconds(60 * max(1, rounds / 24)))
            #expect(acks.count > 100, "the load acknowledged only \(acks.count) commands in \(rounds) rounds")

            let store = try SQLiteStore(path: database)
            // Every acknowledged (instance, version) is there with at least that version.
            var highest: [String: Int] = [:]
            for ack in acks { highest[ack.id] = max(highest[ack.id] ?? 0, ack.version) }
            for (id, version) in highest {
                let instance = try store.read { try $0.instance(id) }
                #expect(instance != nil, "acknowledged \(id) is missing")
                #expect((instance?.version ?? 0) >= version, "\(id) acknowledged at version \(version)")
            }
            // Every projection is what its history explains.
            var all: [WorkflowInstance] = []
            var cursor: String?
            repeat {
                let page = try store.read { try $0.instances(InstanceFilter(cursor: cursor, limit: 500)) }
                all += page
                cursor = page.count == 500 ? page.last.map { "\(AuditChain.milliseconds($0.createdAt)):\($0.id)" } : nil
            } while cursor != nil
            #expect(all.count >= highest.count)
            var unexplained: [String] = []
            for instance in all {
                let events = try store.read { try $0.events(of: instance.id) }.map(\.event)
                #expect(events.map(\.sequence) == Array(1...max(1, events.count)))
                let replayed = WorkflowInstance.replay(id: instance.id, events: events) {
                    F.catalog.definition(instance.workflow, version: $0)
                }
                if replayed != instance { unexplained.append(instance.id) }
            }
            #expect(unexplained.isEmpty, "projections that differ from the replay of their history")
            let report = try store.verifyChain()
            #expect(report.ok, "\(report)")
            #expect(report.checked == (try store.read { try $0.chainHead() }).globalSequence)
            let lost = highest.filter { id, version in
                ((try? store.read { try $0.instance(id) })??.version ?? 0) < version
            }.count
            // The campaign's record, for Deploy/dev/crash.sh and the closing notes.
            print(
                "crash campaign: rounds=\(rounds) acknowledged=\(acks.count) requests=\(highest.count) lost=\(lost) chain=\(report.ok ? "verified" : "BROKEN") events=\(report.checked) seconds=\(elapsed.components.seconds)"
            )
            // Timers belong to open instances only.
            let timers = try store.read { try $0.dueTimers(at: .distantFuture, limit: 100_000) }
            let open = Set(all.filter { !$0.final }.map(\.id))
            #expect(timers.allSatisfy { open.contains($0.instanceID) })
        }
    }
}
