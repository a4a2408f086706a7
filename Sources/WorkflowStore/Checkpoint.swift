import Foundation

/// An audit chain head written down outside the database — by the daemon once a day and on request (`streetflow
/// audit checkpoint`, printable with the 审批单 archive), in the journal at every start and stop, and in the chain
/// head file. `audit verify` checks the stored chain against each: a store cut short ends before a checkpoint; a
/// chain rewritten and recomputed no longer holds a checkpoint's hash.
public struct Checkpoint: Hashable, Sendable {
    public var head: ChainHead
    /// When it was taken.
    public var at: Date
    /// Where it comes from (daily, requested, journal, chain-head file, a file the administrator kept).
    public var source: String

    public init(head: ChainHead, at: Date, source: String) {
        self.head = head
        self.at = at
        self.source = source
    }

    /// The line written to the checkpoint log and printed: `streetflow-checkpoint SEQUENCE HASH TIME SOURCE`.
    public var line: String {
        "streetflow-checkpoint \(head.globalSequence) \(head.hash) \(at.ISO8601Format()) \(source)"
    }

    /// Every checkpoint line in `text` (other lines — a printed sheet's headings — are skipped).
    public static func parse(_ text: String, source: String? = nil) -> [Checkpoint] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 4)
            guard parts.count >= 4, parts[0] == "streetflow-checkpoint", let sequence = Int64(parts[1]),
                parts[2].count == 64, parts[2].allSatisfy(\.isHexDigit),
                let at = try? Date(String(parts[3]), strategy: .iso8601)
            else { return nil }
            return Checkpoint(
                head: ChainHead(globalSequence: sequence, hash: String(parts[2])), at: at,
                source: source ?? (parts.count > 4 ? String(parts[4]) : "file"))
        }
    }

    /// What a store ending at `storeHead` (`hashAt` gives an event's stored hash) says of this checkpoint, in
    /// English and Chinese: nil when it holds it.
    public func contradiction(
        storeHead: ChainHead, hashAt: (Int64) throws -> String?
    ) rethrows -> (
        en: String, zh: String
    )? {
        let sequence = head.globalSequence
        let taken = "the \(source) checkpoint of \(at.ISO8601Format()) (event \(sequence))"
        let takenZh = "\(at.ISO8601Format()) 的检查点（\(source)，第 \(sequence) 个事件）"
        if sequence > storeHead.globalSequence {
            let end = storeHead.globalSequence
            return (
                "the store ends at event \(end), before \(taken): events \(end + 1)…\(sequence) were removed",
                "数据库止于第 \(end) 个事件，早于\(takenZh)：第 \(end + 1)…\(sequence) 个事件已被删除"
            )
        }
        guard sequence > 0 else { return nil }
        if try hashAt(sequence) != head.hash {
            return (
                "event \(sequence) no longer has the hash \(taken) recorded: the chain was rewritten and recomputed",
                "第 \(sequence) 个事件的哈希与\(takenZh)不符：审计链被改写并重新计算过"
            )
        }
        return nil
    }
}

/// The daemon's checkpoint log: an append-only text file of checkpoint lines beside the database.
public struct CheckpointLog: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Appends one checkpoint (O_APPEND, then fsync: a checkpoint is rare and meant to last).
    public func append(_ checkpoint: Checkpoint) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw StoreError(.io, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array((checkpoint.line + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw StoreError(.io, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Every checkpoint in the log (none when there is no log yet).
    public func read() -> [Checkpoint] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return Checkpoint.parse(text)
    }
}
