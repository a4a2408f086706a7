import Foundation
import Logging
import StreetFlowEngine
import WorkflowModel
import WorkflowStore

// streetflow-crashload DBPATH SEED [REPO]: drives a real engine with concurrent commands until it is killed.
//
// After each command's reply (which the engine sends only after the commit) it writes `ACK <id> <version>`
// to stdout with one unbuffered write(2). The crash test in StreetFlowEngineTests kills it with SIGKILL and
// checks that everything acknowledged survived.
#if canImport(Glibc)
    import Glibc
#endif

/// A small deterministic generator (SplitMix64) so a seed replays the same command mix.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func acknowledge(_ result: CommandResult) {
    FileHandle.standardOutput.write(Data("ACK \(result.instance.id) \(result.instance.version)\n".utf8))
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, let seed = UInt64(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: streetflow-crashload DBPATH SEED [REPO]\n".utf8))
    exit(2)
}
let repo =
    arguments.count > 3
    ? URL(fileURLWithPath: arguments[3])
    : URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

let catalog = try EngineCatalog.load(
    workflows: repo.appendingPathComponent("Workflows"), seeds: repo.appendingPathComponent("seeds"))
// With the chain head kept outside the database, as the daemon keeps it: every restart after a kill checks the
// store against it (a kill between a commit and the head's write leaves the store ahead, which is fine).
let store = try SQLiteStore(path: arguments[1], chainHeadFile: arguments[1] + ".chain-head")
// Warnings only: per-event info lines would fill the unread stderr pipe and stall the load.
var logger = Logger(label: "streetflow.crashload")
logger.logLevel = .warning
let engine = StreetFlowEngine(
    store: store, catalog: catalog, options: EngineOptions(separationOfDuties: false), logger: logger)
try await engine.start()
let caller = Caller(
    uid: getuid(), gid: getgid(), pid: getpid(), user: "crashload", groups: [],
    roles: [.department("health"), .office, .street])
let committees = catalog.committees.map(\.name)
FileHandle.standardError.write(Data("READY\n".utf8))

await withThrowingTaskGroup(of: Void.self) { group in
    for worker in 0..<8 {
        group.addTask {
            var random = SplitMix(state: seed &* 31 &+ UInt64(worker))
            var round = 0
            while true {
                round += 1
                let submitted = try await engine.submit(
                    workflow: "plaque-admission",
                    subject: [
                        "committee": .string(committees.randomElement(using: &random)!),
                        "text": .string("压力测试牌子 \(worker)-\(round)"), "placement": .string("inside"),
                        "reason": .string("crash test"),
                    ], comment: nil, idempotencyKey: "crash-\(seed)-\(worker)-\(round)", caller: caller)
                acknowledge(submitted)
                var current = submitted.instance
                let path: [(String, String?, [String: FieldValue])] =
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0:
                        [("return", "请补充", [:]), ("resubmit", nil, [:]), ("forward", nil, [:]), ("approve", nil, [:])]
                    case 1: [("forward", nil, [:]), ("reject", "不予准入", [:])]
                    default:
                        [
                            ("forward", nil, [:]), ("approve", nil, [:]),
                            ("arrange", nil, ["location": .string("服务大厅东墙"), "place": .string("inside")]),
                        ]
                    }
                for (action, comment, fields) in path {
                    if Int.random(in: 0..<3, using: &random) == 0 {
                        let commented = try await engine.comment(id: current.id, text: "进度如何？", caller: caller)
                        acknowledge(commented)
                        current = commented.instance
                    }
                    let result = try await engine.act(
                        id: current.id, action: action, comment: comment, fields: fields,
                        expectedVersion: current.version,
                        idempotencyKey: nil, caller: caller)
                    acknowledge(result)
                    current = result.instance
                }
            }
        }
    }
    do {
        try await group.waitForAll()
    } catch {
        FileHandle.standardError.write(Data("crashload: \(error)\n".utf8))
        exit(1)
    }
}
