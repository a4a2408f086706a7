import Foundation
import WorkflowModel

/// Reads a projection in the form ``CanonicalJSON/instance(_:)`` writes it, without Foundation's `JSONDecoder`
/// (two thirds of a report's time over 100,000 open requests went to it). Anything it does not expect — a key it
/// does not know, `null`, a number with an exponent, a missing member, an escape it cannot read — makes it return
/// nil, and ``StoreSQL/instance(_:)`` decodes the text with `JSONDecoder` as before (and reports the error it
/// finds). `ProjectionReaderTests` hold the two to the same result.
enum ProjectionReader {
    static func instance(_ text: String) -> WorkflowInstance? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return reader.instance()
        }
    }
}

/// Stores a member's value; false when it could not be read (the object is then not read whole).
private func take<T>(_ value: T?, _ slot: inout T?) -> Bool {
    slot = value
    return value != nil
}

private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: - The projection

    mutating func instance() -> WorkflowInstance? {
        var id: String?
        var workflow: String?
        var definitionVersion: Int?
        var version: Int?
        var state: String?
        var final: Bool?
        var subject: [String: FieldValue]?
        var fields: [String: FieldValue]?
        var committee: String?
        var applicantDepartment: String?
        var concernedDepartment: String?
        var submitterUID: UInt32?
        var submitterUser: String?
        var createdAt: Date?
        var updatedAt: Date?
        var enteredStateAt: Date?
        var enteredStateVersion: Int?
        var assignee: String?
        var signatures: [String: [Signature]]?
        var firedDeadlines: [Int]?
        var listMatch: ListMatch?
        let complete = object { reader, key in
            switch key {
            case "applicantDepartment": return take(reader.string(), &applicantDepartment)
            case "assignee": return take(reader.string(), &assignee)
            case "committee": return take(reader.string(), &committee)
            case "concernedDepartment": return take(reader.string(), &concernedDepartment)
            case "createdAt": return take(reader.date(), &createdAt)
            case "definitionVersion": return take(reader.int(), &definitionVersion)
            case "enteredStateAt": return take(reader.date(), &enteredStateAt)
            case "enteredStateVersion": return take(reader.int(), &enteredStateVersion)
            case "fields": return take(reader.fields(), &fields)
            case "final": return take(reader.bool(), &final)
            case "firedDeadlines": return take(reader.array { $0.int() }, &firedDeadlines)
            case "id": return take(reader.string(), &id)
            case "listMatch": return take(reader.foundation(ListMatch.self), &listMatch)
            case "signatures": return take(reader.dictionary { $0.array { $0.signature() } }, &signatures)
            case "state": return take(reader.string(), &state)
            case "subject": return take(reader.fields(), &subject)
            case "submitterUID": return take(reader.int().flatMap(UInt32.init(exactly:)), &submitterUID)
            case "submitterUser": return take(reader.string(), &submitterUser)
            case "updatedAt": return take(reader.date(), &updatedAt)
            case "version": return take(reader.int(), &version)
            case "workflow": return take(reader.string(), &workflow)
            default: return false
            }
        }
        guard complete, end(), let id, let workflow, let definitionVersion, let version, let state, let final,
            let subject, let fields, let submitterUID, let submitterUser, let createdAt, let updatedAt,
            let enteredStateAt, let enteredStateVersion, let signatures, let firedDeadlines
        else { return nil }
        return WorkflowInstance.restored(
            id: id, workflow: workflow, definitionVersion: definitionVersion, version: version, state: state,
            final: final, subject: subject, fields: fields, committee: committee,
            applicantDepartment: applicantDepartment, concernedDepartment: concernedDepartment,
            submitterUID: submitterUID, submitterUser: submitterUser, createdAt: createdAt, updatedAt: updatedAt,
            enteredStateAt: enteredStateAt, enteredStateVersion: enteredStateVersion, assignee: assignee,
            signatures: signatures, firedDeadlines: firedDeadlines, listMatch: listMatch)
    }

    mutating func signature() -> Signature? {
        var user: String?
        var uid: UInt32?
        var at: Date?
        let complete = object { reader, key in
            switch key {
            case "at": return take(reader.date(), &at)
            case "uid": return take(reader.int().flatMap(UInt32.init(exactly:)), &uid)
            case "user": return take(reader.string(), &user)
            default: return false
            }
        }
        guard complete, let user, let uid, let at else { return nil }
        return Signature(user: user, uid: uid, at: at)
    }

    /// Subject or event fields: as `FieldValue` decodes, true/false, then an integer, then text, then a list of text.
    mutating func fields() -> [String: FieldValue]? {
        dictionary { reader in
            switch reader.peek() {
            case UInt8(ascii: "t"), UInt8(ascii: "f"): reader.bool().map(FieldValue.bool)
            case UInt8(ascii: "\""): reader.string().map(FieldValue.string)
            case UInt8(ascii: "["): reader.array { $0.string() }.map(FieldValue.list)
            default: reader.int().map(FieldValue.int)
            }
        }
    }

    /// A nested value of a type the reader does not know, decoded by `JSONDecoder` from its own bytes.
    mutating func foundation<T: Decodable>(_ type: T.Type) -> T? {
        skipSpace()
        let start = index
        guard skipValue() else { return nil }
        let data = Data(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        return try? StoreSQL.decoder.decode(type, from: data)
    }

    // MARK: - JSON

    /// Reads an object's members; `member` reads the value of each key and returns false for a key it does not
    /// know. False when the object is not read whole.
    mutating func object(_ member: (inout Reader, String) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")), member(&self, key) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    mutating func dictionary<V>(_ value: (inout Reader) -> V?) -> [String: V]? {
        var result: [String: V] = [:]
        let complete = object { reader, key in
            guard let v = value(&reader) else { return false }
            result[key] = v
            return true
        }
        return complete ? result : nil
    }

    mutating func array<V>(_ element: (inout Reader) -> V?) -> [V]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var result: [V] = []
        if consume(UInt8(ascii: "]")) { return result }
        repeat {
            guard let v = element(&self) else { return nil }
            result.append(v)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? result : nil
    }

    mutating func bool() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// An integer written without a fraction or exponent.
    mutating func int() -> Int? {
        guard let (text, integral) = numberText(), integral else { return nil }
        return Int(text)
    }

    /// A date as `.millisecondsSince1970` reads it: the number as a `Double`, divided by 1,000.
    mutating func date() -> Date? {
        guard let (text, _) = numberText(), let milliseconds = Double(text) else { return nil }
        return Date(timeIntervalSince1970: milliseconds / 1000.0)
    }

    private mutating func numberText() -> (String, Bool)? {
        skipSpace()
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        var integral = true
        var digits = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): integral = false
            case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"): return nil
            default:
                guard digits > 0 else { return nil }
                return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self), integral)
            }
            index += 1
        }
        return nil  // a projection never ends in a number
    }

    mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var escaped = false
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return escaped ? Self.unescape(text) : String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                escaped = true
                index += 2
            case 0..<0x20:
                return nil
            default:
                index += 1
            }
        }
        return nil
    }

    private static func unescape(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= text.count else { return nil }
            return UInt32(String(decoding: UnsafeBufferPointer(rebasing: text[at..<at + 4]), as: UTF8.self), radix: 16)
        }
        while i < text.count {
            let byte = text[i]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            guard i + 1 < text.count else { return nil }
            switch text[i + 1] {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(i + 2) else { return nil }
                i += 6
                if (0xD800..<0xDC00).contains(scalar) {
                    // A surrogate pair: the low half must follow.
                    guard i + 1 < text.count, text[i] == UInt8(ascii: "\\"), text[i + 1] == UInt8(ascii: "u"),
                        let low = hex4(i + 2), (0xDC00..<0xE000).contains(low)
                    else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: String(Character(unicode)).utf8)
                continue
            default:
                return nil
            }
            i += 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Skips one value (for ``foundation(_:)``); false when it is not one.
    private mutating func skipValue() -> Bool {
        switch peek() {
        case UInt8(ascii: "{"): return object { reader, _ in reader.skipValue() }
        case UInt8(ascii: "["): return array { reader in reader.skipValue() ? true : nil } != nil
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return bool() != nil
        case UInt8(ascii: "n"): return literal("null")
        default: return numberText() != nil
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipSpace()
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for k in 0..<count where bytes[index + k] != word.utf8Start[k] { return false }
        index += count
        return true
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    private mutating func peek() -> UInt8? {
        skipSpace()
        return index < bytes.count ? bytes[index] : nil
    }

    private mutating func skipSpace() {
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09
        {
            index += 1
        }
    }

    /// Whether only white space is left.
    mutating func end() -> Bool {
        skipSpace()
        return index == bytes.count
    }
}
