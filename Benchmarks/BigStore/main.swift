// streetflow-bench-store STATE_DIR [--open 100000] [--closed 300000]: writes a store of the size a district reaches
// after years — `open` requests waiting in office review (1 event each) and `closed` ones submitted, forwarded and
// decided (3 events each): 100,000 + 3 × 300,000 = 1,000,000 events by default — through the store's own append
// (real hash chain, projections, timers), 2,000 requests per transaction. The daemon then starts on it (restart
// time, `show` time: BENCHMARKS.md).
import Foundation
import StreetFlowEngine
import WorkflowModel
import WorkflowStore

var arguments = CommandLine.arguments.dropFirst()
guard let state = arguments.popFirst() else {
    FileHandle.standardError.write(Data("usage: streetflow-bench-store STATE_DIR [--open N] [--closed N]\n".utf8))
    exit(2)
}
var open = 100_000
var closed = 300_000
while let flag = arguments.popFirst() {
    switch flag {
    case "--open": open = Int(arguments.popFirst() ?? "") ?? open
    case "--closed": closed = Int(arguments.popFirst() ?? "") ?? closed
    default: break
    }
}

let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let catalog = try EngineCatalog.load(
    workflows: repo.appendingPathComponent("Workflows"), seeds: repo.appendingPathComponent("seeds"))
let plaque = catalog.currentDefinition("plaque-admission")!
try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
let store = try SQLiteStore(
    path: state + "/streetflow.sqlite", chainHeadFile: state + "/chain-head")

let department = Principal(uid: 2001, user: "health-li", pid: 1, roles: [.department("health")])
let office = Principal(uid: 3001, user: "office-a", pid: 1, roles: [.office])
let street = Principal(uid: 4001, user: "street-zhao", pid: 1, roles: [.street])
let committees = ["蓝天一村", "蓝天二村", "蓝天四村"]
let start = Date().addingTimeInterval(-Double(open + closed))

func request(_ n: Int, closing: Bool, tx: any StoreTransaction) throws {
    let at = start.addingTimeInterval(Double(n))
    let context = TransitionContext(
        now: AuditChain.date(milliseconds: AuditChain.milliseconds(at)), calendar: catalog.calendar,
        lists: catalog.lists, committees: catalog.committees, departments: catalog.departments,
        separationOfDuties: true)
    let subject: [String: FieldValue] = [
        "committee": .string(committees[n % 3]), "text": .string("标牌 \(n)"),
        "placement": .string(n % 2 == 0 ? "inside" : "service-area"), "reason": .string("因工作需要挂牌，编号 \(n)"),
    ]
    var events = try plaque.transition(
        instance: nil, command: .submit(subject: subject, comment: "请审核"), actor: department, context: context
    ).get()
    var instance = WorkflowInstance.submitted(
        id: String(format: "PA-BENCH-%07d", n), event: events[0], definition: plaque)
    for event in events.dropFirst() { instance.apply(event, definition: plaque) }
    if closing {
        for (action, actor) in [("forward", office), (n % 4 == 3 ? "reject" : "approve", street)] {
            let more = try plaque.transition(
                instance: instance, command: .act(action: action, comment: "同意", fields: [:]), actor: actor,
                context: context
            ).get()
            for event in more { instance.apply(event, definition: plaque) }
            events += more
        }
    }
    _ = try tx.append(events, to: instance, summary: "标牌 \(n)")
    let timers = plaque.pendingDeadlines(of: instance, calendar: catalog.calendar).map {
        TimerRecord(
            instanceID: instance.id, deadlineIndex: $0.index, enteredStateVersion: instance.enteredStateVersion,
            due: $0.due)
    }
    try tx.replaceTimers(of: instance.id, with: timers)
}

let total = open + closed
let started = Date()
var n = 0
while n < total {
    let end = min(total, n + 2000)
    try store.write { tx in
        for k in n..<end { try request(k, closing: k >= open, tx: tx) }
    }
    n = end
    if n % 50_000 == 0 {
        FileHandle.standardError.write(Data("\(n) requests, \(Int(Date().timeIntervalSince(started))) s\n".utf8))
    }
}
let head = try store.read { try $0.chainHead() }
print(
    "{\"requests\": \(total), \"open\": \(open), \"events\": \(head.globalSequence), \"seconds\": \(Int(Date().timeIntervalSince(started)))}"
)
