import Foundation
import Testing

@testable import WorkflowModel

/// Paths and shared data of the repository the tests run in, located from this file.
enum Repository {
    /// The repository root (this file is `Tests/WorkflowModelTests/Support/Repository.swift`).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The shipped workflows.
    static let workflows = root.appendingPathComponent("Workflows", isDirectory: true)
    /// The shipped seed data.
    static let seeds = root.appendingPathComponent("seeds", isDirectory: true)
    /// The test fixtures.
    static let fixtures = root.appendingPathComponent("Tests/Fixtures", isDirectory: true)

    /// The shipped seed catalog (calendar, committees, reference lists).
    static let catalog: SeedCatalog = {
        do {
            return try SeedCatalog.load(directory: seeds)
        } catch {
            fatalError("the shipped seeds do not load: \(error)")
        }
    }()

    /// A loader that knows the shipped reference lists.
    static var loader: DefinitionLoader {
        DefinitionLoader(knownLists: Set(catalog.lists.lists.map(\.key)))
    }

    /// Loads a shipped workflow by key, recording an issue for every diagnostic.
    static func workflow(_ key: String) throws -> WorkflowDefinition {
        let result = loader.load(contentsOf: workflows.appendingPathComponent("\(key).yaml"))
        for diagnostic in result.diagnostics {
            Issue.record("\(diagnostic)")
        }
        return try #require(result.definition)
    }

    /// Loads a definition from YAML text written in a test.
    static func definition(yaml: String, file: String = "test.yaml") throws -> WorkflowDefinition {
        let result = DefinitionLoader().load(yaml: yaml, file: file)
        for diagnostic in result.diagnostics {
            Issue.record("\(diagnostic)")
        }
        return try #require(result.definition)
    }
}
