import Foundation
import Glibc
import PostgresStore
import StoreTestSupport
import Testing
import Varlink
import WorkflowStore

/// A street moves from its SQLite file to the district's PostgreSQL with `streetflow admin migrate-store`, as its
/// administrator does it: through the CLI against the running daemon, in Chinese.
struct MigrateStoreTests {
    static func cli(_ socket: String, _ arguments: [String]) async throws -> CommandOutput {
        try await runCommand(
            PackagePaths.root + "/.build/debug/streetflow", arguments,
            environment: childEnvironment(["STREETFLOW_SOCKET": socket, "LANG": "zh_CN.UTF-8"]))
    }

    @Test(.timeLimit(.minutes(3)))
    func aStreetMovesToPostgreSQLAndShowsTheSame() async throws {
        let cluster = try PostgresTestCluster.shared
        let location = try cluster.makeDatabase()
        let url = "postgresql://\(location.user)@/\(location.database)?host=\(cluster.directory)"

        let setup = try DaemonSetup()
        let sqlite = try Daemon(setup, name: "sqlite")
        try await sqlite.waitUntilListening()
        let client = try await sqlite.connect()
        let first = try #require(try await client.submitPlaque(text: "家庭医生工作室")["id"]?.stringValue)
        _ = try await client.workflow("Act", ["id": .string(first), "action": "forward", "comment": "材料齐全"])
        let second = try #require(try await client.submitPlaque("蓝天二村", text: "健康小屋")["id"]?.stringValue)
        let before = try await Self.cli(setup.socket, ["show", first])
        #expect(before.status == 0, "\(before.stderr)")

        let moved = try await Self.cli(setup.socket, ["admin", "migrate-store", "--to", url])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("已迁入"), "\(moved.stdout)")
        #expect(moved.stdout.contains("审计链在目标库核对完好"))
        #expect(!moved.stdout.contains("password"))

        // The old store takes no more writes, and says why in the user's language.
        let refused = try await Self.cli(setup.socket, ["comment", second, "还在吗？"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("已迁移"), "\(refused.stderr)")
        await sqlite.stop()
        // Nor does it start again on the old file.
        let again = try Daemon(setup, name: "sqlite-again")
        let status = await again.child.waitForExit(timeout: .seconds(20))
        #expect(status != nil && status != 0)
        #expect(again.log.contains("moved to"), "\(again.log)")

        // The same street on PostgreSQL: the same screen.
        var district = setup
        district.storeYAML = "store: {kind: postgresql, url: \"\(url)\", pool: 3}"
        let postgres = try Daemon(district, name: "postgresql")
        defer { Task { await postgres.stop() } }
        try await postgres.waitUntilListening()
        let after = try await Self.cli(setup.socket, ["show", first])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before.stdout)
        let verify = try await Self.cli(setup.socket, ["audit", "verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

        // A second street may not be moved into a database that holds the first, unless merged, by its name.
        var other = try DaemonSetup()
        other.storeYAML = "street: 岳阳街道"
        let otherDaemon = try Daemon(other, name: "other")
        defer { Task { await otherDaemon.stop() } }
        try await otherDaemon.waitUntilListening()
        _ = try await otherDaemon.connect().submitPlaque(text: "另一条街道")
        let full = try await Self.cli(other.socket, ["admin", "migrate-store", "--to", url])
        #expect(full.status != 0)
        #expect(full.stderr.contains("已有记录"), "\(full.stderr)")
        let store = try PostgresStore(location: location, pool: 2)
        defer { try? store.close() }
        #expect(try store.read { try $0.instances(InstanceFilter(limit: 10)) }.count == 2)
        let merged = try await Self.cli(other.socket, ["admin", "migrate-store", "--to", url, "--merge"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("已并入"), "\(merged.stdout)")
        #expect(try store.read { try $0.instances(InstanceFilter(limit: 10)) }.count == 3)
        #expect(try store.verifyChain().ok)
    }
}
