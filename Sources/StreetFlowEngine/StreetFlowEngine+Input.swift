import Foundation
import WorkflowModel
import WorkflowStore

/// A command sent with an idempotency key: the key, what the command is for, and a hash of the whole request.
struct IdempotentRequest: Sendable {
    /// The key as the caller sent it.
    var key: String
    /// `Submit` or `Act`.
    var method: String
    /// The workflow key (Submit) or the request id (Act).
    var target: String
    /// SHA-256 of the request's canonical encoding.
    var sha256: String

    /// The parts of a command that make it the same request; sorted-key JSON of them is hashed.
    struct Parameters: Encodable {
        var method: String
        var target: String
        var action: String?
        var subject: [String: FieldValue]?
        var fields: [String: FieldValue]?
        var comment: String?
        var expectedVersion: Int?
        /// `SHA256 NAME` of each file attached, in order; absent when none (so keys recorded before attachments
        /// counted still answer the same requests).
        var attachments: [String]?
        /// The copy targets (抄送) as given; absent when none.
        var cc: [String]?
    }

    /// Checks the key and hashes the request; nil without a key.
    init?(key: String?, _ parameters: Parameters) throws(WorkflowError) {
        guard let key else { return nil }
        self.key = try StreetFlowEngine.checkedText(key, parameter: "idempotencyKey")
        method = parameters.method
        target = parameters.target
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain values cannot fail.
        sha256 = AuditChain.sha256(try! encoder.encode(parameters))
    }

    /// The stored record of this request once it has run.
    func record(uid: UInt32, instanceID: String, reply: Data, at date: Date) -> IdempotencyRecord {
        IdempotencyRecord(
            uid: uid, key: key, method: method, target: target, requestSHA256: sha256, instanceID: instanceID,
            reply: reply, createdAt: date)
    }

    /// Whether a stored record answers this request: the same method, target and request. A record kept from
    /// before keys were scoped (no method, no hash) answers only a command for the same workflow or request.
    func isAnswered(by record: IdempotencyRecord, replied instance: WorkflowInstance) -> Bool {
        if record.method.isEmpty {
            return method == "Submit" ? instance.workflow == target : instance.id == target
        }
        return record.method == method && record.target == target && record.requestSHA256 == sha256
    }
}

extension StreetFlowEngine {
    /// Whether separation of duties is in force (turned off only by `--dev` or the config's `separationOfDuties`).
    public nonisolated var separatesDuties: Bool { options.separationOfDuties }

    /// A text parameter that is not a field (ids, keys, user names, filters), checked by the one-line rule.
    static func checkedText(_ text: String, parameter: String, rule: TextRule = .line) throws(WorkflowError) -> String {
        switch rule.check(text) {
        case .success(let normalised): return normalised
        case .failure(let problem):
            var error = problem.error(.invalidText, field: parameter, parameterKey: "parameter")
            if let label = parameterLabels[parameter] {
                // The message names the parameter as the person knows it; `parameter` keeps the wire name.
                let zh = problem.error(.invalidText, field: label).message.zh
                error.message = LocalizedText(zh: zh, en: error.message.en)
            }
            throw error
        }
    }

    /// What the text parameters are called in Chinese (the English message keeps the parameter's name).
    static let parameterLabels: [String: String] = [
        "id": "申请编号", "workflow": "工作流", "user": "用户名", "idempotencyKey": "幂等键", "text": "搜索文字",
        "cursor": "翻页标记", "committee": "居委会", "department": "部门", "state": "环节",
    ]

    /// The filter's texts checked: one line each, the search text within its limit.
    static func checkedFilter(_ filter: InstanceFilter) throws(WorkflowError) -> InstanceFilter {
        var filter = filter
        func check(_ value: String?, _ parameter: String, rule: TextRule = .line) throws(WorkflowError) -> String? {
            guard let value else { return nil }
            return try checkedText(value, parameter: parameter, rule: rule)
        }
        filter.workflow = try check(filter.workflow, "workflow")
        filter.state = try check(filter.state, "state")
        filter.committee = try check(filter.committee, "committee")
        filter.department = try check(filter.department, "department")
        filter.cursor = try check(filter.cursor, "cursor")
        filter.text = try check(filter.text, "text", rule: .search)
        return filter
    }

    /// The stored reply when this request ran before; `IdempotencyKeyReused` when the key was used for another.
    static func replay(_ request: IdempotentRequest?, uid: UInt32, tx: any StoreReader) throws -> CommandResult? {
        guard let request, let record = try tx.idempotencyRecord(uid: uid, key: request.key) else { return nil }
        let instance = try decodeReply(record.reply)
        guard request.isAnswered(by: record, replied: instance) else {
            let first = record.method.isEmpty ? "?" : record.method
            throw WorkflowError(
                .idempotencyKeyReused,
                LocalizedText(
                    zh: "幂等键「\(request.key)」已用于另一请求（\(first) \(record.instanceID)），不能用于不同的请求；请换一个新键",
                    en:
                        "idempotency key '\(request.key)' was used for another request (\(first) \(record.instanceID)); use a new key for a different request"
                ),
                [
                    "key": .string(request.key), "firstMethod": .string(first),
                    "firstRequest": .string(record.instanceID), "firstTarget": .string(record.target),
                ])
        }
        return CommandResult(instance: instance, events: [], replayed: true)
    }
}

extension EngineCatalog {
    /// The filter with its names resolved to keys: a workflow by key or title, a state by key or label (within the
    /// workflow when one is given), a committee by name or key (居委会 optional), a department by key or the
    /// config's label. A name that matches nothing is refused naming what is known, so a typo is never an empty
    /// result.
    func resolvingNames(_ filter: InstanceFilter) throws(WorkflowError) -> InstanceFilter {
        var filter = filter
        typealias Candidate = (key: String, labels: [String])
        func resolve(
            _ value: String?, _ parameter: String, _ what: LocalizedText, _ candidates: [Candidate]
        ) throws(WorkflowError) -> String? {
            guard let value else { return nil }
            let text = value.trimmingCharacters(in: .whitespaces)
            if candidates.contains(where: { $0.key == text }) { return text }
            let matches = Set(candidates.filter { $0.labels.contains(text) }.map(\.key))
            if matches.count == 1, let key = matches.first { return key }
            throw .unknownName(
                parameter, value, what: what, known: candidates.map(\.key),
                labels: candidates.map { $0.labels.first ?? $0.key },
                englishLabels: candidates.map { $0.labels.dropFirst().first ?? $0.key })
        }
        let definitions = currentDefinitions
        filter.workflow = try resolve(
            filter.workflow, "workflow", LocalizedText(zh: "工作流", en: "workflow"),
            definitions.map { ($0.key, [$0.title.zh] + ($0.title.en.map { [$0] } ?? [])) })
        var states: [Candidate] = []
        for definition in definitions where filter.workflow == nil || definition.key == filter.workflow {
            for state in definition.states where !states.contains(where: { $0.key == state.key }) {
                states.append((state.key, [state.label.zh] + (state.label.en.map { [$0] } ?? [])))
            }
        }
        filter.state = try resolve(filter.state, "state", LocalizedText(zh: "环节", en: "state"), states)
        if let committee = filter.committee, committee.hasSuffix("居委会"), committee.count > 3 {
            filter.committee = String(committee.dropLast(3))
        }
        filter.committee = try resolve(
            filter.committee, "committee", LocalizedText(zh: "居委会", en: "committee"),
            committees.map { ($0.name, [$0.name, $0.key]) })
        if let department = filter.department {
            let known = Set((departments ?? []).union(departmentLabels.keys))
            // Without a configured department list any key is taken as given (development mode).
            if !known.isEmpty {
                filter.department = try resolve(
                    department, "department", LocalizedText(zh: "部门", en: "department"),
                    known.sorted().map { ($0, departmentLabels[$0].map { [$0] } ?? []) })
            }
        }
        return filter
    }
}
