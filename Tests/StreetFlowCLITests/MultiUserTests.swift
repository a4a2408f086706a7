import Foundation
import Testing

let canSwitchUsers =
    getuid() == 0 && ["/usr/sbin/useradd", "/usr/bin/setpriv"].allSatisfy(FileManager.default.isExecutableFile)

/// Three people in three Unix groups, mapped to roles by a config file: the daemon trusts only SO_PEERCRED.
@Suite(.enabled(if: canSwitchUsers, "needs root, useradd and setpriv to create users and switch to them"))
struct MultiUserTests {
    /// Users created for one test and removed after it.
    final class Accounts {
        let prefix = "sfc\(getpid() % 100000)"
        var created: [String] = []

        func add(_ suffix: String) throws -> String {
            let name = prefix + suffix
            let group = try runProcess(
                "/usr/sbin/groupadd", [name], directory: URL(fileURLWithPath: "/"), environment: [:])
            #expect(group.status == 0, "\(group)")
            let user = try runProcess(
                "/usr/sbin/useradd", ["-M", "-N", "-g", name, "-s", "/usr/sbin/nologin", name],
                directory: URL(fileURLWithPath: "/"), environment: [:])
            #expect(user.status == 0, "\(user)")
            created.append(name)
            return name
        }

        func removeAll() {
            for name in created {
                _ = try? runProcess("/usr/sbin/userdel", [name], directory: URL(fileURLWithPath: "/"), environment: [:])
                _ = try? runProcess(
                    "/usr/sbin/groupdel", [name], directory: URL(fileURLWithPath: "/"), environment: [:])
            }
        }
    }

    @Test func departmentOfficeAndStreetEachTakeTheirStep() throws {
        let accounts = Accounts()
        defer { accounts.removeAll() }
        let office = try accounts.add("o")
        let street = try accounts.add("s")
        let department = try accounts.add("d")
        let nobody = try accounts.add("n")
        let daemon = try DaemonFixture(
            prepare: { directory in
                let socket = directory.appendingPathComponent("sf.sock").path
                let config = """
                    socket: \(socket)
                    socketMode: "0666"
                    socketGroup: null
                    stateDirectory: \(directory.appendingPathComponent("state").path)
                    workflowsDirectory: \(Paths.packageRoot.appendingPathComponent("Workflows").path)
                    seedsDirectory: \(Paths.packageRoot.appendingPathComponent("seeds").path)
                    separationOfDuties: true
                    roles:
                      office: {groups: [\(office)]}
                      street: {groups: [\(street)]}
                    departments:
                      health: {groups: [\(department)], label: 卫生健康办}
                    """
                try config.write(
                    to: directory.appendingPathComponent("streetflow.yaml"), atomically: true, encoding: .utf8)
            },
            daemonArguments: { directory in
                ["--config", directory.appendingPathComponent("streetflow.yaml").path, "--log-target", "stderr"]
            }, socketPath: { directory in directory.appendingPathComponent("sf.sock").path })
        defer { daemon.stop() }
        let socket = daemon.socket

        func run(_ user: String, _ arguments: [String], lang: String = "zh_CN.UTF-8") throws -> Outcome {
            try runProcess(
                "/usr/bin/setpriv",
                ["--reuid=\(user)", "--regid=\(user)", "--init-groups", Paths.cli] + arguments + ["--socket", socket],
                directory: daemon.directory,
                environment: ["PATH": "/usr/bin:/bin", "LANG": lang, "NO_COLOR": "1", "TZ": "Asia/Shanghai"])
        }

        let me = try run(department, ["whoami"])
        #expect(me.stdout.contains("部门 health"), "\(me)")
        let submitted = try run(department, AdmissionTests.plaque)
        #expect(submitted.status == 0, "\(submitted)")
        let id = try #require(submittedID(submitted))

        let early = try run(office, ["approve", id])
        #expect(early.status == 6, "\(early)")
        let byDepartment = try run(department, ["forward", id], lang: "en_US.UTF-8")
        #expect(byDepartment.status == 4, "\(byDepartment)")
        #expect(byDepartment.stderr.contains("office"), "\(byDepartment)")
        #expect(byDepartment.stderr.contains("ask someone who holds it"), "\(byDepartment)")

        #expect(try run(office, ["forward", id]).status == 0)
        let officeApproves = try run(office, ["approve", id])
        #expect(officeApproves.status == 4, "\(officeApproves)")
        #expect(officeApproves.stderr.contains("street"), "\(officeApproves)")
        #expect(try run(street, ["queue"]).stdout.contains(id))
        #expect(try run(street, ["approve", id]).status == 0)
        #expect(try run(office, ["arrange", id, "--location", "服务大厅", "--field", "place=inside"]).status == 0)

        let shown = try run(department, ["show", id])
        #expect(shown.status == 0, "\(shown)")
        for user in [department, office, street] {
            #expect(shown.stdout.contains(user), "\(user) in \(shown)")
        }
        // A user with no role learns who they are and which group to ask for; anything else is refused.
        let stranger = try run(nobody, ["whoami"])
        #expect(stranger.status == 0, "\(stranger)")
        #expect(stranger.stdout.contains("您还没有角色") && stranger.stdout.contains("usermod -aG"), "\(stranger)")
        let refused = try run(nobody, ["list"])
        #expect(refused.status == 4, "\(refused)")
        #expect(refused.stderr.contains("未分配任何角色"), "\(refused)")
    }
}
