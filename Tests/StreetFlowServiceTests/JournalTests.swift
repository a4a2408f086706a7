import Foundation
import Testing

extension DaemonTests {
    /// A real systemd-journald (Tests/lab/with-journald.sh: a private mount namespace, never the host's journal).
    @Suite(.enabled(if: runningAsRoot, "with-journald.sh makes a mount namespace: needs root"))
    struct JournalTests {
        /// `name id` lines of Deploy/message-ids.txt.
        static func messageIDs() throws -> [String: String] {
            let text = try String(contentsOfFile: PackagePaths.messageIDs, encoding: .utf8)
            var ids: [String: String] = [:]
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let parts = line.split(separator: " ")
                if parts.count == 2 { ids[String(parts[0])] = String(parts[1]) }
            }
            return ids
        }

        @Test func eventsReachTheJournalWithStructuredFields() async throws {
            try #require(
                await PythonClient.available(),
                "Python's varlink package is missing; install it with `pip install varlink`")
            let setup = try DaemonSetup()
            let config = try setup.writeConfig()
            let output = try await runCommand(
                "/bin/bash",
                [
                    PackagePaths.withJournald, "bash", PackagePaths.root + "/Tests/daemon/journal-flow.sh",
                    PackagePaths.daemon, config, setup.socket, setup.directory.path,
                ])
            try #require(output.status == 0, "journal flow failed (\(output.status)): \(output.stderr)")

            let ids = try Self.messageIDs()
            let admission = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: setup.directory.file("admission.json"))))
            let id = try #require(value(admission, "get", "instance", "id") as? String)
            let history = value(admission, "get", "history") as? [[String: Any]] ?? []
            let lines = try String(contentsOfFile: setup.directory.file("journal.json"), encoding: .utf8)
            let entries = try lines.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            let events = entries.filter { $0["STREETFLOW_ACTION"] != nil }
            #expect(events.map { $0["STREETFLOW_ACTION"] as? String } == ["submit", "forward", "approve", "arrange"])
            for entry in events {
                #expect(entry["STREETFLOW_INSTANCE"] as? String == id)
                #expect(entry["STREETFLOW_WORKFLOW"] as? String == "plaque-admission")
                #expect(entry["STREETFLOW_ACTOR_UID"] as? String == "\(getuid())")
                #expect(entry["_TRANSPORT"] as? String == "journal")
                let expected = entry["STREETFLOW_ACTION"] as? String == "submit" ? ids["submitted"] : ids["acted"]
                #expect(entry["MESSAGE_ID"] as? String == expected, "\(entry)")
            }
            // The chain head in the journal is each event's hash (truncating the store is then detectable).
            #expect(events.map { $0["STREETFLOW_CHAIN_HEAD"] as? String } == history.map { $0["hash"] as? String })

            let daemonLines = try String(contentsOfFile: setup.directory.file("daemon.json"), encoding: .utf8)
            let daemonIDs = daemonLines.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["MESSAGE_ID"] as? String
            }
            #expect(daemonIDs.contains(ids["started"] ?? "-"))
            #expect(daemonIDs.contains(ids["stopping"] ?? "-"))
        }
    }
}
