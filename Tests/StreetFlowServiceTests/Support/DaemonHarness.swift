import Foundation
import Glibc
import Varlink

/// A streetflowd config for one test: its own socket, state and (optionally copied) workflows in a temp dir.
struct DaemonSetup {
    let directory: TemporaryDirectory
    var socket: String
    var state: String
    var workflows = PackagePaths.workflows
    var seeds = PackagePaths.seeds
    var socketMode = "0666"
    var separationOfDuties = false
    /// The `roles:`, `departments:` and `committees:` YAML; by default the current user holds every role.
    var roleYAML: String
    /// The `store:` section; empty keeps the embedded SQLite in `state`.
    var storeYAML = ""

    init() throws {
        directory = try TemporaryDirectory()
        socket = directory.file("s.sock")
        state = directory.file("state")
        let me = currentUserName()
        roleYAML = """
            roles: {office: {users: [\(me)]}, street: {users: [\(me)]}, admin: {users: [\(me)]}}
            departments: {health: {label: 卫生健康办, users: [\(me)]}}
            committees: {蓝天二村: {users: [\(me)]}}
            """
    }

    var configPath: String { directory.file("streetflow.yaml") }

    /// Writes the config file and returns its path.
    @discardableResult
    func writeConfig() throws -> String {
        let text = """
            socket: \(socket)
            socketMode: "\(socketMode)"
            socketGroup: null
            stateDirectory: \(state)
            workflowsDirectory: \(workflows)
            seedsDirectory: \(seeds)
            separationOfDuties: \(separationOfDuties)
            logLevel: info
            \(roleYAML)
            \(storeYAML)

            """
        try directory.write("streetflow.yaml", text)
        return configPath
    }

    /// Copies the shipped workflows into the temp dir (to edit them under a running daemon).
    mutating func copyWorkflows() throws {
        let copy = directory.file("workflows")
        try FileManager.default.copyItem(atPath: PackagePaths.workflows, toPath: copy)
        workflows = copy
    }
}

/// A running streetflowd.
final class Daemon: Sendable {
    let child: Child
    let socket: String

    /// Starts the daemon on `setup` (config written first). `watchdogPID` runs it through
    /// `sh -c 'WATCHDOG_PID=$$ exec ...'` so WATCHDOG_PID is the daemon's own pid.
    init(
        _ setup: DaemonSetup, environment: [String: String] = [:], watchdogPID: Bool = false,
        logTarget: String = "stderr", name: String = "daemon", user: (user: String, group: String)? = nil,
        extraArguments: [String] = []
    ) throws {
        let config = try setup.writeConfig()
        let arguments = ["--config", config, "--log-target", logTarget] + extraArguments
        let environment = childEnvironment(environment)
        if let user {
            // As another user (the packaged daemon runs as streetflow): setpriv keeps the pid the daemon's own.
            child = try Child(
                "/usr/bin/setpriv",
                ["--reuid=\(user.user)", "--regid=\(user.group)", "--init-groups", PackagePaths.daemon] + arguments,
                environment: environment, directory: setup.directory, name: name)
        } else if watchdogPID {
            child = try Child(
                "/bin/sh", ["-c", #"WATCHDOG_PID=$$ exec "$0" "$@""#, PackagePaths.daemon] + arguments,
                environment: environment, directory: setup.directory, name: name)
        } else {
            child = try Child(
                PackagePaths.daemon, arguments, environment: environment, directory: setup.directory, name: name)
        }
        socket = setup.socket
    }

    var pid: Int32 { child.pid }
    var log: String { child.stderr }

    /// Waits until the socket accepts connections (or the daemon dies).
    func waitUntilListening(timeout: Duration = .seconds(15)) async throws {
        let ok = await eventually(timeout: timeout) {
            guard child.isRunning else { return true }
            return canConnect(socket)
        }
        guard ok, child.isRunning else {
            throw TestFailure("streetflowd did not start listening on \(socket); log:\n\(log)")
        }
    }

    /// A Varlink connection to the daemon.
    func connect() async throws -> VarlinkClient {
        try await VarlinkClient.connect(path: socket)
    }

    /// SIGKILLs the daemon if it still runs.
    func stop() async { await child.stop() }
}

/// Whether a stream connection to the Unix socket at `path` succeeds.
func canConnect(_ path: String) -> Bool {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8) + [0]
    guard bytes.count <= MemoryLayout.size(ofValue: address.sun_path) else { return false }
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
        }
    }
}

/// A plaque admission subject for a committee.
func plaqueSubject(_ committee: String = "蓝天二村", text: String = "卫生健康服务点") -> JSONValue {
    ["committee": .string(committee), "text": .string(text), "placement": "inside", "reason": "便民服务"]
}

extension VarlinkClient {
    /// Calls `org.streetflow.Workflow.<method>`.
    func workflow(_ method: String, _ parameters: [String: JSONValue] = [:]) async throws -> [String: JSONValue] {
        try await call(method: "org.streetflow.Workflow.\(method)", parameters: parameters)
    }

    /// Submits a plaque admission and returns the new instance.
    func submitPlaque(_ committee: String = "蓝天二村", text: String = "卫生健康服务点") async throws -> [String: JSONValue] {
        let reply = try await workflow(
            "Submit", ["workflow": "plaque-admission", "subject": plaqueSubject(committee, text: text)])
        guard let instance = reply["instance"]?.objectValue else { throw TestFailure("no instance in \(reply)") }
        return instance
    }
}

/// Runs the Python `varlink` helper (Tests/daemon/sfclient.py), as root or as another user.
enum PythonClient {
    /// Runs `sfclient.py ARGUMENTS` with the `python3` on PATH (which has the varlink package).
    static func run(_ arguments: [String], timeout: Duration = .seconds(30)) async throws -> CommandOutput {
        try await runCommand("/usr/bin/env", ["python3", PackagePaths.client] + arguments, timeout: timeout)
    }

    /// Whether `python3 -c 'import varlink'` works.
    static func available() async -> Bool {
        (try? await runCommand("/usr/bin/env", ["python3", "-c", "import varlink"]).status) == 0
    }

    /// The directory holding the varlink package, for users who cannot read root's Python.
    static func packageDirectory() async throws -> String {
        let output = try await runCommand(
            "/usr/bin/env",
            ["python3", "-c", "import os, varlink; print(os.path.dirname(os.path.dirname(varlink.__file__)))"])
        guard output.status == 0 else { throw TestFailure("python3 has no varlink package: \(output.stderr)") }
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
