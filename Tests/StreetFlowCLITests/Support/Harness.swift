import Foundation
import Testing

/// Paths of the package and its built binaries (tests cannot depend on executables; `.ci/run` builds first).
enum Paths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binaries: URL {
        if let override = ProcessInfo.processInfo.environment["STREETFLOW_BIN"] {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.appendingPathComponent(".build/debug")
    }

    static var cli: String { binaries.appendingPathComponent("streetflow").path }
    static var daemon: String { binaries.appendingPathComponent("streetflowd").path }
}

/// What a finished process left behind.
struct Outcome: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs a process to completion and collects its output.
func runProcess(
    _ executable: String,
    _ arguments: [String],
    directory: URL,
    environment: [String: String]
) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes concurrently so a full pipe never blocks the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Outcome(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// A `streetflowd` started for one test in its own temporary directory, stopped by ``stop()``.
final class DaemonFixture: @unchecked Sendable {
    let directory: URL
    let socket: String
    private let process: Process
    private let log: URL

    /// `--dev` in a fresh directory holding links to the repo's Workflows and seeds, unless `arguments` are given.
    init(
        prepare: (URL) throws -> Void = { _ in },
        daemonArguments: ((URL) -> [String])? = nil,
        socketPath: ((URL) -> String)? = nil
    ) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sf-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        for name in ["Workflows", "seeds"] {
            try FileManager.default.createSymbolicLink(
                at: directory.appendingPathComponent(name),
                withDestinationURL: Paths.packageRoot.appendingPathComponent(name))
        }
        try prepare(directory)
        socket = socketPath?(directory) ?? directory.appendingPathComponent(".streetflow/io.streetflow.sock").path
        log = directory.appendingPathComponent("streetflowd.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.daemon)
        process.arguments = daemonArguments?(directory) ?? ["--dev", "--log-target", "stderr"]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NOTIFY_SOCKET")
        environment.removeValue(forKey: "LISTEN_FDS")
        environment.removeValue(forKey: "LISTEN_PID")
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: socket) {
            guard process.isRunning, Date() < deadline else {
                stop()
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw FixtureError(message: "streetflowd did not start:\n\(text)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        // The socket file appears at bind; the daemon is ready right after listen.
        Thread.sleep(forTimeInterval: 0.1)
    }

    /// Submits the department's usual plaque (社区卫生服务点 at 蓝天二村) through the CLI; returns its id.
    func submitPlaque() throws -> String {
        let submitted = try cli([
            "submit", "标识挂牌准入", "--居委会", "蓝天二村", "--标牌名称", "社区卫生服务点", "--拟挂位置", "居委会内部", "--申请理由", "便民服务",
            "--json",
        ])
        let reply = try JSONSerialization.jsonObject(with: Data(submitted.stdout.utf8)) as? [String: Any]
        guard let id = (reply?["instance"] as? [String: Any])?["id"] as? String else {
            throw FixtureError(message: "submit failed: \(submitted)")
        }
        return id
    }

    /// Runs `streetflow` in the fixture's directory (so it finds `./.streetflow/io.streetflow.sock`).
    func cli(
        _ arguments: [String], lang: String = "zh_CN.UTF-8", environment extra: [String: String] = [:]
    ) throws
        -> Outcome
    {
        var environment = ["PATH": "/usr/bin:/bin", "LANG": lang, "NO_COLOR": "1", "TZ": "Asia/Shanghai"]
        environment.merge(extra) { _, new in new }
        return try runProcess(Paths.cli, arguments, directory: directory, environment: environment)
    }

    /// Stops the daemon and removes the directory.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Display width as a terminal counts it (CJK wide = 2), written independently of the CLI's implementation.
func terminalWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
        let v = scalar.value
        let wide =
            (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
        return width + (wide ? 2 : 1)
    }
}

/// The request id printed by `submit` ("已提交 PA-…" / "Submitted PA-…").
func submittedID(_ outcome: Outcome) -> String? {
    outcome.stdout.split(separator: "\n").first?.split(separator: " ").last.map(String.init)
}

/// Parses JSON text into a dictionary.
func jsonObject(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any])
}

/// Runs blocking work (processes waited for, seconds long) on a thread of its own, not on one of the two threads
/// of Swift's cooperative pool: two such tests at once would starve every async test of the process (a watchdog
/// test waiting for 60 ms pings failed that way).
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
