import Glibc
import Logging
import Systemd
import Testing

struct LogTargetTests {
    @Test(arguments: ["journal", "stderr", "auto"])
    func parsesItsNames(name: String) throws {
        let target = try #require(LogTarget(name))
        #expect(target.description == name)
    }

    @Test
    func rejectsUnknownNames() {
        #expect(LogTarget("syslog") == nil)
        #expect(LogTarget("") == nil)
    }

    @Test
    func autoIsJournalWhenJournalStreamIsStandardError() throws {
        let stream = try Self.journalStream(of: STDERR_FILENO)
        #expect(LogTarget.auto.resolved(journalStream: stream) == .journal)
        #expect(LogTarget.isJournalStream(stream, fileDescriptor: STDERR_FILENO))
    }

    @Test
    func autoIsStandardErrorOtherwise() throws {
        // Another file: same device maybe, but another inode (as when stderr was redirected).
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(devNull) }
        var other = try Self.journalStream(of: devNull)
        var stderrStatus = stat()
        fstat(STDERR_FILENO, &stderrStatus)
        if other == "\(stderrStatus.st_dev):\(stderrStatus.st_ino)" {
            other = "\(stderrStatus.st_dev):\(stderrStatus.st_ino + 1)"
        }
        #expect(LogTarget.auto.resolved(journalStream: other) == .stderr)
        #expect(LogTarget.auto.resolved(journalStream: nil) == .stderr)
        #expect(LogTarget.auto.resolved(journalStream: "garbage") == .stderr)
        #expect(LogTarget.auto.resolved(journalStream: "12:") == .stderr)
    }

    @Test
    func explicitTargetsStayAsTheyAre() {
        #expect(LogTarget.journal.resolved(journalStream: nil) == .journal)
        #expect(LogTarget.stderr.resolved(journalStream: "1:1") == .stderr)
    }

    @Test
    func makesTheMatchingHandler() {
        #expect(LogTarget.journal.makeLogHandler(label: "t") is JournalLogHandler)
        #expect(LogTarget.stderr.makeLogHandler(label: "t") is StandardErrorLogHandler)
    }

    /// `DEV:INODE` of a descriptor, formatted as systemd formats `$JOURNAL_STREAM`.
    static func journalStream(of fd: Int32) throws -> String {
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw TestFailure("fstat: errno \(errno)") }
        return "\(status.st_dev):\(status.st_ino)"
    }
}

extension ProcessEnvironmentTests {
    @Suite
    struct LogTargetEnvironmentTests {
        @Test
        func autoReadsJournalStreamFromTheEnvironment() throws {
            let stream = try LogTargetTests.journalStream(of: STDERR_FILENO)
            try withEnvironment(["JOURNAL_STREAM": stream]) { () throws in
                #expect(LogTarget.auto.resolved() == .journal)
                #expect(LogTarget.auto.makeLogHandler(label: "t") is JournalLogHandler)
            }
            try withEnvironment(["JOURNAL_STREAM": nil]) { () throws in
                #expect(LogTarget.auto.resolved() == .stderr)
                #expect(LogTarget.auto.makeLogHandler(label: "t") is StandardErrorLogHandler)
            }
        }
    }
}
