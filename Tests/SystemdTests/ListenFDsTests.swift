import Glibc
import Systemd
import Testing

/// Socket activation, tested in a child process (this test binary re-run, see `ChildMode`).
///
/// `sd_listen_fds` expects the descriptors at 3, 4, ... and `$LISTEN_PID` equal to the reading
/// process. Placing sockets at 3 and 4 in this process would clobber whatever the test runner
/// keeps there, so the child gets them from posix_spawn, and `sh -c 'LISTEN_PID=$$ exec ...'`
/// sets `$LISTEN_PID` to the child's own pid, as systemd does.
struct ListenFDsTests {
    @Test(.timeLimit(.minutes(2)))
    func readsNamedDescriptorsAndUnsetsTheEnvironment() async throws {
        let varlink = try ListeningSocket()
        let extra = try ListeningSocket()
        let result = try await Self.runChild(
            environment: ["LISTEN_FDS": "2", "LISTEN_FDNAMES": "varlink:extra"],
            setListenPID: true,
            descriptors: [(varlink.fd, 3), (extra.fd, 4)]
        )
        #expect(result["count"] == "2")
        #expect(result["fd=3"] == "name=varlink cloexec=true path=\(varlink.path)")
        #expect(result["fd=4"] == "name=extra cloexec=true path=\(extra.path)")
        #expect(result["varlink"] == "3")
        #expect(result["LISTEN_PID"] == "unset")
        #expect(result["LISTEN_FDS"] == "unset")
        #expect(result["LISTEN_FDNAMES"] == "unset")
    }

    @Test(.timeLimit(.minutes(2)))
    func namesUnnamedDescriptorsUnknown() async throws {
        let socket = try ListeningSocket()
        let result = try await Self.runChild(
            environment: ["LISTEN_FDS": "1"],
            setListenPID: true,
            descriptors: [(socket.fd, 3)]
        )
        #expect(result["count"] == "1")
        #expect(result["fd=3"] == "name=unknown cloexec=true path=\(socket.path)")
        #expect(result["varlink"] == "none")
    }

    @Test(.timeLimit(.minutes(2)))
    func ignoresDescriptorsMeantForAnotherProcess() async throws {
        let socket = try ListeningSocket()
        let result = try await Self.runChild(
            environment: ["LISTEN_FDS": "1", "LISTEN_FDNAMES": "varlink", "LISTEN_PID": "1"],
            setListenPID: false,
            descriptors: [(socket.fd, 3)]
        )
        #expect(result["count"] == "0")
        #expect(result["varlink"] == "none")
    }

    @Test
    func findsDescriptorsByName() {
        let listen = ListenFDs(descriptors: [(3, "varlink"), (4, "metrics"), (5, "varlink")])
        #expect(listen.fd(named: "varlink") == 3)
        #expect(listen.fds(named: "varlink") == [3, 5])
        #expect(listen.fd(named: "absent") == nil)
    }

    /// Runs ChildModeTests.listenFDs and returns its `key=value` lines (`fd=N` keeps the rest).
    static func runChild(
        environment: [String: String],
        setListenPID: Bool,
        descriptors: [(source: Int32, target: Int32)]
    ) async throws -> [String: String] {
        var template = Array("/tmp/streetflow-listenfds.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestFailure("mkdtemp: errno \(errno)") }
        let directory = String(cString: made)
        let resultPath = directory + "/result"
        defer {
            unlink(resultPath)
            rmdir(directory)
        }
        var environment = environment
        environment["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin"
        environment[ChildMode.variable] = "listenFDs"
        environment["STREETFLOW_TEST_RESULT"] = resultPath
        var arguments = try ChildMode.arguments("listenFDs")
        if setListenPID {
            arguments = ["/bin/sh", "-c", "LISTEN_PID=$$; export LISTEN_PID; exec \"$0\" \"$@\""] + arguments
        }
        let child = try await ChildProcess.run(arguments, environment: environment, descriptors: descriptors)
        guard child.status == 0 else {
            throw TestFailure("child exited \(child.status)\n\(child.stdout)\n\(child.stderr)")
        }
        var result: [String: String] = [:]
        for line in try readFile(resultPath).split(separator: "\n") {
            let separator: Character = line.hasPrefix("fd=") ? " " : "="
            let parts = line.split(separator: separator, maxSplits: 1)
            result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return result
    }
}
