import Foundation
import WorkflowModel

/// Writes the store's JSON directly into bytes: the same bytes Foundation's `JSONEncoder` writes with `.sortedKeys`
/// (keys in UTF-8 order, integral numbers without a fraction, `/` escaped unless `escapeSlashes` is off) — the
/// audit chain hashes them, so they may never change — at a fraction of its cost (no `Encoder` boxes, no
/// intermediate tree, no dictionary per object). `CanonicalJSONTests` holds the two side by side.
public struct CanonicalJSON {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private let escapeSlashes: Bool

    /// A writer; `escapeSlashes` false matches `.withoutEscapingSlashes`.
    public init(escapeSlashes: Bool = true, capacity: Int = 512) {
        self.escapeSlashes = escapeSlashes
        bytes.reserveCapacity(capacity)
    }

    /// The bytes as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Scalars

    /// A string, escaped as Foundation escapes it.
    public mutating func string(_ value: String) {
        bytes.append(0x22)
        var value = value
        let escapeSlashes = self.escapeSlashes
        value.withUTF8 { utf8 in
            // Most text needs no escape: copy it whole.
            if !utf8.contains(where: { Self.needsEscape($0, slashes: escapeSlashes) }) {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                guard Self.needsEscape(byte, slashes: escapeSlashes) else {
                    bytes.append(byte)
                    continue
                }
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x2F: bytes.append(contentsOf: [0x5C, 0x2F])
                case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                default:
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0x0F)])
                }
            }
        }
        bytes.append(0x22)
    }

    private static func needsEscape(_ byte: UInt8, slashes: Bool) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || (byte == 0x2F && slashes)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// An integer.
    public mutating func int(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// true or false.
    public mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    /// A date as `.millisecondsSince1970` writes it: a number, without a fraction when it has none.
    public mutating func date(_ value: Date) {
        double(value.timeIntervalSince1970 * 1000)
    }

    /// A floating-point number as Foundation writes it (shortest form that reads back, no `.0`).
    public mutating func double(_ value: Double) {
        if value.rounded(.towardZero) == value, abs(value) < 1e15 {
            int(Int64(value))
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// A value encoded by Foundation (rare, nested types), spliced in with the same options.
    public mutating func foundation(_ value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = escapeSlashes ? [.sortedKeys] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        // Plain values cannot fail to encode.
        bytes.append(contentsOf: try! encoder.encode(value))
    }

    // MARK: - Containers

    /// An object whose `body` writes its members with ``key(_:)`` in sorted order.
    public mutating func object(_ body: (inout CanonicalJSON) -> Void) {
        bytes.append(0x7B)
        let start = bytes.count
        body(&self)
        if bytes.count > start, bytes[bytes.count - 1] == 0x2C { bytes.removeLast() }
        bytes.append(0x7D)
    }

    /// A member's key (the caller writes members in the order of their keys' UTF-8 bytes), then its value.
    public mutating func member(_ key: StaticString, _ value: (inout CanonicalJSON) -> Void) {
        bytes.append(0x22)
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(contentsOf: [0x22, 0x3A])
        value(&self)
        bytes.append(0x2C)
    }

    /// A member written only when `value` is not nil (as synthesised `Codable` omits nil optionals).
    public mutating func member<T>(_ key: StaticString, ifPresent value: T?, _ write: (inout CanonicalJSON, T) -> Void)
    {
        guard let value else { return }
        member(key) { write(&$0, value) }
    }

    /// An array.
    public mutating func array<S: Sequence>(_ elements: S, _ write: (inout CanonicalJSON, S.Element) -> Void) {
        bytes.append(0x5B)
        var first = true
        for element in elements {
            if !first { bytes.append(0x2C) }
            first = false
            write(&self, element)
        }
        bytes.append(0x5D)
    }

    /// A dictionary with string keys, sorted by their UTF-8 bytes (as Foundation sorts them).
    public mutating func dictionary<V>(_ dictionary: [String: V], _ write: (inout CanonicalJSON, V) -> Void) {
        bytes.append(0x7B)
        var first = true
        for (key, value) in dictionary.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            if !first { bytes.append(0x2C) }
            first = false
            string(key)
            bytes.append(0x3A)
            write(&self, value)
        }
        bytes.append(0x7D)
    }
}

// MARK: - The store's values

extension CanonicalJSON {
    /// A field value.
    public mutating func fieldValue(_ value: FieldValue) {
        switch value {
        case .string(let text): string(text)
        case .bool(let flag): bool(flag)
        case .int(let number): int(number)
        case .list(let items): array(items) { $0.string($1) }
        }
    }

    /// Subject or event fields.
    public mutating func fields(_ fields: [String: FieldValue]) {
        dictionary(fields) { $0.fieldValue($1) }
    }

    /// A list of strings.
    public mutating func strings(_ items: [String]) {
        array(items) { $0.string($1) }
    }

    /// A projection, as `JSONEncoder` writes `WorkflowInstance` with sorted keys and millisecond dates.
    public mutating func instance(_ instance: WorkflowInstance) {
        object { json in
            json.member("applicantDepartment", ifPresent: instance.applicantDepartment) { $0.string($1) }
            json.member("assignee", ifPresent: instance.assignee) { $0.string($1) }
            json.member("committee", ifPresent: instance.committee) { $0.string($1) }
            json.member("concernedDepartment", ifPresent: instance.concernedDepartment) { $0.string($1) }
            json.member("createdAt") { $0.date(instance.createdAt) }
            json.member("definitionVersion") { $0.int(instance.definitionVersion) }
            json.member("enteredStateAt") { $0.date(instance.enteredStateAt) }
            json.member("enteredStateVersion") { $0.int(instance.enteredStateVersion) }
            json.member("fields") { $0.fields(instance.fields) }
            json.member("final") { $0.bool(instance.final) }
            json.member("firedDeadlines") { $0.array(instance.firedDeadlines) { $0.int($1) } }
            json.member("id") { $0.string(instance.id) }
            json.member("listMatch", ifPresent: instance.listMatch) { $0.foundation($1) }
            json.member("signatures") {
                $0.dictionary(instance.signatures) { json, signatures in
                    json.array(signatures) { json, signature in
                        json.object { json in
                            json.member("at") { $0.date(signature.at) }
                            json.member("uid") { $0.int(signature.uid) }
                            json.member("user") { $0.string(signature.user) }
                        }
                    }
                }
            }
            json.member("state") { $0.string(instance.state) }
            json.member("subject") { $0.fields(instance.subject) }
            json.member("submitterUID") { $0.int(instance.submitterUID) }
            json.member("submitterUser") { $0.string(instance.submitterUser) }
            json.member("updatedAt") { $0.date(instance.updatedAt) }
            json.member("version") { $0.int(instance.version) }
            json.member("workflow") { $0.string(instance.workflow) }
        }
    }

    /// The projection's JSON text (the `data` column).
    public static func text(of instance: WorkflowInstance) -> String {
        var json = CanonicalJSON(capacity: 1024)
        json.instance(instance)
        return json.text
    }
}
