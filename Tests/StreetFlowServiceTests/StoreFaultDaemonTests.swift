import Foundation
import Glibc
import Testing
import Varlink

extension DaemonTests {
    /// The real daemon on a store that fills up, is made read-only, or cannot be written at start.
    @Suite(.enabled(if: runningAsRoot, "mounts a small tmpfs and switches users: needs root"))
    struct StoreFaultDaemonTests {
        /// The error name and `reason` of a refused call.
        static func refusal(_ body: () async throws -> Void) async -> (String, String?)? {
            do {
                try await body()
                return nil
            } catch let error as VarlinkError {
                return (
                    error.name.components(separatedBy: ".").last ?? error.name, error.parameters["reason"]?.stringValue
                )
            } catch {
                return ("\(error)", nil)
            }
        }

        @Test func aFullDiskRefusesWritesByNameServesReadsAndLosesNothing() async throws {
            var setup = try DaemonSetup()
            try FileManager.default.createDirectory(atPath: setup.state, withIntermediateDirectories: true)
            let mounted = try await runCommand("/bin/mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", setup.state])
            try #require(mounted.status == 0, "mount: \(mounted.stderr)")
            defer { _ = umount2(setup.state, Int32(MNT_DETACH)) }
            setup.socket = setup.directory.file("full.sock")
            var acknowledged: [String] = []
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                acknowledged.append(try await client.submitPlaque(text: "满盘之前")["id"]?.stringValue ?? "")
                // Everything left on the file system taken by a filler file.
                let filler = setup.state + "/filler"
                #expect(FileManager.default.createFile(atPath: filler, contents: nil))
                let handle = try #require(FileHandle(forWritingAtPath: filler))
                let block = Data(count: 64 << 10)
                while (try? handle.write(contentsOf: block)) != nil {}
                try? handle.close()
                var refused: (String, String?)?
                for n in 0..<400 {
                    refused = await Self.refusal {
                        let instance = try await client.submitPlaque(text: "满盘\(n)" + String(repeating: "字", count: 80))
                        acknowledged.append(instance["id"]?.stringValue ?? "")
                    }
                    if refused != nil { break }
                }
                #expect(refused?.0 == "StorageFailure", "\(String(describing: refused))")
                // Reads go on while the disk is full.
                let listed = try await client.workflow("List", ["limit": 500])["instances"]?.arrayValue ?? []
                #expect(Set(listed.compactMap { $0["id"]?.stringValue }) == Set(acknowledged))
                // Room again: writes resume by themselves.
                try FileManager.default.removeItem(atPath: filler)
                acknowledged.append(try await client.submitPlaque(text: "腾出空间之后")["id"]?.stringValue ?? "")
                await client.close()
            }
            // After a restart every acknowledged request is there, and the chain verifies.
            try await withDaemon(setup) { daemon in
                let client = try await daemon.connect()
                let listed = try await client.workflow("List", ["limit": 500])["instances"]?.arrayValue ?? []
                #expect(Set(listed.compactMap { $0["id"]?.stringValue }) == Set(acknowledged))
                let audit = try await client.call(method: "org.streetflow.Admin.VerifyAudit", parameters: [:])
                #expect(audit["ok"] == .bool(true), "\(audit)")
                await client.close()
            }
        }

        @Test func aReadOnlyStoreIsRefusedInPlainWordsWhileRunningAndAtStart() async throws {
            let users = TestUsers()
            defer { users.remove() }
            let daemonUser = try users.add(user: "daemon", group: "daemon")
            let setup = try DaemonSetup()
            try FileManager.default.createDirectory(atPath: setup.state, withIntermediateDirectories: true)
            _ = try await runCommand("/bin/chown", ["-R", "\(daemonUser.user):\(daemonUser.group)", setup.state])
            _ = try await runCommand("/bin/chmod", ["a+rwx", setup.directory.path])
            let database = setup.state + "/streetflow.sqlite"
            let daemon = try Daemon(setup, user: (daemonUser.user, daemonUser.group))
            do {
                try await daemon.waitUntilListening()
                let client = try await daemon.connect()
                _ = try await client.submitPlaque(text: "只读之前")
                // Made read-only under the running daemon: the next write is refused by name, reads go on.
                #expect(chmod(database, 0o444) == 0)
                let refused = await Self.refusal { _ = try await client.submitPlaque(text: "只读之时") }
                #expect(
                    refused?.0 == "StorageFailure" && refused?.1 == "storeReadOnly", "\(String(describing: refused))")
                let stats = try await client.call(method: "org.streetflow.Admin.Stats", parameters: [:])
                #expect(stats["storeProblemReason"] == .string("storeReadOnly"), "\(stats)")
                #expect((try await client.workflow("List"))["instances"]?.arrayValue?.count == 1)
                // Writable again: the writes resume.
                #expect(chmod(database, 0o640) == 0)
                _ = try await client.submitPlaque(text: "恢复之后")
                await client.close()
                daemon.child.signal(SIGTERM)
                #expect(await daemon.child.waitForExit(timeout: .seconds(20)) == 0)
            } catch {
                await daemon.stop()
                throw error
            }
            // Read-only before a start: a plain refusal (exit 65), never a raw SQL error, never an empty start.
            #expect(chmod(database, 0o444) == 0)
            let refused = try Daemon(setup, name: "readonly", user: (daemonUser.user, daemonUser.group))
            let status = await refused.child.waitForExit(timeout: .seconds(20))
            #expect(status == 65, "\(refused.log)")
            #expect(refused.log.contains("is read-only for \(daemonUser.user)"), "\(refused.log)")
            #expect(!refused.log.contains("attempt to write a readonly database"), "\(refused.log)")
        }
    }
}
