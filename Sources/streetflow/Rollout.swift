import ArgumentParser
import Foundation
import StreetFlowClient
import StreetFlowProtocol
import Varlink
import WorkflowModel

struct Rollout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "提标增能推进 / The committee rollout.", subcommands: [Status.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "各居委会达标进度 / Every committee's rollout: phase, state, deadline, accepted or not.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console
            let committees: [Committee]
            do {
                committees = try SeedCatalog.load(directory: ShareDirectory.seeds()).committees
            } catch {
                throw CLIFailure(
                    message: console.say(
                        "无法读取居委会名单 \(ShareDirectory.seeds().path)：\(error)",
                        "cannot read the committees in \(ShareDirectory.seeds().path): \(error)"),
                    status: ExitStatus.noInput)
            }
            // The deadline is the end of the phase (the phase field's `ends` in the shipped definition).
            let rollout = DefinitionLoader().load(
                contentsOf: ShareDirectory.workflows().appendingPathComponent("committee-rollout.yaml")
            ).definition
            let phaseEnds = Dictionary(
                (rollout?.field("phase")?.values ?? []).compactMap { value in value.ends.map { (value.key, "\($0)") } },
                uniquingKeysWith: { a, _ in a })
            try await global.withClient { client in
                var instances: [Workflow.Instance] = []
                var cursor: String?
                repeat {
                    let page = try await client.workflow.list(workflow: "committee-rollout", cursor: cursor, limit: 200)
                    instances += page.instances
                    cursor = page.nextCursor
                } while cursor != nil
                // Newest first: the first instance per committee is its current one.
                var current: [String: Workflow.Instance] = [:]
                for instance in instances where current[instance.committee ?? ""] == nil {
                    current[instance.committee ?? ""] = instance
                }
                var rows: [[String]] = []
                var json: [JSONValue] = []
                var accepted = 0
                var started = 0
                for committee in committees {
                    let instance = current[committee.name]
                    let isAccepted = instance?.state == "accepted"
                    if isAccepted { accepted += 1 }
                    if instance != nil { started += 1 }
                    let phase = instance?.subject["phase"]?.stringValue ?? committee.rolloutPhase
                    let due =
                        instance?.subject["due"]?.stringValue ?? (instance.flatMap { _ in phaseEnds[phase] } ?? "")
                    json.append(
                        .object([
                            "committee": .string(committee.name), "phase": .string(phase),
                            "programme": .bool(committee.programme),
                            "instance": instance.map { .string($0.id) } ?? .null,
                            "state": instance.map { .string($0.state) } ?? .null,
                            "due": due.isEmpty ? .null : .string(due),
                            "accepted": .bool(isAccepted),
                        ]))
                    rows.append([
                        committee.name, phaseName(phase, console: console), instance?.id ?? "-",
                        instance.map { console.text($0.stateLabel) }
                            ?? (committee.programme
                                ? console.say("未启动", "not started") : console.say("不参加", "not in programme")),
                        due, isAccepted ? console.styled(console.say("是", "yes"), .green) : console.say("否", "no"),
                    ])
                }
                if console.json {
                    console.printJSON(.object(["committees": .array(json)]))
                    return
                }
                print(
                    console.table(
                        [
                            console.say("居委会", "Committee"), console.say("阶段", "Phase"), console.say("编号", "ID"),
                            console.say("环节", "State"), console.say("期限", "Due"), console.say("达标", "Accepted"),
                        ], rows))
                print(
                    console.say(
                        "共 \(committees.count) 个居委会：已启动 \(started)，已达标 \(accepted)",
                        "\(committees.count) committees: \(started) started, \(accepted) accepted"))
            }
        }

        private func phaseName(_ phase: String, console: Console) -> String {
            switch phase {
            case "pilot": return console.say("前期试点", "pilot")
            case "full": return console.say("全面实施", "full")
            case "improvement": return console.say("完善提升", "improvement")
            case "none": return console.say("—", "—")
            default: return phase
            }
        }
    }
}
