import Foundation

/// A file attached to a request (附件): its name as the user gave it, and the content it names by SHA-256.
///
/// An event that attaches files carries them in its `attachments` field, one entry each, written
/// `SHA256 SIZE MEDIATYPE NAME` (the name last: it may hold spaces), so that the hash is in the event and so in
/// the audit chain. The projection keeps every attachment of the request in order (`WorkflowInstance.attachments`).
public struct AttachmentRef: Hashable, Sendable, Codable {
    /// The file name, e.g. 申请函.pdf.
    public var name: String
    /// The SHA-256 of the bytes, lower-case hex.
    public var sha256: String
    /// The size in bytes.
    public var size: Int
    /// The media type found in the content, e.g. `application/pdf`.
    public var mediaType: String

    /// The event field the attachments of an event are recorded in.
    public static let field = "attachments"
    /// The longest file name accepted, in characters.
    public static let nameRule = TextRule(multiline: false, maxLength: 120, maxBytes: 480)

    /// Creates a reference.
    public init(name: String, sha256: String, size: Int, mediaType: String) {
        self.name = name
        self.sha256 = sha256
        self.size = size
        self.mediaType = mediaType
    }

    /// The entry as recorded in an event.
    public var entry: String { "\(sha256) \(size) \(mediaType) \(name)" }

    /// Reads a recorded entry; nil when it is not one.
    public init?(entry: String) {
        let parts = entry.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].count == 64, let size = Int(parts[1]) else { return nil }
        self.init(name: String(parts[3]), sha256: String(parts[0]), size: size, mediaType: String(parts[2]))
    }

    /// The attachments an event records.
    public static func recorded(in event: WorkflowEvent) -> [AttachmentRef] {
        (event.fields[field]?.listValue ?? []).compactMap(AttachmentRef.init(entry:))
    }

    /// The file name as it will be recorded (trimmed, NFC, one line, no path), or why it is refused.
    public static func checkedName(_ name: String) -> Result<String, TextProblem> {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        return nameRule.check(base.trimmingCharacters(in: .whitespaces))
    }
}

/// The kinds of file the office files: found from the content, never from the name.
public enum AttachmentType: String, CaseIterable, Sendable {
    case pdf, jpeg, png, ofd, docx, xlsx

    /// The media type.
    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .ofd: "application/ofd"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }

    /// What the office calls the kinds accepted, for messages.
    public static let accepted = "PDF、JPEG、PNG、OFD、DOCX、XLSX"

    /// The kind of `data` from its first bytes (and, for the ZIP-based kinds, the part names it holds); nil when
    /// it is none of the accepted kinds.
    public static func detect(_ data: Data) -> AttachmentType? {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        guard head.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
        // A ZIP container: its kind is named by the parts it holds (names are stored as plain bytes).
        func holds(_ part: String) -> Bool { data.range(of: Data(part.utf8)) != nil }
        if holds("OFD.xml") { return .ofd }
        if holds("word/document.xml") { return .docx }
        if holds("xl/workbook.xml") { return .xlsx }
        return nil
    }
}
