import ArgumentParser
import Foundation
import StreetFlowClient
import StreetFlowProtocol

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "审计链 / The audit chain.", subcommands: [Verify.self, TakeCheckpoint.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "校验哈希链、每件申请的当前记录及库外检查点（不通过：退出码 1）/ Check the hash chain, every request's record and the checkpoints kept outside the database (exit 1 when not intact)."
        )

        @OptionGroup var global: GlobalOptions

        @Option(
            name: .customLong("checkpoint"),
            help:
                "保存的检查点文件（streetflow audit checkpoint 的输出），可多次 / A checkpoint file kept from `streetflow audit checkpoint` (repeatable)."
        )
        var checkpointFiles: [String] = []

        @Flag(
            help:
                "同时与系统日志中记录的链头比对（需能读取 journal）/ Also compare with the chain heads recorded in the journal (needs read access to it)."
        )
        var journal = false

        func run() async throws {
            let console = global.console
            var kept: [Admin.ChainCheckpoint] = []
            for file in checkpointFiles {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw CLIFailure(
                        message: console.say("无法读取检查点文件 \(file)", "cannot read the checkpoint file \(file)"),
                        status: ExitStatus.noInput)
                }
                let found = AuditCheckpoints.parse(text, source: (file as NSString).lastPathComponent)
                if found.isEmpty {
                    throw CLIFailure(
                        message: console.say(
                            "\(file) 中没有检查点（以 streetflow-checkpoint 开头的行）",
                            "\(file) holds no checkpoint (a line starting with streetflow-checkpoint)"),
                        status: ExitStatus.dataError)
                }
                kept += found
            }
            if journal {
                let heads = AuditCheckpoints.fromJournal()
                if heads.isEmpty {
                    printError(
                        console.say(
                            "系统日志中没有找到 streetflowd 记录的链头（无权读取 journal？可用 sudo 或加入 systemd-journal 组）",
                            "no chain heads of streetflowd found in the journal (no read access? use sudo or join the systemd-journal group)"
                        ))
                }
                kept += heads
            }
            let ok = try await global.withClient { client in
                let report = try await client.admin.verifyAudit(checkpoints: kept.isEmpty ? nil : kept)
                if console.json {
                    console.printJSON(report.varlinkJSON)
                } else if report.ok {
                    print(
                        console.say(
                            "审计完好：已校验 \(report.checked) 个事件、\(report.projectionsChecked) 件申请的当前记录、\(report.checkpointsChecked) 个库外检查点；链头 #\(report.headSequence) \(report.headHash)",
                            "The audit is intact: \(report.checked) events, \(report.projectionsChecked) requests' records and \(report.checkpointsChecked) checkpoints kept outside the database checked; head #\(report.headSequence) \(report.headHash)"
                        ))
                } else {
                    let problem = console.say(report.problemZh ?? report.problem ?? "", report.problem ?? "")
                    let at = [
                        report.firstBroken.map { console.say("第 \($0) 个事件", "event \($0)") },
                        report.brokenInstance.map { console.say("申请 \($0)", "request \($0)") },
                    ].compactMap { $0 }.joined(separator: console.say("，", ", "))
                    print(
                        console.styled(
                            console.say("审计校验失败", "Audit verification failed")
                                + (at.isEmpty ? "" : console.say("（\(at)）", " (\(at))")) + console.say("：", ": ")
                                + problem, .red))
                    print(
                        console.say(
                            "请保留 /var/lib/streetflow、备份和系统日志的副本，并与打印保存的检查点核对",
                            "keep copies of /var/lib/streetflow, the backups and the journal, and compare with the printed checkpoints"
                        ))
                }
                return report.ok
            }
            if !ok { throw ExitCode(ExitStatus.failure) }
        }
    }

    struct TakeCheckpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract:
                "记下当前链头（存于库外并写入系统日志），打印保存，日后用 audit verify --checkpoint 核对 / Write the chain head down outside the database and print it to keep; check it later with audit verify --checkpoint."
        )

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            try await global.withClient { client in
                let reply = try await client.admin.takeCheckpoint()
                if console.json {
                    console.printJSON(reply.varlinkJSON)
                    return
                }
                print(console.say("StreetFlow 审计链检查点", "StreetFlow audit chain checkpoint"))
                print(console.say("事件序号：\(reply.checkpoint.sequence)", "Event: \(reply.checkpoint.sequence)"))
                print(console.say("链头哈希：\(reply.checkpoint.hash)", "Head hash: \(reply.checkpoint.hash)"))
                print(console.say("记录时间：\(reply.checkpoint.at)", "Taken at: \(reply.checkpoint.at)"))
                print(
                    console.say(
                        "请打印或另存本页；核对：streetflow audit verify --checkpoint 本文件",
                        "Print or keep this page; check with: streetflow audit verify --checkpoint THIS-FILE"))
                print(reply.line)
            }
        }
    }
}

/// Checkpoints the administrator kept: printed `streetflow-checkpoint` lines, and the heads in the journal.
enum AuditCheckpoints {
    /// The journal MESSAGE_IDs whose entries carry STREETFLOW_CHAIN_HEAD and STREETFLOW_CHAIN_SEQUENCE: the chain
    /// head at start, checkpoints, start and stop (Deploy/message-ids.txt: chain-head, started, stopping).
    static let messageIDs = [
        "b528613e6a3d410892eb2ddde42b5150", "849fc5e6bff145918c1ae83d2a3294f8", "24f1d7392a054817b84464514701b00b",
    ]

    /// `streetflow-checkpoint SEQUENCE HASH TIME [SOURCE]` lines; other lines are skipped.
    static func parse(_ text: String, source: String) -> [Admin.ChainCheckpoint] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count >= 4, parts[0] == "streetflow-checkpoint", let sequence = Int(parts[1]),
                parts[2].count == 64, parts[2].allSatisfy(\.isHexDigit)
            else { return nil }
            return Admin.ChainCheckpoint(
                sequence: sequence, hash: String(parts[2]), at: String(parts[3]), source: source)
        }
    }

    /// The chain heads streetflowd logged to the journal (empty when journalctl is missing or may not read it).
    static func fromJournal() -> [Admin.ChainCheckpoint] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
        process.arguments = ["--no-pager", "-q", "-o", "json"] + messageIDs.map { "MESSAGE_ID=\($0)" }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let hash = entry["STREETFLOW_CHAIN_HEAD"] as? String, hash.count == 64,
                let sequence = (entry["STREETFLOW_CHAIN_SEQUENCE"] as? String).flatMap(Int.init),
                let micros = (entry["__REALTIME_TIMESTAMP"] as? String).flatMap(Double.init)
            else { return nil }
            return Admin.ChainCheckpoint(
                sequence: sequence, hash: hash,
                at: Date(timeIntervalSince1970: micros / 1_000_000).ISO8601Format(), source: "journal")
        }
    }
}
