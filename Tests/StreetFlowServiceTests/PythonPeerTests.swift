import Foundation
import Glibc
import Testing
import Varlink

extension DaemonTests {
    /// Python's `varlink` package, an independent implementation, as the client.
    @Suite
    struct PythonPeerTests {
        static func requirePython() async throws {
            try #require(
                await PythonClient.available(),
                "Python's varlink package is missing; install it with `pip install varlink`")
        }

        @Test func getInfoAndEveryInterfaceDescription() async throws {
            try await Self.requirePython()
            try await withDaemon(try DaemonSetup()) { daemon in
                let output = try await PythonClient.run(["info", daemon.socket])
                #expect(output.status == 0, "\(output.stderr)")
                let result = try output.json()
                #expect(value(result, "info", "vendor") as? String == "StreetFlow")
                #expect(value(result, "info", "product") as? String == "streetflowd")
                let interfaces = value(result, "info", "interfaces") as? [String] ?? []
                #expect(
                    Set(interfaces) == ["org.varlink.service", "org.streetflow.Workflow", "org.streetflow.Admin"],
                    "\(interfaces)")
                for name in ["org.streetflow.Workflow", "org.streetflow.Admin"] {
                    // Served byte for byte as the interface file in the sources, and parsed by python-varlink.
                    let file = "\(PackagePaths.root)/Sources/StreetFlowProtocol/Interfaces/\(name).varlink"
                    let source = try String(contentsOfFile: file, encoding: .utf8)
                    let served = value(result, "interfaces", name, "description") as? String ?? ""
                    #expect(
                        served.trimmingCharacters(in: .whitespacesAndNewlines)
                            == source.trimmingCharacters(in: .whitespacesAndNewlines))
                    #expect(value(result, "interfaces", name, "name") as? String == name)
                }
                let methods = value(result, "interfaces", "org.streetflow.Workflow", "methods") as? [String] ?? []
                #expect(
                    methods == [
                        "Act", "AdmissionsReport", "Assign", "Attach", "Attachments", "Calendar", "CheckReferenceList",
                        "Comment", "DescribeWorkflow", "DiffList", "Get", "GetAttachment", "History", "Inbox", "List",
                        "Notices", "OverdueReport", "Programme", "ProgrammeReport", "PutAttachment", "Queue",
                        "Register",
                        "ShowList", "Submit", "Urge", "Watch", "WhoAmI", "Workflows",
                    ])
                let admin = value(result, "interfaces", "org.streetflow.Admin", "methods") as? [String] ?? []
                #expect(
                    admin == [
                        "Backup", "Clock", "Migrate", "MigrateStore", "Reload", "Stats", "TakeCheckpoint",
                        "VerifyAudit",
                    ])
            }
        }

        @Test func wholePlaqueAdmission() async throws {
            try await Self.requirePython()
            try await withDaemon(try DaemonSetup()) { daemon in
                let output = try await PythonClient.run(["admission", daemon.socket, "蓝天二村"])
                #expect(output.status == 0, "\(output.stdout) \(output.stderr)")
                let result = try output.json()
                let instance = value(result, "get", "instance")
                #expect(value(instance, "state") as? String == "arranged")
                #expect(value(instance, "final") as? Bool == true)
                #expect(value(instance, "fields", "location") as? String == "二楼服务区东墙")
                #expect(value(instance, "definitionVersion") as? Int == 3)
                let history = value(result, "get", "history") as? [[String: Any]] ?? []
                #expect(history.count >= 4)
                #expect(history.map { $0["action"] as? String } == ["submit", "forward", "approve", "arrange"])
                #expect(history.map { $0["sequence"] as? Int } == [1, 2, 3, 4])
                #expect(
                    history.map { $0["to"] as? String } == ["office-review", "street-review", "approved", "arranged"])
                #expect(history.allSatisfy { $0["actorUid"] as? Int == Int(getuid()) })
                #expect(Set(history.compactMap { $0["hash"] as? String }).count == 4)
                #expect(value(history.last, "fields", "location") as? String == "二楼服务区东墙")
                #expect(value(result, "get", "actions") as? [String] == [])
            }
        }

        @Test func malformedRequestsGetTheRightErrorAndTheDaemonKeepsServing() async throws {
            try await Self.requirePython()
            try await withDaemon(try DaemonSetup()) { daemon in
                // Not JSON: an error reply, then the connection is closed (framing cannot be trusted after it).
                let broken = try await PythonClient.run([
                    "raw", daemon.socket, #"{"method": "org.streetflow.Workflow.Get", "#,
                ])
                let brokenReply = try broken.json()
                #expect(
                    value(brokenReply, "reply", "error") as? String == VarlinkError.invalidMessageName,
                    "\(broken.stdout)")
                #expect(value(brokenReply, "closed") as? Bool == true)

                // A missing required parameter: InvalidParameter naming it; the connection stays usable.
                let missing = try await PythonClient.run([
                    "raw", daemon.socket, #"{"method": "org.streetflow.Workflow.Get", "parameters": {}}"#,
                ])
                let missingReply = try missing.json()
                #expect(value(missingReply, "reply", "error") as? String == "org.varlink.service.InvalidParameter")
                #expect(value(missingReply, "reply", "parameters", "parameter") as? String == "id")
                #expect(value(missingReply, "closed") as? Bool == false)

                // The same through python-varlink's client API.
                let noSubject = try await PythonClient.run([
                    "call", daemon.socket, "org.streetflow.Workflow.Submit", #"{"workflow": "plaque-admission"}"#,
                ])
                let noSubjectReply = try noSubject.json()
                #expect(value(noSubjectReply, "error") as? String == "org.varlink.service.InvalidParameter")
                #expect(value(noSubjectReply, "parameters", "parameter") as? String == "subject")

                let wrongType = try await PythonClient.run([
                    "raw", daemon.socket, #"{"method": "org.streetflow.Workflow.Get", "parameters": {"id": 7}}"#,
                ])
                #expect(
                    value(try wrongType.json(), "reply", "error") as? String == "org.varlink.service.InvalidParameter")

                let unknown = try await PythonClient.run([
                    "raw", daemon.socket, #"{"method": "org.streetflow.Workflow.Nope", "parameters": {}}"#,
                ])
                #expect(value(try unknown.json(), "reply", "error") as? String == "org.varlink.service.MethodNotFound")

                let noSuch = try await PythonClient.run([
                    "call", daemon.socket, "org.streetflow.Workflow.Get", #"{"id": "PA-20200101-NOPE2"}"#,
                ])
                let noSuchReply = try noSuch.json()
                #expect(value(noSuchReply, "error") as? String == "org.streetflow.Workflow.NoSuchInstance")
                #expect(value(noSuchReply, "parameters", "id") as? String == "PA-20200101-NOPE2")

                // Still serving, to Python and to Swift.
                #expect(daemon.child.isRunning)
                let whoami = try await PythonClient.run(["call", daemon.socket, "org.streetflow.Workflow.WhoAmI"])
                #expect(value(try whoami.json(), "parameters", "identity", "uid") as? Int == Int(getuid()))
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                _ = try await client.submitPlaque()
            }
        }

        @Test func watchStreamReceivesAnAdmissionMadeConcurrently() async throws {
            try await Self.requirePython()
            let setup = try DaemonSetup()
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                defer { Task { await client.close() } }
                let marker = try #require(try await client.submitPlaque(text: "marker")["id"]?.stringValue)
                let watcher = try Child(
                    "/usr/bin/env", ["python3", PackagePaths.client, "watch", daemon.socket],
                    directory: setup.directory,
                    name: "watch")
                defer { watcher.signal(SIGKILL) }
                // The stream has no opening reply: comment on a marker request until the watcher sees one.
                let subscribed = try await eventually(timeout: .seconds(15), every: .milliseconds(100)) {
                    _ = try await client.workflow("Comment", ["id": .string(marker), "comment": "ping"])
                    return watcher.stdout.contains(marker)
                }
                try #require(subscribed, "the watcher saw nothing: \(watcher.stderr)")

                // The admission, on another connection while the stream is open.
                let id = try #require(try await client.submitPlaque()["id"]?.stringValue)
                _ = try await client.workflow("Act", ["id": .string(id), "action": "forward"])
                _ = try await client.workflow("Act", ["id": .string(id), "action": "approve"])
                _ = try await client.workflow(
                    "Act", ["id": .string(id), "action": "arrange", "fields": ["location": "门厅", "place": "inside"]])

                var actions: [String] = []
                let all = await eventually(timeout: .seconds(10)) {
                    let events = watcher.stdoutLines.compactMap { line -> [String: Any]? in
                        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
                    }
                    actions = events.filter { value($0, "event", "instance") as? String == id }
                        .compactMap { value($0, "event", "action") as? String }
                    return actions.count >= 4
                }
                #expect(all, "watcher output: \(watcher.stdout) \(watcher.stderr)")
                #expect(actions == ["submit", "forward", "approve", "arrange"])
                #expect(watcher.isRunning, "the stream ended early: \(watcher.stdout)")
            }
        }
    }
}
