import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The audit chain's head kept outside the database: a small file beside it, rewritten after every commit that
/// appended events. A store that is behind it (deleted, restored from an older backup, truncated) or whose chain
/// no longer holds the recorded hash (rewritten and recomputed) is noticed at the next start instead of being
/// served as if nothing was lost.
///
/// Two fixed-size slots written alternately with `pwrite` (no fsync: the database's commit is already durable,
/// and a file older than the store is the safe direction); each slot carries a CRC, so a write torn by a power
/// cut leaves the other slot readable.
public final class ChainHeadFile: Sendable {
    /// What the file recorded.
    public struct Record: Hashable, Sendable {
        public var head: ChainHead
        /// When it was recorded.
        public var at: Date
    }

    /// The file.
    public let path: String
    private let descriptor: Int32
    private let state: Mutex<(slot: Int, last: Int64)>
    private static let slotSize = 160

    /// Opens (creating) the file at `path`.
    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw StoreError(.io, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        state = Mutex((slot: 0, last: -1))
        if let (slot, record) = Self.newest(descriptor) {
            state.withLock { $0 = (slot: 1 - slot, last: record.head.globalSequence) }
        }
    }

    deinit {
        close(descriptor)
    }

    /// The newest intact record; nil when the file is new (or both slots are unreadable).
    public func read() -> Record? {
        Self.newest(descriptor)?.1
    }

    /// Records `head` unless it is the one recorded last.
    public func record(_ head: ChainHead, at date: Date = Date()) {
        write(head, at: date, force: false)
    }

    /// Records `head` even when the last record has its sequence (an administrator accepted a different store).
    public func reset(to head: ChainHead, at date: Date = Date()) {
        write(head, at: date, force: true)
        write(head, at: date, force: true)
    }

    private func write(_ head: ChainHead, at date: Date, force: Bool) {
        state.withLock { state in
            guard force || head.globalSequence != state.last else { return }
            let line =
                "streetflow-chain-head 1 \(head.globalSequence) \(head.hash) \(Int64(date.timeIntervalSince1970 * 1000))"
            var bytes = Array("\(line) \(String(Self.crc32(Array(line.utf8)), radix: 16))\n".utf8)
            bytes += Array(repeating: 0x20, count: max(0, Self.slotSize - bytes.count))
            let written = bytes.withUnsafeBytes {
                pwrite(descriptor, $0.baseAddress, $0.count, off_t(state.slot * Self.slotSize))
            }
            if written == bytes.count {
                state.slot = 1 - state.slot
                state.last = head.globalSequence
            }
        }
    }

    private static func newest(_ descriptor: Int32) -> (Int, Record)? {
        var buffer = [UInt8](repeating: 0, count: 2 * slotSize)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        var best: (Int, Record)?
        for slot in 0..<2 {
            let start = slot * slotSize
            let end = min(count, start + slotSize)
            guard start < end, let record = parse(Array(buffer[start..<end])) else { continue }
            if best == nil || record.head.globalSequence > best!.1.head.globalSequence { best = (slot, record) }
        }
        return best
    }

    private static func parse(_ bytes: [UInt8]) -> Record? {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return nil }
        let parts = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ")
        guard parts.count == 6, parts[0] == "streetflow-chain-head", parts[1] == "1", let sequence = Int64(parts[2]),
            parts[3].count == 64, let millis = Int64(parts[4]), let crc = UInt32(parts[5], radix: 16)
        else { return nil }
        let line = parts[0..<5].joined(separator: " ")
        guard crc32(Array(line.utf8)) == crc else { return nil }
        return Record(
            head: ChainHead(globalSequence: sequence, hash: String(parts[3])),
            at: Date(timeIntervalSince1970: TimeInterval(millis) / 1000))
    }

    /// CRC-32 (IEEE), enough to tell a torn slot from a whole one.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
