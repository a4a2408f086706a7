import ArgumentParser
import Foundation
import WorkflowModel

@main
struct Streetflow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streetflow",
        abstract: "街道准入与达标工作流 / StreetFlow: admission and rollout workflows of the street office.",
        discussion: """
            离线命令（无需守护进程）：validate、graph、calendar。
            Offline commands (no daemon needed): validate, graph, calendar.
            """,
        subcommands: [Validate.self, Graph.self, CalendarCommand.self]
    )
}

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).")
    var lang: String?

    var language: Language {
        if let lang { return Language(localeIdentifier: lang) }
        let env = ProcessInfo.processInfo.environment
        return Language(localeIdentifier: env["LC_ALL"] ?? env["LC_MESSAGES"] ?? env["LANG"])
    }

    func say(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
}

/// Where the shipped workflows and seeds are: `./Workflows` and `./seeds` in a checkout, else the package's share dir.
enum ShareDirectory {
    static func workflows() -> URL { locate(repo: "Workflows", installed: "workflows") }
    static func seeds() -> URL { locate(repo: "seeds", installed: "seeds") }

    private static func locate(repo: String, installed: String) -> URL {
        let env = ProcessInfo.processInfo.environment
        if let share = env["STREETFLOW_SHARE"] { return URL(fileURLWithPath: share).appendingPathComponent(installed) }
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(repo)
        if FileManager.default.fileExists(atPath: local.path) { return local }
        return URL(fileURLWithPath: "/usr/share/streetflow").appendingPathComponent(installed)
    }
}

/// Exit codes of `streetflow`, documented in streetflow(1).
enum ExitStatus {
    /// EX_DATAERR: a workflow file or input is invalid.
    static let dataError: Int32 = 65
    /// EX_NOINPUT: a named file or workflow does not exist.
    static let noInput: Int32 = 66
    /// EX_UNAVAILABLE: a needed tool (e.g. Graphviz) is missing.
    static let unavailable: Int32 = 69
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
