// Typed Varlink encode/decode (generated StreetFlowProtocol types) against the path before them: the daemon built
// `[String: JSONValue]` dictionaries by hand, the client serialised the reply and ran `JSONDecoder` into its own
// Codable copy of the types. Run with `swift run -c release streetflow-protocol-bench [iterations]`.
import Foundation
import StreetFlowProtocol
import Varlink

/// The client's hand-written copy of `Instance` before the generator (Sources/StreetFlowClient/Models.swift).
struct BaselineInstance: Codable {
    struct Label: Codable {
        var zh: String
        var en: String
    }
    var id: String
    var workflow: String
    var definitionVersion: Int
    var version: Int
    var state: String
    var final: Bool
    var subject: [String: JSONValue]
    var fields: [String: JSONValue]
    var title: Label
    var stateLabel: Label
    var summary: String
    var committee: String?
    var department: String?
    var submitter: String
    var submitterUid: Int
    var createdAt: String
    var updatedAt: String
    var enteredStateAt: String
    var assignee: String?
    var queue: String?
    var nextDeadline: String?
    var listMatch: [String: JSONValue]?
}

/// The values one request is made of, as the engine hands them over.
struct Values {
    var id = "PA-20201008-K3F9Q"
    var subject: [String: JSONValue] = [
        "committee": "蓝天二村", "text": "平安社区创建示范点", "placement": "inside", "reason": "区综治办要求挂牌",
    ]
    var fields: [String: JSONValue] = ["location": "居委会门口"]
    var now = Date(timeIntervalSince1970: 1_800_000_000)
}

/// How the daemon wrote an instance before (Sources/StreetFlowService/Wire.swift).
func baselineEncode(_ v: Values) -> JSONValue {
    func time(_ date: Date) -> JSONValue { .string(date.ISO8601Format()) }
    func label(_ zh: String, _ en: String) -> JSONValue { .object(["zh": .string(zh), "en": .string(en)]) }
    return .object([
        "id": .string(v.id), "workflow": "plaque-admission", "definitionVersion": .int(1), "version": .int(3),
        "state": "office-review", "final": .bool(false), "subject": .object(v.subject), "fields": .object(v.fields),
        "title": label("挂牌准入", "Plaque admission"), "stateLabel": label("街道审核", "Office review"),
        "summary": "平安社区创建示范点", "committee": "蓝天二村", "department": .null, "departmentLabel": .null,
        "documentNumber": .null, "copiedTo": .null, "copiedToLabels": .null, "submitter": "zhang",
        "submitterUid": .int(1001), "createdAt": time(v.now), "updatedAt": time(v.now), "enteredStateAt": time(v.now),
        "assignee": .null, "queue": "office", "escalatedTo": .null, "nextDeadline": time(v.now),
        "deadlineEstimated": .bool(false), "listMatch": .null,
    ])
}

/// How the daemon writes an instance now: the generated struct, then its wire form.
func typedEncode(_ v: Values) -> JSONValue {
    Workflow.Instance(
        id: v.id, workflow: "plaque-admission", definitionVersion: 1, version: 3, state: "office-review",
        final: false, subject: v.subject, fields: v.fields, title: Workflow.Label(zh: "挂牌准入", en: "Plaque admission"),
        stateLabel: Workflow.Label(zh: "街道审核", en: "Office review"), summary: "平安社区创建示范点", committee: "蓝天二村",
        department: nil, departmentLabel: nil, documentNumber: nil, copiedTo: nil, copiedToLabels: nil,
        submitter: "zhang", submitterUid: 1001,
        createdAt: v.now.ISO8601Format(),
        updatedAt: v.now.ISO8601Format(), enteredStateAt: v.now.ISO8601Format(), assignee: nil, queue: "office",
        escalatedTo: nil,
        nextDeadline: v.now.ISO8601Format(), deadlineEstimated: false, listMatch: nil
    ).varlinkJSON
}

/// Runs `body` `iterations` times; returns nanoseconds per iteration (best of three rounds).
func measure(_ iterations: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
        let start = ContinuousClock.now
        for _ in 0..<iterations { try body() }
        let elapsed = ContinuousClock.now - start
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        best = min(best, nanoseconds / Double(iterations))
    }
    return best
}

let iterations = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 20000
let values = Values()
precondition(baselineEncode(values) == typedEncode(values), "both paths must write the same wire form")
let wire = typedEncode(values)
let page = JSONValue.object(["instances": .array(Array(repeating: wire, count: 50)), "nextCursor": .null])
var sink = 0

let rows: [(String, Double, Double)] = [
    (
        "encode one Instance (engine values → JSON text)",
        measure(iterations) { sink &+= baselineEncode(values).serialized().utf8.count },
        measure(iterations) { sink &+= typedEncode(values).serialized().utf8.count }
    ),
    (
        "decode one Instance (parsed reply → Swift value)",
        try measure(iterations) { sink &+= try wire.decode(BaselineInstance.self).version },
        try measure(iterations) { sink &+= try Workflow.Instance(varlink: wire).version }
    ),
    (
        "decode a List page of 50 (parsed reply → Swift values)",
        try measure(iterations / 50) {
            struct Page: Codable { var instances: [BaselineInstance] }
            sink &+= try page.decode(Page.self).instances.count
        },
        try measure(iterations / 50) { sink &+= try Workflow.ListReply(varlink: page).instances.count }
    ),
]

print("iterations: \(iterations) (best of 3 rounds)\n")
print("| path | before (µs) | typed (µs) | before / typed |")
print("|---|---:|---:|---:|")
for (name, before, typed) in rows {
    print(
        "| \(name) | \(String(format: "%.2f", before / 1000)) | \(String(format: "%.2f", typed / 1000)) | "
            + "\(String(format: "%.1f", before / typed))× |")
}
if sink == 42 { print("") }
