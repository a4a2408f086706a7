import Foundation
import Glibc
import Testing

/// Unix users and groups made for one test (names `sft<random>-…`), removed in `remove()`.
final class TestUsers: @unchecked Sendable {
    let prefix = "sft" + String((0..<4).map { _ in "abcdefghjkmnpqrstuvwxyz".randomElement()! })
    private(set) var users: [String] = []
    private(set) var groups: [String] = []

    /// Creates group `<prefix>-<group>` and user `<prefix>-<user>` with it as primary group; returns the uid.
    func add(user: String, group: String) throws -> (user: String, group: String, uid: Int) {
        let groupName = "\(prefix)-\(group)"
        let userName = "\(prefix)-\(user)"
        if !groups.contains(groupName) {
            try Self.tool("/usr/sbin/groupadd", [groupName])
            groups.append(groupName)
        }
        try Self.tool("/usr/sbin/useradd", ["-M", "-N", "-g", groupName, "-s", "/usr/sbin/nologin", userName])
        users.append(userName)
        guard let entry = getpwnam(userName) else { throw TestFailure("no passwd entry for \(userName)") }
        return (userName, groupName, Int(entry.pointee.pw_uid))
    }

    /// Deletes every user and group made (synchronous, for `defer`).
    func remove() {
        for user in users.reversed() { try? Self.tool("/usr/sbin/userdel", [user]) }
        for group in groups.reversed() { try? Self.tool("/usr/sbin/groupdel", [group]) }
        users = []
        groups = []
    }

    private static func tool(_ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("\(path) \(arguments) exited \(process.terminationStatus)")
        }
    }
}

/// Python for the test users: root's Python lives under /root, so they get the system python3 and a readable copy
/// of the varlink package and of the test client.
struct UserPython {
    let directory: String

    init(_ setup: DaemonSetup) async throws {
        directory = setup.directory.file("python")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let site = try await PythonClient.packageDirectory()
        try FileManager.default.copyItem(atPath: site + "/varlink", toPath: directory + "/varlink")
        try FileManager.default.copyItem(atPath: PackagePaths.client, toPath: directory + "/sfclient.py")
        _ = try await runCommand("/bin/chmod", ["-R", "a+rX", directory])
    }

    /// The command line that runs `arguments` with python3 as `who`.
    func command(_ who: (user: String, group: String, uid: Int), _ arguments: [String]) -> [String] {
        [
            "--reuid=\(who.user)", "--regid=\(who.group)", "--init-groups", "/usr/bin/env", "PYTHONPATH=\(directory)",
            "HOME=/", "/usr/bin/python3",
        ] + arguments
    }

    /// One Workflow call as `who`; the reply as JSON.
    func call(
        _ who: (user: String, group: String, uid: Int), _ socket: String, _ method: String, _ parameters: String = "{}"
    ) async throws -> [String: Any] {
        let output = try await runCommand(
            "/usr/bin/setpriv",
            command(who, ["\(directory)/sfclient.py", "call", socket, "org.streetflow.Workflow.\(method)", parameters]))
        guard output.status == 0 else { throw TestFailure("client as \(who.user): \(output.stderr)") }
        return try output.json()
    }
}

extension DaemonTests {
    /// Identity comes from SO_PEERCRED: real users in real groups, mapped to roles by a non-dev config.
    @Suite(.enabled(if: runningAsRoot, "creates Unix users and switches to them: needs root"))
    struct UnixUserTests {
        @Test func departmentOfficeAndStreetDriveOneAdmissionAndForbiddenStepsAreRefused() async throws {
            try #require(
                await PythonClient.available(),
                "Python's varlink package is missing; install it with `pip install varlink`")
            let users = TestUsers()
            defer { users.remove() }
            let health = try users.add(user: "dept", group: "health")
            let office = try users.add(user: "office", group: "office")
            let street = try users.add(user: "street", group: "street")
            let env = try users.add(user: "env", group: "env")
            let nobody = try users.add(user: "none", group: "none")

            var setup = try DaemonSetup()
            setup.separationOfDuties = true
            setup.roleYAML = """
                roles: {office: {groups: [\(office.group)]}, street: {groups: [\(street.group)]}}
                departments:
                  health: {label: 卫生健康办, groups: [\(health.group)]}
                  env: {label: 生态环境办, groups: [\(env.group)]}
                """
            let python = try await UserPython(setup)

            try await withDaemon(setup) { daemon in
                func call(
                    _ who: (user: String, group: String, uid: Int), _ method: String, _ parameters: String = "{}"
                ) async throws -> [String: Any] {
                    try await python.call(who, daemon.socket, method, parameters)
                }
                func error(_ reply: [String: Any]) -> String? {
                    (reply["error"] as? String).map {
                        $0.replacingOccurrences(of: "org.streetflow.Workflow.", with: "")
                    }
                }

                let whoami = try await call(health, "WhoAmI")
                #expect(value(whoami, "parameters", "identity", "uid") as? Int == health.uid)
                #expect(value(whoami, "parameters", "identity", "roles") as? [String] == ["department:health"])

                let subject = #"{"committee": "蓝天二村", "text": "卫生健康服务点", "placement": "inside", "reason": "便民"}"#
                let submitted = try await call(
                    health, "Submit", #"{"workflow": "plaque-admission", "subject": \#(subject)}"#)
                let id = try #require(value(submitted, "parameters", "instance", "id") as? String, "\(submitted)")
                #expect(value(submitted, "parameters", "instance", "submitterUid") as? Int == health.uid)
                #expect(value(submitted, "parameters", "instance", "department") as? String == "health")

                func act(
                    _ who: (user: String, group: String, uid: Int), _ action: String, _ extra: String = ""
                )
                    async throws -> [String: Any]
                {
                    try await call(who, "Act", #"{"id": "\#(id)", "action": "\#(action)"\#(extra)}"#)
                }
                #expect(error(try await act(health, "forward")) == "PermissionDenied")
                #expect(error(try await act(office, "forward")) == nil)
                #expect(error(try await act(office, "approve")) == "PermissionDenied")
                #expect(error(try await act(health, "approve")) == "PermissionDenied")
                #expect(error(try await act(street, "approve")) == nil)
                let location = #", "fields": {"location": "一楼大厅", "place": "inside"}"#
                #expect(error(try await act(street, "arrange", location)) == "PermissionDenied")
                #expect(error(try await act(office, "arrange", location)) == nil)

                // No role: WhoAmI answers with the config's grants (which group to join; /etc/group is public
                // anyway); every other call is refused.
                let lost = try await call(nobody, "WhoAmI")
                #expect(value(lost, "parameters", "identity", "roles") as? [String] == [], "\(lost)")
                let grants = value(lost, "parameters", "grants") as? [[String: Any]] ?? []
                let healthGrant = grants.first { $0["role"] as? String == "department:health" }
                #expect(healthGrant?["label"] as? String == "卫生健康办", "\(grants)")
                #expect(healthGrant?["groups"] as? [String] == [health.group], "\(grants)")
                #expect(
                    value(whoami, "parameters", "grants") as? [Any] == nil
                        || (value(whoami, "parameters", "grants") as? [Any])?.isEmpty == true)
                for (method, parameters) in [("Get", #"{"id": "\#(id)"}"#), ("Workflows", "{}")] {
                    #expect(error(try await call(nobody, method, parameters)) == "PermissionDenied", "\(method)")
                }
                // A department does not see another department's request.
                let other = try await call(env, "Submit", #"{"workflow": "plaque-admission", "subject": \#(subject)}"#)
                let otherID = try #require(value(other, "parameters", "instance", "id") as? String, "\(other)")
                let hidden = try await call(health, "Get", #"{"id": "\#(otherID)"}"#)
                #expect(error(hidden) == "NoSuchInstance")
                #expect(value(hidden, "parameters", "id") as? String == otherID)
                #expect(
                    error(try await call(health, "Act", #"{"id": "\#(otherID)", "action": "withdraw"}"#))
                        == "NoSuchInstance")

                // The history records the kernel's uids and the users' names, per step.
                let detail = try await call(health, "Get", #"{"id": "\#(id)"}"#)
                #expect(value(detail, "parameters", "instance", "state") as? String == "arranged")
                let history = value(detail, "parameters", "history") as? [[String: Any]] ?? []
                #expect(history.map { $0["action"] as? String } == ["submit", "forward", "approve", "arrange"])
                #expect(history.map { $0["actorUid"] as? Int } == [health.uid, office.uid, street.uid, office.uid])
                #expect(
                    history.map { $0["actorUser"] as? String } == [health.user, office.user, street.user, office.user])
                #expect(history.allSatisfy { ($0["actorPid"] as? Int ?? 0) > 0 })
                #expect(value(history.first, "actorRoles") as? [String] == ["department:health"])
            }
        }

        /// Opens `count` connections, each sending Queue, creates `marker`, holds them `seconds`; prints how each was
        /// answered and how many are still open at the end.
        static let flood = #"""
            import json, socket, sys, time
            path, count, seconds, marker = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
            held, answers = [], {}
            for _ in range(count):
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    s.connect(path)
                    s.sendall(b'{"method": "org.streetflow.Workflow.Queue"}\0')
                    s.settimeout(5)
                    data = b""
                    while not data.endswith(b"\0"):
                        chunk = s.recv(65536)
                        if not chunk: break
                        data += chunk
                    reply = json.loads(data[:-1]) if data.endswith(b"\0") else {}
                    name = reply.get("error", "ok").split(".")[-1] if reply else "closed"
                    if name == "PermissionDenied": name += ":" + str(reply.get("parameters", {}).get("reason"))
                except OSError as e:
                    name = "refused:" + type(e).__name__
                answers[name] = answers.get(name, 0) + 1
                held.append((s, name))
            open(marker, "w").close()
            time.sleep(seconds)
            still = {}
            for s, name in held:
                try:
                    s.setblocking(False)
                    if s.recv(1) != b"": still[name] = still.get(name, 0) + 1
                except BlockingIOError:
                    still[name] = still.get(name, 0) + 1
                except OSError:
                    pass
            print(json.dumps({"answers": answers, "stillOpen": still}))
            """#

        @Test func aUserWithNoRoleAndADepartmentUserTryingToHold1000ConnectionsLockNobodyOut() async throws {
            try #require(
                await PythonClient.available(),
                "Python's varlink package is missing; install it with `pip install varlink`")
            let users = TestUsers()
            defer { users.remove() }
            let health = try users.add(user: "dept", group: "health")
            let office = try users.add(user: "office", group: "office")
            let street = try users.add(user: "street", group: "street")
            let nobody = try users.add(user: "none", group: "none")
            var setup = try DaemonSetup()
            setup.roleYAML = """
                roles: {office: {groups: [\(office.group)]}, street: {groups: [\(street.group)]}}
                departments:
                  health: {label: 卫生健康办, groups: [\(health.group)]}
                """
            let python = try await UserPython(setup)
            let script = python.directory + "/flood.py"
            try Self.flood.write(toFile: script, atomically: true, encoding: .utf8)
            let markers = python.directory + "/markers"
            try FileManager.default.createDirectory(atPath: markers, withIntermediateDirectories: true)
            _ = try await runCommand("/bin/chmod", ["a+r", script])
            _ = try await runCommand("/bin/chmod", ["1777", markers])

            try await withDaemon(setup) { daemon in
                let floods = [nobody, health].map { who in
                    Task {
                        try await runCommand(
                            "/usr/bin/setpriv",
                            python.command(who, [script, daemon.socket, "1000", "8", "\(markers)/\(who.user)"]),
                            timeout: .seconds(120))
                    }
                }
                // Once both have tried all their connections, and while they hold what they got, the office and
                // the street work as usual.
                #expect(
                    await eventually(timeout: .seconds(60)) {
                        [nobody, health].allSatisfy { FileManager.default.fileExists(atPath: "\(markers)/\($0.user)") }
                    })
                var served = 0
                for round in 0..<6 {
                    for who in [office, street] {
                        let reply = try await python.call(who, daemon.socket, "Queue")
                        #expect(reply["error"] == nil, "round \(round) as \(who.user): \(reply)")
                        if reply["error"] == nil { served += 1 }
                    }
                }
                #expect(served == 12)
                var results: [[String: Any]] = []
                for flood in floods {
                    let output = try await flood.value
                    #expect(output.status == 0, "\(output.stderr)")
                    results.append(try output.json())
                }
                // No role: every connection answered PermissionDenied(noRole) and then closed, none held.
                let none = results[0]
                #expect(value(none, "answers", "PermissionDenied:noRole") as? Int == 1000, "\(none)")
                #expect((none["stillOpen"] as? [String: Int])?.isEmpty == true, "\(none)")
                // A department user: served up to the per-user limit and holding those; the rest told
                // TooManyConnections and closed (a client still sending when the refusal closed its socket sees
                // the close first).
                let department = results[1]
                let answers = department["answers"] as? [String: Int] ?? [:]
                #expect(answers["ok"] == 16, "\(department)")
                #expect(
                    answers.filter { $0.key != "ok" }.allSatisfy {
                        ["TooManyConnections", "closed"].contains($0.key) || $0.key.hasPrefix("refused:")
                    },
                    "\(department)")
                #expect(answers["TooManyConnections", default: 0] >= 900, "\(department)")
                #expect((department["stillOpen"] as? [String: Int])?["ok"] == 16, "\(department)")
                #expect(
                    (department["stillOpen"] as? [String: Int] ?? [:]).keys.allSatisfy {
                        $0 == "ok" || $0.hasPrefix("refused:")
                    }, "\(department)")
                // And afterwards everybody is served again, the flooding department user too.
                for who in [office, health] {
                    #expect(try await python.call(who, daemon.socket, "Queue")["error"] == nil)
                }
            }
        }
    }
}
