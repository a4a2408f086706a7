import ArgumentParser
import Foundation
import WorkflowModel

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "画出工作流状态图 / Draw a workflow's state diagram.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case mermaid, dot, svg
    }

    @Argument(help: "工作流名称或文件 / Workflow key or file.")
    var workflow: String

    @Option(help: "mermaid | dot | svg（svg 需要 Graphviz）/ svg needs Graphviz.")
    var format: Format = .mermaid

    @OptionGroup var global: GlobalOptions

    /// Diagrams show the Chinese labels unless `--lang en` is given.
    var graphLanguage: Language { global.lang?.language ?? .zh }

    func run() throws {
        let definition = try loadDefinition(workflow, global: global)
        switch format {
        case .mermaid: print(definition.graph(.mermaid, language: graphLanguage), terminator: "")
        case .dot: print(definition.graph(.dot, language: graphLanguage), terminator: "")
        case .svg:
            guard let dot = ["/usr/bin/dot", "/usr/local/bin/dot"].first(where: FileManager.default.isExecutableFile)
            else {
                printError(
                    global.say(
                        "未安装 Graphviz，无法生成 SVG：请执行 apt-get install graphviz，或改用 --format dot/mermaid",
                        "Graphviz is not installed, so no SVG: apt-get install graphviz, or use --format dot/mermaid"))
                throw ExitCode(ExitStatus.unavailable)
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: dot)
            process.arguments = ["-Tsvg"]
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(Data(definition.graph(.dot, language: graphLanguage).utf8))
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
        }
    }
}

/// Loads a shipped workflow by key, or a definition file by path; exits with a clear message otherwise.
func loadDefinition(_ name: String, global: GlobalOptions) throws -> WorkflowDefinition {
    let loader = DefinitionLoader()
    let result: DefinitionLoader.Result
    if FileManager.default.fileExists(atPath: name) {
        result = loader.load(contentsOf: URL(fileURLWithPath: name))
    } else {
        let all = (try? loader.loadDirectory(ShareDirectory.workflows())) ?? []
        let matches = all.compactMap(\.result.definition).filter { $0.key == name }
        guard let newest = matches.max(by: { $0.version < $1.version }) else {
            let known = all.compactMap(\.result.definition?.key).joined(separator: ", ")
            printError(global.say("没有名为「\(name)」的工作流；可用：\(known)", "no workflow named '\(name)'; known: \(known)"))
            throw ExitCode(ExitStatus.noInput)
        }
        return newest
    }
    guard let definition = result.definition else {
        for diagnostic in result.diagnostics { printError(diagnostic.description) }
        throw ExitCode(ExitStatus.dataError)
    }
    return definition
}
