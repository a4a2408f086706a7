import Foundation
import Testing

@testable import WorkflowModel

/// Everything the product ships loads cleanly.
struct CatalogueTests {
    static let shipped = [
        "admission-revocation", "board-admission", "committee-rollout", "plaque-admission", "street-programme",
        "task-admission",
    ]

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
        #expect(Set(yamlFiles).subtracting(listFiles) == ["calendar.yaml", "committees.yaml"])
        #expect(catalog.lists.lists.map { "lists/\($0.key).yaml" } == listFiles)
        #expect(!catalog.committees.isEmpty)
        #expect(catalog.committee(named: "蓝天二村")?.pilot == true)
    }
}
