import Foundation
import Glibc
import Synchronization

/// Where the package under test keeps what the daemon tests run.
///
/// The daemon binary is taken from `.build/debug/`: `.ci/run` runs `swift build` before `swift test` (and
/// `swift build --build-tests` builds it too), so it is the one built from this tree.
enum PackagePaths {
    /// The package root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, StreetFlowServiceTests, Tests, file
        return url.path
    }()
    /// The daemon built from this tree, or the one in `STREETFLOW_BIN` (the sanitizer runs point it at theirs).
    static var daemon: String {
        (ProcessInfo.processInfo.environment["STREETFLOW_BIN"] ?? root + "/.build/debug") + "/streetflowd"
    }
    static var client: String { root + "/Tests/daemon/sfclient.py" }
    static var workflows: String { root + "/Workflows" }
    static var seeds: String { root + "/seeds" }
    static var messageIDs: String { root + "/Deploy/message-ids.txt" }
    static var withJournald: String { root + "/Tests/lab/with-journald.sh" }
}

/// Whether the tests run as root (users, journald and namespaces need it).
let runningAsRoot = getuid() == 0

/// A failure in the test plumbing, not in the code under test.
struct TestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A fresh directory under /tmp (short: socket paths must stay under 108 bytes), removed with its contents.
final class TemporaryDirectory: Sendable {
    let path: String

    init(mode: mode_t = 0o755) throws {
        var template = Array("/tmp/sft.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestFailure("mkdtemp: errno \(errno)") }
        path = String(cString: made)
        chmod(path, mode)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(
    timeout: Duration = .seconds(10), every interval: Duration = .milliseconds(20), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}

/// The name of the user running the tests.
func currentUserName() -> String {
    guard let entry = getpwuid(getuid()) else { return "uid:\(getuid())" }
    return String(cString: entry.pointee.pw_name)
}

/// The environment of a child: the test's own, without anything systemd may have given the test runner.
func childEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    for key in environment.keys
    where key.hasPrefix("LISTEN_") || key.hasPrefix("WATCHDOG_") || key == "NOTIFY_SOCKET"
        || key.hasPrefix("STREETFLOW_")
        || key == "STATE_DIRECTORY"
    {
        environment[key] = nil
    }
    environment.merge(extra) { _, new in new }
    return environment
}

/// A child process whose stdout and stderr go to files (a chatty child cannot block on a full pipe).
final class Child: @unchecked Sendable {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    /// Starts `executable` with `arguments`; output files are created in `directory`.
    init(
        _ executable: String, _ arguments: [String], environment: [String: String] = childEnvironment(),
        directory: TemporaryDirectory, name: String
    ) throws {
        stdoutPath = directory.file("\(name).out")
        stderrPath = directory.file("\(name).err")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }

    func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits for the exit; nil on timeout. A child killed by a signal reports 128 + the signal.
    func waitForExit(timeout: Duration) async -> Int32? {
        guard await eventually(timeout: timeout, every: .milliseconds(10), { !process.isRunning }) else { return nil }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Kills the child if it still runs (cleanup after a failed test).
    func stop() async {
        guard process.isRunning else { return }
        signal(SIGKILL)
        _ = await waitForExit(timeout: .seconds(5))
    }
}

/// What a finished command left.
struct CommandOutput: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout as one JSON object per line.
    func jsonLines() throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw TestFailure("not a JSON object: \(line)")
            }
            return object
        }
    }

    /// The only (or last) JSON line of stdout.
    func json() throws -> [String: Any] {
        guard let last = try jsonLines().last else { throw TestFailure("no output; stderr: \(stderr)") }
        return last
    }
}

/// Runs a command to completion (killed after `timeout`).
func runCommand(
    _ executable: String, _ arguments: [String], environment: [String: String] = childEnvironment(),
    timeout: Duration = .seconds(60)
) async throws -> CommandOutput {
    let directory = try TemporaryDirectory(mode: 0o700)
    let child = try Child(executable, arguments, environment: environment, directory: directory, name: "cmd")
    guard let status = await child.waitForExit(timeout: timeout) else {
        await child.stop()
        throw TestFailure("timed out: \(executable) \(arguments); stderr: \(child.stderr)")
    }
    return CommandOutput(status: status, stdout: child.stdout, stderr: child.stderr)
}

/// Counts, across concurrent tasks.
final class Counter: Sendable {
    private let count = Mutex(0)

    func next() -> Int {
        count.withLock {
            $0 += 1
            return $0
        }
    }

    var value: Int { count.withLock { $0 } }
}
