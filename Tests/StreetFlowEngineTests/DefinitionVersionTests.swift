import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

struct DefinitionVersionTests {
    typealias F = EngineFixture

    /// The shipped plaque admission, renumbered as a first version.
    static let original = try! String(
        contentsOf: F.workflows.appendingPathComponent("plaque-admission.yaml"), encoding: .utf8
    ).replacingOccurrences(of: "version: 3\nsupersedes: 2\n", with: "version: 1\n")

    /// Version 2 renames the street's state: instances in office review can move to it, those in street
    /// review cannot.
    static let version2 = original.replacingOccurrences(of: "version: 1", with: "version: 2")
        .replacingOccurrences(of: "street-review", with: "leader-review")

    /// A catalog with one plaque-admission file (plus the real seeds).
    static func catalog(_ source: String, in dir: URL, name: String) throws -> EngineCatalog {
        let workflows = dir.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
        try source.write(
            to: workflows.appendingPathComponent("plaque-admission.yaml"), atomically: true, encoding: .utf8)
        // Arranging a plaque enters it in the register: the register's workflow comes along (with the boards it
        // also records).
        // A revocation revokes plaques and boards and opens removal tasks: those come too.
        for file in [
            "register-entry.yaml", "board-admission.yaml", "admission-revocation.yaml", "removal-task.yaml",
            "task-admission.yaml",
        ] {
            try FileManager.default.copyItem(
                at: F.workflows.appendingPathComponent(file), to: workflows.appendingPathComponent(file))
        }
        return try EngineCatalog.load(workflows: workflows, seeds: F.seeds)
    }

    @Test func aNewVersionAppliesToNewInstancesAndMigrationMovesOldOnes() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, catalog: try Self.catalog(Self.original, in: dir, name: "v1"))
            let waiting = try await F.submitPlaque(engine, text: "待审核的牌子").instance.id
            let forwarded = try await F.submitPlaque(engine, text: "已报街道的牌子").instance.id
            _ = try await F.act(engine, forwarded, "forward", by: F.officeA)

            try await engine.reload(try Self.catalog(Self.version2, in: dir, name: "v2"))
            #expect(await engine.currentCatalog.currentDefinition("plaque-admission")?.version == 2)
            // The old version is still known (from the store) for the instances running on it.
            #expect(await engine.currentCatalog.definition("plaque-admission", version: 1) != nil)

            let fresh = try await F.submitPlaque(engine, text: "新版本的牌子")
            #expect(fresh.instance.definitionVersion == 2)
            #expect(
                try await F.act(engine, fresh.instance.id, "forward", by: F.officeA).instance.state == "leader-review")
            // Old instances keep version 1 and its states until migrated.
            #expect(try await engine.get(id: waiting, caller: F.officeA).instance.definitionVersion == 1)
            #expect(try await engine.get(id: forwarded, caller: F.officeA).actions.contains("approve") == false)
            #expect(try await engine.get(id: forwarded, caller: F.street).actions.contains("approve"))

            let denied = try await engine.migrate(ids: [waiting], caller: F.officeA)
            guard case .failure(let deniedError) = denied.first else {
                Issue.record("a non-admin migrated an instance")
                return
            }
            #expect(deniedError.code == .permissionDenied)

            let results = try await engine.migrate(ids: [waiting, forwarded], caller: F.admin)
            guard case .success(let moved) = results[0], case .failure(let refused) = results[1] else {
                Issue.record("unexpected migration results: \(results)")
                return
            }
            #expect(moved.instance.definitionVersion == 2)
            #expect(moved.instance.state == "office-review")
            #expect(moved.events.map(\.event.kind) == [.migrated])
            #expect(moved.events.first?.event.fields["fromVersion"] == .int(1))
            #expect(refused.code == .migrationNotPossible)
            #expect(try await engine.get(id: forwarded, caller: F.officeA).instance.definitionVersion == 1)
            #expect(try await engine.history(id: forwarded, caller: F.officeA).count == 2)

            // The migrated instance now follows version 2.
            #expect(try await F.act(engine, waiting, "forward", by: F.officeA).instance.state == "leader-review")
            let history = try await engine.history(id: waiting, caller: F.officeA)
            #expect(history.map(\.event.kind) == [.submitted, .migrated, .transitioned])
            #expect(history.map(\.event.definitionVersion) == [1, 2, 2])
            // A second migration has nowhere newer to go.
            guard case .failure(let again) = try await engine.migrate(ids: [waiting], caller: F.admin).first else {
                Issue.record("an instance migrated twice to the same version")
                return
            }
            #expect(again.code == .migrationNotPossible)
            #expect(try await engine.verifyAudit().ok)
        }
    }

    @Test func aChangedTextUnderTheSameVersionIsRefusedAndTheOldCatalogStays() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir, catalog: try Self.catalog(Self.original, in: dir, name: "v1"))
            let before = await engine.currentCatalog.sources["plaque-admission"]?[1]
            let edited = Self.original.replacingOccurrences(of: "title: {zh: 标识挂牌准入", with: "title: {zh: 挂牌准入（改）")
            #expect(edited != Self.original)

            let refused = await F.errorCode {
                try await engine.reload(try Self.catalog(edited, in: dir, name: "edited"))
            }
            #expect(refused == "ReloadRefused")
            #expect(await engine.currentCatalog.sources["plaque-admission"]?[1] == before)
            #expect(await engine.currentCatalog.currentDefinition("plaque-admission")?.title.zh == "标识挂牌准入")
            // The engine keeps working on the old catalog.
            #expect(try await F.submitPlaque(engine).instance.definitionVersion == 1)
            // Restarting on the edited file is refused the same way: the store remembers version 1's text.
            let restarted = StreetFlowEngine(
                store: try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path),
                catalog: try Self.catalog(edited, in: dir, name: "edited2"), clock: ManualClock(F.morning("2020-03-02"))
            )
            #expect(await F.errorCode { try await restarted.start() } == "ReloadRefused")
        }
    }
}
