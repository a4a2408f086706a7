import Dispatch
import Glibc

/// Runs a program with posix_spawn, placing given descriptors at given numbers (3, 4, ...).
///
/// Foundation's `Process` closes every descriptor above 2 in the child, which socket-activation
/// tests need to pass; hence this small helper. stdout and stderr go to temporary files, so a
/// chatty child cannot block on a full pipe.
enum ChildProcess {
    /// What a finished child left: its exit status (128+N if killed by signal N) and output.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments` (looked up in PATH) with exactly `environment`, killing it after `timeout` seconds.
    static func run(
        _ arguments: [String],
        environment: [String: String],
        descriptors: [(source: Int32, target: Int32)] = [],
        timeout: Int = 120
    ) async throws -> Result {
        var template = Array("/tmp/streetflow-child.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestFailure("mkdtemp: errno \(errno)") }
        let directory = String(cString: made)
        defer {
            unlink(directory + "/stdout")
            unlink(directory + "/stderr")
            rmdir(directory)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, directory + "/stdout", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, directory + "/stderr", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Copy the sources above every target first: dup2 onto a number another source still
        // uses would clobber it, and dup2 of a descriptor onto itself keeps close-on-exec set.
        let copies = descriptors.map { (copy: fcntl($0.source, F_DUPFD_CLOEXEC, 100), target: $0.target) }
        defer { copies.forEach { close($0.copy) } }
        for (copy, target) in copies {
            guard copy >= 0 else { throw TestFailure("fcntl F_DUPFD_CLOEXEC: errno \(errno)") }
            posix_spawn_file_actions_adddup2(&actions, copy, target)
        }

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        guard spawned == 0 else { throw TestFailure("posix_spawnp \(arguments[0]): errno \(spawned)") }
        let child = pid

        let status = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            // waitpid blocks: keep it off the cooperative pool, where the other tests run.
            DispatchQueue.global().async {
                let deadline = DispatchTime.now() + .seconds(timeout)
                var status: Int32 = 0
                while true {
                    let result = waitpid(child, &status, WNOHANG)
                    if result == child || (result < 0 && errno != EINTR) { break }
                    if DispatchTime.now() > deadline {
                        kill(child, SIGKILL)  // our own child, by pid
                        waitpid(child, &status, 0)
                        break
                    }
                    usleep(20_000)
                }
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xff : 128 + signal)
            }
        }
        return Result(
            status: status,
            stdout: try readFile(directory + "/stdout"),
            stderr: try readFile(directory + "/stderr")
        )
    }

    /// The path of the running test binary, to re-run it as a child.
    static func currentExecutable() throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { throw TestFailure("readlink /proc/self/exe: errno \(errno)") }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The environment of this process as a dictionary.
    static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

/// The whole content of a file as UTF-8 text.
func readFile(_ path: String) throws -> String {
    guard let file = fopen(path, "r") else { throw TestFailure("fopen \(path): errno \(errno)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// The root of this repository (two folders above this test target's sources).
func repositoryRoot() -> String {
    var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    // .../Tests/SystemdTests/Support/ChildProcess.swift
    components.removeLast(4)
    return components.joined(separator: "/")
}
