import Glibc
import Logging
import Systemd
import Testing

/// The bodies run in child processes (see `ChildMode`); skipped in a normal run.
@Suite
struct ChildModeTests {
    /// Reads the descriptors a socket-activating parent passed and writes what it found to
    /// `$STREETFLOW_TEST_RESULT`, one `key=value` line each.
    @Test(.enabled(if: ChildMode.isActive("listenFDs"), "runs only as the child of ListenFDsTests"))
    func listenFDs() throws {
        let resultPath = try #require(getenv("STREETFLOW_TEST_RESULT").map { String(cString: $0) })
        let listen = try ListenFDs()
        var lines = ["count=\(listen.descriptors.count)"]
        for (fd, name) in listen.descriptors {
            let cloexec = fcntl(fd, F_GETFD) & FD_CLOEXEC != 0
            lines.append("fd=\(fd) name=\(name) cloexec=\(cloexec) path=\(ListeningSocket.boundPath(of: fd))")
        }
        lines.append("varlink=\(listen.fd(named: "varlink").map(String.init) ?? "none")")
        for name in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] {
            lines.append("\(name)=\(getenv(name).map { String(cString: $0) } ?? "unset")")
        }
        let text = lines.joined(separator: "\n") + "\n"
        let file = try #require(fopen(resultPath, "w"))
        fputs(text, file)
        fclose(file)
    }

    /// Writes journal entries through `JournalLogHandler`; the parent reads them back with
    /// journalctl inside the same private mount namespace (see JournalTests).
    @Test(.enabled(if: ChildMode.isActive("journal"), "runs only as the child of JournalTests"))
    func journal() throws {
        let instance = try #require(getenv("STREETFLOW_TEST_INSTANCE").map { String(cString: $0) })
        var logger = Logger(label: "streetflowd-test") { JournalLogHandler(label: $0) }
        logger.logLevel = .debug
        logger.warning(
            "Admission approved",
            metadata: [
                "instance": "\(instance)",
                "actor.uid": "1000",
                "chain.head": "9f86d081884c7d659a2feaa0c55ad015",
                "message.id": "87558c1886ca443bbd13191437714922",
                "note": "line one\nline two",
                "blob": "a\u{01}b\u{00}c",
            ]
        )
        logger[metadataKey: "instance"] = "\(instance)"
        logger.debug("First line\nsecond line of a debug entry")

        var lab = Logger(label: "streetflowd-test") { JournalLogHandler(label: $0, fieldPrefix: "lab.") }
        lab.logLevel = .debug
        lab.error("Custom prefix", metadata: ["instance": "\(instance)", "peer.pid": "42"])
    }

    /// Stands in for streetflowd under the shipped, hardened unit (Tests/lab/run-service-sandbox.sh):
    /// adopts the "varlink" socket, reads /etc/passwd and /etc/group, writes the state directory,
    /// logs to the journal, says READY=1, then reports each client's SO_PEERCRED uid.
    @Test(.enabled(if: ChildMode.isActive("daemon"), "runs only under Tests/lab/run-service-sandbox.sh"))
    func daemon() throws {
        let logger = Logger(label: "streetflowd-probe") { JournalLogHandler(label: $0) }
        let listen = try ListenFDs()
        let fd = try #require(listen.fd(named: "varlink"))
        let user = getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "none"
        var groups = [gid_t](repeating: 0, count: 64)
        var count = Int32(groups.count)
        let office = getgrnam("sf-office") != nil
        let rootGroups = getgrouplist("root", 0, &groups, &count)
        let state = getenv("STATE_DIRECTORY").map { String(cString: $0) } ?? "none"
        let file = fopen(state + "/probe", "w")
        let wrote = file != nil
        if let file { fclose(file) }
        logger.info(
            "Probe started",
            metadata: [
                "probe": "start", "user": "\(user)", "sf.office": "\(office)", "root.groups": "\(rootGroups)",
                "state": "\(state)", "state.writable": "\(wrote)", "fd": "\(fd)",
            ]
        )
        try Notifier().ready(status: "Probe listening")
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { continue }
            var credentials: [Int32] = [0, 0, 0]  // struct ucred: pid, uid, gid
            var length = socklen_t(MemoryLayout<Int32>.size * 3)
            getsockopt(client, SOL_SOCKET, SO_PEERCRED, &credentials, &length)
            let uid = UInt32(bitPattern: credentials[1])
            logger.info("Probe accepted", metadata: ["probe": "peer", "peer.uid": "\(uid)"])
            close(client)
        }
    }
}
