import Crypto
import Foundation
import GRDB
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// 附件: files arrive in chunks, are checked by hash and by content, stored under their SHA-256 whose value the
/// attaching event carries (so the audit chain), and are read back in chunks by whoever may see the request.
struct AttachmentTests {
    typealias F = EngineFixture

    static func sha(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    /// A scanned letter: a PDF of `size` bytes.
    static func pdf(_ size: Int) -> Data {
        var data = Data("%PDF-1.4\n".utf8)
        data.append(Data((0..<(size - data.count)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }))
        return data
    }

    /// Uploads `data` in 512 KiB chunks as `caller`; returns the last progress.
    static func upload(_ engine: StreetFlowEngine, _ data: Data, by caller: Caller) async throws -> UploadProgress {
        let sha = sha(data)
        var offset = 0
        var progress = UploadProgress(received: 0, complete: false)
        while !progress.complete {
            let chunk = data.subdata(in: offset..<min(data.count, offset + 512 * 1024))
            progress = try await engine.upload(
                sha256: sha, size: data.count, offset: offset, chunk: chunk, caller: caller)
            offset = progress.received
        }
        return progress
    }

    @Test func aScannedLetterAttachesAndDownloadsByteIdentical() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, clock: ManualClock(F.morning("2020-06-01")))
            let letter = Self.pdf(3 << 20)
            let progress = try await Self.upload(engine, letter, by: F.health)
            #expect(progress == UploadProgress(received: letter.count, complete: true, mediaType: "application/pdf"))
            let submitted = try await engine.submit(
                workflow: "plaque-admission", subject: F.plaqueSubject(), comment: nil, idempotencyKey: nil,
                caller: F.health, attachments: [AttachmentInput(name: "申请函.pdf", sha256: Self.sha(letter))])
            let id = submitted.instance.id
            // The hash is in the submitting event (so in the chain) and the projection lists the file.
            let first = try #require(submitted.events.first?.event)
            #expect(AttachmentRef.recorded(in: first).map(\.sha256) == [Self.sha(letter)])
            #expect(submitted.instance.attachments.map(\.name) == ["申请函.pdf"])
            #expect(submitted.instance.subject[AttachmentRef.field] == nil)

            // Read back in chunks by the office: byte-identical.
            var back = Data()
            while back.count < letter.count {
                let (chunk, record) = try await engine.attachmentChunk(
                    id: id, attachment: "申请函.pdf", offset: back.count, length: nil, caller: F.officeA)
                #expect(record.attachment.size == letter.count)
                #expect(chunk.count <= StreetFlowEngine.attachmentChunkBytes)
                back.append(chunk)
            }
            #expect(back == letter)

            // A later file by the committee, after a decision: attachments accumulate.
            let photo = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 100)
            _ = try await Self.upload(engine, photo, by: F.lantian2)
            let attached = try await engine.attach(
                id: id, attachments: [AttachmentInput(name: "现场照片.png", sha256: Self.sha(photo))], comment: "现场",
                caller: F.lantian2)
            #expect(attached.events.map(\.event.kind) == [.attached])
            let records = try await engine.attachments(id: id, caller: F.officeA)
            #expect(records.map(\.attachment.name) == ["申请函.pdf", "现场照片.png"])
            #expect(records.map(\.by) == ["health-li", "cmte-lantian2"])
            #expect(records[1].attachment.mediaType == "image/png")

            // Same visibility as the request: another department sees neither.
            #expect(
                await F.errorCode {
                    try await engine.attachmentChunk(
                        id: id, attachment: "申请函.pdf", offset: 0, length: nil, caller: F.civil)
                } == "NoSuchInstance")
            #expect(try await engine.verifyAudit().ok)
        }
    }

    @Test func uploadsAreCheckedByOrderHashKindAndSize() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(
                in: dir, clock: ManualClock(F.morning("2020-06-01")),
                options: EngineOptions(maxAttachmentBytes: 1 << 20))
            let letter = Self.pdf(600 * 1024)
            let sha = Self.sha(letter)
            // A chunk that does not continue what was received.
            _ = try await engine.upload(
                sha256: sha, size: letter.count, offset: 0, chunk: letter.prefix(1000), caller: F.health)
            #expect(
                await F.errorCode {
                    try await engine.upload(
                        sha256: sha, size: letter.count, offset: 5000, chunk: letter.prefix(10), caller: F.health)
                } == "UploadMismatch")
            // Bytes that do not hash as announced are refused, and nothing is stored.
            let wrong = letter.prefix(letter.count - 1) + Data([~letter[letter.count - 1]])
            let other = Self.sha(Data(repeating: 1, count: 10))
            let mismatch = await F.errorCode {
                try await engine.upload(
                    sha256: other, size: wrong.count, offset: 0, chunk: wrong, caller: F.civil)
            }
            #expect(mismatch == "UploadMismatch")
            // Not a kind the office files (judged by content, whatever the name).
            let exe = Data("MZ".utf8) + Data(repeating: 0, count: 100)
            #expect(await F.errorCode { try await Self.upload(engine, exe, by: F.health) } == "AttachmentRefused")
            // Over the limit, refused before any byte is kept.
            #expect(
                await F.errorCode {
                    try await engine.upload(
                        sha256: sha, size: 2 << 20, offset: 0, chunk: Data(), caller: F.health)
                } == "AttachmentTooLarge")
            // A file never uploaded cannot be named; a name with a control character is refused by name.
            #expect(
                await F.errorCode {
                    try await engine.submit(
                        workflow: "plaque-admission", subject: F.plaqueSubject(), comment: nil, idempotencyKey: nil,
                        caller: F.health, attachments: [AttachmentInput(name: "x.pdf", sha256: sha)])
                } == "NoSuchAttachment")
            let docx = Data([0x50, 0x4B, 0x03, 0x04]) + Data("....word/document.xml....".utf8)
            _ = try await Self.upload(engine, docx, by: F.health)
            #expect(
                await F.errorCode {
                    try await engine.submit(
                        workflow: "plaque-admission", subject: F.plaqueSubject(), comment: nil, idempotencyKey: nil,
                        caller: F.health,
                        attachments: [AttachmentInput(name: "a\u{1B}[2J.docx", sha256: Self.sha(docx))])
                } == "InvalidText")
            // Nothing was submitted by the refused commands.
            #expect(try await engine.list(InstanceFilter(), caller: F.officeA).instances.isEmpty)
        }
    }

    /// Replaces an attachment's stored bytes, as someone with the file could.
    static func forge(_ path: String, sha: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.inDatabase { db in
            try db.execute(
                sql: "UPDATE attachments SET data = ? WHERE sha256 = ?", arguments: [Data("%PDF-forged".utf8), sha])
        }
        try queue.close()
    }

    @Test func auditVerifyRehashesStoredBytes() async throws {
        try await F.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sf.sqlite").path
            let engine = try await F.engine(
                in: dir, store: try SQLiteStore(path: path), clock: ManualClock(F.morning("2020-06-01")))
            let letter = Self.pdf(4096)
            _ = try await Self.upload(engine, letter, by: F.health)
            _ = try await engine.submit(
                workflow: "plaque-admission", subject: F.plaqueSubject(), comment: nil, idempotencyKey: nil,
                caller: F.health, attachments: [AttachmentInput(name: "申请函.pdf", sha256: Self.sha(letter))])
            #expect(try await engine.verifyAudit().ok)
            // Someone swaps the stored bytes behind the daemon's back.
            try Self.forge(path, sha: Self.sha(letter))
            let report = try await engine.verifyAudit()
            #expect(!report.ok)
            #expect(report.problem?.contains(Self.sha(letter)) == true)
        }
    }
}
