import Foundation
import Testing

@testable import WorkflowModel
@testable import WorkflowStore

/// The fast JSON writer must write exactly the bytes Foundation's `JSONEncoder` writes: every stored chain was hashed
/// over them, and a single differing byte would break verification of years of records.
struct CanonicalJSONTests {
    /// The event's canonical encoding as every chain before the byte writer was hashed: Foundation's `JSONEncoder`
    /// (sorted keys, slashes unescaped) over these members. The writer is held to it.
    static func foundationCanonicalEncoding(instanceID: String, workflow: String, event: WorkflowEvent) -> Data {
        let canonical = Canonical(
            instance: instanceID, workflow: workflow, sequence: event.sequence, kind: event.kind.rawValue,
            action: event.action, from: event.from, to: event.to, definitionVersion: event.definitionVersion,
            actorUID: event.actor.uid, actorUser: event.actor.user, actorPID: event.actor.pid,
            actorRoles: event.actor.roles.map(\.rawValue).sorted(), comment: event.comment, fields: event.fields,
            atMillis: AuditChain.milliseconds(event.at), listMatch: event.listMatch, target: event.target,
            deadline: event.deadline)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(canonical)
    }

    struct Canonical: Encodable {
        var instance: String
        var workflow: String
        var sequence: Int
        var kind: String
        var action: String
        var from: String?
        var to: String
        var definitionVersion: Int
        var actorUID: UInt32
        var actorUser: String
        var actorPID: Int32
        var actorRoles: [String]
        var comment: String?
        var fields: [String: FieldValue]
        var atMillis: Int64
        var listMatch: ListMatch?
        var target: String?
        var deadline: Int?
    }

    /// Text that exercises every escape, keys in every order class, and text outside the BMP.
    static let awkward: [String] = [
        "", "plain", "标牌 00000001", "a/b", "quote\"back\\slash", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1F}",
        "\u{7F}\u{2028}\u{2029}", "😀 emoji", "é", "Z", "_", "a10", "a9", "aB", "a_b", "ab",
    ]

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    static func text(_ g: inout Generator) -> String {
        var result = ""
        for _ in 0..<Int.random(in: 0...3, using: &g) { result += awkward.randomElement(using: &g)! }
        return result
    }

    static func value(_ g: inout Generator) -> FieldValue {
        switch Int.random(in: 0..<4, using: &g) {
        case 0: return .string(text(&g))
        case 1: return .bool(Bool.random(using: &g))
        case 2: return .int(Int.random(in: Int.min...Int.max, using: &g))
        default: return .list((0..<Int.random(in: 0...3, using: &g)).map { _ in text(&g) })
        }
    }

    static func fields(_ g: inout Generator) -> [String: FieldValue] {
        var fields: [String: FieldValue] = [:]
        for _ in 0..<Int.random(in: 0...6, using: &g) { fields[text(&g)] = value(&g) }
        return fields
    }

    /// Whole milliseconds mostly (as stored), sometimes a fraction, sometimes before 1970.
    static func date(_ g: inout Generator) -> Date {
        switch Int.random(in: 0..<4, using: &g) {
        case 0: return Date(timeIntervalSince1970: Double.random(in: -1e9...4e9, using: &g))
        case 1: return Date(timeIntervalSince1970: 0)
        default: return Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_000_000_000_000, using: &g)) / 1000)
        }
    }

    static func listMatch(_ g: inout Generator) -> ListMatch? {
        guard Bool.random(using: &g) else { return nil }
        return ListMatch(
            list: text(&g), listVersion: Int.random(in: 1...9, using: &g), kind: .negative,
            entry: ReferenceListEntry(code: "NEG-01", title: text(&g), category: "a/b", aliases: [text(&g)]),
            wording: text(&g), score: Double.random(in: 0...1, using: &g), exact: false)
    }

    static func optional(_ g: inout Generator) -> String? { Bool.random(using: &g) ? text(&g) : nil }

    static func event(_ g: inout Generator) -> WorkflowEvent {
        WorkflowEvent(
            sequence: Int.random(in: 1...1000, using: &g), kind: .transitioned, action: text(&g), from: optional(&g),
            to: text(&g), definitionVersion: Int.random(in: 1...5, using: &g),
            actor: Principal(
                uid: UInt32.random(in: 0...UInt32.max, using: &g), user: text(&g),
                pid: Int32.random(in: Int32.min...Int32.max, using: &g),
                roles: Set((0..<Int.random(in: 0...4, using: &g)).map { _ in Role(text(&g)) })),
            comment: optional(&g), fields: fields(&g), at: date(&g), listMatch: listMatch(&g), target: optional(&g),
            deadline: Bool.random(using: &g) ? Int.random(in: 0...5, using: &g) : nil)
    }

    static func instance(_ g: inout Generator) -> WorkflowInstance {
        var signatures: [String: [Signature]] = [:]
        for _ in 0..<Int.random(in: 0...2, using: &g) {
            signatures[text(&g)] = (0..<Int.random(in: 0...2, using: &g)).map { _ in
                Signature(user: text(&g), uid: UInt32.random(in: 0...99_999, using: &g), at: date(&g))
            }
        }
        return WorkflowInstance(
            id: text(&g), workflow: text(&g), definitionVersion: Int.random(in: 1...9, using: &g),
            version: Int.random(in: 1...99, using: &g), state: text(&g), final: Bool.random(using: &g),
            subject: fields(&g), fields: fields(&g), committee: optional(&g), applicantDepartment: optional(&g),
            concernedDepartment: optional(&g), submitterUID: UInt32.random(in: 0...UInt32.max, using: &g),
            submitterUser: text(&g), createdAt: date(&g), updatedAt: date(&g), enteredStateAt: date(&g),
            enteredStateVersion: Int.random(in: 1...99, using: &g), assignee: optional(&g), signatures: signatures,
            firedDeadlines: (0..<Int.random(in: 0...3, using: &g)).map { _ in Int.random(in: 0...9, using: &g) },
            listMatch: listMatch(&g))
    }

    @Test(arguments: 0..<4)
    func eventEncodingMatchesFoundation(seed: UInt64) {
        var g = Generator(state: seed)
        for _ in 0..<500 {
            let event = Self.event(&g)
            let fast = AuditChain.canonicalEncoding(instanceID: "PA-1", workflow: "w/1", event: event)
            let reference = Self.foundationCanonicalEncoding(instanceID: "PA-1", workflow: "w/1", event: event)
            #expect(fast == Array(reference), "\(String(decoding: reference, as: UTF8.self))")
            if fast != Array(reference) { return }
        }
    }

    @Test(arguments: 0..<4)
    func projectionEncodingMatchesFoundation(seed: UInt64) throws {
        var g = Generator(state: seed &+ 99)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        for _ in 0..<500 {
            let instance = Self.instance(&g)
            let reference = String(decoding: try encoder.encode(instance), as: UTF8.self)
            #expect(CanonicalJSON.text(of: instance) == reference)
            if CanonicalJSON.text(of: instance) != reference { return }
        }
    }

    @Test func fieldsAndRolesMatchFoundation() throws {
        var g = Generator(state: 7)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for _ in 0..<500 {
            let fields = Self.fields(&g)
            var json = CanonicalJSON()
            json.fields(fields)
            #expect(json.bytes == Array(try encoder.encode(fields)))
            let roles = (0..<3).map { _ in Self.text(&g) }
            var list = CanonicalJSON()
            list.strings(roles)
            #expect(list.bytes == Array(try encoder.encode(roles)))
        }
    }

    /// A chain written before the writer existed still verifies: a known event's hash is what it always was.
    @Test func knownEventHashIsUnchanged() {
        let event = WorkflowEvent(
            sequence: 1, kind: .submitted, action: "submit", from: nil, to: "office-review", definitionVersion: 1,
            actor: Principal(uid: 1000, user: "wsj", pid: 42, roles: ["department:health"]), comment: "请审核 a/b",
            fields: ["text": .string("标牌"), "placement": .string("inside")],
            at: Date(timeIntervalSince1970: 1_570_000_000.123))
        let fast = AuditChain.hash(previous: AuditChain.genesis, instanceID: "PA-1", workflow: "plaque", event: event)
        var hasher = [UInt8](AuditChain.genesis.utf8) + [0x0A]
        hasher += Self.foundationCanonicalEncoding(instanceID: "PA-1", workflow: "plaque", event: event)
        #expect(fast == AuditChain.sha256(Data(hasher)))
        #expect(fast == "5ec050695f19974a877b7bea2d7e624b06f2943dc0c44642c148e45a522ddef8")
    }
}
