import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// `audit verify` names tampering the hash chain alone cannot see: a projection edited, a row that cannot be read,
/// the newest events deleted, the chain rewritten and recomputed.
struct AuditTamperTests {
    typealias F = EngineFixture

    /// An engine keeping the chain head file and a checkpoint log in `dir`, with `count` plaques submitted.
    static func engine(_ dir: URL, count: Int) async throws -> (StreetFlowEngine, [String]) {
        let store = try StoreFaultTests.store(dir)
        var options = EngineOptions()
        options.checkpointLog = dir.appendingPathComponent("checkpoints").path
        let engine = try await F.engine(in: dir, store: store, options: options)
        var ids: [String] = []
        for n in 0..<count { ids.append(try await F.submitPlaque(engine, text: "标牌\(n)").instance.id) }
        return (engine, ids)
    }

    static var path: (URL) -> String { { $0.appendingPathComponent("sf.sqlite").path } }

    @Test func aProjectionEditedToApprovedIsNamedByRequest() async throws {
        try await F.withTemporaryDirectory { dir in
            let (engine, ids) = try await Self.engine(dir, count: 5)
            #expect(try await engine.verifyAudit().ok)
            try StoreFaultTests.edit(Self.path(dir)) { db in
                try db.execute(sql: "UPDATE instances SET state = 'approved' WHERE id = ?", arguments: [ids[2]])
            }
            let report = try await engine.verifyAudit()
            #expect(!report.ok)
            #expect(report.brokenInstance == ids[2])
            #expect(report.problem?.contains("differs from the replay of its events") == true, "\(report)")
            #expect(report.problemZh?.contains("环节记为「已准入，待统筹安排」") == true, "\(report)")
            // The same edit inside the stored record (not only its indexed column) is named too.
            try StoreFaultTests.edit(Self.path(dir)) { db in
                try db.execute(sql: "UPDATE instances SET state = 'office-review' WHERE id = ?", arguments: [ids[2]])
                try db.execute(
                    sql: "UPDATE instances SET data = replace(data, '\"office-review\"', '\"approved\"') WHERE id = ?",
                    arguments: [ids[3]])
            }
            let second = try await engine.verifyAudit()
            #expect(second.brokenInstance == ids[3], "\(second)")
        }
    }

    @Test func aRecordThatCannotBeReadIsSkippedByListsAndNamedByVerify() async throws {
        try await F.withTemporaryDirectory { dir in
            let (engine, ids) = try await Self.engine(dir, count: 4)
            try StoreFaultTests.edit(Self.path(dir)) { db in
                try db.execute(sql: "UPDATE instances SET data = '{broken' WHERE id = ?", arguments: [ids[1]])
            }
            // One damaged row does not fail the office's queue or list.
            let queue = try await engine.queue(caller: F.officeA)
            #expect(Set(queue.map(\.instance.id)) == Set(ids).subtracting([ids[1]]))
            let listed = try await engine.list(InstanceFilter(), caller: F.officeA).instances.map(\.id)
            #expect(Set(listed) == Set(ids).subtracting([ids[1]]))
            let report = try await engine.verifyAudit()
            #expect(!report.ok && report.brokenInstance == ids[1])
            #expect(report.problem?.contains("cannot be read") == true, "\(report)")
        }
    }

    @Test func deletingTheNewestEventsContradictsTheCheckpoints() async throws {
        try await F.withTemporaryDirectory { dir in
            let (engine, _) = try await Self.engine(dir, count: 60)
            let taken = try await engine.checkpoint(source: "requested")
            #expect(taken.head.globalSequence == 60)
            try StoreFaultTests.edit(Self.path(dir)) { db in
                try db.execute(sql: "DROP TRIGGER events_no_delete")
                try db.execute(sql: "DELETE FROM events WHERE id > 10")
            }
            // The chain that is left links; what was written down outside says it is short.
            let report = try await engine.verifyAudit()
            #expect(!report.ok)
            #expect(report.checked == 10)
            #expect(report.problem?.contains("the store ends at event 10") == true, "\(report)")
            #expect(report.problemZh?.contains("第 11…60 个事件已被删除") == true, "\(report)")
            #expect(report.contradictedCheckpoint != nil)
        }
    }

    @Test func aRewrittenAndRecomputedChainContradictsTheHeadsKeptOutside() async throws {
        try await F.withTemporaryDirectory { dir in
            let (engine, _) = try await Self.engine(dir, count: 10)
            let kept = try await engine.checkpoint(source: "printed")
            for n in 0..<10 { _ = try await F.submitPlaque(engine, text: "后来\(n)") }
            try StoreFaultTests.rewriteChain(Self.path(dir), at: 5, actorUser: "someone-else")
            // What the daemon wrote down outside the database (its checkpoint log, its head file) contradicts it.
            let own = try await engine.verifyAudit()
            #expect(!own.ok && own.contradictedCheckpoint != nil, "\(own)")
            // Had those been rewritten too, the checkpoint the administrator printed still tells.
            try FileManager.default.removeItem(at: dir.appendingPathComponent("checkpoints"))
            let report = try await engine.verifyAudit(checkpoints: [kept])
            #expect(!report.ok)
            #expect(report.problem?.contains("the chain was rewritten and recomputed") == true, "\(report)")
            // The oldest checkpoint contradicted is named: the one the administrator printed at event 10.
            #expect(report.contradictedCheckpoint?.hasPrefix("printed") == true, "\(report)")
            #expect(report.firstBroken == 10)
        }
    }
}
