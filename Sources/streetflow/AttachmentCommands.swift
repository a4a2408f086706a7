import ArgumentParser
import Crypto
import Foundation
import StreetFlowClient
import StreetFlowProtocol
import Varlink
import WorkflowModel

/// Files to attach: read, hashed and uploaded in chunks (no message over the daemon's size limit), then named
/// by the command that attaches them.
enum Upload {
    /// The bytes one upload chunk carries.
    static let chunkBytes = 512 * 1024

    /// Uploads each file; returns the names to give Submit, Act or Attach.
    static func files(
        _ paths: [String], client: StreetFlowClient, console: Console
    ) async throws -> [Workflow.AttachmentName] {
        var names: [Workflow.AttachmentName] = []
        for path in paths { names.append(try await file(path, client: client, console: console)) }
        return names
    }

    static func file(_ path: String, client: StreetFlowClient, console: Console) async throws -> Workflow.AttachmentName
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure(message: console.say("无法读取文件 \(path)", "cannot read \(path)"), status: ExitStatus.noInput)
        }
        guard !data.isEmpty else {
            throw CLIFailure(message: console.say("文件 \(path) 是空的", "\(path) is empty"), status: ExitStatus.dataError)
        }
        let sha256 = hex(data)
        var offset = 0
        repeat {
            let chunk = data.subdata(in: offset..<min(data.count, offset + chunkBytes))
            let reply = try await client.workflow.putAttachment(
                sha256: sha256, size: data.count, offset: offset, data: chunk.base64EncodedString())
            if reply.stored { break }
            offset = reply.received
        } while offset < data.count
        return Workflow.AttachmentName(fileName: URL(fileURLWithPath: path).lastPathComponent, sha256: sha256)
    }

    /// The SHA-256 of bytes, lower-case hex (as the daemon names attachments).
    static func hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// A table of attachments.
    static func table(_ attachments: [Workflow.Attachment], console: Console) -> String {
        console.table(
            [
                console.say("附件", "File"), console.say("大小", "Size"), console.say("类型", "Type"),
                console.say("添加人", "By"), console.say("时间", "When"), "SHA-256",
            ],
            attachments.map {
                [
                    $0.fileName, Render.size($0.size), kind($0.mediaType), $0.attachedBy,
                    console.localTime($0.attachedAt),
                    $0.sha256,
                ]
            })
    }

    /// The kind of file by its media type (PDF, JPEG, …).
    static func kind(_ mediaType: String) -> String {
        AttachmentType.allCases.first { $0.mediaType == mediaType }?.rawValue.uppercased() ?? mediaType
    }
}

/// `streetflow attach ID FILE…`: adds files to a request.
struct AttachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "为申请添加附件 / Attach files to a request.",
        discussion: """
            附件按内容判断类型，受理 PDF、JPEG、PNG、OFD、DOCX、XLSX；每个文件的 SHA-256 记入办理记录。
            Files are judged by their content (PDF, JPEG, PNG, OFD, DOCX, XLSX); each file's SHA-256 goes into \
            the request's history.
            """)

    @Argument(help: "申请编号 / The request id.", completion: LiveCompletion.ids)
    var id: String

    @Argument(help: "要添加的文件 / The files to attach.", completion: .file())
    var files: [String]

    @Option(help: "附言 / A comment.")
    var comment: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            let names = try await Upload.files(files, client: client, console: console)
            let reply = try await client.workflow.attach(id: id, attachments: names, comment: comment)
            if console.json {
                console.printJSON(reply.varlinkJSON)
                return
            }
            print(
                console.say(
                    "已为 \(id) 添加附件：\(names.map(\.fileName).joined(separator: "、"))",
                    "Attached to \(id): \(names.map(\.fileName).joined(separator: ", "))"))
        }
    }
}

/// `streetflow attachments ID`: the files of a request.
struct AttachmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attachments", abstract: "列出申请的附件 / List a request's attachments.")

    @Argument(help: "申请编号 / The request id.", completion: LiveCompletion.ids)
    var id: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            let reply = try await client.workflow.attachments(id: id)
            if console.json {
                console.printJSON(reply.varlinkJSON)
                return
            }
            guard !reply.attachments.isEmpty else {
                print(console.say("申请 \(id) 没有附件。", "Request \(id) has no attachments."))
                return
            }
            print(Upload.table(reply.attachments, console: console))
        }
    }
}

/// `streetflow attachment get ID NAME -o FILE`.
struct AttachmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attachment", abstract: "下载附件 / Download an attachment.", subcommands: [Get.self])

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "下载申请的一个附件 / Download one attachment of a request.",
            discussion: "按文件名或 SHA-256 指定附件；下载后核对 SHA-256。/ Name it by file name or SHA-256; the download is checked.")

        @Argument(help: "申请编号 / The request id.", completion: LiveCompletion.ids)
        var id: String

        @Argument(help: "附件名称或 SHA-256 / The file name or SHA-256.")
        var name: String

        @Option(name: [.short, .customLong("output")], help: "保存到文件（默认为附件名称）/ Write to this file (default: its name).")
        var output: String?

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            try await global.withClient { client in
                var data = Data()
                var attachment: Workflow.Attachment?
                repeat {
                    let reply = try await client.workflow.getAttachment(
                        id: id, attachment: name, offset: data.count, length: nil)
                    guard let chunk = Data(base64Encoded: reply.data), !chunk.isEmpty else { break }
                    data.append(chunk)
                    attachment = reply.attachment
                } while data.count < (attachment?.size ?? 0)
                guard let attachment,
                    Upload.hex(data) == attachment.sha256
                else {
                    throw CLIFailure(
                        message: console.say("下载的内容与记录的 SHA-256 不符", "the download does not match its SHA-256"),
                        status: ExitStatus.failure)
                }
                let path = output ?? attachment.fileName
                guard FileManager.default.createFile(atPath: path, contents: data) else {
                    throw CLIFailure(
                        message: console.say("无法写入 \(path)", "cannot write \(path)"), status: ExitStatus.failure)
                }
                print(
                    console.say(
                        "已保存 \(path)（\(Render.size(data.count))，SHA-256 已核对）",
                        "Saved \(path) (\(Render.size(data.count)), SHA-256 checked)"))
            }
        }
    }
}
