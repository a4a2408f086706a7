import Foundation
import Testing
import Varlink

extension DaemonTests {
    /// Hostile input over the wire: NUL anywhere refused by name, keys that answer only their own request, reloads
    /// refused by name whatever file is broken, times in range, separation of duties visible when it is off.
    @Suite struct InputTests {
        /// The error a call gets (nil when it succeeds).
        static func refusal(
            _ client: VarlinkClient, _ method: String, _ parameters: [String: JSONValue]
        ) async -> VarlinkError? {
            do {
                _ = try await client.call(method: method, parameters: parameters)
                return nil
            } catch let error as VarlinkError {
                return error
            } catch {
                Issue.record("unexpected \(error)")
                return nil
            }
        }

        @Test func aNulAnywhereIsRefusedByName() async throws {
            let setup = try DaemonSetup()
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                let id = try #require(try await client.submitPlaque()["id"]?.stringValue)
                let cases: [(String, [String: JSONValue], String)] = [
                    ("org.streetflow.Workflow.Assign", ["id": .string(id), "user": "office2\u{0}evil"], "user"),
                    ("org.streetflow.Workflow.Get", ["id": .string(id + "\u{0}")], "id"),
                    ("org.streetflow.Workflow.List", ["cursor": "1:\u{0}"], "cursor"),
                    (
                        "org.streetflow.Workflow.Submit",
                        ["workflow": "plaque-admission", "subject": ["text\u{0}": "x"], "idempotencyKey": "job\u{0}A"],
                        "idempotencyKey"
                    ),
                    (
                        "org.streetflow.Workflow.Act",
                        ["id": .string(id), "action": "forward", "fields": ["a": ["ok", "b\u{0}"]]], "fields.a[1]"
                    ),
                    ("org.streetflow.Admin.Migrate", ["ids": ["\u{0}"]], "ids[0]"),
                ]
                for (method, parameters, path) in cases {
                    let error = await Self.refusal(client, method, parameters)
                    #expect(error?.name.hasSuffix(".InvalidText") == true, "\(method): \(String(describing: error))")
                    #expect(error?.parameters["parameter"] == .string(path), "\(method)")
                    #expect(error?.parameters["reason"] == "nul", "\(method)")
                }
                let audit = try await client.call(method: "org.streetflow.Admin.VerifyAudit", parameters: [:])
                #expect(audit["ok"] == true)
            }
        }

        @Test func controlsInFieldsAreNamedWithTheCharacter() async throws {
            let setup = try DaemonSetup()
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                let subject = plaqueSubject(text: "\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[31mAPPROVED\u{1B}[0m")
                let error = await Self.refusal(
                    client, "org.streetflow.Workflow.Submit", ["workflow": "plaque-admission", "subject": subject])
                #expect(error?.name == "org.streetflow.Workflow.InvalidSubject")
                #expect(error?.parameters["field"] == "text" && error?.parameters["reason"] == "controlCharacter")
                #expect(error?.parameters["character"] == "U+001B" && error?.parameters["position"] == 0)
                let search = await Self.refusal(
                    client, "org.streetflow.Workflow.List", ["text": .string(String(repeating: "健", count: 50_001))])
                #expect(search?.name == "org.streetflow.Workflow.InvalidText", "\(String(describing: search))")
                #expect(search?.parameters["parameter"] == "text")
            }
        }

        @Test func aSubmitKeyReusedOnWithdrawIsRefusedNamingTheSubmit() async throws {
            let setup = try DaemonSetup()
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                let first = try await client.workflow(
                    "Submit", ["workflow": "plaque-admission", "subject": plaqueSubject(), "idempotencyKey": "job-1"])
                let firstID = try #require(first[path: "instance", "id"]?.stringValue)
                let again = try await client.workflow(
                    "Submit", ["workflow": "plaque-admission", "subject": plaqueSubject(), "idempotencyKey": "job-1"])
                #expect(again[path: "instance", "id"]?.stringValue == firstID)
                let other = try #require(try await client.submitPlaque(text: "养老顾问点")["id"]?.stringValue)
                let error = await Self.refusal(
                    client, "org.streetflow.Workflow.Act",
                    ["id": .string(other), "action": "withdraw", "idempotencyKey": "job-1"])
                #expect(error?.name == "org.streetflow.Workflow.IdempotencyKeyReused")
                #expect(error?.parameters["firstRequest"] == .string(firstID))
                #expect(error?.parameters["firstMethod"] == "Submit")
                let after = try await client.workflow("Get", ["id": .string(other)])
                #expect(after[path: "instance", "state"] == "office-review")
            }
        }

        @Test func aTimeOutOfRangeIsRefused() async throws {
            let setup = try DaemonSetup()
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                for since in ["99999-01-01", "1969-12-31", "10000-01-01T00:00:00Z"] {
                    let error = await Self.refusal(client, "org.streetflow.Workflow.List", ["since": .string(since)])
                    #expect(
                        error?.name == "org.varlink.service.InvalidParameter", "\(since): \(String(describing: error))")
                    #expect(error?.parameters["parameter"] == "since")
                }
                _ = try await client.workflow("List", ["since": "2020-01-01", "until": "9999-12-31"])
            }
        }

        @Test func aReloadWithABrokenSeedOrConfigIsRefusedByName() async throws {
            var setup = try DaemonSetup()
            let seeds = setup.directory.file("seeds")
            try FileManager.default.copyItem(atPath: PackagePaths.seeds, toPath: seeds)
            setup.seeds = seeds
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                let committees = seeds + "/committees.yaml"
                let good = try String(contentsOfFile: committees, encoding: .utf8)
                try "committees: [unclosed".write(toFile: committees, atomically: true, encoding: .utf8)
                let seedError = await Self.refusal(client, "org.streetflow.Admin.Reload", [:])
                #expect(seedError?.name == "org.streetflow.Admin.ReloadRefused", "\(String(describing: seedError))")
                #expect(seedError?.parameters["errors"]?.arrayValue?.isEmpty == false)
                try good.write(toFile: committees, atomically: true, encoding: .utf8)
                _ = try await client.call(method: "org.streetflow.Admin.Reload", parameters: [:])

                let config = try String(contentsOfFile: setup.configPath, encoding: .utf8)
                try (config + "\nnoSuchKey: 1\n").write(toFile: setup.configPath, atomically: true, encoding: .utf8)
                let configError = await Self.refusal(client, "org.streetflow.Admin.Reload", [:])
                #expect(configError?.name == "org.streetflow.Admin.ReloadRefused", "\(String(describing: configError))")
                let lines = configError?.parameters["errors"]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(lines.contains { $0.contains("noSuchKey") }, "\(lines)")
            }
        }

        @Test func anUnconfirmedProgrammeIsWarnedAndShownUntilTheOfficeConfirmsIt() async throws {
            var setup = try DaemonSetup()
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                let stats = try await client.call(method: "org.streetflow.Admin.Stats", parameters: [:])
                #expect(stats["programmeUnconfirmed"] == true)
                #expect(
                    await eventually { daemon.log.contains("The programme's committees are the seeds' assumption") })
            }
            setup = try DaemonSetup()
            setup.roleYAML += "\nprogramme: [蓝天二村, 莱顿]"
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                let stats = try await client.call(method: "org.streetflow.Admin.Stats", parameters: [:])
                #expect(stats["programmeUnconfirmed"] == nil || stats["programmeUnconfirmed"] == false)
                #expect(!daemon.log.contains("seeds' assumption"))
                let refused = await Self.refusal(
                    client, "org.streetflow.Workflow.Submit",
                    ["workflow": "committee-rollout", "subject": ["committee": "淡家浜", "phase": "full"]])
                #expect(refused?.name == "org.streetflow.Workflow.GuardFailed", "\(String(describing: refused))")
                let rollout = try await client.call(
                    method: "org.streetflow.Workflow.Submit",
                    parameters: ["workflow": "committee-rollout", "subject": ["committee": "莱顿", "phase": "full"]])
                #expect(rollout["instance"]?["state"] == "implementing", "\(rollout)")
            }
        }

        @Test func separationOfDutiesOffIsWarnedAndShown() async throws {
            var setup = try DaemonSetup()
            setup.separationOfDuties = false
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                let stats = try await client.call(method: "org.streetflow.Admin.Stats", parameters: [:])
                #expect(stats["separationOfDuties"] == false)
                #expect(await eventually { daemon.log.contains("Separation of duties is off") }, "\(daemon.log)")
            }
            setup = try DaemonSetup()
            setup.separationOfDuties = true
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                let stats = try await client.call(method: "org.streetflow.Admin.Stats", parameters: [:])
                #expect(stats["separationOfDuties"] == true)
                #expect(!daemon.log.contains("Separation of duties is off"))
            }
        }
    }
}
