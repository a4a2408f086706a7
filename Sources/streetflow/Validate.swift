import ArgumentParser
import Foundation
import WorkflowModel

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "检查工作流定义文件 / Check workflow definition files.",
        discussion:
            "全部有效时退出码 0；否则列出错误（文件:行:列）并以 65 退出。/ Exit 0 when all are valid; otherwise print the errors (file:line:column) and exit 65."
    )

    @Argument(help: "文件或目录（默认：已安装的工作流）/ Files or directories (default: the shipped workflows).")
    var paths: [String] = []

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let lists = try? SeedCatalog.load(directory: ShareDirectory.seeds()).lists
        let loader = DefinitionLoader(knownLists: lists.map { Set($0.lists.map(\.key)) })
        let targets = paths.isEmpty ? [ShareDirectory.workflows().path] : paths
        var results: [(URL, DefinitionLoader.Result)] = []
        for path in targets {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                printError(global.say("找不到文件或目录：\(path)", "no such file or directory: \(path)"))
                throw ExitCode(ExitStatus.noInput)
            }
            if isDirectory.boolValue {
                results += try loader.loadDirectory(URL(fileURLWithPath: path)).map { ($0.url, $0.result) }
            } else {
                let url = URL(fileURLWithPath: path)
                results.append((url, loader.load(contentsOf: url)))
            }
        }
        var failed = 0
        var keys: [String: String] = [:]
        for (url, result) in results {
            if let d = result.definition {
                let id = "\(d.key)@\(d.version)"
                if let other = keys[id] {
                    printError(
                        "\(url.path):1:1: error: \(id) is also defined in \(other) [duplicate-workflow] — give each version its own number"
                    )
                    failed += 1
                    continue
                }
                keys[id] = url.path
                print(
                    global.say(
                        "有效  \(url.path)  \(d.key) v\(d.version)「\(d.title.zh)」",
                        "valid  \(url.path)  \(d.key) v\(d.version) \"\(d.title.text(.en))\""))
            } else {
                failed += 1
                for diagnostic in result.diagnostics { printError(diagnostic.description) }
            }
        }
        // Effects name other workflows: check them against the whole set, when a directory (a set) is given.
        let loaded = results.compactMap { url, result in result.definition.map { (file: url.path, definition: $0) } }
        let wholeSet = targets.contains { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        for diagnostic in wholeSet ? EffectChecker.check(loaded) : [] {
            printError(diagnostic.description)
            failed += 1
        }
        if failed > 0 {
            printError(global.say("\(failed) 个文件有错误", "\(failed) file(s) with errors"))
            throw ExitCode(ExitStatus.dataError)
        }
    }
}
