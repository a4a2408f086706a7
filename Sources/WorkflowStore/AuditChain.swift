import Crypto
import Foundation
import WorkflowModel

/// The audit chain: each event's hash is SHA-256 over the previous hash and the event's canonical encoding.
public enum AuditChain {
    /// The previous hash of the very first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// The canonical encoding: sorted-key JSON of every recorded column, times in whole milliseconds, written by
    /// ``CanonicalJSON`` byte for byte as `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`) wrote it for the
    /// chains hashed before it (`CanonicalJSONTests` keeps that encoding and holds the two side by side).
    public static func canonicalEncoding(instanceID: String, workflow: String, event: WorkflowEvent) -> [UInt8] {
        var json = CanonicalJSON(escapeSlashes: false, capacity: 512)
        json.object { json in
            json.member("action") { $0.string(event.action) }
            json.member("actorPID") { $0.int(event.actor.pid) }
            json.member("actorRoles") { $0.strings(event.actor.roles.map(\.rawValue).sorted()) }
            json.member("actorUID") { $0.int(event.actor.uid) }
            json.member("actorUser") { $0.string(event.actor.user) }
            json.member("atMillis") { $0.int(milliseconds(event.at)) }
            json.member("comment", ifPresent: event.comment) { $0.string($1) }
            json.member("deadline", ifPresent: event.deadline) { $0.int($1) }
            json.member("definitionVersion") { $0.int(event.definitionVersion) }
            json.member("fields") { $0.fields(event.fields) }
            json.member("from", ifPresent: event.from) { $0.string($1) }
            json.member("instance") { $0.string(instanceID) }
            json.member("kind") { $0.string(event.kind.rawValue) }
            json.member("listMatch", ifPresent: event.listMatch) { $0.foundation($1) }
            json.member("sequence") { $0.int(event.sequence) }
            json.member("target", ifPresent: event.target) { $0.string($1) }
            json.member("to") { $0.string(event.to) }
            json.member("workflow") { $0.string(workflow) }
        }
        return json.bytes
    }

    /// The hash of an event given its predecessor's hash.
    public static func hash(previous: String, instanceID: String, workflow: String, event: WorkflowEvent) -> String {
        var hasher = SHA256()
        var previous = previous
        previous.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        hasher.update(data: [UInt8(0x0A)])
        canonicalEncoding(instanceID: instanceID, workflow: workflow, event: event).withUnsafeBytes {
            hasher.update(bufferPointer: $0)
        }
        return hex(hasher.finalize())
    }

    /// SHA-256 of bytes, hex.
    public static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lower-case hex of a digest (a table lookup: `String(format:)` per byte cost a tenth of a commit).
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Milliseconds since 1970, the stored time resolution.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date of a millisecond count.
    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}

/// The result of walking the whole chain.
public struct AuditReport: Hashable, Sendable, Codable {
    /// Whether every link holds.
    public var ok: Bool
    /// Events checked.
    public var checked: Int
    /// The global sequence of the first broken event, if any.
    public var firstBroken: Int64?
    /// The instance of the first broken event.
    public var brokenInstance: String?
    /// What is wrong with it.
    public var problem: String?
    /// The same in Chinese.
    public var problemZh: String?
    /// The chain head.
    public var head: ChainHead
    /// Projections compared with the replay of their events.
    public var projectionsChecked = 0
    /// Checkpoints kept outside the database the chain was compared with.
    public var checkpointsChecked = 0
    /// The first checkpoint the stored chain contradicts, when it does.
    public var contradictedCheckpoint: String?

    public init(
        ok: Bool, checked: Int, firstBroken: Int64? = nil, brokenInstance: String? = nil, problem: String? = nil,
        head: ChainHead
    ) {
        self.ok = ok
        self.checked = checked
        self.firstBroken = firstBroken
        self.brokenInstance = brokenInstance
        self.problem = problem
        self.head = head
    }
}

extension WorkflowStore {
    /// Walks the chain in pages — all of it, or from a head already verified — and names the first broken link.
    public func verifyChain(from start: ChainHead? = nil, pageSize: Int = 2000) throws -> AuditReport {
        var previous = start?.hash ?? AuditChain.genesis
        var after: Int64 = start?.globalSequence ?? 0
        var checked = 0
        var expectedSequence: Int64 = after + 1
        while true {
            let page = try read { try $0.events(after: after, limit: pageSize) }
            if page.isEmpty { break }
            for stored in page {
                let problem: (en: String, zh: String)?
                if stored.globalSequence != expectedSequence {
                    problem = (
                        "event \(expectedSequence) is missing (next is \(stored.globalSequence))",
                        "第 \(expectedSequence) 个事件缺失（其后是第 \(stored.globalSequence) 个）"
                    )
                } else if stored.previousHash != previous {
                    problem = (
                        "its previous-hash does not match event \(stored.globalSequence - 1)",
                        "其前序哈希与第 \(stored.globalSequence - 1) 个事件不符"
                    )
                } else if AuditChain.hash(
                    previous: previous, instanceID: stored.instanceID, workflow: stored.workflow, event: stored.event)
                    != stored.hash
                {
                    problem = (
                        "its content does not match its hash (changed after it was written)",
                        "其内容与哈希不符（写入后被改动过）"
                    )
                } else {
                    problem = nil
                }
                if let problem {
                    var report = AuditReport(
                        ok: false, checked: checked, firstBroken: stored.globalSequence,
                        brokenInstance: stored.instanceID,
                        problem: problem.en, head: try read { try $0.chainHead() })
                    report.problemZh = problem.zh
                    return report
                }
                previous = stored.hash
                checked += 1
                expectedSequence += 1
                after = stored.globalSequence
            }
        }
        return AuditReport(ok: true, checked: checked, head: try read { try $0.chainHead() })
    }
}
