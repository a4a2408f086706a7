import Foundation
import Glibc
import Testing

/// JournalLogHandler against a real systemd-journald.
///
/// libsystemd always sends to /run/systemd/journal/socket, so a test journal needs a private
/// mount namespace: `Tests/lab/with-journald.sh` (a copy of the systemd lab's wrapper, safety
/// checks intact) makes one, hides the host's journal behind tmpfs, starts journald and runs its
/// command. That command runs this test binary again as a child (`ChildModeTests.journal`, see
/// `ChildMode`), which logs through our JournalLogHandler; then, still inside the namespace,
/// `journalctl --sync` and `journalctl -o json` print the entries, which this test checks.
/// Root only (unshare and mount); run it alone with `swift test --filter JournalTests`.
@Suite(.timeLimit(.minutes(2)))
struct JournalTests {
    @Test(.enabled(if: getuid() == 0, "needs root: journald runs in a private mount namespace (unshare, mount)"))
    func writesStructuredEntries() async throws {
        let instance = "sf-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let script = """
            set -euo pipefail
            "$@" >&2
            journalctl --sync
            journalctl --no-pager --all -o json STREETFLOW_INSTANCE="$STREETFLOW_TEST_INSTANCE" + LAB_INSTANCE="$STREETFLOW_TEST_INSTANCE"
            """
        let arguments =
            ["bash", repositoryRoot() + "/Tests/lab/with-journald.sh", "bash", "-c", script, "journal-child"]
            + (try ChildMode.arguments("journal"))
        let child = try await ChildProcess.run(
            arguments,
            environment: [
                "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
                ChildMode.variable: "journal",
                "STREETFLOW_TEST_INSTANCE": instance,
            ]
        )
        try #require(child.status == 0, "with-journald.sh exited \(child.status):\n\(child.stderr)")

        let entries = try child.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        try #require(entries.count == 3, "\(child.stdout)\n\(child.stderr)")
        let approved = try #require(entries.first { Self.text($0["MESSAGE"]) == "Admission approved" })
        #expect(Self.text(approved["PRIORITY"]) == "4")
        #expect(Self.text(approved["SYSLOG_IDENTIFIER"]) == "streetflowd-test")
        #expect(Self.text(approved["CODE_FILE"])?.hasSuffix("ChildModeTests.swift") == true)
        #expect(Self.text(approved["CODE_LINE"]).flatMap { Int($0) } != nil)
        #expect(Self.text(approved["CODE_FUNC"]) == "journal()")
        #expect(Self.text(approved["STREETFLOW_INSTANCE"]) == instance)
        #expect(Self.text(approved["STREETFLOW_ACTOR_UID"]) == "1000")
        #expect(Self.text(approved["STREETFLOW_CHAIN_HEAD"]) == "9f86d081884c7d659a2feaa0c55ad015")
        #expect(Self.text(approved["MESSAGE_ID"]) == "87558c1886ca443bbd13191437714922")
        #expect(Self.text(approved["STREETFLOW_NOTE"]) == "line one\nline two")
        #expect(Self.bytes(approved["STREETFLOW_BLOB"]) == Array("a\u{01}b\u{00}c".utf8))
        #expect(Self.text(approved["_TRANSPORT"]) == "journal")
        #expect(approved["STREETFLOW_MESSAGE_ID"] == nil)

        let debug = try #require(entries.first { Self.text($0["PRIORITY"]) == "7" })
        #expect(Self.text(debug["MESSAGE"]) == "First line\nsecond line of a debug entry")
        #expect(Self.text(debug["STREETFLOW_INSTANCE"]) == instance)

        let custom = try #require(entries.first { Self.text($0["MESSAGE"]) == "Custom prefix" })
        #expect(Self.text(custom["PRIORITY"]) == "3")
        #expect(Self.text(custom["LAB_INSTANCE"]) == instance)
        #expect(Self.text(custom["LAB_PEER_PID"]) == "42")
    }

    /// A journalctl JSON value as text (journalctl writes values with control bytes as byte arrays).
    static func text(_ value: Any?) -> String? {
        if let string = value as? String { return string }
        return bytes(value).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A journalctl JSON value as bytes.
    static func bytes(_ value: Any?) -> [UInt8]? {
        if let string = value as? String { return Array(string.utf8) }
        if let numbers = value as? [NSNumber] { return numbers.map(\.uint8Value) }
        return nil
    }
}
