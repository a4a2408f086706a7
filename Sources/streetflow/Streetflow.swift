import ArgumentParser
import Foundation
import StreetFlowClient
import StreetFlowProtocol
import Varlink
import WorkflowModel

@main
struct Streetflow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streetflow",
        abstract: "街道准入与达标工作流 / StreetFlow: admission and rollout workflows of the street office.",
        discussion: """
            与 streetflowd 通过 Varlink 通信；套接字依次取 --socket、STREETFLOW_SOCKET、./.streetflow/io.streetflow.sock \
            和 /run/streetflow/io.streetflow.sock。离线命令（无需守护进程）：validate、graph、calendar。
            Talks Varlink to streetflowd; the socket is --socket, then STREETFLOW_SOCKET, then \
            ./.streetflow/io.streetflow.sock, then /run/streetflow/io.streetflow.sock. Offline commands (no daemon \
            needed): validate, graph, calendar.

            退出码：0 成功，1 其他错误，2 用法错误，3 不存在，4 无权限，5 版本冲突，6 当前不允许，65 输入无效，\
            66 文件不存在，69 守护进程不可用，74 存储失败。
            Exit status: 0 ok, 1 other error, 2 usage, 3 not found, 4 permission denied, 5 conflict, 6 not allowed, \
            65 invalid input, 66 no input file, 69 daemon unavailable, 74 storage failure.
            """,
        version: StreetFlowVersion.current,
        subcommands: [
            Submit.self, Show.self, ListCommand.self, QueueCommand.self, Act.self, ActionsCommand.self, ActionVerb.self,
            InboxCommand.self, UrgeCommand.self, CommentCommand.self, AttachCommand.self, AttachmentsCommand.self,
            AttachmentCommand.self,
            AssignCommand.self, Watch.self, WorkflowsCommand.self, Describe.self, Graph.self,
            Validate.self, Lists.self, Register.self, Rollout.self, Audit.self, Status.self, Export.self,
            AdminCommand.self,
            WhoAmI.self, CalendarCommand.self, ReportCommand.self, PrintCommand.self,
        ]
    )

    /// Parses, runs, and turns every failure into one sentence and a documented exit status.
    static func main() async {
        let console = Console(arguments: CommandLine.arguments)
        do {
            var command = try parseAsRoot(Verbs.rewrite(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(with: error, console: console)
        }
    }

    static func exit(with error: any Error, console: Console) -> Never {
        switch error {
        case is StreetFlowClientError, is VarlinkError, is VarlinkClientError, is any VarlinkTypedError:
            let error = StreetFlowClientError(error)
            let report = ErrorReport(error, language: console.language)
            console.printError(report.sentence, console.language == .zh ? "错误" : "error")
            if console.json {
                console.printJSON(.object(["error": .string(error.name), "parameters": .object(error.parameters)]))
            }
            Foundation.exit(report.status)
        case let error as CLIFailure:
            console.printError(error.message, console.language == .zh ? "错误" : "error")
            Foundation.exit(error.status)
        default:
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version: the help's own headings and built-in lines in the user's language.
                print(ParserMessages.translateHelp(fullMessage(for: error), language: console.language))
                Foundation.exit(0)
            }
            if code == .validationFailure {
                let message = ParserMessages.translate(fullMessage(for: error), language: console.language)
                writeError(message + "\n")
                Foundation.exit(ExitStatus.usage)
            }
            self.exit(withError: error)
        }
    }
}

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).")
    var lang: InterfaceLanguage?

    @Flag(name: .long, help: "输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).")
    var json = false

    @Option(name: .long, help: "守护进程套接字 / The daemon's socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).")
    var socket: String?

    var language: Language {
        if let lang { return lang.language }
        let env = ProcessInfo.processInfo.environment
        return Language(localeIdentifier: env["LC_ALL"] ?? env["LC_MESSAGES"] ?? env["LANG"])
    }

    func say(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    var console: Console { Console(language: language, json: json) }

    /// Connects, runs `body`, and closes the connection.
    func withClient<T>(_ body: (StreetFlowClient) async throws -> T) async throws -> T {
        let client = try await StreetFlowClient.connect(socketPath: SocketDiscovery.resolve(explicit: socket))
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }
}

/// A failure the CLI itself detected: one sentence and an exit status.
struct CLIFailure: Error {
    var message: String
    var status: Int32
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
    /// Any other failure.
    static let failure: Int32 = 1
    /// The command line is wrong.
    static let usage: Int32 = 2
    /// No such request, workflow or user.
    static let notFound: Int32 = 3
    /// The caller lacks the role.
    static let permissionDenied: Int32 = 4
    /// The request changed since the caller looked, or the caller already signed.
    static let conflict: Int32 = 5
    /// The action is not possible in this state, or a guard did not hold.
    static let notAllowed: Int32 = 6
    /// EX_DATAERR: a workflow file or input is invalid.
    static let dataError: Int32 = 65
    /// EX_NOINPUT: a named file or workflow does not exist.
    static let noInput: Int32 = 66
    /// EX_UNAVAILABLE: the daemon or a needed tool (e.g. Graphviz) is missing.
    static let unavailable: Int32 = 69
    /// EX_IOERR: the daemon's store failed.
    static let storage: Int32 = 74
}

func printError(_ text: String) {
    writeError((text + "\n"))
}

/// `--lang`: `zh` or `en`, or a locale naming one (`zh_CN.UTF-8`, `en_US`); anything else is refused by name
/// rather than quietly taken for English.
enum InterfaceLanguage: String, ExpressibleByArgument, CaseIterable {
    case zh
    case en

    init?(argument: String) {
        let lower = argument.lowercased()
        if lower.hasPrefix("zh") {
            self = .zh
        } else if lower.hasPrefix("en") || lower == "c" || lower == "posix" || lower.hasPrefix("c.") {
            self = .en
        } else {
            return nil
        }
    }

    var language: Language { self == .zh ? .zh : .en }
}
