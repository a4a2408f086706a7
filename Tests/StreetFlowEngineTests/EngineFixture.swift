import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// The real workflows and seeds, callers for each role, and engines on temporary databases.
enum EngineFixture {
    /// The repository root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let workflows = root.appendingPathComponent("Workflows", isDirectory: true)
    static let seeds = root.appendingPathComponent("seeds", isDirectory: true)
    static let catalog: EngineCatalog = try! EngineCatalog.load(workflows: workflows, seeds: seeds)

    static func caller(_ uid: UInt32, _ user: String, _ roles: Set<Role>) -> Caller {
        Caller(uid: uid, gid: uid, pid: Int32(uid) + 10_000, user: user, groups: [], roles: roles)
    }

    static let health = caller(2001, "health-li", [.department("health")])
    static let civil = caller(2002, "civil-wang", [.department("civil")])
    static let officeA = caller(3001, "office-a", [.office])
    static let officeB = caller(3002, "office-b", [.office])
    static let officeC = caller(3003, "office-c", [.office])
    /// An office clerk who is also a health department officer (and so may submit).
    static let officeHealth = caller(3004, "office-health", [.office, .department("health")])
    static let street = caller(4001, "street-zhao", [.street])
    static let lantian2 = caller(5001, "cmte-lantian2", [.committee("蓝天二村")])
    static let laidun = caller(5002, "cmte-laidun", [.committee("莱顿")])
    static let admin = caller(1, "admin", [.admin])

    /// Roles of the users a request can be handed over to.
    static let users: [String: Set<Role>] = [
        "office-a": [.office], "office-b": [.office], "office-c": [.office], "health-li": [.department("health")],
    ]

    /// 09:00 Shanghai time on `day` (`YYYY-MM-DD`).
    static func morning(_ day: String, hour: Double = 9) -> Date {
        LocalDate(day)!.startOfDay().addingTimeInterval(hour * 3600)
    }

    /// A fresh directory, removed when `body` returns.
    static func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sf-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url)
    }

    /// A started engine on a new store in `dir`.
    static func engine(
        in dir: URL, store: (any WorkflowStore)? = nil, catalog: EngineCatalog = catalog,
        clock: ManualClock = ManualClock(morning("2020-03-02")), options: EngineOptions = EngineOptions()
    ) async throws -> StreetFlowEngine {
        let store = try store ?? SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path)
        let engine = StreetFlowEngine(
            store: store, catalog: catalog, clock: clock, options: options, rolesOfUser: { users[$0] })
        try await engine.start()
        return engine
    }

    static func plaqueSubject(committee: String = "蓝天二村", text: String = "健康小屋") -> [String: FieldValue] {
        [
            "committee": .string(committee), "text": .string(text), "placement": .string("inside"),
            "reason": .string("便于居民就近获得健康服务"),
        ]
    }

    static func submitPlaque(
        _ engine: StreetFlowEngine, by caller: Caller = health, committee: String = "蓝天二村", text: String = "健康小屋",
        key: String? = nil
    ) async throws -> CommandResult {
        try await engine.submit(
            workflow: "plaque-admission", subject: plaqueSubject(committee: committee, text: text), comment: nil,
            idempotencyKey: key, caller: caller)
    }

    static func act(
        _ engine: StreetFlowEngine, _ id: String, _ action: String, by caller: Caller, comment: String? = nil,
        fields: [String: FieldValue] = [:], expected: Int? = nil, key: String? = nil
    ) async throws -> CommandResult {
        try await engine.act(
            id: id, action: action, comment: comment, fields: fields, expectedVersion: expected, idempotencyKey: key,
            caller: caller)
    }

    /// The code of the `WorkflowError` `body` throws (nil when it does not throw one).
    static func errorCode<T>(_ body: () async throws -> T) async -> String? {
        do {
            _ = try await body()
            return nil
        } catch let error as WorkflowError {
            return error.code.rawValue
        } catch {
            return "\(error)"
        }
    }

    /// The result of `body`, success or failure.
    static func attempt<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }

    /// Every item of a committee-rollout checklist.
    static let fullChecklist: FieldValue = .list(
        catalog.currentDefinition("committee-rollout")!.action("submit-self-check")!.fields[0].values.map(\.key))
}
