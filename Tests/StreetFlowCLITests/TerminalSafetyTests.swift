import Foundation
import Testing

/// Defence in depth: text an older daemon stored unchecked (escape sequences, bidi overrides, C1 controls) reaches
/// the terminal only as visible escapes, in every human-facing screen.
struct TerminalSafetyTests {
    static let injection = #"\x1b]0;owned\x07\x1b[2J\x1b[31mAPPROVED\x1b[0m"#
    static let bidi = #"\u202e意同\u009b2J"#

    /// A proxy in front of the daemon that replaces marker texts in its replies, as records of an older daemon.
    final class HostileProxy {
        let socket: String
        private let process: Process

        init(daemon: DaemonFixture, replacements: [String: String]) throws {
            socket = daemon.directory.appendingPathComponent("hostile.sock").path
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments =
                [
                    Paths.packageRoot.appendingPathComponent("Tests/daemon/hostile-proxy.py").path,
                    daemon.socket, socket,
                ] + replacements.map { "\($0.key)=\($0.value)" }
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(10)
            while !FileManager.default.fileExists(atPath: socket), process.isRunning, Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }

        /// SIGKILL: the test runner blocks SIGTERM, and a child inherits the blocked mask.
        func stop() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Scalars a terminal would act on: C0 (but newline and tab), DEL, C1, bidi and other format characters.
    static func dangerous(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            let v = scalar.value
            return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
                || scalar.properties.generalCategory == .format
        }.map { String(format: "U+%04X", $0.value) }
    }

    @Test func storedEscapesAreShownNeverObeyed() throws {
        let daemon = try DaemonFixture()
        defer { daemon.stop() }
        let submitted = try daemon.cli([
            "submit", "plaque-admission", "--committee", "蓝天二村", "--text", "MARKER-TEXT", "--placement", "inside",
            "--reason", "MARKER-REASON",
        ])
        let id = try #require(submittedID(submitted), "\(submitted)")
        #expect(try daemon.cli(["comment", id, "MARKER-COMMENT"]).status == 0)
        let proxy = try HostileProxy(
            daemon: daemon,
            replacements: ["MARKER-TEXT": Self.injection, "MARKER-REASON": Self.bidi, "MARKER-COMMENT": Self.bidi])
        defer { proxy.stop() }
        let screens: [[String]] = [
            ["list"], ["queue"], ["show", id], ["show", id, "--json"], ["list", "--json"], ["export", "--json"],
        ]
        for lang in ["zh_CN.UTF-8", "en_US.UTF-8"] {
            for arguments in screens {
                let outcome = try daemon.cli(arguments, lang: lang, environment: ["STREETFLOW_SOCKET": proxy.socket])
                #expect(outcome.status == 0, "\(arguments): \(outcome)")
                #expect(Self.dangerous(outcome.stdout).isEmpty, "\(arguments) wrote \(Self.dangerous(outcome.stdout))")
                #expect(Self.dangerous(outcome.stderr).isEmpty, "\(arguments) wrote \(Self.dangerous(outcome.stderr))")
                #expect(!outcome.stdout.contains("MARKER"), "\(arguments): the proxy did not replace: \(outcome)")
            }
        }
        let shown = try daemon.cli(["show", id], environment: ["STREETFLOW_SOCKET": proxy.socket])
        #expect(shown.stdout.contains(#"\u{1B}]0;owned\u{7}\u{1B}[2J\u{1B}[31mAPPROVED"#), "\(shown)")
        #expect(shown.stdout.contains(#"\u{202E}意同\u{9B}2J"#), "\(shown)")
        let json = try daemon.cli(["show", id, "--json"], environment: ["STREETFLOW_SOCKET": proxy.socket])
        #expect(json.stdout.contains(#"\u202e"#) && json.stdout.contains(#"\u001b"#), "\(json)")
    }
}
