import Foundation
import Logging
import WorkflowModel
import WorkflowStore

/// The store is never trusted further than what was acknowledged: a start on a store behind the chain head kept
/// outside it is refused, and a database deleted, replaced or made read-only under the running daemon stops the
/// writes (by name) while reads go on.
extension StreetFlowEngine {
    /// At start: the store's chain must reach the head recorded outside it and still hold it, and the events
    /// written after it must link. Throws `StoreError(.storeBehind)` saying what is missing and how to restore,
    /// unless ``EngineOptions/acceptStoreReset``.
    func checkChainHeadFile() throws {
        guard let file = store.chainHeadFile else { return }
        let stored = try read { try $0.chainHead() }
        guard let recorded = file.read() else {
            file.record(stored, at: clock.now())
            return
        }
        let when = recorded.at.ISO8601Format()
        var problem: String?
        if stored.globalSequence < recorded.head.globalSequence {
            let missing = recorded.head.globalSequence - stored.globalSequence
            problem =
                stored.globalSequence == 0
                ? "the store is empty, but \(recorded.head.globalSequence) events were acknowledged (chain head recorded in \(file.path) at \(when))"
                : "the store ends at event \(stored.globalSequence), but events up to \(recorded.head.globalSequence) were acknowledged (recorded in \(file.path) at \(when)): \(missing) events are missing"
        } else if recorded.head.globalSequence > 0 {
            let held = try read { try $0.events(after: recorded.head.globalSequence - 1, limit: 1) }.first
            if held?.globalSequence != recorded.head.globalSequence || held?.hash != recorded.head.hash {
                problem =
                    "event \(recorded.head.globalSequence) of the store does not have the hash recorded in \(file.path) at \(when): the chain was rewritten, or this is another street's store"
            } else {
                let tail = try store.verifyChain(from: recorded.head)
                if !tail.ok {
                    problem =
                        "the events written after the recorded head do not link: event \(tail.firstBroken ?? 0) (\(tail.problem ?? ""))"
                }
            }
        }
        if let problem {
            guard options.acceptStoreReset else {
                throw StoreError(
                    .storeBehind,
                    "this is not the store that was acknowledged: \(problem). Nothing was changed. Restore the latest backup (streetflow admin backup writes them under the state directory, in backups/) as streetflow.sqlite, or, if this older store is what you mean to run on, start once with --accept-store-reset (the missing events are then lost for good)."
                )
            }
            logger.critical(
                "Starting on a store behind the recorded chain head, as told (--accept-store-reset)",
                metadata: [
                    "message.id": "\(MessageID.storeBehind)", "error": "\(problem)",
                    "chain.sequence": "\(stored.globalSequence)", "chain.head": "\(stored.hash)",
                    "recorded.sequence": "\(recorded.head.globalSequence)", "recorded.head": "\(recorded.head.hash)",
                ])
            file.reset(to: stored, at: clock.now())
            return
        }
        file.record(stored, at: clock.now())
    }

    /// Notes (once, critical, catalog entry) that the store can no longer be written, for `status` and the
    /// journal; returns the refusal the caller gets.
    func noteStoreProblem(_ error: StoreError) -> WorkflowError {
        if storeProblem?.code != error.code {
            storeProblem = error
            logger.critical(
                "The store cannot be written: commands are refused, reads go on",
                metadata: [
                    "message.id": "\(MessageID.storeUnwritable)", "error": "\(error.message)",
                    "reason": "\(error.code.rawValue)",
                ])
        }
        let reason: String
        let zh: String
        switch error.code {
        case .storeLost:
            reason = "storeLost"
            zh = "数据库文件在运行中被删除或替换，已停止写入（仍可查询），本次操作未执行；请管理员从备份恢复后重启 streetflowd"
        case .storeMoved:
            reason = "storeMoved"
            zh = "本街道的记录已迁移到区里的数据库，此处不再写入（仍可查询），本次操作未执行；请管理员按迁移提示改配置后重启 streetflowd"
        default:
            reason = "storeReadOnly"
            zh = "数据库文件变为只读，已停止写入（仍可查询），本次操作未执行；请管理员恢复其写权限"
        }
        return WorkflowError(
            .storageFailure, LocalizedText(zh: zh, en: "nothing was changed: \(error.message)"),
            ["reason": .string(reason)])
    }
}

extension StreetFlowEngine {
    /// Where the records are, for `status`: the SQLite file or the PostgreSQL URL (no password).
    public nonisolated var storeDescription: String { store.description }

    /// The store-meta key that records where the records were moved (a moved store takes no more writes).
    static let movedToKey = "store.movedTo"

    /// Appends to every request without a street office an `assign-street` event naming `street`.
    static func recordStreet(_ street: String, tx: any StoreTransaction, catalog: EngineCatalog, at now: Date) throws {
        let at = AuditChain.date(milliseconds: AuditChain.milliseconds(now))
        var after = ""
        while true {
            let ids = try tx.instanceIDs(after: after, limit: 500)
            for id in ids {
                guard let instance = try tx.instance(id), instance.street == nil,
                    let definition = catalog.definition(instance.workflow, version: instance.definitionVersion)
                else { continue }
                let event = WorkflowEvent(
                    sequence: instance.version + 1, kind: .migrated, action: "assign-street", from: instance.state,
                    to: instance.state, definitionVersion: instance.definitionVersion, actor: .system,
                    comment: "迁入区数据库，记入所属街道 \(street)", fields: [WorkflowEvent.streetField: .string(street)], at: at)
                var updated = instance
                updated.apply(event, definition: definition)
                _ = try tx.append(
                    [event], to: updated, summary: updated.subject[definition.summaryField]?.displayText ?? "")
            }
            guard ids.count == 500, let last = ids.last else { return }
            after = last
        }
    }

    /// At start: a store whose records were moved elsewhere is not served (its writes would be lost to the district).
    func checkNotMoved() throws {
        guard let target = try read({ try $0.meta(Self.movedToKey) }) else { return }
        throw StoreError(
            .storeMoved,
            "this store's records were moved to \(target) (streetflow admin migrate-store); nothing was changed. Set store: {kind: postgresql, url: \(target)} in the config and start again."
        )
    }

    /// Moves every record into `target` (``StoreMigration``): writes wait meanwhile, the copy is verified on arrival,
    /// and this store takes no more writes afterwards (recorded in it, so a restart on it is refused too).
    /// `described` names the target in the log and the refusals (a URL without its password).
    /// With `merge`, the target may hold other streets' records: this street's are added to them
    /// (``StoreMigration/merge(from:into:street:)``); it needs `street:` configured.
    public func migrateStore(
        to target: any WorkflowStore, described: String, merge: Bool = false
    ) async throws -> StoreMigration.Report {
        if merge && catalog.street == nil {
            throw WorkflowError(
                .storageFailure,
                LocalizedText(
                    zh: "并入区数据库需要先在配置中写明本街道（street:），未做任何更改",
                    en:
                        "merging into the district's store needs this office's street: in the config; nothing was changed"
                ),
                ["reason": .string("streetRequired")])
        }
        let catalog = self.catalog
        let now = clock.now()
        let report = try await perform { tx in
            // Requests from before this office had a street are recorded as its own, one audited event each, so
            // they stay in its view among the district's streets.
            if let street = catalog.street {
                try Self.recordStreet(street, tx: tx, catalog: catalog, at: now)
                try (tx as? any StoreTables)?.scopeDocumentSeries(to: street)
            }
            let report: StoreMigration.Report
            do {
                if merge, let street = catalog.street {
                    let merged = try StoreMigration.merge(from: tx, into: target, street: street)
                    let verified = try target.verifyChain()
                    guard verified.ok, verified.head == merged.head else {
                        throw StoreError(
                            .corruptDatabase, "the merged chain does not verify: \(verified.problem ?? "")")
                    }
                    report = StoreMigration.Report(rows: merged.rows, head: merged.head, verified: verified.checked)
                } else {
                    report = try StoreMigration.copy(from: tx, into: target)
                }
            } catch let error as StoreError where error.code == .targetNotEmpty {
                throw WorkflowError(
                    .targetNotEmpty,
                    LocalizedText(
                        zh: "目标数据库 \(described) 已有记录，未复制任何内容；请迁入一个空的数据库",
                        en: "\(described) already holds records; nothing was copied. Move into an empty database."),
                    ["target": .string(described)])
            }
            try tx.setMeta(Self.movedToKey, described)
            return report
        }
        _ = noteStoreProblem(
            StoreError(.storeMoved, "the records were moved to \(described); restart with store.kind postgresql"))
        logger.notice(
            "Records moved to another store; this one takes no more writes",
            metadata: [
                "message.id": "\(MessageID.storeMoved)", "store.target": "\(described)",
                "chain.sequence": "\(report.head.globalSequence)", "chain.head": "\(report.head.hash)",
            ])
        return report
    }
}
