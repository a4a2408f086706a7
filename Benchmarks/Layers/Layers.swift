// Per-layer micro-benchmarks of the write path (ordo-one/benchmark), so a regression shows where it came from:
// Varlink decode and encode, the pure transition, the audit hash, the store's append, and a whole command through
// the engine and its group commit. `swift package benchmark` runs them (release); the executable alone runs them
// too, and with STREETFLOW_BENCH_SHORT=1 in a fraction of a second each (README's test command does, so they
// cannot rot). Figures: BENCHMARKS.md.
import Benchmark
import Foundation
import Logging
import StreetFlowEngine
import Varlink
import WorkflowModel
import WorkflowStore

let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// One Submit call as a client sends it.
let submitCall = Array(
    """
    {"method":"org.streetflow.Workflow.Submit","parameters":{"workflow":"plaque-admission","subject":\
    {"committee":"蓝天二村","text":"标牌 00000001","placement":"inside","reason":"submit of request 00000001 ......\
    ..........................."},"comment":"submit of request 00000001 ......................................"}}
    """.utf8)

let health = Principal(uid: 2001, user: "health-li", pid: 4242, roles: [.department("health")])
let subject: [String: FieldValue] = [
    "committee": .string("蓝天二村"), "text": .string("标牌 00000001"), "placement": .string("inside"),
    "reason": .string("因工作需要在居委会门口挂牌，便于居民就近获得健康服务"),
]

let benchmarks: @Sendable () -> Void = {
    let short = ProcessInfo.processInfo.environment["STREETFLOW_BENCH_SHORT"] != nil
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: short ? 1 : 10,
        maxDuration: short ? .milliseconds(150) : .seconds(2),
        maxIterations: short ? 20 : 100_000)

    let catalog = try! EngineCatalog.load(
        workflows: repo.appendingPathComponent("Workflows"), seeds: repo.appendingPathComponent("seeds"))
    let plaque = catalog.currentDefinition("plaque-admission")!

    Benchmark("varlink: parse a Submit call") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try VarlinkRequest(json: try JSONValue(parsing: submitCall)))
        }
    }

    let context = TransitionContext(now: Date(timeIntervalSince1970: 1_800_000_000), calendar: catalog.calendar)
    let submitted = try! plaque.transition(
        instance: nil, command: .submit(subject: subject, comment: "请审核"), actor: health, context: context
    ).get()
    let instance = WorkflowInstance.submitted(id: "PA-20270104-K3F9Q", event: submitted[0], definition: plaque)

    Benchmark("varlink: serialise a reply with one request") { benchmark in
        let reply = VarlinkReply(parameters: [
            "instance": .object([
                "id": .string(instance.id), "state": .string(instance.state), "version": .int(instance.version),
                "subject": .object(instance.subject.mapValues { .string($0.displayText) }),
            ])
        ])
        for _ in benchmark.scaledIterations {
            var bytes: [UInt8] = []
            reply.json.serialize(into: &bytes)
            blackHole(bytes)
        }
    }

    Benchmark("transition: submit a plaque request") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try plaque.transition(
                    instance: nil, command: .submit(subject: subject, comment: "请审核"), actor: health,
                    context: context
                ).get())
        }
    }

    Benchmark("model: a request's due date and its five wire timestamps") { benchmark in
        for _ in benchmark.scaledIterations {
            let due = plaque.dueDate(of: instance, calendar: catalog.calendar)
            blackHole(due?.iso8601)
            blackHole(instance.createdAt.iso8601 + instance.updatedAt.iso8601 + instance.enteredStateAt.iso8601)
            blackHole(submitted[0].at.iso8601)
        }
    }

    Benchmark("audit: canonical encoding and hash of an event") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                AuditChain.hash(
                    previous: AuditChain.genesis, instanceID: instance.id, workflow: plaque.key, event: submitted[0]))
        }
    }

    Benchmark("store: projection JSON") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(CanonicalJSON.text(of: instance))
        }
    }

    // The store: 1,000 appends per transaction, so the figure is the append (SQL, encoding, hash), not the fsync.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sf-layers-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let store = try! SQLiteStore(path: directory.appendingPathComponent("bench.sqlite").path)
    nonisolated(unsafe) var next = 0
    Benchmark("store: append a request (1,000 per commit)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        try store.write { tx in
            for _ in benchmark.scaledIterations {
                next += 1
                var request = instance
                request.id = "PA-\(next)"
                blackHole(try tx.append(submitted, to: request, summary: "标牌"))
            }
        }
    }

    // The whole command in-process: validation, transition, append, notices, timers and a durable commit each.
    var logger = Logger(label: "streetflow.bench")
    logger.logLevel = .warning
    let engine = StreetFlowEngine(
        store: try! SQLiteStore(path: directory.appendingPathComponent("engine.sqlite").path), catalog: catalog,
        logger: logger)
    let caller = Caller(uid: 2001, gid: 2001, pid: 1, user: "bench", groups: [], roles: [.department("health")])
    Benchmark(
        "engine: submit, one durable commit each",
        closure: { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(
                    try await engine.submit(
                        workflow: "plaque-admission", subject: subject, comment: nil, idempotencyKey: nil,
                        caller: caller))
            }
        },
        setup: { try await engine.start() })
    Benchmark(
        "engine: submit from 16 callers, group commit",
        configuration: .init(scalingFactor: .kilo)
    ) { benchmark in
        let perCaller = benchmark.scaledIterations.count / 16
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    for _ in 0..<perCaller {
                        _ = try await engine.submit(
                            workflow: "plaque-admission", subject: subject, comment: nil, idempotencyKey: nil,
                            caller: caller)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
