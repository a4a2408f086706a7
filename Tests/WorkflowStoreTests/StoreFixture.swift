import Foundation
import WorkflowModel
import WorkflowStore

/// Temp directories, the shipped definitions and instance builders for the store tests.
enum StoreFixture {
    /// The repository root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let plaque = definition("plaque-admission")
    static let task = definition("task-admission")

    static func definition(_ key: String) -> WorkflowDefinition {
        let url = root.appendingPathComponent("Workflows/\(key).yaml")
        return DefinitionLoader().load(contentsOf: url).definition!
    }

    /// A fresh directory that is removed when `body` returns.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sf-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    static func actor(uid: UInt32, roles: Set<Role>) -> Principal {
        Principal(uid: uid, user: "user\(uid)", pid: 4242, roles: roles)
    }

    /// 2020-03-02 09:00 Shanghai plus `minutes`.
    static func time(_ minutes: Int = 0) -> Date {
        LocalDate("2020-03-02")!.startOfDay().addingTimeInterval(9 * 3600 + Double(minutes) * 60)
    }

    /// A submitted plaque request: its events and the projection.
    static func plaqueRequest(
        id: String, committee: String = "蓝天二村", department: String = "health", uid: UInt32 = 2001,
        text: String = "卫生服务点", at date: Date = time()
    ) -> (WorkflowInstance, [WorkflowEvent]) {
        submitted(
            plaque, id: id,
            subject: [
                "committee": .string(committee), "text": .string(text), "placement": .string("inside"),
                "reason": .string("因工作需要"),
            ], actor: actor(uid: uid, roles: [.department(department)]), at: date)
    }

    /// A submitted task-admission request that is not on any list (goes to office review).
    static func taskRequest(
        id: String, committee: String? = nil, department: String = "civil", uid: UInt32 = 2002, at date: Date = time()
    )
        -> (WorkflowInstance, [WorkflowEvent])
    {
        var subject: [String: FieldValue] = [
            "text": .string("收集居民宠物饲养信息"), "reason": .string("需要"), "validUntil": .string("2020-12-31"),
        ]
        if let committee { subject["committee"] = .string(committee) }
        return submitted(
            task, id: id, subject: subject, actor: actor(uid: uid, roles: [.department(department)]), at: date)
    }

    static func submitted(
        _ definition: WorkflowDefinition, id: String, subject: [String: FieldValue], actor: Principal, at date: Date
    ) -> (WorkflowInstance, [WorkflowEvent]) {
        let events = try! definition.transition(
            instance: nil, command: .submit(subject: subject, comment: "请审核"), actor: actor,
            context: TransitionContext(now: date)
        ).get()
        var instance = WorkflowInstance.submitted(id: id, event: events[0], definition: definition)
        for event in events.dropFirst() { instance.apply(event, definition: definition) }
        return (instance, events)
    }

    /// Appends a request's events and projection in one transaction.
    @discardableResult
    static func store(
        _ request: (WorkflowInstance, [WorkflowEvent]), in store: any WorkflowStore
    ) throws -> [StoredEvent] {
        try store.write { tx in
            try tx.append(request.1, to: request.0, summary: request.0.subject["text"]?.displayText ?? "")
        }
    }

    /// Takes an action on a stored instance and appends its events.
    @discardableResult
    static func act(
        _ action: String, on id: String, in store: any WorkflowStore, actor: Principal, comment: String? = nil,
        fields: [String: FieldValue] = [:], at date: Date = time(60)
    ) throws -> WorkflowInstance {
        try store.write { tx in
            let instance = try tx.instance(id)!
            let definition = instance.workflow == plaque.key ? plaque : task
            let events = try definition.transition(
                instance: instance, command: .act(action: action, comment: comment, fields: fields), actor: actor,
                context: TransitionContext(now: date, separationOfDuties: false)
            ).get()
            var updated = instance
            for event in events { updated.apply(event, definition: definition) }
            _ = try tx.append(events, to: updated, summary: updated.subject["text"]?.displayText ?? "")
            return updated
        }
    }

    static func fileBytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }
}
