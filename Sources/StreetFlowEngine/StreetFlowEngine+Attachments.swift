import Foundation
import WorkflowModel
import WorkflowStore

/// A file to attach, as a command names it: its name and the hash of bytes already uploaded.
public struct AttachmentInput: Hashable, Sendable {
    public var name: String
    public var sha256: String

    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }
}

/// Where an upload stands after a chunk.
public struct UploadProgress: Hashable, Sendable {
    /// Bytes received so far.
    public var received: Int
    /// Whether the file is stored (the last chunk arrived and checked).
    public var complete: Bool
    /// The kind found in the content, once complete.
    public var mediaType: String?

    public init(received: Int, complete: Bool, mediaType: String? = nil) {
        self.received = received
        self.complete = complete
        self.mediaType = mediaType
    }
}

/// One attachment of a request, with who attached it when.
public struct AttachmentRecord: Hashable, Sendable {
    public var attachment: AttachmentRef
    public var at: Date
    public var by: String

    public init(attachment: AttachmentRef, at: Date, by: String) {
        self.attachment = attachment
        self.at = at
        self.by = by
    }
}

extension WorkflowError.Code {
    /// An attachment is over the size limit; `size` and `limit` say by how much.
    public static let attachmentTooLarge = Self(rawValue: "AttachmentTooLarge")
    /// An attachment is not of a kind the office files (found from its content); `detected` says what it is.
    public static let attachmentRefused = Self(rawValue: "AttachmentRefused")
    /// No attachment with this hash or name (on this request, or uploaded).
    public static let noSuchAttachment = Self(rawValue: "NoSuchAttachment")
    /// An upload chunk does not continue what was received, or the bytes do not hash as announced.
    public static let uploadMismatch = Self(rawValue: "UploadMismatch")
}

extension StreetFlowEngine {
    /// The most bytes one download chunk carries (its base64 stays well under the 1 MiB message limit).
    public static let attachmentChunkBytes = 512 * 1024

    /// Receives a chunk of a file the caller will attach, announced by its SHA-256 and size. The last chunk
    /// checks the hash and the kind (from the content) and stores the file under its hash, durably, in the same
    /// transaction; a file already stored is complete at once.
    public func upload(
        sha256: String, size: Int, offset: Int, chunk: Data, caller: Caller
    ) async throws -> UploadProgress {
        let sha256 = sha256.lowercased()
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else {
            throw WorkflowError(
                .invalidText, LocalizedText(zh: "SHA-256 应为 64 位十六进制", en: "a SHA-256 is 64 hex digits"),
                ["parameter": .string("sha256"), "reason": .string("format")])
        }
        let limit = options.maxAttachmentBytes
        guard size > 0, size <= limit else {
            throw Self.tooLarge(size: size, limit: limit)
        }
        let uid = caller.actor.uid
        let now = clock.now()
        return try await perform { tx in
            if let stored = try tx.attachmentInfo(sha256) {
                _ = try tx.takeUpload(uid: uid, sha256: sha256)
                return UploadProgress(received: stored.size, complete: true, mediaType: stored.mediaType)
            }
            let received: Int
            do {
                received = try tx.appendUpload(
                    uid: uid, sha256: sha256, size: size, offset: offset, chunk: chunk, at: now)
            } catch let error as StoreError where error.code == .uploadMismatch {
                throw WorkflowError(
                    .uploadMismatch,
                    LocalizedText(zh: "上传的分段与已收到的内容不衔接：\(error.message)", en: error.message),
                    ["reason": .string("offset"), "expected": .int(offset)])
            }
            guard received == size else { return UploadProgress(received: received, complete: false) }
            let data = try tx.takeUpload(uid: uid, sha256: sha256) ?? Data()
            guard AuditChain.sha256(data) == sha256 else {
                throw WorkflowError(
                    .uploadMismatch,
                    LocalizedText(zh: "收到的内容与声明的 SHA-256 不符，请重新上传", en: "the bytes do not hash to the SHA-256 given"),
                    ["reason": .string("hash"), "expected": .int(size)])
            }
            guard let type = AttachmentType.detect(data) else {
                throw WorkflowError(
                    .attachmentRefused,
                    LocalizedText(
                        zh: "附件类型不受理：只接受 \(AttachmentType.accepted)（按文件内容判断）",
                        en:
                            "this kind of file is not accepted: only PDF, JPEG, PNG, OFD, DOCX and XLSX (judged by content)"
                    ),
                    ["reason": .string("type"), "kinds": .list(AttachmentType.allCases.map(\.rawValue))])
            }
            _ = try tx.putAttachment(data, mediaType: type.mediaType, at: now)
            return UploadProgress(received: size, complete: true, mediaType: type.mediaType)
        }
    }

    /// Attaches uploaded files to a request the caller may see (also a finished one), with an optional comment.
    public func attach(
        id: String, attachments: [AttachmentInput], comment: String?, caller: Caller
    ) async throws -> CommandResult {
        guard !attachments.isEmpty else {
            throw WorkflowError(
                .noSuchAttachment, LocalizedText(zh: "未指定附件", en: "no file given"), ["sha256": .string("")])
        }
        return try await command(
            id: id, expectedVersion: nil, idempotent: nil, caller: caller, attachments: attachments
        ) { _ in .attach(comment: comment) }
    }

    /// Every attachment of a request the caller may see, in the order attached.
    public func attachments(id: String, caller: Caller) throws -> [AttachmentRecord] {
        try get(id: id, caller: caller).history.flatMap { stored in
            AttachmentRef.recorded(in: stored.event).map {
                AttachmentRecord(attachment: $0, at: stored.event.at, by: stored.event.actor.user)
            }
        }
    }

    /// Up to `length` bytes from `offset` of an attachment of a request the caller may see, named by its hash or
    /// its file name (the latest of that name).
    public func attachmentChunk(
        id: String, attachment key: String, offset: Int, length: Int?, caller: Caller
    ) throws -> (data: Data, record: AttachmentRecord) {
        let records = try attachments(id: id, caller: caller)
        guard
            let record = records.last(where: { $0.attachment.sha256 == key.lowercased() || $0.attachment.name == key })
        else {
            throw WorkflowError(
                .noSuchAttachment,
                LocalizedText(zh: "申请 \(id) 没有附件「\(key)」", en: "request \(id) has no attachment '\(key)'"),
                ["id": .string(id), "sha256": .string(key)])
        }
        let length = min(max(1, length ?? Self.attachmentChunkBytes), Self.attachmentChunkBytes)
        let data = try read { tx in
            try tx.attachmentChunk(record.attachment.sha256, offset: max(0, offset), length: length)
        }
        return (data ?? Data(), record)
    }

    /// The references of files a command names: each uploaded (stored), each name a plain one-line file name.
    static func resolveAttachments(_ inputs: [AttachmentInput], tx: any StoreReader) throws -> [AttachmentRef] {
        try inputs.map { input in
            let sha = input.sha256.lowercased()
            guard let info = try tx.attachmentInfo(sha) else {
                throw WorkflowError(
                    .noSuchAttachment,
                    LocalizedText(
                        zh: "附件「\(input.name)」尚未上传（\(sha.prefix(12))…）",
                        en: "'\(input.name)' has not been uploaded (\(sha.prefix(12))…)"),
                    ["id": .string(""), "sha256": .string(sha)])
            }
            switch AttachmentRef.checkedName(input.name) {
            case .success(let name):
                return AttachmentRef(name: name, sha256: sha, size: info.size, mediaType: info.mediaType)
            case .failure(let problem):
                throw problem.error(
                    .invalidText, field: "attachments", label: LocalizedText(zh: "附件名称", en: "file name"),
                    parameterKey: "parameter")
            }
        }
    }

    static func tooLarge(size: Int, limit: Int) -> WorkflowError {
        WorkflowError(
            .attachmentTooLarge,
            LocalizedText(
                zh: "附件过大：\(size) 字节，上限 \(limit) 字节", en: "the file has \(size) bytes; the limit is \(limit)"),
            ["size": .int(size), "limit": .int(limit)])
    }
}
