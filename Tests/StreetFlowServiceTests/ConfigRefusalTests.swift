import Foundation
import Glibc
import Testing
import Varlink

extension DaemonTests {
    /// A config with mistakes is refused at start, by `--check-config` and at reload (the running one kept).
    @Suite struct ConfigRefusalTests {
        @Test func startAndCheckConfigRefuseAMistakeWithItsLineAndColumn() async throws {
            let setup = try DaemonSetup()
            let config = try setup.writeConfig()
            try (try String(contentsOfFile: config, encoding: .utf8))
                .replacingOccurrences(of: "logLevel: info", with: "logLevel: verbose")
                .replacingOccurrences(of: "separationOfDuties: false", with: "separationOfDuties: nope")
                .write(toFile: config, atomically: true, encoding: .utf8)
            let lines = try String(contentsOfFile: config, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            let line = (lines.firstIndex { $0.hasPrefix("logLevel: verbose") } ?? 0) + 1

            let check = try await runCommand(PackagePaths.daemon, ["--check-config", config])
            #expect(check.status == 1)
            #expect(
                check.stderr.contains("\(config):\(line):11: error: 'verbose' is not a value of logLevel"),
                "\(check.stderr)")
            #expect(check.stderr.contains("separationOfDuties: true or separationOfDuties: false"))
            #expect(check.stderr.contains("配置文件有误"))

            let start = try await runCommand(PackagePaths.daemon, ["--config", config, "--log-target", "stderr"])
            #expect(start.status == 1)
            #expect(start.stderr.contains("\(config):\(line):11:"), "\(start.stderr)")
            #expect(!FileManager.default.fileExists(atPath: setup.socket))

            // `--dev --config` honours the file: the same mistakes refuse it too.
            let dev = try await runCommand(
                PackagePaths.daemon, ["--dev", "--config", config, "--log-target", "stderr"])
            #expect(dev.status == 1)
            #expect(dev.stderr.contains("\(config):\(line):11:"), "\(dev.stderr)")

            let goodSetup = try DaemonSetup()
            let good = try goodSetup.writeConfig()
            let valid = try await runCommand(PackagePaths.daemon, ["--check-config", good])
            #expect(valid.status == 0, "\(valid.stderr)")
            #expect(valid.stdout.contains("configuration is valid"))
        }

        @Test func reloadRefusesABrokenConfigAndKeepsTheRunningOne() async throws {
            let setup = try DaemonSetup()
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                let before = try await client.workflow("WhoAmI")
                #expect(before[path: "identity", "roles"]?.arrayValue?.isEmpty == false)

                let text = try String(contentsOfFile: setup.configPath, encoding: .utf8)
                try text.replacingOccurrences(of: "roles: {office:", with: "roles: {ofice:")
                    .write(toFile: setup.configPath, atomically: true, encoding: .utf8)
                daemon.child.signal(SIGHUP)
                #expect(await eventually { daemon.log.contains("Reload refused") }, "no refusal:\n\(daemon.log)")
                #expect(daemon.log.contains("unknown key 'ofice'"), "\(daemon.log)")
                #expect(daemon.log.contains("did you mean 'office'?"))
                #expect(daemon.child.isRunning)
                let after = try await client.workflow("WhoAmI")
                #expect(after[path: "identity", "roles"] == before[path: "identity", "roles"])
            }
        }
    }
}
