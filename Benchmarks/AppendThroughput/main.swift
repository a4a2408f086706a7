// streetflow-bench [N]: durable append throughput of the engine, with and without group commit.
//
// For each configuration it opens a fresh SQLite store in a temporary directory (WAL, synchronous=FULL),
// starts an engine on the shipped workflows and seeds, and has C concurrent callers each submit N plaque
// requests (one event per command). It reports commands per second (wall clock, from the first command to the
// last reply) and commands per commit from the engine's own counters. Run in release mode:
// `swift run -c release streetflow-bench`.
import Foundation
import Logging
import StreetFlowEngine
import WorkflowModel
import WorkflowStore

let perCaller = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2000 : 2000
let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let catalog = try EngineCatalog.load(
    workflows: repo.appendingPathComponent("Workflows"), seeds: repo.appendingPathComponent("seeds"))
let caller = Caller(uid: 2001, gid: 2001, pid: 1, user: "bench", groups: [], roles: [.department("health")])

struct Row {
    var maxBatch: Int
    var callers: Int
    var commands: Int
    var seconds: Double
    var commits: Int
    var perCommit: Double
    var commitMicroseconds: Double
}

func measure(maxBatch: Int, callers: Int) async throws -> Row {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sf-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try SQLiteStore(path: dir.appendingPathComponent("bench.sqlite").path)
    // Per-event info logging (the journal in production) is left out: this measures the store's commit path.
    var logger = Logger(label: "streetflow.bench")
    logger.logLevel = .warning
    let engine = StreetFlowEngine(
        store: store, catalog: catalog, options: EngineOptions(maxBatch: maxBatch), logger: logger)
    try await engine.start()
    let before = try await engine.stats()
    let clock = ContinuousClock()
    let started = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for c in 0..<callers {
            group.addTask {
                for n in 0..<perCaller {
                    _ = try await engine.submit(
                        workflow: "plaque-admission",
                        subject: [
                            "committee": .string("蓝天二村"), "text": .string("牌子 \(c)-\(n)"),
                            "placement": .string("inside"), "reason": .string("benchmark"),
                        ], comment: nil, idempotencyKey: nil, caller: caller)
                }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = clock.now - started
    let after = try await engine.stats()
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let commits = after.commits - before.commits
    let commands = after.commands - before.commands
    precondition(commands == callers * perCaller)
    return Row(
        maxBatch: maxBatch, callers: callers, commands: commands, seconds: seconds, commits: commits,
        perCommit: Double(commands) / Double(commits), commitMicroseconds: after.averageCommitMicroseconds)
}

print("N = \(perCaller) commands per caller; one plaque submission (1 event, projection, 2 timers) per command")
print("| maxBatch | callers | commands | seconds | commands/s | commits | commands/commit | avg commit µs |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
for (maxBatch, callers) in [(1, 1), (256, 1), (1, 16), (256, 16)] {
    let row = try await measure(maxBatch: maxBatch, callers: callers)
    print(
        "| \(row.maxBatch) | \(row.callers) | \(row.commands) | \(String(format: "%.2f", row.seconds)) | "
            + "\(String(format: "%.0f", Double(row.commands) / row.seconds)) | \(row.commits) | "
            + "\(String(format: "%.1f", row.perCommit)) | \(String(format: "%.0f", row.commitMicroseconds)) |")
}
