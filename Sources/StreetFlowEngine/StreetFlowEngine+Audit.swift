import Foundation
import Logging
import WorkflowModel
import WorkflowStore

/// `audit verify`: the hash chain, the attachments' bytes, every projection against the replay of its events, and
/// the chain against the heads written down outside the database; and `audit checkpoint`.
extension StreetFlowEngine {
    /// Verifies on the long-work thread (read snapshots, never the actor or the commit thread); `Busy` while
    /// another verification runs. `checkpoints` are heads the caller kept (printed checkpoints, the journal's).
    public nonisolated func verifyAudit(checkpoints: [Checkpoint] = []) async throws -> AuditReport {
        let (store, logger, log) = (store, logger, options.checkpointLog)
        let catalog = await currentCatalog
        return try await longWork.run(.auditVerification, now: clock.now()) {
            var known = checkpoints + (log.map { CheckpointLog(path: $0).read() } ?? [])
            if let file = store.chainHeadFile, let recorded = file.read() {
                known.append(Checkpoint(head: recorded.head, at: recorded.at, source: "chain-head file"))
            }
            return try Self.verifyAudit(store: store, catalog: catalog, checkpoints: known, logger: logger)
        }
    }

    private static func verifyAudit(
        store: any WorkflowStore, catalog: EngineCatalog, checkpoints: [Checkpoint], logger: Logger
    ) throws -> AuditReport {
        var report = try store.verifyChain()
        // The chain holds each attachment's hash; the bytes stored under it must still hash to it.
        if report.ok, let damaged = try store.read({ try $0.damagedAttachments() }).first {
            report.ok = false
            report.problem = "attachment \(damaged) no longer matches its SHA-256 (its bytes were changed)"
            report.problemZh = "附件 \(damaged) 与其 SHA-256 不符（内容被改动过）"
        }
        // A chain cut short or recomputed verifies on its own: the heads kept outside tell. The first (oldest)
        // checkpoint contradicted is named.
        if report.ok {
            let head = report.head
            for checkpoint in checkpoints.sorted(by: { $0.head.globalSequence < $1.head.globalSequence }) {
                report.checkpointsChecked += 1
                let contradiction = try checkpoint.contradiction(storeHead: head) { sequence in
                    try store.read { try $0.events(after: sequence - 1, limit: 1) }.first?.hash
                }
                if let contradiction {
                    report.ok = false
                    report.problem = contradiction.en
                    report.problemZh = contradiction.zh
                    report.contradictedCheckpoint = "\(checkpoint.source) \(checkpoint.at.ISO8601Format())"
                    report.firstBroken = min(checkpoint.head.globalSequence, head.globalSequence + 1)
                    break
                }
            }
        }
        // Every projection (what lists, queues and the next command read) must be the replay of its events.
        if report.ok {
            var after = ""
            scan: while true {
                let ids = try store.read { try $0.instanceIDs(after: after, limit: 500) }
                if ids.isEmpty { break }
                for id in ids {
                    report.projectionsChecked += 1
                    if let problem = try projectionProblem(id, store: store, catalog: catalog) {
                        report.ok = false
                        report.brokenInstance = id
                        report.problem = problem.en
                        report.problemZh = problem.zh
                        break scan
                    }
                }
                after = ids.last!
            }
        }
        if !report.ok {
            logger.error(
                "Audit verification failed",
                metadata: [
                    "message.id": "\(MessageID.auditFailed)", "chain.broken": "\(report.firstBroken ?? 0)",
                    "instance": "\(report.brokenInstance ?? "")", "error": "\(report.problem ?? "")",
                ])
        }
        return report
    }

    /// What is wrong with the stored projection of `id` compared with the replay of its events, in English and
    /// Chinese; nil when nothing.
    private static func projectionProblem(
        _ id: String, store: any WorkflowStore, catalog: EngineCatalog
    ) throws
        -> (en: String, zh: String)?
    {
        let (events, stored, storedColumns): ([StoredEvent], Result<WorkflowInstance?, any Error>, ProjectionColumns?) =
            try store.read { tx in
                (try tx.events(of: id), Result { try tx.instance(id) }, try tx.projectionColumns(id))
            }
        guard let workflow = events.first?.workflow,
            let replayed = WorkflowInstance.replay(
                id: id, events: events.map(\.event), definitions: { catalog.definition(workflow, version: $0) })
        else {
            return (
                "request \(id): its events do not replay (no submission, or a definition version not stored)",
                "申请 \(id) 的事件无法重放（缺少提交事件，或其定义版本未存）"
            )
        }
        let instance: WorkflowInstance
        switch stored {
        case .failure(let error):
            return (
                "request \(id): its stored record cannot be read (\(error))",
                "申请 \(id) 的当前记录无法读取（已损坏）"
            )
        case .success(nil):
            return ("request \(id): it has events but no record", "申请 \(id) 有事件却没有当前记录")
        case .success(let value?):
            instance = value
        }
        let expected = ProjectionColumns(replayed)
        let columns = storedColumns ?? expected
        var en: [String] = []
        var zh: [String] = []
        let state = columns.state != expected.state ? columns.state : instance.state
        if state != replayed.state {
            let definition = catalog.definition(workflow, version: replayed.definitionVersion)
            func label(_ key: String) -> LocalizedText {
                definition?.state(key)?.label ?? LocalizedText(zh: key, en: key)
            }
            en.append("state \(label(state).text(.en)) where the events say \(label(replayed.state).text(.en))")
            zh.append("环节记为「\(label(state).zh)」，事件表明应为「\(label(replayed.state).zh)」")
        }
        let version = columns.version != expected.version ? columns.version : instance.version
        if version != replayed.version {
            en.append("version \(version) where the events say \(replayed.version)")
            zh.append("版本记为 \(version)，事件表明应为 \(replayed.version)")
        }
        if instance.subject != replayed.subject || instance.fields != replayed.fields {
            en.append("its fields")
            zh.append("字段内容")
        }
        if instance.assignee != replayed.assignee || instance.signatures != replayed.signatures {
            en.append("its assignee or signatures")
            zh.append("经办人或会签")
        }
        if en.isEmpty, instance != replayed || columns != expected {
            en.append("other details")
            zh.append("其他内容")
        }
        guard !en.isEmpty else { return nil }
        return (
            "request \(id): its stored record differs from the replay of its events (\(en.joined(separator: "; "))): it was changed outside the audit chain",
            "申请 \(id) 的当前记录与其事件重放的结果不符（\(zh.joined(separator: "；"))）：记录在审计链之外被改动过"
        )
    }

    /// Writes the chain head down outside the database — the checkpoint log and the journal — and returns it.
    @discardableResult
    public func checkpoint(source: String) throws -> Checkpoint {
        let head = try chainHead()
        let checkpoint = Checkpoint(head: head, at: clock.now(), source: source)
        if let path = options.checkpointLog {
            do {
                try CheckpointLog(path: path).append(checkpoint)
            } catch {
                throw WorkflowError.storage(error)
            }
        }
        logger.notice(
            "Audit chain checkpoint",
            metadata: [
                "message.id": "\(MessageID.chainHead)", "chain.head": "\(head.hash)",
                "chain.sequence": "\(head.globalSequence)", "checkpoint.source": "\(source)",
            ])
        return checkpoint
    }
}
