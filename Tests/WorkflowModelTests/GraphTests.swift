import Foundation
import Testing

@testable import WorkflowModel

struct GraphTests {
    let plaque: WorkflowDefinition

    init() throws {
        plaque = try Repository.workflow("plaque-admission")
    }

    static func id(_ key: String) -> String { key.replacingOccurrences(of: "-", with: "_") }

    @Test func mermaidHasFrontmatterStatesAndAnEdgePerActionAndSource() {
        let mermaid = plaque.graph(.mermaid)
        #expect(mermaid.hasPrefix("---\ntitle: 标识挂牌准入\n---\nstateDiagram-v2\n"))
        let lines = Set(mermaid.split(separator: "\n").map(String.init))
        for state in plaque.states {
            #expect(lines.contains("    state \"\(state.label.zh)\" as \(Self.id(state.key))"), "\(state.key)")
        }
        #expect(lines.contains("    [*] --> office_review"))
        var edges = 0
        for action in plaque.actions {
            for from in action.from {
                // Who acts is named in words, never by role key.
                let roles = action.roles(in: from).map { $0.label().zh }.joined(separator: "、")
                let edge = "    \(Self.id(from)) --> \(Self.id(action.to)): \(action.label.zh)（\(roles)）"
                #expect(lines.contains(edge), "\(edge)")
                edges += 1
            }
        }
        #expect(mermaid.split(separator: "\n").filter { $0.contains(" --> ") && !$0.contains("[*]") }.count == edges)
        // The shared return action carries the role of each review step.
        #expect(lines.contains("    office_review --> returned: 退回修改（社区自治办）"))
        #expect(lines.contains("    street_review --> returned: 退回修改（街道办事处）"))
        for final in ["arranged", "rejected", "withdrawn"] {
            #expect(lines.contains("    \(final) --> [*]"))
        }
    }

    @Test func mermaidInEnglish() {
        let mermaid = plaque.graph(.mermaid, language: .en)
        #expect(mermaid.hasPrefix("---\ntitle: Plaque admission\n---\n"))
        #expect(mermaid.contains("state \"Approved, awaiting arrangement\" as approved"))
    }

    @Test func dotNamesEveryStateAndEdge() {
        let dot = plaque.graph(.dot)
        #expect(dot.hasPrefix("digraph \"plaque-admission\" {"))
        for state in plaque.states {
            #expect(dot.contains("\"\(state.key)\" [label=\"\(state.label.zh)\""))
        }
        #expect(dot.contains("\"arranged\" [label=\"已统筹安排\", peripheries=2];"))
        #expect(dot.contains("\"office-review\" -> \"returned\" [label=\"退回修改（社区自治办）\"];"))
    }

    static let dotPath = "/usr/bin/dot"

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: dotPath), "graphviz is not installed"),
        arguments: CatalogueTests.shipped)
    func dotIsAcceptedByGraphviz(_ key: String) throws {
        let definition = try Repository.workflow(key)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.dotPath)
        process.arguments = ["-Tsvg"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(definition.graph(.dot).utf8))
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
        #expect(!stderr.lowercased().contains("syntax error"), "\(stderr)")
    }
}
