import Foundation
import Testing

@testable import WorkflowModel

/// Everything the product ships loads cleanly.
struct CatalogueTests {
    static let shipped = [
        "admission-revocation", "annual-evaluation", "board-admission", "committee-rollout", "improvement-work",
        "list-update", "plaque-admission", "register-entry", "removal-task", "street-programme", "task-admission",
        "training-record", "unadmitted-report",
    ]

    @Test func theEffectsOfTheShippedWorkflowsNameWhatExists() throws {
        let results = try Repository.loader.loadDirectory(Repository.workflows)
        let loaded = results.compactMap { url, result in result.definition.map { (file: url.path, definition: $0) } }
        #expect(EffectChecker.check(loaded).isEmpty, "\(EffectChecker.check(loaded))")
        // Without the register, the admissions' effects name nothing.
        let withoutRegister = loaded.filter { $0.definition.register == nil }
        let problems = EffectChecker.check(withoutRegister).map(\.message)
        #expect(problems.contains("effect creates unknown workflow 'register-entry'"))
    }

    @Test func evidenceNamesLoadedWorkflowsWithACommittee() throws {
        let results = try Repository.loader.loadDirectory(Repository.workflows)
        let loaded = results.compactMap { url, result in result.definition.map { (file: url.path, definition: $0) } }
        let rollout = try #require(loaded.first { $0.definition.key == "committee-rollout" }?.definition)
        #expect(rollout.evidence == ["training-record", "annual-evaluation"])
        // The JSON form (DescribeWorkflow) keeps it under the YAML's name.
        let json = try JSONEncoder().encode(rollout)
        #expect(
            String(decoding: json, as: UTF8.self).contains("\"evidence\":[\"training-record\",\"annual-evaluation\"]"))
        #expect(try JSONDecoder().decode(WorkflowDefinition.self, from: json).evidence == rollout.evidence)

        // Without the training records, or naming one without a committee, the rollout's evidence is refused.
        let withoutTraining = loaded.filter { $0.definition.key != "training-record" }
        #expect(
            EffectChecker.check(withoutTraining).map(\.message) == [
                "evidence names unknown workflow 'training-record'"
            ])
        var wrong = loaded
        let index = try #require(wrong.firstIndex { $0.definition.key == "committee-rollout" })
        wrong[index].definition.evidence = ["list-update"]
        let problems = EffectChecker.check(wrong)
        #expect(problems.map(\.message) == ["evidence names 'list-update', which has no committee field"])
        #expect(problems.first?.path == "evidence[0]")
    }

    @Test func everyShippedWorkflowLoadsWithoutDiagnostics() throws {
        let results = try Repository.loader.loadDirectory(Repository.workflows)
        #expect(results.map { $0.url.deletingPathExtension().lastPathComponent } == Self.shipped)
        for (url, result) in results {
            #expect(result.diagnostics.isEmpty, "\(url.lastPathComponent): \(result.diagnostics)")
            let definition = try #require(result.definition, "\(url.lastPathComponent)")
            #expect(definition.key == url.deletingPathExtension().lastPathComponent)
            #expect(definition.version >= 1)
            #expect(definition.states.allSatisfy { !$0.label.zh.isEmpty })
            #expect(definition.actions.allSatisfy { !$0.label.zh.isEmpty })
        }
    }

    @Test func shippedWorkflowsNeedNoParticularList() throws {
        let loader = DefinitionLoader(knownLists: [])
        for key in Self.shipped {
            let result = loader.load(contentsOf: Repository.workflows.appendingPathComponent("\(key).yaml"))
            #expect(result.diagnostics.isEmpty, "\(key): \(result.diagnostics)")
        }
    }

    @Test func everySeedFileLoadsThroughTheCatalog() throws {
        let catalog = try SeedCatalog.load(directory: Repository.seeds)
        let enumerator = try #require(FileManager.default.enumerator(atPath: Repository.seeds.path))
        let yamlFiles = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted()
        let listFiles = yamlFiles.filter { $0.hasPrefix("lists/") }
        #expect(
            Set(yamlFiles).subtracting(listFiles) == ["calendar.yaml", "committees.yaml", "document-numbers.yaml"])
        #expect(catalog.lists.lists.map { "lists/\($0.key).yaml" } == listFiles)
        #expect(!catalog.committees.isEmpty)
        #expect(catalog.committee(named: "蓝天二村")?.pilot == true)
        // Every series a shipped action files its decisions under has a pattern.
        let series = try Self.shipped.flatMap { key in
            try Repository.workflow(key).actions.compactMap(\.number)
        }
        #expect(!series.isEmpty)
        for kind in Set(series) { #expect(catalog.documentNumbers[kind] != nil, "\(kind)") }
    }
}
