import Foundation
import StreetFlowEngine
import StreetFlowProtocol
import Varlink
import WorkflowModel
import WorkflowStore

/// `org.streetflow.Admin`: one function per method; reads need admin, office or street, changes need admin.
extension StreetFlowService: Admin.Handler {
    /// Walks the audit chain, the projections and the checkpoints.
    public func verifyAudit(
        _ parameters: Admin.VerifyAuditParameters, call: VarlinkCall
    ) async throws -> Admin.VerifyAuditReply {
        try administrator(call, method: "VerifyAudit", readOnly: true)
        var kept: [Checkpoint] = []
        for (n, given) in (parameters.checkpoints ?? []).enumerated() {
            guard given.sequence >= 0, given.hash.count == 64, given.hash.allSatisfy(\.isHexDigit),
                let at = try? Date(given.at, strategy: .iso8601)
            else { throw VarlinkError.invalidParameter("checkpoints[\(n)]") }
            kept.append(
                Checkpoint(
                    head: ChainHead(globalSequence: Int64(given.sequence), hash: given.hash.lowercased()), at: at,
                    source: given.source ?? "given"))
        }
        let report = try await engine.verifyAudit(checkpoints: kept)
        return Admin.VerifyAuditReply(
            ok: report.ok, checked: report.checked, firstBroken: report.firstBroken.map { Int($0) },
            brokenInstance: report.brokenInstance, problem: report.problem, problemZh: report.problemZh,
            headSequence: Int(report.head.globalSequence), headHash: report.head.hash,
            projectionsChecked: report.projectionsChecked, checkpointsChecked: report.checkpointsChecked,
            contradictedCheckpoint: report.contradictedCheckpoint)
    }

    /// Writes the chain head down outside the database and returns it.
    public func takeCheckpoint(call: VarlinkCall) async throws -> Admin.TakeCheckpointReply {
        let caller = try administrator(call, method: "TakeCheckpoint", readOnly: true)
        let checkpoint = try await engine.checkpoint(source: "requested-by-\(caller.user)")
        return Admin.TakeCheckpointReply(
            checkpoint: Admin.ChainCheckpoint(
                sequence: Int(checkpoint.head.globalSequence), hash: checkpoint.head.hash,
                at: checkpoint.at.ISO8601Format(), source: checkpoint.source),
            line: checkpoint.line)
    }

    /// Daemon statistics.
    public func stats(call: VarlinkCall) async throws -> Admin.StatsReply {
        try administrator(call, method: "Stats", readOnly: true)
        let stats = try await engine.stats()
        let tallyFields = Dictionary(
            await engine.currentCatalog.currentDefinitions.compactMap { d in d.tally.map { (d.key, $0) } },
            uniquingKeysWith: { a, _ in a })
        return Admin.StatsReply(
            version: version, startedAt: stats.startedAt.ISO8601Format(),
            uptimeSeconds: Int(Date().timeIntervalSince(stats.startedAt)), storeBytes: Int(stats.storeBytes),
            open: stats.open, awaitingOffice: stats.awaitingOffice, awaitingStreet: stats.awaitingStreet,
            openByState: stats.openByState.map {
                Admin.StateCount(workflow: $0.workflow, state: $0.state, count: $0.count)
            },
            commits: stats.commits, commands: stats.commands, commandsPerCommit: stats.commandsPerCommit,
            averageCommitMicroseconds: stats.averageCommitMicroseconds,
            lastCommitMicroseconds: stats.lastCommitMicroseconds,
            headSequence: Int(stats.chainHead.globalSequence), headHash: stats.chainHead.hash,
            sampleLists: stats.sampleLists, programmeUnconfirmed: stats.programmeUnconfirmed,
            calendarEnds: stats.calendarEnds?.description,
            calendarCoveredUntil: stats.calendarCoveredUntil?.description,
            tallies: try await engine.tallies().flatMap { workflow, values in
                values.map { value, count in
                    Admin.Tally(
                        workflow: workflow, field: tallyFields[workflow] ?? "", value: value, all: count.all,
                        open: count.open)
                }
            }.sorted { ($0.workflow, $0.value) < ($1.workflow, $1.value) },
            queues: try await engine.queueLoads().map {
                Admin.QueueLoad(queue: $0.queue, open: $0.open, overdue: $0.overdue, escalatedHere: $0.escalatedHere)
            },
            separationOfDuties: engine.separatesDuties, storeProblem: await engine.storeProblem?.message,
            storeProblemReason: await engine.storeProblem.map {
                switch $0.code {
                case .storeLost: "storeLost"
                case .storeMoved: "storeMoved"
                default: "storeReadOnly"
                }
            }, store: engine.storeDescription, street: await engine.currentCatalog.street)
    }

    /// Re-reads workflows, seeds and lists; an invalid set is refused with its errors.
    public func reload(call: VarlinkCall) async throws -> Admin.ReloadReply {
        try administrator(call, method: "Reload", readOnly: false)
        do {
            return Admin.ReloadReply(workflows: try await reload())
        } catch {
            // Whatever the new files got wrong (workflows, seeds, config, a changed definition version), the
            // running set stays: always ReloadRefused with the problems, never an internal error.
            throw Admin.ReloadRefused(
                errors: Self.reloadProblems(error), message: "工作流、种子数据或配置文件有错误，已保留原有设置",
                messageEn: "the workflows, seeds or config have errors; the running set stays")
        }
    }

    /// Writes an online backup into the backup directory.
    public func backup(call: VarlinkCall) async throws -> Admin.BackupReply {
        try administrator(call, method: "Backup", readOnly: false)
        try FileManager.default.createDirectory(atPath: backupDirectory, withIntermediateDirectories: true)
        let stamp = Date().ISO8601Format().replacingOccurrences(of: ":", with: "")
        let path = "\(backupDirectory)/streetflow-\(stamp).sqlite"
        try await engine.backup(to: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        return Admin.BackupReply(path: path, bytes: size)
    }

    /// Moves a simulated clock; refused on the real one.
    public func clock(_ parameters: Admin.ClockParameters, call: VarlinkCall) async throws -> Admin.ClockReply {
        try administrator(call, method: "Clock", readOnly: parameters.advance == nil && parameters.set == nil)
        let now = await engine.now()
        var target: Date?
        if let advance = parameters.advance {
            guard let seconds = Self.duration(advance) else { throw VarlinkError.invalidParameter("advance") }
            target = now.addingTimeInterval(seconds)
        } else if let set = parameters.set {
            guard let date = Self.parseTime(set) ?? Self.officeTime(set) else {
                throw VarlinkError.invalidParameter("set")
            }
            target = date
        }
        do {
            var moved = now
            if let target { moved = try await engine.moveClock(to: target) }
            return Admin.ClockReply(now: moved.ISO8601Format(), simulated: await engine.clockIsSimulated)
        } catch let error as WorkflowError {
            throw Self.adminError(error)
        }
    }

    /// `2019-10-08T14:00` in office time (no offset written).
    static func officeTime(_ text: String) -> Date? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let day = LocalDate(String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]) else { return nil }
        return day.startOfDay().addingTimeInterval(TimeInterval(clock[0] * 3600 + clock[1] * 60))
    }

    /// `20d`, `3h`, `2w`, `30m` (days are calendar days) in seconds; nil when it is none of these.
    static func duration(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unit = trimmed.last, let n = Double(trimmed.dropLast()), n >= 0, n <= 36_500 else { return nil }
        switch unit {
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        case "w": return n * 7 * 86_400
        default: return nil
        }
    }

    /// Moves this street's records into another store, verified on arrival; this store takes no writes after.
    public func migrateStore(
        _ parameters: Admin.MigrateStoreParameters, call: VarlinkCall
    ) async throws -> Admin.MigrateStoreReply {
        try administrator(call, method: "MigrateStore", readOnly: false)
        let opened: (store: any WorkflowStore, described: String)
        guard parameters.to.hasPrefix("postgresql://") || parameters.to.hasPrefix("postgres://") else {
            throw Admin.StorageFailure(
                reason: "targetURL",
                message: "目标须写成 postgresql://用户@主机/数据库（本机套接字写 postgresql://用户@/数据库?host=/run/postgresql），未做任何更改",
                messageEn:
                    "the target must be written postgresql://user@host/database (a local socket: postgresql://user@/database?host=/run/postgresql); nothing was changed"
            )
        }
        do {
            opened = try openStore(parameters.to)
        } catch {
            logger.error("Cannot open the store to move the records into", metadata: ["error": "\(error)"])
            let detail = (error as? StoreError)?.message ?? "\(error)"
            throw Admin.StorageFailure(
                reason: "targetUnreachable",
                message: "无法打开目标数据库，未做任何更改；请检查地址、数据库账号和密码（原因见 journalctl -u streetflowd）",
                messageEn: "cannot open the target store; nothing was changed: \(detail)")
        }
        defer { try? opened.store.close() }
        let report = try await engine.migrateStore(
            to: opened.store, described: opened.described, merge: parameters.merge ?? false)
        return Admin.MigrateStoreReply(
            target: opened.described, events: report.rows["events"] ?? 0, requests: report.rows["instances"] ?? 0,
            chainHead: report.head.hash, chainSequence: Int(report.head.globalSequence), rows: report.rows)
    }

    /// Moves requests to the current version of their workflow.
    public func migrate(_ parameters: Admin.MigrateParameters, call: VarlinkCall) async throws -> Admin.MigrateReply {
        let caller = try administrator(call, method: "Migrate", readOnly: false)
        let results = try await engine.migrate(ids: parameters.ids, caller: caller)
        var reply = Admin.MigrateReply(migrated: [], failed: [])
        for (id, result) in zip(parameters.ids, results) {
            switch result {
            case .success: reply.migrated.append(id)
            case .failure(let error): reply.failed.append("\(id): \(error.message.zh)")
            }
        }
        return reply
    }

    /// The lines of a refused reload: every diagnostic with its file, line and column where there is one.
    static func reloadProblems(_ error: any Error) -> [String] {
        switch error {
        case let error as CatalogError: return error.diagnostics.map(\.description)
        case let error as ConfigurationError: return error.diagnostics.map(\.description)
        case let error as WorkflowError: return [error.message.text(.en)]
        default: return ["\(error)"]
        }
    }

    /// The caller, when it holds a role allowed to call `method`; otherwise `PermissionDenied`.
    @discardableResult
    func administrator(_ call: VarlinkCall, method: String, readOnly: Bool) throws -> Caller {
        let caller = try caller(call)
        let allowed: Set<Role> = readOnly ? [.admin, .office, .street] : [.admin]
        guard caller.roles.isDisjoint(with: allowed) else { return caller }
        let names = allowed.map(\.rawValue).sorted()
        throw Admin.PermissionDenied(
            required: names, reason: nil, message: "「\(method)」需要角色：\(names.joined(separator: "、"))",
            messageEn: "\(method) needs one of the roles: \(names.joined(separator: ", "))")
    }
}
