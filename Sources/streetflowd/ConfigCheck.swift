import ArgumentParser
import Foundation
import StreetFlowEngine
import StreetFlowService
import WorkflowModel

/// `streetflowd --check-config FILE`, and the report of a config refused at start: every problem with
/// file:line:column, the YAML path and the fix, on stderr; exit status 1.
enum ConfigCheck {
    /// Checks the file, then the workflows and seeds it names; prints the verdict.
    static func run(path: String) throws {
        let settings: DaemonConfiguration
        do {
            settings = try DaemonConfiguration.load(path: path)
        } catch {
            throw ExitCode(report(error))
        }
        do {
            let catalog = try EngineCatalog.load(
                workflows: URL(fileURLWithPath: settings.workflowsDirectory),
                seeds: URL(fileURLWithPath: settings.seedsDirectory),
                calendarDirectory: URL(fileURLWithPath: settings.calendarDirectory))
            print(
                "配置有效：\(path)（工作流 \(catalog.currentDefinitions.count) 个，居委会 \(catalog.committees.count) 个）\n"
                    + "configuration is valid: \(path)")
        } catch {
            printError("配置本身有效，但它指定的工作流或基础数据有误：\n\(error)")
            throw ExitCode(1)
        }
    }

    /// Prints a refused config's problems; returns the exit status.
    static func report(_ error: ConfigurationError) -> Int32 {
        printError(
            "配置文件有误（\(error.diagnostics.count) 处），未采用 / the configuration is refused:\n\(error.description)")
        return 1
    }

    private static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
