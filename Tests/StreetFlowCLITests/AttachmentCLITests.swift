import Foundation
import Testing

/// 附件 from the command line against a running daemon: a department attaches its scanned letter when it applies,
/// the office lists and downloads it byte-identical, and files that are not documents are refused by name.
struct AttachmentCLITests {
    @Test func aThreeMegabyteScannedLetterAttachesAndDownloadsByteIdentical() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        var letter = Data("%PDF-1.7\n".utf8)
        letter.append(Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }))
        let file = daemon.directory.appendingPathComponent("申请函.pdf")
        try letter.write(to: file)
        let submitted = try daemon.cli([
            "submit", "标识挂牌准入", "--居委会", "蓝天二村", "--标牌名称", "社区卫生服务点", "--拟挂位置", "居委会内部", "--申请理由", "便民服务",
            "--attach", file.path, "--json",
        ])
        #expect(submitted.status == 0, "\(submitted)")
        let reply = try JSONSerialization.jsonObject(with: Data(submitted.stdout.utf8)) as? [String: Any]
        let id = try #require((reply?["instance"] as? [String: Any])?["id"] as? String)

        let listed = try daemon.cli(["attachments", id])
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.stdout.contains("申请函.pdf") && listed.stdout.contains("3.0 MB"), "\(listed)")
        #expect(listed.stdout.contains("PDF"), "\(listed)")

        let shown = try daemon.cli(["show", id])
        #expect(shown.stdout.contains("附件"), "\(shown)")
        #expect(!shown.stdout.contains("attachments"), "\(shown)")

        let target = daemon.directory.appendingPathComponent("下载.pdf")
        let got = try daemon.cli(["attachment", "get", id, "申请函.pdf", "-o", target.path])
        #expect(got.status == 0, "\(got)")
        #expect(got.stdout.contains("SHA-256 已核对"), "\(got)")
        #expect(try Data(contentsOf: target) == letter)

        // A program is not a document: refused by name, nothing attached.
        let program = daemon.directory.appendingPathComponent("说明.pdf")
        try (Data("MZ".utf8) + Data(repeating: 0x90, count: 4096)).write(to: program)
        let refused = try daemon.cli(["attach", id, program.path])
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr.contains("附件类型不受理") && refused.stderr.contains("请另存为受理的格式后重试"), "\(refused)")
        let still = try daemon.cli(["attachments", id, "--json"])
        #expect(!still.stdout.contains("说明.pdf"), "\(still)")

        let audit = try daemon.cli(["audit", "verify"])
        #expect(audit.status == 0, "\(audit)")
    }
}
